import { expect, request, test } from "@playwright/test";
import { createRoom, joinKaiwa, uniqueName } from "./people";
import { PORT } from "../playwright.config";

test("the web app manifest names the app, starts at / and has real icons", async ({ page }) => {
  await page.goto("/signin");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const api = await request.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  const response = await api.get(href!);
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ short_name: "kaiwa", start_url: "/", display: "standalone" });
  const pngs = manifest.icons.filter((i: { type: string }) => i.type === "image/png");
  expect(pngs.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(pngs.some((i: { purpose: string }) => i.purpose === "maskable")).toBe(true);
  for (const icon of pngs) {
    const image = await api.get(icon.src);
    expect(image.headers()["content-type"]).toBe("image/png");
    const bytes = await image.body();
    // The PNG header's width and height match what the manifest says.
    const [w, h] = icon.sizes.split("x").map(Number);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([w, h]);
  }
  await api.dispose();
});

for (const javaScriptEnabled of [true, false]) {
  test(`the app opens to the room the reader had open last (${javaScriptEnabled ? "hydrated" : "without JavaScript"})`, async ({ browser }) => {
    const person = await joinKaiwa(browser, "returning", javaScriptEnabled);
    const path = await createRoom(person.page, uniqueName("Kanji"), "Public");
    await person.page.goto("/");
    await expect(person.page).toHaveURL(new RegExp(`${path}$`));
    await person.page.goto("/rooms/general");
    await person.page.goto("/");
    await expect(person.page).toHaveURL(/\/rooms\/general$/);
    await person.context.close();
  });
}
