import { expect, test, type Page } from "@playwright/test";
import { messages, signUp, uniqueName, waitUntilLive } from "./people";

/** A slow network: every post takes `ms` to reach the server. */
async function slowPosts(page: Page, ms: number) {
  await page.route("**/api/post_message", async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

test("typing on after Enter keeps every word while messages are on their way", async ({ page }) => {
  await signUp(page, "kana");
  await waitUntilLive(page);
  await slowPosts(page, 400);
  const tag = uniqueName("typing");
  const box = page.getByLabel("Message", { exact: true });
  await box.click();
  // Two messages sent back to back, the second before the first has arrived, then more typing.
  await page.keyboard.type(`${tag} one`);
  await page.keyboard.press("Enter");
  await page.keyboard.type(`${tag} two`);
  await page.keyboard.press("Enter");
  await page.keyboard.type("still typing");
  await expect(box).toHaveValue("still typing");
  await expect(page.getByRole("list", { name: "Not yet sent" })).toContainText("Sending…");

  // Both arrive, once each and in the order sent; what was typed meanwhile is untouched, and
  // the caret is still at its end.
  await expect(messages(page, tag)).toHaveText([new RegExp(`${tag} one`), new RegExp(`${tag} two`)]);
  await expect(page.getByRole("list", { name: "Not yet sent" })).toHaveCount(0);
  await expect(box).toHaveValue("still typing");
  await page.keyboard.type(", and more");
  await expect(box).toHaveValue("still typing, and more");
  await page.reload();
  await expect(messages(page, tag)).toHaveCount(2);
});

test("a message the network lost waits to be sent again, and is stored once", async ({ page }) => {
  await signUp(page, "ren");
  await waitUntilLive(page);
  const tag = uniqueName("lost");
  let failed = false;
  await page.route("**/api/post_message", async (route) => {
    if (!failed) {
      failed = true;
      await route.abort("internetdisconnected");
    } else {
      await route.continue();
    }
  });
  const box = page.getByLabel("Message", { exact: true });
  await box.fill(`${tag} 届くかな`);
  await box.press("Enter");
  const waiting = page.getByRole("list", { name: "Not yet sent" });
  await expect(waiting).toContainText(`${tag} 届くかな`);
  await expect(waiting.getByRole("alert")).toContainText("Not sent");
  await expect(box).toHaveValue("");

  await waiting.getByRole("button", { name: "Send again" }).click();
  await expect(messages(page, tag)).toHaveCount(1);
  await expect(waiting).toHaveCount(0);
  await page.reload();
  await expect(messages(page, tag)).toHaveCount(1);
});

test("a refused message can be taken back into the box to edit", async ({ page }) => {
  await signUp(page, "sora");
  await waitUntilLive(page);
  const tag = uniqueName("back");
  await page.route("**/api/post_message", (route) => route.abort("internetdisconnected"));
  const box = page.getByLabel("Message", { exact: true });
  await box.fill(`${tag} 下書き`);
  await box.press("Enter");
  await box.fill("typed since");
  const waiting = page.getByRole("list", { name: "Not yet sent" });
  await waiting.getByRole("button", { name: "Edit" }).click();
  await expect(box).toHaveValue(`typed since\n${tag} 下書き`);
  await expect(waiting).toHaveCount(0);
});
