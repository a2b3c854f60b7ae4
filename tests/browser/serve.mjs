// `handbook serve` in real Chromium: an open page reloads by itself after its file is edited,
// shows the error overlay after a broken edit (still showing the last good page), and loses it
// when the edit is fixed.
//   node serve.mjs BASE_URL PAGE_PATH FILE   (FILE is the Markdown source of PAGE_PATH)
import fs from "node:fs";
import { launchChromium } from "./chromium.mjs";

const [base, pagePath, file] = process.argv.slice(2);
const original = fs.readFileSync(file, "utf8");
const problems = [];
const check = (ok, message) => { if (!ok) problems.push(message); };

const browser = await launchChromium();
// Polls the page until `test` holds: a reload destroys the page's context under a single
// waitForFunction, which would then fail for the very event it waits for.
async function until(page, test, arg, timeout = 10000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    try {
      if (await page.evaluate(test, arg)) return true;
    } catch { /* reloading */ }
    await page.waitForTimeout(50);
  }
  return false;
}
const hasText = (text) => document.body !== null && document.body.textContent.includes(text);
const connected = () => document.documentElement.dataset.hbLive === "connected";

try {
  const page = await browser.newPage();
  await page.goto(base + pagePath);
  check(await until(page, connected), "the live-reload stream did not connect");

  fs.writeFileSync(file, original.replace("First version.", "Second version."));
  check(await until(page, hasText, "Second version."), "the page did not reload with the edit");
  await until(page, connected);

  fs.writeFileSync(file, "---\ntitle: [broken\n---\nBroken version.\n");
  try {
    await page.waitForSelector("#hb-serve-overlay", { timeout: 10000 });
    const text = await page.textContent("#hb-serve-overlay");
    check(/guide\.md:\d+:\d+: error/.test(text), `the overlay does not name the file and line: ${text}`);
    check((await page.textContent("main")).includes("Second version."), "the last good page is not shown under the overlay");
  } catch { check(false, "no error overlay after a broken edit"); }

  fs.writeFileSync(file, original.replace("First version.", "Fixed version."));
  if (await until(page, hasText, "Fixed version.")) {
    await until(page, connected);
    check(await page.locator("#hb-serve-overlay").count() === 0, "the overlay stayed after the fix");
  } else {
    check(false, "the fix did not reload the page");
  }
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(problems.length === 0 ? "serve checks: all passed" : `serve checks: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
