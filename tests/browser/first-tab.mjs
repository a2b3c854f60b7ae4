// Real-Chromium check of the tab a Docusaurus page shows first, run by tests/browser.rs:
//   node first-tab.mjs SITE_DIR
// The home page has two sets of tabs: in the first, the second tab ("Orange") is marked
// `default`; the second set names its tab "mac" in `defaultValue`. Each set shows that tab and
// only it. Prints one line per problem and exits 1 if there is any.
import path from "node:path";
import { chromium } from "playwright-core";

const site = path.resolve(process.argv[2]);
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  await page.goto("file://" + site + "/index.html");
  const sets = await page.evaluate(() => [...document.querySelectorAll(".hb-tabs")].map((set) => ({
    selected: [...set.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => t.textContent),
    shown: [...set.querySelectorAll(":scope > .hb-tab")].map((p) => p.offsetHeight > 0),
  })));
  expect(JSON.stringify(sets) === JSON.stringify([
    { selected: ["Orange"], shown: [false, true] },
    { selected: ["Mac"], shown: [false, true] },
  ]), `first tabs: ${JSON.stringify(sets)}`);
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log("first tab checks: all passed");
