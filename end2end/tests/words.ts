// What a page says to a person, for checking which language it speaks.
import type { Page } from "@playwright/test";

/** Latin words that are names, not English: the product, formats, keys and protocols. */
const NAMES = new Set([
  "kaiwa", "general", "JSON", "API", "URL", "Webhook", "POST", "UTC", "Enter", "Shift", "Alt",
  "Ctrl", "Esc", "Authorization", "Bearer", "token", "English", "ID",
]);

/** Every text a person may read or hear on the page: visible text, the tab title, and labels,
 *  titles and placeholders of every element. */
export async function wordsOn(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = ["aria-label", "title", "placeholder", "alt"];
    const parts = [document.title, document.body.innerText];
    for (const element of Array.from(document.querySelectorAll("*"))) {
      for (const name of attributes) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    // The shortcuts dialog is closed (not rendered as text) but is part of the page.
    for (const dialog of Array.from(document.querySelectorAll("dialog"))) parts.push(dialog.textContent ?? "");
    return parts.join("\n");
  });
}

/** English words left on the page, once `userContent` (names people chose) is taken out. */
export async function englishWordsOn(page: Page, userContent: string[]): Promise<string[]> {
  let text = await wordsOn(page);
  // Proper names the page marks as such (a browser's and a system's), and the names of rooms
  // and people in its lists (chosen by people, some by other tests).
  const names = [
    ...(await page.locator('[translate="no"]').allInnerTexts()),
    ...(await page.locator('li a[href^="/rooms/"], li a[href^="/people/"]').allInnerTexts()),
    // What people wrote, and who wrote it (other tests write in general).
    ...(await page.getByRole("log").getByRole("article").locator(".body, .author").allInnerTexts()),
    ...(await page.locator(".author[title]").evaluateAll((all) => all.map((a) => a.getAttribute("title") ?? ""))),
  ];
  const bare = names.map((n) => n.replace(/^[#@]\s*/, ""));
  // Longest first, so a name is taken out whole before a part of it.
  const all = [...userContent, ...names, ...bare].filter((v) => v).sort((a, b) => b.length - a.length);
  for (const value of all) text = text.split(value).join(" ");
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !NAMES.has(w)))];
}
