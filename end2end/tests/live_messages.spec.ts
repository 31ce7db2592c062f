import { expect, test } from "@playwright/test";
import { PORT } from "../playwright.config";
import { OwnServer, createRoom, joinKaiwa, members, messages, newPerson, say, signUp, uniqueName, waitUntilLive } from "./people";

test("two people each see the other's message live, once, without a reload", async ({ browser }) => {
  const alice = await newPerson(browser);
  const bob = await newPerson(browser);
  await signUp(alice.page, "alice", "Alice");
  await signUp(bob.page, "bob", "ボブ");
  await waitUntilLive(alice.page);
  await waitUntilLive(bob.page);
  // A full reload would wipe this marker.
  await alice.page.evaluate(() => ((window as any).stillThisPage = true));
  await bob.page.evaluate(() => ((window as any).stillThisPage = true));

  const tag = uniqueName("hello");
  await say(alice.page, `${tag} from Alice`);
  await expect(messages(bob.page, `${tag} from Alice`)).toHaveCount(1);
  await expect(alice.page.getByLabel("Message", { exact: true })).toHaveValue("");

  await say(bob.page, `${tag} こんにちは、アリスさん`);
  await expect(messages(alice.page, `${tag} こんにちは、アリスさん`)).toHaveCount(1);
  await expect(messages(alice.page, `${tag} こんにちは、アリスさん`)).toContainText("ボブ");

  // Each message exactly once on both screens, in the order sent.
  for (const page of [alice.page, bob.page]) {
    await expect(messages(page, tag)).toHaveText([new RegExp(`${tag} from Alice`), new RegExp(`${tag} こんにちは`)]);
    expect(await page.evaluate(() => (window as any).stillThisPage)).toBe(true);
  }
});

test("Enter sends, Shift+Enter adds a line, and a message that cannot be sent keeps its text", async ({ page }) => {
  await signUp(page, "dana");
  await waitUntilLive(page);
  const tag = uniqueName("lines");
  const box = page.getByLabel("Message", { exact: true });
  await box.click();
  await page.keyboard.type(`${tag} line one`);
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("line two");
  await page.keyboard.press("Enter");
  const sent = messages(page, tag);
  await expect(sent).toHaveCount(1);
  expect(await sent.locator(".body").innerText()).toBe(`${tag} line one\nline two`);
  await expect(box).toHaveValue("");

  const tooLong = "語".repeat(4001);
  await box.fill(tooLong);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toHaveText("Messages are at most 4000 characters.");
  await expect(box).toHaveValue(tooLong);
});

test("a socket cut by a server restart catches up on what was posted meanwhile, once each", async ({ browser }) => {
  const server = new OwnServer(3101, ".data/restart");
  await server.start();
  try {
    const alice = await newPerson(browser, true, server.url);
    const bob = await newPerson(browser, true, server.url);
    await signUp(alice.page, "alice");
    await signUp(bob.page, "bob");
    await waitUntilLive(alice.page);
    const tag = uniqueName("restart");
    await say(bob.page, `${tag} before`);
    await expect(messages(alice.page, `${tag} before`)).toHaveCount(1);

    await server.stop();
    await expect(alice.page.getByRole("status")).toHaveText("Reconnecting…");
    await alice.page.waitForTimeout(2_000); // alice's client backs off while the server is down
    await server.start();
    for (const n of [1, 2, 3]) {
      const response = await bob.page.request.post(`${server.url}/api/v1/rooms/general/messages`, {
        data: { client_id: `${tag}-meanwhile-${n}`.replace(/_/g, "-"), body: `${tag} meanwhile ${n}` },
      });
      expect(response.status()).toBe(201);
    }

    await waitUntilLive(alice.page);
    await expect(messages(alice.page, tag)).toHaveText([
      new RegExp(`${tag} before`),
      new RegExp(`${tag} meanwhile 1`),
      new RegExp(`${tag} meanwhile 2`),
      new RegExp(`${tag} meanwhile 3`),
    ]);
  } finally {
    await server.stop();
  }
});

test("times show in the reader's own time zone once hydrated", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo", baseURL: `http://127.0.0.1:${PORT}` });
  const page = await context.newPage();
  await signUp(page, "kei");
  await waitUntilLive(page);
  const tag = uniqueName("tz");
  await say(page, `${tag} 今何時？`);
  const time = messages(page, tag).locator("time");
  const sentAt = Date.parse((await time.getAttribute("datetime"))!);
  // Tokyo is UTC+9 all year; an English page says "9:05 PM".
  const tokyo = new Date(sentAt + 9 * 3600_000);
  const hours = tokyo.getUTCHours();
  const minutes = String(tokyo.getUTCMinutes()).padStart(2, "0");
  const inTokyo = `${hours % 12 || 12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
  await expect(time).toHaveText(inTokyo);
  await page.reload();
  await expect(messages(page, tag).locator("time")).toHaveText(inTokyo);
});

test("a connection that goes silent shows Reconnecting… and catches up once it is back", async ({ browser }) => {
  // Heartbeats every second: a silent connection is noticed within about four.
  const server = new OwnServer(3102, ".data/heartbeat", ["--heartbeat-seconds", "1"]);
  await server.start();
  try {
    const alice = await newPerson(browser, true, server.url);
    const bob = await newPerson(browser, true, server.url);
    // Alice's network can stop delivering without closing anything (a lid, a NAT timeout).
    let stalled = false;
    await alice.page.routeWebSocket(/\/live\?/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((message) => {
        if (!stalled) ws.send(message);
      });
    });
    await signUp(alice.page, "alice");
    await signUp(bob.page, "bob");
    await waitUntilLive(alice.page);
    const tag = uniqueName("silent");

    stalled = true;
    await expect(alice.page.getByRole("status")).toHaveText("Reconnecting…");
    const response = await bob.page.request.post(`${server.url}/api/v1/rooms/general/messages`, {
      data: { client_id: `${tag}-meanwhile`.replace(/_/g, "-"), body: `${tag} while you were away` },
    });
    expect(response.status()).toBe(201);
    stalled = false;

    await waitUntilLive(alice.page);
    await expect(messages(alice.page, tag)).toHaveCount(1);
  } finally {
    await server.stop();
  }
});

test("the reader is online on their own page from its first paint", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "alice");
  const name = uniqueName("Here");
  const path = await createRoom(alice.page, name, "Public");
  // Records every moment the page said otherwise, however brief: hydration, the socket's first
  // presence frame, the server's next tick (once a second).
  await alice.page.addInitScript((username) => {
    const w = window as unknown as { saidOffline: string[] };
    w.saidOffline = [];
    const check = () => {
      const list = document.querySelector("aside.members");
      if (!list) return;
      const mine = [...list.querySelectorAll("li")].find((li) => li.textContent?.includes(username));
      if (mine?.textContent?.includes("(offline)")) w.saidOffline.push(mine.textContent);
      if (list.textContent?.includes("· 0 online")) w.saidOffline.push("0 online");
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  }, alice.username);
  await alice.page.goto(path);
  await waitUntilLive(alice.page);
  await alice.page.waitForTimeout(2_000);
  await expect(members(alice.page).getByRole("listitem").filter({ hasText: alice.username })).toContainText("(online)");
  expect(await alice.page.evaluate(() => (window as unknown as { saidOffline: string[] }).saidOffline)).toEqual([]);
  await alice.context.close();
});
