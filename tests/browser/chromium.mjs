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
