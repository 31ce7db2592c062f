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

/** Replaces the browser's notifications and sound with recorders: what would have shown. */
async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { shown: { title: string; body: string }[]; chimes: number };
    w.shown = [];
    w.chimes = 0;
    // The browser remembers the answer across pages, as a real one does.
    class RecordedNotification {
      static get permission() {
        return localStorage.getItem("notification-permission") ?? "default";
      }
      static requestPermission() {
        localStorage.setItem("notification-permission", "granted");
        return Promise.resolve("granted");
      }
      onclick: unknown = null;
      constructor(title: string, options?: { body?: string }) {
        w.shown.push({ title, body: options?.body ?? "" });
      }
      close() {}
    }
    const param = { value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} };
    class RecordedAudio {
      currentTime = 0;
      destination = {};
      createOscillator() {
        return { frequency: param, connect() {}, start() { w.chimes += 1; }, stop() {} };
      }
      createGain() {
        return { gain: param, connect() {} };
      }
    }
    Object.assign(window, { Notification: RecordedNotification, AudioContext: RecordedAudio });
  });
}

function shown(page: Page) {
  return page.evaluate(() => (window as unknown as { shown: { title: string; body: string }[] }).shown);
}

async function chooseNotifications(page: Page, path: string, level: string) {
  await page.goto(path);
  await waitUntilLive(page);
  const section = page.getByRole("region", { name: "Notifications for this room" });
  await section.getByLabel(level).check();
  await section.getByRole("button", { name: "Save notifications" }).click();
  await expect(section.getByText("Saved.")).toBeVisible();
}

test("desktop notifications follow each room's level, only while the tab is hidden, with a chime if chosen", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "alice");
  const bob = await joinKaiwa(browser, "bob");
  await recordNotifications(bob.page);
  const name = uniqueName("Notify");
  const path = await createRoom(alice.page, name, "Public");
  await invite(alice.page, bob.username);

  // Bob allows notifications once, from a room's column.
  await bob.page.goto(path);
  await waitUntilLive(bob.page);
  await bob.page.getByRole("button", { name: "Turn on desktop notifications" }).click();
  await expect(bob.page.getByText("Desktop notifications are on in this browser.")).toBeVisible();

  // By default only mentions (and direct messages) notify, and only while hidden.
  await bob.page.goto("/rooms/general");
  await waitUntilLive(bob.page);
  await alice.page.goto(path);
  await say(alice.page, "seen while looking");
  await setHidden(bob.page, true);
  await say(alice.page, "no mention here");
  await say(alice.page, `@${bob.username} 明日は来られますか？`);
  await expect.poll(() => shown(bob.page)).toEqual([
    { title: `${alice.username} in #${name}`, body: `@${bob.username} 明日は来られますか？` },
  ]);

  // "All messages": everything from others in that room.
  await chooseNotifications(bob.page, path, "All messages");
  await bob.page.goto("/rooms/general");
  await waitUntilLive(bob.page);
  await setHidden(bob.page, true);
  await say(alice.page, "今日はここまで");
  await expect.poll(async () => (await shown(bob.page)).map((n) => n.body)).toEqual(["今日はここまで"]);

  // "Nothing": not even a mention; general (mentions) still notifies, after it.
  await chooseNotifications(bob.page, path, "Nothing");
  await bob.page.goto("/rooms/general");
  await waitUntilLive(bob.page);
  await setHidden(bob.page, true);
  await say(alice.page, `@${bob.username} quiet room`);
  await alice.page.goto("/rooms/general");
  await say(alice.page, `@${bob.username} in general`);
  await expect.poll(async () => (await shown(bob.page)).map((n) => n.body)).toEqual([`@${bob.username} in general`]);

  // A chime, once he asks for one in settings.
  await bob.page.goto("/settings");
  await bob.page.getByLabel("Play a sound with notifications").check();
  await bob.page.getByRole("region", { name: "Notifications" }).getByRole("button", { name: "Save" }).click();
  await expect(bob.page.getByRole("status")).toHaveText("Your notification sound is saved.");
  await bob.page.goto("/rooms/general");
  await waitUntilLive(bob.page);
  await setHidden(bob.page, true);
  await say(alice.page, `@${bob.username} ding`);
  await expect.poll(() => bob.page.evaluate(() => (window as unknown as { chimes: number }).chimes)).toBeGreaterThan(0);
  await alice.context.close();
  await bob.context.close();
});
