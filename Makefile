# kaiwa: the two commands a newcomer needs.
#   make run    install what is missing, build a release, serve http://127.0.0.1:3000 on ./data/kaiwa.db
#   make test   install what is missing (including Chromium), run every Rust and browser test
SHELL := /bin/bash
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CURDIR)/.tools/node_modules/.bin:$(PATH)

.PHONY: run test setup watch screenshots

run:
	scripts/setup.sh
	scripts/build.sh
	target/release/kaiwa $(ARGS)

test:
	scripts/setup.sh --tests
	scripts/test.sh

setup:
	scripts/setup.sh --tests

# Development: rebuilds and reloads the browser on every change.
watch:
	scripts/setup.sh
	cargo leptos watch

# The README's screenshots (docs/screenshots/), from a fresh release build.
screenshots:
	scripts/setup.sh --tests
	scripts/build.sh
	cd end2end && SCREENSHOT_DIR=$(CURDIR)/docs/screenshots PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test screenshots
