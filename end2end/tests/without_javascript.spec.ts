import { expect, test } from "@playwright/test";
import { messages, say, signIn, signUp, uniqueName } from "./people";

test.use({ javaScriptEnabled: false });

test("without JavaScript a person signs in, posts, and sees the message after the redirect", async ({ page }) => {
  const username = await signUp(page, "erin", "えりん");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);

  await page.goto("/rooms/general");
  await expect(page).toHaveURL(/\/signin\?next=/);
  await signIn(page, username);
  await expect(page).toHaveURL(/\/rooms\/general$/);

  const text = `${uniqueName("plain")} 今日の会話は楽しい`;
  await say(page, text);
  await expect(page).toHaveURL(/\/rooms\/general$/);
  await expect(messages(page, text)).toHaveCount(1);
  await expect(messages(page, text)).toContainText("えりん");
  await expect(messages(page, text).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  await expect(messages(page, text).locator("time")).toHaveText(/^\d{1,2}:\d\d [AP]M UTC$/);
});

test("without JavaScript a blank message gets an error on the page and nothing is posted", async ({ page }) => {
  await signUp(page, "fumi");
  const before = await messages(page).count();
  await say(page, "   ");
  await expect(page.getByRole("alert")).toHaveText("Type a message first.");
  await expect(messages(page)).toHaveCount(before);
});
