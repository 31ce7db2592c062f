import { expect, test } from "@playwright/test";
import { createRoom, joinKaiwa, messages, postMany, say, sidebar, uniqueName, waitUntilLive } from "./people";

for (const javaScriptEnabled of [true, false]) {
  test(`the theme follows the system until the reader picks one, which stays (${javaScriptEnabled ? "hydrated" : "without JavaScript"})`, async ({ browser }) => {
    const person = await joinKaiwa(browser, "night", javaScriptEnabled);
    const { page } = person;
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await background();
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await background();
    expect(dark).not.toEqual(light);

    // The system says light; the reader wants dark.
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByLabel("Theme").selectOption("dark");
    await page.getByRole("button", { name: "Apply theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background()).toEqual(dark);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background()).toEqual(dark);

    // Back to the system's.
    await page.getByLabel("Theme").selectOption("system");
    await page.getByRole("button", { name: "Apply theme" }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
    expect(await background()).toEqual(light);
    await person.context.close();
  });
}

test("on a phone the sidebar folds behind a Rooms button from the first paint, and shows without JavaScript", async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const person = await joinKaiwa(browser, "phone", javaScriptEnabled);
    const { page } = person;
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto("/rooms/general");
    if (!javaScriptEnabled) {
      await expect(sidebar(page)).toBeVisible();
      // Nothing that needs a script shows: no Rooms button, no shortcuts, no Enter hint.
      await expect(page.getByRole("button", { name: "Rooms", exact: true })).toBeHidden();
      await expect(page.getByRole("button", { name: "Keyboard shortcuts" })).toBeHidden();
      await person.context.close();
      continue;
    }
    await waitUntilLive(page);
    const toggle = page.getByRole("button", { name: "Rooms", exact: true });
    await expect(sidebar(page)).toBeHidden();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(sidebar(page)).toBeVisible();
    await sidebar(page).getByRole("link", { name: "Browse or create rooms" }).click();
    await expect(page).toHaveURL(/\/rooms$/);
    await person.context.close();
  }
});

test("keyboard: Alt+arrows change rooms with focus in the message box, ? lists the shortcuts, Alt+U finds the first unread", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "keys");
  const bob = await joinKaiwa(browser, "talker");
  const { page } = alice;
  const first = uniqueName("Aaa");
  const firstPath = await createRoom(page, first, "Public");
  // Bob writes in the room while alice is away, so it has unread messages for her.
  await page.goto("/rooms/general");
  await bob.page.goto(firstPath);
  await bob.page.getByRole("button", { name: "Join room" }).click();
  for (let i = 1; i <= 3; i++) await say(bob.page, `未読その${i}`);
  await waitUntilLive(page);
  await expect(sidebar(page).getByRole("link", { name: new RegExp(first) })).toContainText("3 unread");

  // The sidebar lists alice's rooms by name; the one after "Aaa…" is general, so Alt+↑ from
  // general goes to it, and lands in its message box.
  await page.getByRole("log").focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page).toHaveURL(new RegExp(`${firstPath}$`));
  await expect(page.getByLabel("Message", { exact: true })).toBeFocused();
  await waitUntilLive(page);

  // Alt+U: the first message she had not read, focused for a screen reader.
  await page.keyboard.press("Alt+u");
  await expect(messages(page, "未読その1")).toBeFocused();
  await expect(messages(page, "未読その1")).toContainText("Unread from here");

  // Alt+↓ back to general.
  await page.keyboard.press("Alt+ArrowDown");
  await expect(page).toHaveURL(/\/rooms\/general$/);
  await waitUntilLive(page);

  // ? opens the list of shortcuts (not while typing), focus inside; Escape closes it and focus
  // returns to where it was.
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await page.getByLabel("Message", { exact: true }).fill("");
  await page.keyboard.press("Shift+?");
  await expect(help).toBeHidden();
  await page.getByRole("log").focus();
  await page.keyboard.press("Shift+?");
  await expect(help).toBeVisible();
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  await expect(help.getByRole("row", { name: /Next room with unread messages/ })).toContainText("Alt");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(page.getByRole("log")).toBeFocused();

  // The header's button opens it too.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
  await alice.context.close();
  await bob.context.close();
});

test("new messages are announced politely: the list is a live log that only grows", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "reader");
  const bob = await joinKaiwa(browser, "writer");
  await waitUntilLive(alice.page);
  const log = alice.page.getByRole("log");
  await expect(log).toHaveAttribute("aria-live", "polite");
  await expect(log).toHaveAttribute("aria-relevant", "additions");
  // Mark the messages already there: the new one must be added, not the list redrawn (a
  // redrawn list would be read out again from the top).
  await log.getByRole("article").evaluateAll((all) => all.forEach((a) => a.setAttribute("data-was-here", "")));
  const text = `${uniqueName("hello")} こんにちは`;
  await say(bob.page, text);
  await expect(messages(alice.page, text)).toHaveCount(1);
  await expect(messages(alice.page, text)).not.toHaveAttribute("data-was-here", "");
  const before = await log.getByRole("article").count();
  await expect(log.locator("article[data-was-here]")).toHaveCount(before - 1);
  await alice.context.close();
  await bob.context.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`keyboard: the first Tab offers the message box, past the sidebar and every message (${javaScriptEnabled ? "hydrated" : "without JavaScript"})`, async ({ browser }) => {
    const alice = await joinKaiwa(browser, "skipper", javaScriptEnabled);
    const path = await createRoom(alice.page, uniqueName("Busy"), "Public");
    await postMany(alice.page, path, 30, "busy");
    await alice.page.goto(path);
    if (javaScriptEnabled) await waitUntilLive(alice.page);
    const box = alice.page.getByLabel("Message", { exact: true });
    await alice.page.keyboard.press("Tab");
    await expect(alice.page.getByRole("link", { name: "Skip to the message box" })).toBeFocused();
    await alice.page.keyboard.press("Enter");
    // Hydrated, focus lands in the box; without JavaScript, the next Tab does.
    if (!javaScriptEnabled) await alice.page.keyboard.press("Tab");
    await expect(box).toBeFocused();
    await alice.page.keyboard.type("やっと着いた");
    await expect(box).toHaveValue("やっと着いた");
    await alice.context.close();
  });
}

test("keyboard: the messages are one skip away, and moving focus up the list loads nothing by itself", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "reader");
  const path = await createRoom(alice.page, uniqueName("Long"), "Public");
  await postMany(alice.page, path, 60, "long");
  const { page } = alice;
  await page.goto(path);
  await waitUntilLive(page);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the messages" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("log")).toBeFocused();

  // Focus reaching the top of the list scrolls it there, which is not asking for more.
  await expect(messages(page)).toHaveCount(50);
  await page.getByRole("link", { name: "Older messages" }).focus();
  await page.waitForTimeout(1_500);
  await expect(messages(page)).toHaveCount(50);
  // Asking is: Enter on the link.
  await page.keyboard.press("Enter");
  await expect(messages(page)).toHaveCount(60);
  await alice.context.close();
});
