// The search box in real Chromium, over HTTP and from file://:
//   node search-ui.mjs SITE_DIR XSS_SITE_DIR VECTORS_JSON DEPLOY_1 DEPLOY_2
// SITE_DIR is this repository's handbook; XSS_SITE_DIR a handbook whose page title is HTML;
// DEPLOY_1 and DEPLOY_2 two builds of a handbook, the second with pages added and a title changed.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";

const [site, xssSite, vectorsFile, deploy1, deploy2] = process.argv.slice(2).map((p) => path.resolve(p));
const vectors = JSON.parse(fs.readFileSync(vectorsFile, "utf8"));
const problems = [];
const check = (ok, message) => { if (!ok) problems.push(message); };

// Serves the folder `folder()` names at each request, with `headers`.
function serve(folder, headers = {}) {
  const server = http.createServer((req, res) => {
    const dir = typeof folder === "function" ? folder() : folder;
    let file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
    res.writeHead(200, { "content-type": type, ...headers });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Waits for the results of exactly `query` (the list carries the query it shows).
async function resultsFor(page, query) {
  await page.waitForFunction((q) => {
    const list = document.getElementById("hb-search-results");
    return list && list.getAttribute("data-query") === q;
  }, query, { timeout: 5000 });
}

async function firstResult(page, query) {
  if (query) await resultsFor(page, query);
  await page.waitForSelector("#hb-search-results [role=option]", { timeout: 5000 });
  return (await page.locator("#hb-search-results [role=option] .hb-result-title").first().textContent()).trim();
}

async function searchFlow(browser, base, label) {
  const page = await browser.newPage();
  page.on("pageerror", (e) => problems.push(`${label}: script error ${e.message}`));
  await page.goto(base + "skills/empathy/index.html");
  await page.keyboard.press("/");
  check(await page.evaluate(() => document.activeElement.id === "hb-search-input"), `${label}: "/" does not focus search`);
  await page.keyboard.type("span of control", { delay: 20 });
  const first = await firstResult(page, "span of control");
  check(first === "Frequently asked questions › How many engineers should one manager support?",
    `${label}: first result for "span of control" is "${first}"`);
  check(await page.getAttribute("#hb-search-input", "aria-expanded") === "true", `${label}: combobox not expanded`);
  await page.waitForFunction(() => /found/.test(document.getElementById("hb-search-status").textContent));
  check(/^\d+ pages? found$/.test(await page.textContent("#hb-search-status")), `${label}: no result count for screen readers`);
  const marks = await page.locator("#hb-search-results mark").allTextContents();
  check(marks.some((m) => /^span$/i.test(m)), `${label}: matched words not highlighted in results (${marks})`);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  check(await page.getAttribute("#hb-search-input", "aria-activedescendant") === "hb-result-1", `${label}: ArrowDown`);
  await page.keyboard.press("ArrowUp");
  check(await page.getAttribute("#hb-search-input", "aria-activedescendant") === "hb-result-0", `${label}: ArrowUp`);
  await Promise.all([page.waitForURL(/faq\/index\.html/), page.keyboard.press("Enter")]);
  await page.waitForLoadState("load");
  const url = new URL(page.url());
  check(url.hash === "#how-many-engineers-should-one-manager-support", `${label}: landed on ${url.hash}`);
  const highlighted = await page.locator("#hb-main mark.hb-hl").allTextContents();
  check(highlighted.some((m) => /span/i.test(m)) && highlighted.some((m) => /control/i.test(m)),
    `${label}: query words not highlighted on the page (${highlighted})`);
  // The button that removes the marks is in view where the reader landed.
  const bar = await page.locator(".hb-hl-bar").boundingBox();
  const viewport = page.viewportSize();
  check(bar && bar.y >= 0 && bar.y + bar.height <= viewport.height, `${label}: "Remove highlights" is out of view (${JSON.stringify(bar)})`);
  await page.click(".hb-hl-bar button");
  check(await page.locator("#hb-main mark.hb-hl").count() === 0, `${label}: highlights not removed`);

  // Ctrl-K, typo tolerance, Escape, the suggestion and filters.
  await page.keyboard.press("Control+k");
  check(await page.evaluate(() => document.activeElement.id === "hb-search-input"), `${label}: Ctrl-K does not focus search`);
  await page.fill("#hb-search-input", "");
  await page.keyboard.type("perfomance");
  check((await firstResult(page, "perfomance")).startsWith("Performance management"), `${label}: typo "perfomance" not found`);
  await page.keyboard.press("Escape");
  check(await page.isHidden("#hb-search-panel"), `${label}: Escape does not close results`);
  await page.fill("#hb-search-input", "");
  await page.keyboard.type("xqzvy emphaty");
  await resultsFor(page, "xqzvy emphaty");
  check(/No results/.test(await page.textContent(".hb-no-results")), `${label}: no "no results" state`);
  await page.fill("#hb-search-input", "");
  await page.keyboard.type("skills communication");
  await firstResult(page, "skills communication");
  await page.evaluate(() => document.getElementById("hb-search-results").removeAttribute("data-query"));
  await page.selectOption("#hb-search-section", { label: "Skills" });
  await resultsFor(page, "skills communication");
  const hrefs = await page.locator("#hb-search-results a[role=option]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  check(hrefs.length > 0 && hrefs.every((h) => h.includes("skills/")), `${label}: section filter let through ${hrefs}`);
  // Tab past the results and filters: the panel closes, not covers what the focus goes to.
  await page.focus("#hb-search-input");
  let left = false;
  for (let i = 0; i < 30 && !left; i++) {
    await page.keyboard.press("Tab");
    left = await page.evaluate(() => !document.activeElement.closest(".hb-search"));
  }
  check(left && await page.isHidden("#hb-search-panel"), `${label}: the results stay open after Tab leaves the search`);
  // More than ten pages match "team": ten show, and a button shows the rest.
  await page.fill("#hb-search-input", "");
  await page.keyboard.type("team");
  await firstResult(page, "team");
  await page.evaluate(() => document.getElementById("hb-search-results").removeAttribute("data-query"));
  await page.selectOption("#hb-search-section", "");
  await firstResult(page, "team");
  const pagesShown = () => page.locator("#hb-search-results li.hb-result:not(.hb-result-more)").count();
  const before = await pagesShown();
  const moreShown = await page.isVisible(".hb-more-results");
  // The count says that more were found than shown.
  const statusBefore = await page.textContent("#hb-search-status");
  if (moreShown) {
    await page.click(".hb-more-results");
    await page.waitForFunction((n) => document.querySelectorAll("#hb-search-results li.hb-result:not(.hb-result-more)").length > n, before, { timeout: 5000 }).catch(() => {});
  }
  const after = await pagesShown();
  const activeAt = await page.evaluate(() => {
    const id = document.getElementById("hb-search-input").getAttribute("aria-activedescendant");
    return [...document.querySelectorAll("#hb-search-results a[role=option]")].findIndex((a) => a.id === id);
  });
  const statusAfter = await page.textContent("#hb-search-status");
  const moreLeft = await page.isVisible(".hb-more-results");
  check(before === 10 && moreShown && after > 10 && activeAt > 0 && statusBefore === "10 pages shown, more found" &&
    (moreLeft ? /^\d+ pages shown, more found$/ : /^\d+ pages found$/).test(statusAfter) &&
    Number(statusAfter.split(" ")[0]) === after,
    `${label}: "team" showed ${before} pages ("${statusBefore}"), a "more" button ${moreShown}, then ${after} pages ("${statusAfter}", active option ${activeAt})`);

  // The shared text vectors of English, run by the browser's own search.js (the other
  // languages' by search-languages.mjs, in handbooks of theirs).
  const english = vectors.filter((v) => !v.language);
  check(english.length >= 20, `${label}: only ${english.length} English vectors`);
  const mismatches = await page.evaluate((vs) => vs.filter((v) =>
    JSON.stringify(window.HandbookSearch.terms(v.input)) !== JSON.stringify(v.terms)).map((v) => v.input), english);
  check(mismatches.length === 0, `${label}: text vectors differ in the browser: ${mismatches.slice(0, 3)}`);
  await page.close();
}

async function suggestion(browser, base, label) {
  const page = await browser.newPage();
  await page.goto(base + "index.html");
  await page.click("#hb-search-input");
  await page.keyboard.type("emphaty xyzw");
  await resultsFor(page, "emphaty xyzw");
  const text = await page.textContent(".hb-no-results");
  check(/Did you mean empathy/.test(text), `${label}: no suggestion in "${text}"`);
  await page.close();
}

async function xss(browser, base, label) {
  const page = await browser.newPage();
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs++; d.dismiss(); });
  await page.goto(base + "index.html");
  await page.click("#hb-search-input");
  await page.keyboard.type("onerror");
  const first = await firstResult(page, "onerror");
  check(first.startsWith("<img src=x onerror=alert(1)>"), `${label}: HTML title not shown literally: "${first}"`);
  check(await page.locator("#hb-search-panel img").count() === 0, `${label}: an <img> was created from a title`);
  await page.waitForTimeout(200);
  check(dialogs === 0 && !(await page.evaluate(() => window.__xss)), `${label}: script ran from page text`);
  await page.close();
}

// Japanese and Thai are written without spaces, Korean joins endings to its words and writes
// compounds whole: a word inside a longer run is found, marked in the excerpt and on the page
// it leads to.
const UNSPACED = [
  { query: "決定事項", first: "情報共有のルール › 非同期コミュニケーション", url: /kanji\/index\.html/ },
  { query: "회의", first: "팀 운영 가이드 › 주간 일정", url: /korean\/index\.html/ },
  { query: "ประชุม", first: "คู่มือผู้จัดการ › ตารางงาน", url: /thai\/index\.html/ },
];

// A word typed whole that pages write with a hyphen ("oncall", "on-call"): found, marked in
// the excerpt and on the page as written.
async function compound(browser, base, label) {
  const page = await browser.newPage();
  page.on("pageerror", (e) => problems.push(`${label}: script error ${e.message}`));
  await page.goto(base + "index.html");
  await page.click("#hb-search-input");
  await page.keyboard.type("oncall");
  const first = await firstResult(page, "oncall");
  check(first.startsWith("What is an engineering manager?"), `${label}: first result for "oncall" is "${first}"`);
  const marks = await page.locator("#hb-search-results mark").allTextContents();
  check(marks.includes("on-call"), `${label}: "on-call" not marked in the excerpt (${marks})`);
  await Promise.all([page.waitForURL(/what-is-an-engineering-manager\/index\.html/), page.keyboard.press("Enter")]);
  await page.waitForLoadState("load");
  const highlighted = await page.locator("#hb-main mark.hb-hl").allTextContents();
  check(highlighted.includes("on-call"), `${label}: "on-call" not highlighted on the page (${highlighted})`);
  await page.close();
}

async function unspaced(browser, base, label) {
  for (const { query, first: want, url } of UNSPACED) {
    const page = await browser.newPage();
    page.on("pageerror", (e) => problems.push(`${label}: script error ${e.message}`));
    await page.goto(base + "index.html");
    await page.click("#hb-search-input");
    await page.keyboard.type(query);
    const first = await firstResult(page, query);
    check(first === want, `${label}: first result for "${query}" is "${first}"`);
    const marks = await page.locator("#hb-search-results mark").allTextContents();
    check(marks.includes(query), `${label}: "${query}" not marked in the excerpt (${marks})`);
    await Promise.all([page.waitForURL(url), page.keyboard.press("Enter")]);
    await page.waitForLoadState("load");
    const highlighted = await page.locator("#hb-main mark.hb-hl").allTextContents();
    check(highlighted.includes(query), `${label}: "${query}" not highlighted on the page (${highlighted})`);
    await page.close();
  }
}

// A new build is published while a tab is open, on a host that lets browsers cache files for
// ten minutes: searching in that tab, and in a new one, gives the new build's results.
async function deploy(browser) {
  let current = deploy1;
  const server = await serve(() => current, { "cache-control": "max-age=600" });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext();
  const search = async (page, query) => {
    await page.fill("#hb-search-input", "");
    await page.keyboard.type(query);
    return firstResult(page, query);
  };
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`deploy: script error ${e.message}`));
  await page.goto(base + "index.html");
  await page.click("#hb-search-input");
  const before = await search(page, "alpha");
  check(before.startsWith("Alpha notes"), `deploy: first result for "alpha" before is "${before}"`);
  current = deploy2;
  const open = await search(page, "mongoose");
  check(open === "Mongoose field guide, second edition",
    `deploy: the open tab's first result for "mongoose" is "${open}"`);
  // A page opened now gets the old manifest from the cache.
  const other = await context.newPage();
  await other.goto(base + "index.html");
  await other.click("#hb-search-input");
  const fresh = await search(other, "mongoose hunts");
  check(fresh.startsWith("Mongoose field guide, second edition"),
    `deploy: a new tab's first result for "mongoose hunts" is "${fresh}"`);
  await context.close();
  server.close();
}

const browser = await launchChromium();
try {
  const server = await serve(site);
  const xssServer = await serve(xssSite);
  const httpBase = `http://127.0.0.1:${server.address().port}/`;
  for (const [base, xssBase, label] of [
    [httpBase, `http://127.0.0.1:${xssServer.address().port}/`, "http"],
    ["file://" + site + "/", "file://" + xssSite + "/", "file://"],
  ]) {
    await searchFlow(browser, base, label);
    await suggestion(browser, base, label);
    await compound(browser, base, label);
    await xss(browser, xssBase, label);
    await unspaced(browser, xssBase, label);
  }
  server.close();
  xssServer.close();
  await deploy(browser);
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(problems.length === 0 ? "search checks: all passed" : `search checks: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
