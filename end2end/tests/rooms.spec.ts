import { expect, test } from "@playwright/test";
import { createRoom, invite, joinKaiwa, members, messages, say, sidebar, uniqueName, waitUntilLive } from "./people";

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "hydrated" : "without JavaScript";

  test(`${mode}: alice creates a private room and invites bob; carol cannot open it`, async ({ browser }) => {
    const alice = await joinKaiwa(browser, "alice", javaScriptEnabled);
    const bob = await joinKaiwa(browser, "bob", javaScriptEnabled);
    const carol = await joinKaiwa(browser, "carol", javaScriptEnabled);
    const name = uniqueName("Plans");
    const path = await createRoom(alice.page, name, "Private");
    await expect(alice.page.getByText("Private room")).toBeVisible();
    await invite(alice.page, bob.username);

    await bob.page.goto("/rooms/general");
    await sidebar(bob.page).getByRole("link", { name }).click();
    await expect(bob.page).toHaveURL(path);
    await say(bob.page, "thanks for the invite");
    await expect(messages(bob.page, "thanks for the invite")).toHaveCount(1);

    const visit = await carol.page.goto(path);
    expect(visit?.status()).toBe(404);
    await expect(carol.page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(sidebar(carol.page)).toHaveCount(0);
    await carol.page.goto("/rooms");
    await expect(carol.page.getByText(name)).toHaveCount(0);
  });

  test(`${mode}: alice whispers to bob in general; bob sees it and carol does not`, async ({ browser }) => {
    const alice = await joinKaiwa(browser, "alice", javaScriptEnabled);
    const bob = await joinKaiwa(browser, "bob", javaScriptEnabled);
    const carol = await joinKaiwa(browser, "carol", javaScriptEnabled);
    await alice.page.reload();
    const secret = `${uniqueName("secret")} 内緒の話`;
    await members(alice.page).getByRole("link", { name: `Whisper to ${bob.username}` }).click();
    await expect(alice.page.getByText("only the two of you will see it")).toBeVisible();
    await alice.page.getByLabel(`Private message to ${bob.username}`).fill(secret);
    await alice.page.getByRole("button", { name: "Send" }).click();
    await expect(messages(alice.page, secret)).toContainText(`Private · to ${bob.username}`);
    const after = uniqueName("public");
    await alice.page.getByRole("link", { name: "Back to everyone" }).click();
    await say(alice.page, after);

    for (const person of [bob, carol]) await person.page.goto("/rooms/general");
    await expect(messages(bob.page, secret)).toHaveCount(1);
    await expect(messages(bob.page, secret)).toContainText("Private");
    await expect(messages(carol.page, after)).toHaveCount(1);
    await expect(messages(carol.page, secret)).toHaveCount(0);
  });

  test(`${mode}: a direct message round trip`, async ({ browser }) => {
    const alice = await joinKaiwa(browser, "alice", javaScriptEnabled);
    const bob = await joinKaiwa(browser, "bob", javaScriptEnabled);
    await alice.page.goto(`/people/${bob.username}`);
    await alice.page.getByRole("button", { name: "Send a direct message" }).click();
    await expect(alice.page).toHaveURL(/\/rooms\/dm-\d+-\d+$/);
    await expect(alice.page.getByRole("heading", { level: 1 })).toContainText(bob.username);
    await say(alice.page, "こんにちは、ボブさん");

    await bob.page.goto("/rooms/general");
    await sidebar(bob.page).getByRole("link", { name: alice.username }).click();
    await expect(messages(bob.page, "こんにちは、ボブさん")).toHaveCount(1);
    await say(bob.page, "やあ、アリス");
    if (!javaScriptEnabled) await alice.page.reload();
    await expect(messages(alice.page, "やあ、アリス")).toHaveCount(1);
  });
}

test("bob's unread count for a room rises live while he is in another room", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "alice");
  const bob = await joinKaiwa(browser, "bob");
  const name = uniqueName("Design");
  const path = await createRoom(alice.page, name, "Public");
  await invite(alice.page, bob.username);

  await bob.page.goto("/rooms/general");
  await waitUntilLive(bob.page);
  const link = sidebar(bob.page).getByRole("link", { name });
  await expect(link).not.toContainText("unread");
  await alice.page.goto(path);
  await say(alice.page, "first mockup");
  await expect(link).toContainText("1 unread");
  await say(alice.page, "second mockup");
  await expect(link).toContainText("2 unread");

  // Opening the room reads it.
  await link.click();
  await expect(messages(bob.page, "second mockup")).toHaveCount(1);
  await expect(sidebar(bob.page).getByRole("link", { name })).not.toContainText("unread");
});

test("a member sees a deleted room go live, and who is online and typing", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "alice");
  const bob = await joinKaiwa(browser, "bob");
  const name = uniqueName("Pop-up");
  const path = await createRoom(alice.page, name, "Public");

  await bob.page.goto("/rooms");
  await bob.page.getByRole("button", { name: `Join ${name}` }).click();
  await expect(bob.page).toHaveURL(path);
  await waitUntilLive(bob.page);
  await alice.page.goto(path);
  await waitUntilLive(alice.page);

  // Presence and typing, once both are here.
  await expect(members(bob.page).getByRole("listitem").filter({ hasText: alice.username })).toContainText("(online)");
  await alice.page.getByLabel("Message", { exact: true }).pressSequentially("hello", { delay: 50 });
  await expect(bob.page.getByText(`${alice.username} is typing…`)).toBeVisible();

  await alice.page.getByRole("link", { name: "Delete room…" }).click();
  await alice.page.getByRole("button", { name: `Delete #${name}` }).click();
  await expect(alice.page).toHaveURL(/\/rooms\/general$/);

  await expect(bob.page.getByRole("alert")).toHaveText(/This room was deleted\./);
  await expect(sidebar(bob.page).getByRole("link", { name })).toHaveCount(0);
  await bob.page.reload();
  await expect(bob.page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
