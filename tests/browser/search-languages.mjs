// Search in each language with rules of its own, in real Chromium, run by tests/search.rs:
//   node search-languages.mjs VECTORS_JSON LANG=SITE_DIR QUERY=TITLE=MARKED[=TYPO] ...
// For each handbook (built with `language = LANG`): the shared text vectors of LANG, run by the
// search.js that handbook's build wrote, give the terms the Rust side gives; and QUERY, another
// form of a word on one page only, finds that page (titled TITLE) first, from file://, with
// MARKED (the page's form of the word, alone: "équipe" of "L'équipe") marked in the result's
// excerpt and, after Enter, on the page; and TYPO, when given, a misspelling of MARKED, leads to
// the page with MARKED marked there too. Prints one line per problem and exits 1 if there is any.
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";

const [vectorsFile, ...rest] = process.argv.slice(2);
const vectors = JSON.parse(fs.readFileSync(vectorsFile, "utf8"));
const problems = [];
const check = (ok, message) => { if (!ok) problems.push(message); };
const browser = await launchChromium();
try {
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const [language, dir] = rest[i].split(/=(.*)/s);
    const [query, title, marked, typo] = rest[i + 1].split("=");
    const page = await browser.newPage();
    page.on("pageerror", (err) => problems.push(`${language}: script error: ${err.message}`));
    page.on("console", (m) => { if (m.type() === "warning") problems.push(`${language}: ${m.text()}`); });
    await page.goto("file://" + path.resolve(dir) + "/index.html");

    const mine = vectors.filter((v) => (v.language || "en") === language);
    check(mine.length >= 5, `${language}: only ${mine.length} vectors`);
    const differ = await page.evaluate((vs) => vs.filter((v) =>
      JSON.stringify(window.HandbookSearch.terms(v.input)) !== JSON.stringify(v.terms))
      .map((v) => `${v.input.slice(0, 60)} -> ${window.HandbookSearch.terms(v.input).join(" ")}`), mine);
    check(differ.length === 0, `${language}: the browser's terms differ from the Rust side's: ${differ.slice(0, 3).join(" | ")}`);

    await page.click("#hb-search-input");
    await page.keyboard.type(query + " ");
    // The list carries the query it shows, trimmed.
    await page.waitForFunction((q) => document.getElementById("hb-search-results").getAttribute("data-query") === q,
      query, { timeout: 5000 });
    const first = await page.evaluate(() => {
      const option = document.querySelector("#hb-search-results [role=option]");
      return option ? option.textContent : "(no results)";
    });
    check(first.includes(title), `${language}: "${query}" finds first "${first.slice(0, 80)}", not "${title}"`);
    const marks = await page.locator("#hb-search-results [role=option] mark").allTextContents();
    check(marks.includes(marked), `${language}: the result marks ${JSON.stringify(marks)}, not "${marked}"`);
    await Promise.all([page.waitForURL(/one\/index\.html/), page.keyboard.press("Enter")]).catch(() => {});
    await page.waitForLoadState("load");
    const onPage = await page.locator("#hb-main mark.hb-hl").allTextContents();
    check(onPage.includes(marked), `${language}: after Enter the page marks ${JSON.stringify(onPage)}, not "${marked}"`);
    if (typo) {
      // Found by a term one edit away: the page marks that term's words too.
      await page.goto("file://" + path.resolve(dir) + "/index.html");
      await page.click("#hb-search-input");
      await page.keyboard.type(typo + " ");
      await page.waitForFunction((q) => document.getElementById("hb-search-results").getAttribute("data-query") === q,
        typo, { timeout: 5000 });
      await Promise.all([page.waitForURL(/one\/index\.html/), page.keyboard.press("Enter")]).catch(() => {});
      await page.waitForLoadState("load");
      const typoMarks = await page.locator("#hb-main mark.hb-hl").allTextContents();
      check(typoMarks.includes(marked), `${language}: after "${typo}" the page marks ${JSON.stringify(typoMarks)}, not "${marked}"`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log("language search checks: all passed");
