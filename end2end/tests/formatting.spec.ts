import { expect, test } from "@playwright/test";
import { createRoom, joinKaiwa, members, messages, say, sidebar, uniqueName, waitUntilLive } from "./people";

for (const javaScriptEnabled of [true, false]) {
  test(`${javaScriptEnabled ? "hydrated" : "without JavaScript"}: a code block is highlighted and links are safe`, async ({ browser }) => {
    const alice = await joinKaiwa(browser, "alice", javaScriptEnabled);
    const tag = uniqueName("snippet");
    await say(
      alice.page,
      `${tag} **大事** see https://example.com/docs\n\n\`\`\`rust\nfn main() {\n    let greeting = "会話";\n}\n\`\`\``,
    );
    const message = messages(alice.page, tag);
    await expect(message).toHaveCount(1);
    await expect(message.locator("strong")).toHaveText("大事");
    const link = message.getByRole("link", { name: "https://example.com/docs" });
    await expect(link).toHaveAttribute("href", "https://example.com/docs");
    await expect(link).toHaveAttribute("rel", "nofollow noopener noreferrer");

    const code = message.locator("pre code");
    await expect(code).toHaveText(`fn main() {\n    let greeting = "会話";\n}\n`);
    // Coloured by the server's classes and the page's stylesheet, not by script.
    const keyword = code.locator(".hl-storage, .hl-keyword").first();
    await expect(keyword).toHaveText(/^(fn|let)$/);
    await expect(keyword).toHaveCSS("color", "rgb(196, 32, 58)");
    await expect(code.locator(".hl-string").first()).toHaveCSS("color", "rgb(10, 61, 122)");
  });
}

test("a mention is suggested, highlighted, and badges the room until read", async ({ browser }) => {
  const alice = await joinKaiwa(browser, "alice");
  await waitUntilLive(alice.page);
  // Bob signs up while alice is in general: she can mention him without reloading.
  const bob = await joinKaiwa(browser, "bob");
  await expect(members(alice.page).getByRole("link", { name: bob.username, exact: true })).toBeVisible();
  // Bob is elsewhere when the mention arrives.
  await createRoom(bob.page, `Side ${uniqueName("room")}`, "Public");
  await waitUntilLive(bob.page);

  const box = alice.page.getByLabel("Message", { exact: true });
  await box.pressSequentially(`@${bob.username.slice(0, -1)}`);
  const suggestions = alice.page.getByRole("listbox", { name: "People to mention" });
  await expect(suggestions.getByRole("option")).toHaveCount(1);
  await expect(suggestions.getByRole("option")).toContainText(bob.username);
  await box.press("Enter");
  await expect(box).toHaveValue(`@${bob.username} `);
  await expect(suggestions).toBeHidden();
  const tag = uniqueName("ping");
  await box.pressSequentially(`見てください ${tag}`);
  await box.press("Enter");
  await expect(messages(alice.page, tag)).toHaveCount(1);

  const general = sidebar(bob.page).getByRole("link", { name: /general/ });
  await expect(general).toContainText("1 mention");
  await bob.page.reload();
  await expect(general).toContainText("1 mention");

  await general.click();
  const mention = messages(bob.page, tag);
  await expect(mention).toHaveClass(/mentions-me/);
  await expect(mention).toContainText("Mentions you");
  await expect(mention.locator(".mention")).toHaveText(`@${bob.username}`);

  await bob.page.goBack();
  await bob.page.reload();
  await expect(sidebar(bob.page).getByRole("link", { name: /general/ })).not.toContainText("mention");
});
