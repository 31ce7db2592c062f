import { expect, test, type Page } from "@playwright/test";
import { joinKaiwa, newPerson, signIn, waitUntilLive } from "./people";

async function changePassword(page: Page, current: string, next: string) {
  await page.goto("/settings");
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "hydrated" : "without JavaScript", () => {
    test("changing the password signs out the other browser", async ({ browser }) => {
      const here = await joinKaiwa(browser, "kenji", javaScriptEnabled);
      // The same person in a second browser, following general live.
      const there = await newPerson(browser);
      await there.page.goto("/signin");
      await signIn(there.page, here.username);
      await expect(there.page).toHaveURL(/\/rooms\/general$/);
      await waitUntilLive(there.page);

      await changePassword(here.page, "not-my-password", "brand-new-pw");
      await expect(here.page.getByRole("alert")).toContainText("current password");
      await expect(there.page.getByRole("status")).toHaveText("Live");

      await changePassword(here.page, "password-123", "brand-new-pw");
      await expect(here.page.getByRole("status")).toHaveText(
        "Password changed. Your other sessions are signed out.",
      );
      // The other browser's socket closes and its page goes to sign-in at once.
      await expect(there.page).toHaveURL(/\/signin/);

      // This browser stays signed in; the old password no longer works, the new one does.
      await here.page.goto("/rooms/general");
      await expect(here.page.getByRole("heading", { name: "general" })).toBeVisible();
      await signIn(there.page, here.username, "password-123");
      await expect(there.page.getByRole("alert")).toHaveText("Wrong username or password.");
      await signIn(there.page, here.username, "brand-new-pw");
      await expect(there.page).toHaveURL(/\/rooms\/general$/);
      await here.context.close();
      await there.context.close();
    });

    test("a session listed in settings can be signed out from another", async ({ browser }) => {
      const here = await joinKaiwa(browser, "mei", javaScriptEnabled);
      const there = await newPerson(browser, javaScriptEnabled);
      await there.page.goto("/signin");
      await signIn(there.page, here.username);
      await expect(there.page).toHaveURL(/\/rooms\/general$/);

      await here.page.goto("/settings");
      const sessions = here.page.getByRole("region", { name: "Where you are signed in" });
      await expect(sessions.getByRole("listitem")).toHaveCount(2);
      await sessions.getByRole("button", { name: /^Sign out (?!.*this device)/ }).click();
      await expect(here.page.getByRole("status")).toHaveText("That session is signed out.");
      await expect(sessions.getByRole("listitem")).toHaveCount(1);

      // The hydrated page hears its session end and goes to sign-in by itself (a load of our own
      // would race it); without JavaScript the next page load finds out.
      if (!javaScriptEnabled) await there.page.goto("/rooms/general");
      await expect(there.page).toHaveURL(/\/signin/);
      await here.context.close();
      await there.context.close();
    });
  });
}
