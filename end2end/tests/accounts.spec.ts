import { expect, test } from "@playwright/test";
import { newPerson, signIn, signUp } from "./people";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "hydrated" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a signed-out visit to a room goes to sign-in and comes back after it", async ({ browser, page }) => {
      const other = await newPerson(browser);
      const username = await signUp(other.page, "ines");
      await other.context.close();

      await page.goto("/rooms/general");
      await expect(page).toHaveURL(/\/signin\?next=%2Frooms%2Fgeneral$|\/signin\?next=\/rooms\/general$/);
      await signIn(page, username);
      await expect(page).toHaveURL(/\/rooms\/general$/);
      await expect(page.getByRole("heading", { name: "general" })).toBeVisible();
    });

    test("a wrong password and a taken username get clear errors", async ({ browser, page }) => {
      const other = await newPerson(browser);
      const username = await signUp(other.page, "jun");
      await other.context.close();

      await page.goto("/signin");
      await signIn(page, username, "not-the-password");
      await expect(page.getByRole("alert")).toHaveText("Wrong username or password.");

      await page.goto("/signup");
      await page.getByLabel("Username").fill(username);
      await page.getByLabel("Display name").fill("Someone else");
      await page.getByLabel("Password", { exact: true }).fill("password-456");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("alert")).toHaveText("That username is taken. Please choose another.");
      await expect(page.getByLabel("Display name")).toHaveValue("Someone else");
    });
  });
}
