import { expect, test } from "@playwright/test";
import { joinKaiwa, messages, say, uniqueName, waitUntilLive } from "./people";

test("an edit and a delete are seen live by another person", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "alice");
  const bob = await joinKaiwa(browser, "bob");
  await waitUntilLive(alice.page);
  await waitUntilLive(bob.page);
  const typo = `${uniqueName("typo")} helo wrold`;
  const doomed = `${uniqueName("doomed")} さようなら`;
  await say(alice.page, typo);
  await say(alice.page, doomed);
  await expect(messages(bob.page, doomed)).toHaveCount(1);
  // Bob cannot change alice's messages.
  await expect(messages(bob.page, typo).getByRole("link", { name: /Edit message/ })).toHaveCount(0);

  await messages(alice.page, typo).getByRole("link", { name: /Edit message/ }).click();
  await alice.page.getByLabel("Message", { exact: true }).fill(`${typo.split(" ")[0]} hello world`);
  await alice.page.getByRole("button", { name: "Save" }).click();
  await expect(alice.page).toHaveURL(/\/rooms\/general$/);

  const fixed = messages(bob.page, `${typo.split(" ")[0]} hello world`);
  await expect(fixed).toHaveCount(1);
  await expect(fixed).toContainText("(edited)");
  await expect(messages(bob.page, "helo wrold")).toHaveCount(0);

  await waitUntilLive(alice.page);
  await messages(alice.page, doomed).getByRole("button", { name: /Delete message/ }).click();
  await expect(messages(bob.page, doomed)).toHaveCount(0);
  await expect(messages(alice.page, doomed)).toHaveCount(0);
  await bob.page.reload();
  await expect(messages(bob.page, doomed)).toHaveCount(0);
  await expect(messages(bob.page, "hello world")).toContainText("(edited)");
});

for (const javaScriptEnabled of [true, false]) {
  test(`${javaScriptEnabled ? "hydrated" : "without JavaScript"}: a search finds a Japanese phrase and jumps to the message`, async ({ browser }) => {
    const alice = await joinKaiwa(browser, "alice", javaScriptEnabled);
    const bob = await joinKaiwa(browser, "bob", javaScriptEnabled);
    const tag = uniqueName("talk");
    await say(alice.page, `今日の会話は楽しい ${tag}`);
    await say(alice.page, `関係ない話 ${tag}`);

    await bob.page.getByRole("search").getByLabel("Search messages").fill(`会話 ${tag}`);
    await bob.page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(bob.page).toHaveURL(/\/search\?q=/);
    await expect(bob.page.getByRole("status")).toHaveText(/^1 message found/);
    const hit = bob.page.getByRole("listitem").filter({ hasText: tag });
    await expect(hit.locator("mark").first()).toHaveText("会話");
    await hit.getByRole("link").click();
    await expect(bob.page).toHaveURL(/\?around=\d+#m-\d+$/);
    await expect(messages(bob.page, `今日の会話は楽しい ${tag}`)).toHaveClass(/highlighted/);
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`${javaScriptEnabled ? "hydrated" : "without JavaScript"}: a reaction round trip`, async ({ browser }) => {
    const alice = await joinKaiwa(browser, "alice", javaScriptEnabled);
    const bob = await joinKaiwa(browser, "bob", javaScriptEnabled);
    if (javaScriptEnabled) await waitUntilLive(alice.page);
    const text = `${uniqueName("lunch")} お昼どうする?`;
    await say(alice.page, text);

    await bob.page.goto("/rooms/general");
    await messages(bob.page, text).getByRole("link", { name: /^React to message/ }).click();
    await bob.page.getByRole("button", { name: "React with 🎉" }).click();
    await expect(bob.page).toHaveURL(/\?around=\d+/);
    const chip = messages(bob.page, text).getByRole("button", { name: `🎉 1: ${bob.username}` });
    await expect(chip).toHaveAttribute("aria-pressed", "true");

    // Alice sees it (live when hydrated) and adds hers by pressing the same chip.
    if (!javaScriptEnabled) await alice.page.reload();
    const alicesChip = messages(alice.page, text).getByRole("button", { name: /^🎉 1:/ });
    await expect(alicesChip).toHaveAttribute("aria-pressed", "false");
    await alicesChip.click();
    await expect(messages(alice.page, text).getByRole("button", { name: `🎉 2: ${bob.username}, ${alice.username}` })).toHaveAttribute("aria-pressed", "true");

    // Bob takes his back.
    await bob.page.goto("/rooms/general");
    await messages(bob.page, text).getByRole("button", { name: /^🎉 2:/ }).click();
    if (!javaScriptEnabled) await bob.page.goto("/rooms/general");
    await expect(messages(bob.page, text).getByRole("button", { name: `🎉 1: ${alice.username}` })).toHaveAttribute("aria-pressed", "false");
  });
}
