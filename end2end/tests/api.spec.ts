import SwaggerParser from "@apidevtools/swagger-parser";
import { expect, request, test } from "@playwright/test";
import { joinKaiwa, messages } from "./people";
import { PORT } from "../playwright.config";

const baseURL = `http://127.0.0.1:${PORT}`;

test("the OpenAPI document validates", async () => {
  const api = await request.newContext({ baseURL });
  const response = await api.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  // Throws with the first problem when the document is not valid OpenAPI.
  await SwaggerParser.validate(structuredClone(doc));
  expect(Object.keys(doc.paths)).toContain("/api/v1/rooms/{room}/messages");
  await api.dispose();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a token made in settings works from a plain HTTP client until revoked (${javaScriptEnabled ? "hydrated" : "without JavaScript"})`, async ({ browser }) => {
    const person = await joinKaiwa(browser, "bot_owner", javaScriptEnabled);
    const { page } = person;
    await page.goto("/settings");
    const tokens = page.getByRole("region", { name: "API tokens" });
    await tokens.getByLabel("Token name").fill("夜のバッチ");
    await tokens.getByRole("button", { name: "Create token" }).click();
    const shown = tokens.getByLabel(/Your new token/);
    await expect(shown).toHaveValue(/^kaiwa_[0-9a-f]{64}$/);
    const token = await shown.inputValue();
    await page.reload();
    await expect(tokens.getByRole("listitem").filter({ hasText: "夜のバッチ" })).toBeVisible();
    await expect(tokens.getByLabel(/Your new token/)).toHaveCount(0);

    // A script: no cookies, only the token.
    const script = await request.newContext({
      baseURL,
      extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    });
    const text = `スクリプトから ${Date.now()}`;
    const posted = await script.post("/api/v1/rooms/general/messages", {
      data: { client_id: `script-${Date.now()}`, body: text },
    });
    expect(posted.status()).toBe(201);
    expect((await posted.json()).author_username).toBe(person.username);

    await page.goto("/rooms/general");
    await expect(messages(page, text)).toHaveCount(1);

    await page.goto("/settings");
    await tokens.getByRole("button", { name: "Revoke 夜のバッチ" }).click();
    await expect(page.getByRole("status")).toHaveText("The token is revoked.");
    const refused = await script.get("/api/v1/me");
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.code).toBe("sign_in_required");
    await script.dispose();
    await person.context.close();
  });
}
