import { expect, test, type Page } from "@playwright/test";
import { createRoom, invite, joinKaiwa, messages, say, uniqueName, waitUntilLive } from "./people";

/** Pretends the tab went to the background (or came back), as switching tabs does. */
async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, "hidden", { value: hidden, configurable: true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  }, hidden);
}

test("the tab title counts unread messages elsewhere and those that arrive while hidden", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "alice");
  const bob = await joinKaiwa(browser, "bob");
  const name = uniqueName("Title");
  const path = await createRoom(alice.page, name, "Public");
  await invite(alice.page, bob.username);

  await bob.page.goto(path);
  await waitUntilLive(bob.page);
  await expect(bob.page).toHaveTitle(`#${name} · kaiwa`);

  // In bob's room while his tab is hidden: counted; back in front: seen.
  await setHidden(bob.page, true);
  await alice.page.goto(path);
  await say(alice.page, "are you there?");
  await expect(messages(bob.page, "are you there?")).toHaveCount(1);
  await expect(bob.page).toHaveTitle(`(1) #${name} · kaiwa`);
  await setHidden(bob.page, false);
  await expect(bob.page).toHaveTitle(`#${name} · kaiwa`);

  // In another room: counted until he reads it.
  await alice.page.goto("/rooms/general");
  await say(alice.page, "over here");
  await say(alice.page, "and here");
  await expect(bob.page).toHaveTitle(`(2) #${name} · kaiwa`);
  // Opening general reads it, and the room he left was read to its end: nothing unread.
  await bob.page.goto("/rooms/general");
  await expect(bob.page).toHaveTitle("#general · kaiwa");
  await alice.context.close();
  await bob.context.close();
});
