// The theme's scripts in the handbook's language, in real Chromium, run by tests/browser.rs:
//   node language.mjs SITE_DIR
// SITE_DIR is a German handbook (`language = "de"`) whose pages einarbeitung/ (with a short
// YAML block and a long one), gespraeche/, the section fuehrung/ (of a long name) and its page
// plan/ (with two audiences) name "Einarbeitung", and whose other pages do not. Checks, all in
// German: the copy button's words, the search's count of pages, its message for no results and
// its offer of a spelling, and the bar of the words highlighted after a search; on a phone, a
// long line scrolled to its end is not under the copy button's longer word, and the search's
// filters fit the panel. Prints one line per problem and exits 1 if there is any.
import path from "node:path";
import { clipboardPage, launchChromium, lineEndAndCopyButton } from "./chromium.mjs";

const site = path.resolve(process.argv[2]);
const problems = [];
const check = (ok, message) => { if (!ok) problems.push(message); };
const browser = await launchChromium();
try {
  const page = await clipboardPage(browser, problems);
  await page.goto("file://" + site + "/einarbeitung/index.html");

  const button = page.locator("button.hb-copy").first();
  check(await button.textContent() === "Kopieren", `the copy button reads "${await button.textContent()}"`);
  check(await button.getAttribute("aria-label") === "Code kopieren", `the copy button is labelled "${await button.getAttribute("aria-label")}"`);
  await page.locator(".hb-code").first().hover();
  await button.click();
  await page.waitForFunction(() => document.querySelector(".hb-copy").textContent !== "Kopieren", null, { timeout: 3000 }).catch(() => {});
  check(await button.textContent() === "Kopiert", `after a copy the button reads "${await button.textContent()}"`);
  check(await page.evaluate(() => navigator.clipboard.readText()) === "key: value\n", "the code was not copied");

  // The search: a count of pages, then no results.
  const searchFor = async (query) => {
    await page.fill("#hb-search-input", "");
    await page.type("#hb-search-input", query);
    await page.waitForFunction((q) => document.getElementById("hb-search-results").getAttribute("data-query") === q, query, { timeout: 5000 });
    return (await page.textContent("#hb-search-status")).trim();
  };
  const found = await searchFor("Einarbeitung");
  check(found === "4 Seiten gefunden", `the search says "${found}" for "Einarbeitung"`);
  const none = await searchFor("Zebrafantasie");
  check(none === "Keine Ergebnisse", `the search says "${none}" for a word no page has`);
  const message = (await page.textContent("#hb-search-results .hb-no-results")).trim();
  check(message.startsWith("Keine Ergebnisse für „Zebrafantasie“."), `the list says "${message}"`);
  // A misspelt word with one no page has: the spelling the pages have, offered as a button.
  await searchFor("zwie xyzw");
  const offered = (await page.textContent("#hb-search-results .hb-no-results")).trim();
  const buttons = await page.locator("#hb-search-results .hb-suggestion").count();
  check(/^Keine Ergebnisse für „zwie xyzw“\. Meinten Sie \S.*\?$/.test(offered) && buttons === 1,
    `the list offers "${offered}" with ${buttons} buttons`);

  // On a touch screen the button stays over the end of the lines, which keep room for its
  // longer word: scrolled to its end, the long line's last character is left of the button.
  const touch = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  const phone = await touch.newPage();
  await phone.goto("file://" + site + "/einarbeitung/index.html");
  // A phone has no `/` key: its search field says what it searches; a desk's names the key.
  const placeholders = [await phone.getAttribute("#hb-search-input", "placeholder"), await page.getAttribute("#hb-search-input", "placeholder")];
  check(placeholders[0] === "Handbuch durchsuchen" && placeholders[1] === "Suchen ( / )", `the search fields say ${JSON.stringify(placeholders)} on a phone and a desk`);
  const ends = await lineEndAndCopyButton(phone, 1);
  check(ends.label === "Kopieren" && ends.text <= ends.button && ends.button - ends.text <= 40,
    `on a phone the line ends at ${ends.text} px, the "${ends.label}" button begins at ${ends.button} px`);
  // The search's filters fit the panel, a long section name and all.
  await phone.fill("#hb-search-input", "Einarbeitung");
  await phone.waitForSelector("#hb-search-results [role=option]", { timeout: 5000 });
  const fit = await phone.evaluate(() => {
    const panel = document.getElementById("hb-search-panel").getBoundingClientRect();
    const row = document.querySelector(".hb-search-filters");
    const selects = [...row.querySelectorAll("select")].filter((s) => !s.hidden).map((s) => s.getBoundingClientRect());
    return { shown: row.hidden ? 0 : selects.length, overflow: row.scrollWidth - row.clientWidth, outside: selects.filter((r) => r.right > panel.right + 0.5).length };
  });
  check(fit.shown === 2 && fit.overflow <= 0 && fit.outside === 0, `on a phone the search filters do not fit the panel: ${JSON.stringify(fit)}`);
  await touch.close();

  // The words searched for, highlighted on the page a result leads to.
  await page.goto("file://" + site + "/einarbeitung/index.html?hl=Einarbeitung");
  const bar = await page.waitForSelector(".hb-hl-bar", { timeout: 3000 }).then(() => page.textContent(".hb-hl-bar"), () => "");
  check(bar === "Hervorgehoben: Einarbeitung Hervorhebungen entfernen", `the highlight bar reads "${bar}"`);
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log("language checks: all passed");
