// `handbook serve` in real Chromium: an open page reloads by itself after its file is edited,
// shows the error overlay after a broken edit (still showing the last good page), and loses it
// when the edit is fixed. Nine tabs at once all load and stay live, and a tab left open
// searches the index as the last rebuild wrote it.
// A tab showing the not-found page (at an address that leads nowhere) reloads when 404.md is
// edited, and when a page comes to its address.
//   node serve.mjs BASE_URL PAGE_PATH FILE NOT_FOUND_FILE
//   (FILE is the Markdown source of PAGE_PATH; NOT_FOUND_FILE the handbook's 404.md)
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";

const [base, pagePath, file, notFoundFile] = process.argv.slice(2);
const original = fs.readFileSync(file, "utf8");
const originalNotFound = fs.readFileSync(notFoundFile, "utf8");
const contentDir = path.dirname(notFoundFile);
const newFolder = path.join(contentDir, "no", "such");
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
  const context = await browser.newContext();
  const page = await context.newPage();
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
    // Readable whatever the theme's colours for `pre` (its code background, light).
    const colours = await page.evaluate(() => {
      const pre = getComputedStyle(document.querySelector("#hb-serve-overlay pre"));
      const box = getComputedStyle(document.querySelector("#hb-serve-overlay"));
      return { text: pre.color, under: pre.backgroundColor, box: box.backgroundColor };
    });
    check(colours.under === "rgba(0, 0, 0, 0)" && colours.text !== colours.box,
      `the overlay's error text is not readable: ${JSON.stringify(colours)}`);
  } catch { check(false, "no error overlay after a broken edit"); }

  fs.writeFileSync(file, original.replace("First version.", "Fixed version."));
  if (await until(page, hasText, "Fixed version.")) {
    await until(page, connected);
    check(await page.locator("#hb-serve-overlay").count() === 0, "the overlay stayed after the fix");
  } else {
    check(false, "the fix did not reload the page");
  }

  // The not-found page, shown at any address, is live too. (A section of its own, first, so
  // that the page to come later leaves the not-found page's sidebar as it is.)
  fs.mkdirSync(newFolder, { recursive: true });
  fs.writeFileSync(path.join(newFolder, "first.md"), "---\ntitle: Already here\n---\nFirst.\n");
  await page.waitForTimeout(1000);
  const lost = await context.newPage();
  await lost.goto(base + "no/such/page/");
  check(await until(lost, hasText, "First lost words."), "the not-found page does not show 404.md's words");
  check(await until(lost, connected), "the not-found page's live-reload stream did not connect");
  fs.writeFileSync(notFoundFile, originalNotFound.replace("First lost words.", "Second lost words."));
  check(await until(lost, hasText, "Second lost words."), "the not-found page did not reload after 404.md was edited");
  // A page written at its address (a file restored, a folder renamed back) replaces it.
  fs.writeFileSync(path.join(newFolder, "page.md"), "---\ntitle: Found at last\n---\nHere now.\n");
  check(await until(lost, hasText, "Here now."), "the not-found tab did not show the page that came to its address");
  await lost.close();
  fs.rmSync(path.join(contentDir, "no"), { recursive: true, force: true });

  // Any number of tabs: a browser keeps six HTTP connections to a server, which event streams
  // (one a tab, held open) would use up, and a seventh tab would never load.
  const tabs = [];
  for (let i = 0; i < 8; i++) {
    const tab = await context.newPage();
    await tab.goto(base + "other/", { timeout: 10000 }).catch(() => {});
    check(await until(tab, connected, undefined, 5000), `tab ${i + 2} did not load and connect`);
    tabs.push(tab);
  }
  // A tab that stays (another page changed) searches the new index.
  const other = tabs[0];
  const found = (word) => window.HandbookSearch.page.search(word).then((r) => r.pages.length);
  check(await other.evaluate(found, "zanzibarian") === 0, "the word is found before it is written");
  fs.writeFileSync(file, original.replace("First version.", "The zanzibarian version."));
  check(await until(page, hasText, "The zanzibarian version."), "the page did not reload with the new word");
  const searched = async () => {
    const end = Date.now() + 10000;
    while (Date.now() < end) {
      if (await other.evaluate(found, "zanzibarian") > 0) return true;
      await other.waitForTimeout(200);
    }
    return false;
  };
  check(await searched(), "a tab left open does not find the word written on another page");
  // Its audience filter, once filled, learns an audience a rebuild brought.
  await other.fill("#hb-search-input", "zanzibarian");
  await other.waitForTimeout(300);
  const before = await other.evaluate(() => [...document.querySelectorAll("#hb-search-audience option")].map((o) => o.text));
  check(before.length > 0 && !before.includes("zanzibar team"), `the audience filter before: ${before}`);
  fs.writeFileSync(file, original.replace("title: Guide", "title: Guide\naudience: [zanzibar team]").replace("First version.", "The zanzibarian version."));
  const audiences = async () => {
    const end = Date.now() + 10000;
    while (Date.now() < end) {
      await other.fill("#hb-search-input", "");
      await other.fill("#hb-search-input", "zanzibarian");
      await other.waitForTimeout(300);
      const names = await other.evaluate(() => [...document.querySelectorAll("#hb-search-audience option")].map((o) => o.text));
      if (names.includes("zanzibar team")) return true;
    }
    return false;
  };
  check(await audiences(), "a tab left open does not offer the audience a rebuild brought");
  for (const tab of tabs) await tab.close();
} finally {
  fs.writeFileSync(file, original);
  fs.writeFileSync(notFoundFile, originalNotFound);
  fs.rmSync(path.join(contentDir, "no"), { recursive: true, force: true });
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(problems.length === 0 ? "serve checks: all passed" : `serve checks: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
