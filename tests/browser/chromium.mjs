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

// The code block `index` of the page's text scrolled to its end: where its last character ends
// and where its copy button begins (px from the left), and the button's word.
export function lineEndAndCopyButton(page, index) {
  return page.evaluate((index) => {
    const code = document.querySelectorAll(".hb-content pre > code")[index];
    const pre = code.parentNode;
    pre.scrollLeft = pre.scrollWidth;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.trim()) last = node;
    const range = document.createRange();
    const at = last.data.trimEnd().length;
    range.setStart(last, at - 1);
    range.setEnd(last, at);
    const button = pre.parentNode.querySelector(".hb-copy");
    return { text: Math.round(range.getBoundingClientRect().right), button: Math.round(button.getBoundingClientRect().left), label: button.textContent };
  }, index);
}
