// The README's screenshots: the same conversation in English and Japanese, light and dark.
// `make screenshots` writes them to docs/screenshots/; a plain test run writes them under
// test-results/, so this script is exercised on every run and cannot rot.
import { expect, test, type Browser } from "@playwright/test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createRoom, say, signUp, waitUntilLive } from "./people";
import { PORT } from "../playwright.config";

const BASE = `http://127.0.0.1:${PORT}`;

/** Someone with a display name of their own, in a browser of their own. */
async function person(browser: Browser, name: string, displayName: string) {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  const username = await signUp(page, name, displayName);
  return { context, page, username };
}

test("screenshots of a room in both languages and both themes", async ({ browser }, testInfo) => {
  const hanako = await person(browser, "hanako", "山田 花子");
  const taro = await person(browser, "taro", "Taro Suzuki");
  const path = await createRoom(hanako.page, "日本語の勉強会", "Public");
  await hanako.page.getByLabel("Invite by username").fill(taro.username);
  await hanako.page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(hanako.page.getByRole("complementary").getByRole("link", { name: "Taro Suzuki", exact: true })).toBeVisible();
  await taro.page.goto(path);
  await waitUntilLive(taro.page);
  await hanako.page.goto(path);
  await say(hanako.page, "こんばんは！今日は **敬語** の練習をしましょう。");
  await say(taro.page, `@${hanako.username} よろしくお願いします。First question: when do I use 「いらっしゃる」?`);
  await say(hanako.page, "目上の人が「来る」「いる」「行く」ときです。例えば：\n\n> 先生はいらっしゃいますか？");
  await say(taro.page, "```python\nprint(\"いらっしゃいませ\")\n```");
  await hanako.page.getByRole("log").getByRole("article").last().getByRole("link", { name: /React to message/ }).click();
  await hanako.page.getByRole("button", { name: "React with 🎉" }).click();
  await hanako.context.close();
  await taro.page.goto(path); // read, so no "unread from here" marker

  const dir = process.env.SCREENSHOT_DIR ?? testInfo.outputPath();
  for (const [lang, locale] of [["en", "en-US"], ["ja", "ja-JP"]]) {
    for (const theme of ["light", "dark"] as const) {
      const context = await browser.newContext({
        baseURL: BASE,
        locale,
        timezoneId: "Asia/Tokyo",
        colorScheme: theme,
        viewport: { width: 1280, height: 760 },
      });
      await context.addCookies(await taro.context.cookies());
      const page = await context.newPage();
      await page.goto(path);
      await expect(page.getByRole("status")).toHaveText(lang === "ja" ? "リアルタイム" : "Live");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      const file = join(dir, `room-${lang}-${theme}.png`);
      await page.screenshot({ path: file });
      expect(existsSync(file)).toBe(true);
      await context.close();
    }
  }
  await taro.context.close();
});
