// One Lighthouse run (default config: mobile, simulated throttling) of `url` in Debian's
// Chromium, signed in by `cookie` ("name=value", or "" for none), report written to `out`.
// The cookie goes into the browser itself (not an extra header), so the page's live socket is
// signed in too; Lighthouse's storage reset is off to keep it, and the cache is cleared by hand,
// so this is still a first visit.
//   node bench/lighthouse.mjs <url> <cookie> <out.json>
import fs from "node:fs";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const [url, cookie, out] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox"],
});
try {
  const page = await browser.newPage();
  if (cookie) {
    const at = cookie.indexOf("=");
    await page.setCookie({ name: cookie.slice(0, at), value: cookie.slice(at + 1), url });
  }
  const cdp = await page.createCDPSession();
  await cdp.send("Network.clearBrowserCache");
  const result = await lighthouse(
    url,
    {
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
      disableStorageReset: true,
    },
    undefined,
    page,
  );
  fs.writeFileSync(out, result.report);
} finally {
  await browser.close();
}
