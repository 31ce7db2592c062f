// The weight gate: what a first visit downloads is compressed, cached for good and within its
// budget. Budgets are what the browser receives (brotli), for the release build.
import { expect, request, test, type Page } from "@playwright/test";
import { joinKaiwa, waitUntilLive } from "./people";
import { PORT } from "../playwright.config";

/// The browser bundle's budget, brotli. Issue 18's target is 300 KB. Islands took the bundle
/// from 616 KB to about 350 KB; this gate holds that line until the bundle gets to 300 KB.
const WASM_BROTLI_BUDGET = 360_000;
const IMMUTABLE = "public, max-age=31536000, immutable";

/** The `/pkg/` files a page fetches from when it starts loading until it has settled. */
function pkgRequests(page: Page): Set<string> {
  const assets = new Set<string>();
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/pkg/")) assets.add(path);
  });
  return assets;
}

test("every pkg file a room page loads is hashed, immutable and compressed, and the wasm is within budget", async ({ browser }) => {
  // A first visit: signed in, with nothing cached yet.
  const person = await joinKaiwa(browser, "weight");
  const visit = await browser.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  await visit.addCookies(await person.context.cookies());
  await person.context.close();
  const page = await visit.newPage();
  const fetched = pkgRequests(page);
  await page.goto("/rooms/general");
  await waitUntilLive(page); // the island is running: its code has arrived
  const assets = [...fetched];
  const kinds = assets.map((a) => a.split(".").pop());
  expect(kinds).toEqual(expect.arrayContaining(["css", "js", "wasm"]));
  await visit.close();

  const api = await request.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  for (const asset of assets) {
    // A content hash in the name, e.g. kaiwa.3f9a….wasm.
    expect(asset, "a hashed name").toMatch(/\/pkg\/[\w-]+\.[\w-]{8,}\.(css|js|wasm)$/);
    for (const encoding of ["br", "gzip"]) {
      const response = await api.get(asset, { headers: { "accept-encoding": encoding } });
      expect(response.status(), asset).toBe(200);
      const headers = response.headers();
      expect(headers["content-encoding"], `${asset} with ${encoding}`).toBe(encoding);
      expect(headers["vary"]?.toLowerCase(), asset).toContain("accept-encoding");
      expect(headers["cache-control"], asset).toBe(IMMUTABLE);
      if (encoding === "br" && asset.endsWith(".wasm")) {
        const onTheWire = Number(headers["content-length"]);
        expect(onTheWire, "kaiwa.wasm brotli bytes").toBeGreaterThan(0);
        expect(onTheWire, "kaiwa.wasm brotli bytes").toBeLessThanOrEqual(WASM_BROTLI_BUDGET);
      }
    }
    // A client that takes no encoding still gets the file, uncompressed.
    const plain = await api.get(asset, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers()["content-encoding"]).toBeUndefined();
  }
  await api.dispose();
});

test("a page without an island (sign-in) fetches no code, only its stylesheet", async ({ page }) => {
  const fetched = pkgRequests(page);
  await page.goto("/signin");
  await page.waitForLoadState("networkidle");
  // The loader runs when the browser is idle; give it that moment.
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 200))));
  expect([...fetched].map((a) => a.split(".").pop())).toEqual(["css"]);
});

test("pages are compressed and asked for again; a page showing a new token is neither kept nor compressed", async ({ browser }) => {
  const api = await request.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  const signIn = await api.get("/signin", { headers: { "accept-encoding": "br" } });
  expect(signIn.headers()["content-encoding"]).toBe("br");
  expect(signIn.headers()["cache-control"]).toBe("private, no-cache");
  const icon = await api.get("/icons/icon-192.png");
  expect(icon.headers()["cache-control"]).toBe("public, max-age=86400");
  await api.dispose();

  // Without JavaScript the token comes back on the settings page after the form's redirect.
  const person = await joinKaiwa(browser, "weigher", false);
  const page = person.page;
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("weight gate");
  const shown = page.waitForResponse((r) => new URL(r.url()).pathname === "/settings" && r.request().method() === "GET");
  await page.getByRole("button", { name: "Create token" }).click();
  const response = await shown;
  const headers = response.headers();
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["content-encoding"]).toBeUndefined();
  await expect(page.getByLabel(/Your new token/)).not.toHaveValue("");
  await person.context.close();
});
