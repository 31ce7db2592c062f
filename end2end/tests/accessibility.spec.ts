import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { joinKaiwa, newPerson, say, waitUntilLive } from "./people";

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
  await person.context.close();
});
