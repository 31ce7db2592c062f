import { expect, test } from "@playwright/test";
import { messageLog, messages, say, signUp, uniqueName } from "./people";

const payloads = [
  `<script>window.pwned = "script"</script>`,
  `<img src=x onerror="window.pwned = 'img'">`,
  `<svg onload="window.pwned = 'svg'"></svg>`,
];

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "hydrated" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("script and event-handler payloads show as text and run nothing", async ({ page }) => {
      page.on("dialog", (dialog) => {
        throw new Error(`a payload opened a dialog: ${dialog.message()}`);
      });
      await signUp(page, "hana");
      const tag = uniqueName("xss");
      for (const payload of payloads) {
        await say(page, `${tag} ${payload}`);
        await expect(messages(page, `${tag} ${payload}`)).toHaveCount(1);
      }
      await page.reload();
      for (const payload of payloads) {
        await expect(messages(page, `${tag} ${payload}`)).toHaveCount(1);
      }
      await expect(messageLog(page).locator("script, img, svg")).toHaveCount(0);
      if (javaScriptEnabled) {
        expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
      }
    });
  });
}
