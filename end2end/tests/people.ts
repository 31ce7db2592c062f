// Helpers that read like what a person does.
import { expect, type Browser, type Page } from "@playwright/test";
import { ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { PORT } from "../playwright.config";

let counter = 0;
/** A unique, valid username for this run, e.g. `alice_k3x9_1`. */
export function uniqueName(name: string): string {
  counter += 1;
  return `${name}_${Date.now().toString(36).slice(-4)}${counter}`;
}

export async function signUp(page: Page, name: string, displayName = name): Promise<string> {
  const username = uniqueName(name);
  await page.goto("/signup");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByLabel("Password", { exact: true }).fill("password-123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/rooms\/general$/);
  return username;
}

export async function signIn(page: Page, username: string, password = "password-123") {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export function messageLog(page: Page) {
  return page.getByRole("log");
}

export function messages(page: Page, containing?: string | RegExp) {
  const all = messageLog(page).getByRole("article");
  return containing === undefined ? all : all.filter({ hasText: containing });
}

/** Waits until the hydrated page's live connection is up. */
export async function waitUntilLive(page: Page) {
  await expect(page.getByRole("status")).toHaveText("Live");
}

export async function say(page: Page, text: string) {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

/** A person in a browser context of their own (with or without JavaScript). */
export async function newPerson(browser: Browser, javaScriptEnabled = true, baseURL = `http://127.0.0.1:${PORT}`) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL });
  return { context, page: await context.newPage() };
}

/** A kaiwa server of the test's own, which it may stop and start again on the same data. */
export class OwnServer {
  private process?: ChildProcess;
  constructor(readonly port: number, readonly dataDir: string, readonly flags: string[] = []) {
    rmSync(dataDir, { recursive: true, force: true });
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    const args = ["--addr", `127.0.0.1:${this.port}`, "--data-dir", this.dataDir, ...this.flags];
    this.process = spawn("../target/release/kaiwa", args, {
      env: { ...process.env, LEPTOS_SITE_ROOT: "../target/site", RUST_LOG: "warn" },
      stdio: "inherit",
    });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`kaiwa did not start on ${this.url}`);
  }

  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

/** Signs up someone whose display name is their (unique) username, so lists tell them apart. */
export async function joinKaiwa(browser: Browser, name: string, javaScriptEnabled = true) {
  const person = await newPerson(browser, javaScriptEnabled);
  const username = uniqueName(name);
  await person.page.goto("/signup");
  await person.page.getByLabel("Username").fill(username);
  await person.page.getByLabel("Display name").fill(username);
  await person.page.getByLabel("Password", { exact: true }).fill("password-123");
  await person.page.getByRole("button", { name: "Create account" }).click();
  await expect(person.page).toHaveURL(/\/rooms\/general$/);
  return { ...person, username };
}

export async function createRoom(page: Page, name: string, visibility: "Public" | "Private") {
  await page.goto("/rooms");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(new RegExp(`^\\s*${visibility}:`)).check();
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  return new URL(page.url()).pathname;
}

export async function invite(page: Page, username: string) {
  await page.getByLabel("Invite by username").fill(username);
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(members(page).getByRole("link", { name: username, exact: true })).toBeVisible();
}

export function members(page: Page) {
  return page.getByRole("complementary", { name: /Members/ });
}

export function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Your rooms" });
}

/** `count` messages in the room at `path`, posted through the JSON API as the page's person. */
export async function postMany(page: Page, path: string, count: number, text: string) {
  const slug = path.split("/").pop();
  const run = Date.now().toString(36);
  for (let i = 1; i <= count; i++) {
    const response = await page.request.post(`/api/v1/rooms/${slug}/messages`, {
      data: { client_id: `many-${run}-${i}`, body: `${text} ${i}` },
    });
    expect(response.status()).toBe(201);
  }
}
