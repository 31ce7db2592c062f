import { expect, test, type Browser } from "@playwright/test";
import { englishWordsOn } from "./words";
import { uniqueName } from "./people";
import { PORT } from "../playwright.config";

/** Someone whose browser prefers Japanese, signed up through the Japanese pages. */
async function japaneseReader(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({
    javaScriptEnabled,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    baseURL: `http://127.0.0.1:${PORT}`,
  });
  const page = await context.newPage();
  const username = uniqueName("yamada");
  await page.goto("/signup");
  await page.getByLabel("ユーザー名").fill(username);
  await page.getByLabel("表示名").fill("山田花子");
  await page.getByLabel("パスワード", { exact: true }).fill("password-123");
  await page.getByRole("button", { name: "アカウントを作成" }).click();
  await expect(page).toHaveURL(/\/rooms\/general$/);
  return { context, page, username };
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "hydrated" : "without JavaScript";

  test(`the Japanese interface has no English left on the main pages (${how})`, async ({ browser }) => {
    const visitor = await browser.newContext({ javaScriptEnabled, locale: "ja-JP", baseURL: `http://127.0.0.1:${PORT}` });
    const page = await visitor.newPage();
    for (const path of ["/signin", "/signup", "/nowhere"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "ja");
      expect(await englishWordsOn(page, []), path).toEqual([]);
    }
    await visitor.close();

    const { context, page: reader, username } = await japaneseReader(browser, javaScriptEnabled);
    const room = `勉強会${uniqueName("r").slice(1)}`;
    await reader.goto("/rooms");
    await reader.getByLabel("名前").fill(room);
    await reader.getByLabel(/^\s*公開：/).check();
    await reader.getByRole("button", { name: "ルームを作成" }).click();
    await expect(reader.getByRole("heading", { level: 1 })).toContainText(room);
    const roomPath = new URL(reader.url()).pathname;
    if (javaScriptEnabled) await expect(reader.getByRole("status")).toHaveText("リアルタイム");
    const said = `明日の勉強会は${Date.now() % 100000}番教室です`;
    await reader.getByLabel("メッセージ", { exact: true }).fill(said);
    await reader.getByRole("button", { name: "送信" }).click();
    await expect(reader.getByRole("log").getByRole("article")).toHaveCount(1);

    // Search results name a room by its address (the ASCII of its name, or "room").
    const userContent = [username, room, roomPath, roomPath.split("/").pop()!];
    for (const path of [roomPath, "/rooms/general", "/rooms", "/settings", `/people/${username}`, `/search?q=${encodeURIComponent(said.slice(3, 12))}`, "/search?q=見つからない言葉"]) {
      await reader.goto(path);
      await expect(reader.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await englishWordsOn(reader, userContent), path).toEqual([]);
    }
    await context.close();
  });

  test(`a reader's language setting wins over the browser's (${how})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, locale: "en-US", baseURL: `http://127.0.0.1:${PORT}` });
    const page = await context.newPage();
    await page.goto("/signin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to kaiwa");
    // A visitor picks Japanese on the sign-in page, for this browser.
    await page.getByLabel("Language").selectOption("ja");
    await page.getByRole("button", { name: "Change language" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("kaiwa にログイン");
    await expect(page).toHaveURL(/\/signin$/);

    // Back to automatic, the English browser's language returns.
    await page.getByLabel("言語").selectOption("auto");
    await page.getByRole("button", { name: "言語を切り替え" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to kaiwa");
    await context.close();
  });
}

test("times are local, relative ones count in Japanese, and hydration keeps what the server said", async ({ browser }) => {
  const { context, page } = await japaneseReader(browser, true);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /hydrat/i.test(m.text())) errors.push(m.text());
  });
  await expect(page.getByRole("status")).toHaveText("リアルタイム");
  await page.getByLabel("メッセージ", { exact: true }).fill("時刻のテスト");
  await page.getByRole("button", { name: "送信" }).click();
  const time = page.getByRole("log").getByRole("article").filter({ hasText: "時刻のテスト" }).locator("time");
  // Tokyo has no daylight saving: its wall clock is UTC + 9 hours, with no "UTC" mark.
  const datetime = await time.getAttribute("datetime");
  const tokyo = new Date(Date.parse(datetime!) + 9 * 3600_000);
  const expected = `${tokyo.getUTCHours()}:${String(tokyo.getUTCMinutes()).padStart(2, "0")}`;
  await expect(time).toHaveText(expected);

  // The browser told the server its zone: the next page is rendered in it from the start.
  const response = await page.request.get("/rooms/general", { headers: { "accept-language": "ja" } });
  expect(await response.text()).toContain(`>${expected}</time>`);

  // Relative times on the settings page, rendered by the server and kept after hydration.
  await page.goto("/settings");
  const sessions = page.getByRole("region", { name: "ログイン中の場所" });
  await expect(sessions.locator("time").first()).toHaveText(/^(たった今|\d+分前)$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  expect(errors).toEqual([]);
  await context.close();
});
