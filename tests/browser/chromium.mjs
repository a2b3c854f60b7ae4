// The headless Chromium every browser check runs in: the Debian package (or $CHROMIUM), with
// nothing that talks to the network on its own and a fresh profile (Playwright makes one per
// launch).
import { chromium } from "playwright-core";

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run"],
  });
}

// A desktop-sized page whose scripts may use the clipboard; a script error on it is noted in
// `problems`.
export async function clipboardPage(browser, problems) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  return page;
}
