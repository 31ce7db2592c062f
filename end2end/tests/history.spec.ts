import { expect, test } from "@playwright/test";
import { messageLog, messages, say, signUp, uniqueName } from "./people";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "hydrated" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("reload keeps the history, and after 60 messages the page shows exactly the latest 50", async ({ page }) => {
      await signUp(page, "gen");
      const tag = uniqueName("count");
      await say(page, `${tag} typed by hand`);
      await expect(messages(page, `${tag} typed by hand`)).toHaveCount(1);
      await page.reload();
      await expect(messages(page, `${tag} typed by hand`)).toHaveCount(1);

      for (let i = 1; i <= 60; i++) {
        const response = await page.request.post("/api/v1/rooms/general/messages", {
          data: { client_id: `${tag}-n${i}`.replace(/_/g, "-"), body: `${tag} #${i}` },
        });
        expect(response.status()).toBe(201);
      }
      await page.reload();
      await expect(messages(page)).toHaveCount(50);
      await expect(messages(page).first()).toContainText(`${tag} #11`);
      await expect(messages(page).last()).toContainText(`${tag} #60`);

      // Older messages: a page of its own without JavaScript, loaded in place when hydrated.
      await messageLog(page).getByRole("link", { name: "Older messages" }).click();
      if (javaScriptEnabled) {
        await expect(messages(page, `${tag} #10`)).toHaveCount(1);
        await expect(messages(page, `${tag} #60`)).toHaveCount(1);
        await expect(page).toHaveURL(/\/rooms\/general$/);
      } else {
        await expect(page).toHaveURL(/\?before=\d+$/);
        await expect(messages(page, `${tag} #10`)).toHaveCount(1);
        await expect(messages(page, `${tag} #11`)).toHaveCount(0);
        await expect(page.getByRole("link", { name: "Jump to the latest" })).toBeVisible();
      }

      // A permalink opens the room around its message, highlighted.
      await page.goto("/rooms/general");
      const target = messages(page, `${tag} #30`);
      await target.getByRole("link", { name: /\d:\d\d/ }).click();
      await expect(page).toHaveURL(/\?around=\d+#m-\d+$/);
      await expect(messages(page, `${tag} #30`)).toHaveClass(/highlighted/);
      await expect(messages(page, `${tag} #10`)).toHaveCount(1);
    });
  });
}
