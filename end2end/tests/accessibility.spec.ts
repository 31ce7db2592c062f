import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { joinKaiwa, newPerson, say, waitUntilLive } from "./people";
import { PORT } from "../playwright.config";

/** Serious or critical axe-core violations on the page as it is now. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("sign-in, room, settings and search pages have no serious accessibility violations", async ({ browser }) => {
  const person = await joinKaiwa(browser, "axe");
  const { page } = person;
  await waitUntilLive(page);
  await say(page, "アクセシビリティの確認 `code` and **bold**\n\n```rust\nfn main() { println!(\"hi\"); }\n```");
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page), "dark theme").toEqual([]);
  await page.emulateMedia({ colorScheme: "light" });
  // Dark chosen on a light system, and the shortcuts dialog open over it.
  await page.getByLabel("Theme").selectOption("dark");
  await page.getByRole("button", { name: "Apply theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await seriousViolations(page), "shortcuts dialog, dark theme").toEqual([]);
  await page.keyboard.press("Escape");
  // On a phone, with the sidebar unfolded.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole("button", { name: "Rooms", exact: true }).click();
  expect(await seriousViolations(page), "phone, sidebar open").toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });

  for (const path of ["/settings", "/search?q=確認", "/rooms"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }

  const { context, page: visitor } = await newPerson(browser);
  await visitor.goto("/signin");
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitor.goto("/signup");
  expect(await seriousViolations(visitor)).toEqual([]);
  await context.close();

  // The Japanese pages too (lang="ja", the same structure).
  const japanese = await browser.newContext({ locale: "ja-JP", baseURL: `http://127.0.0.1:${PORT}` });
  const reader = await japanese.newPage();
  await reader.goto("/signin");
  await expect(reader.locator("html")).toHaveAttribute("lang", "ja");
  expect(await seriousViolations(reader), "Japanese sign-in").toEqual([]);
  await japanese.close();
  await person.context.close();
});
