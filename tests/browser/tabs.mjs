// Real-Chromium checks of GitBook's tabs in a built book, run by tests/browser.rs:
//   node tabs.mjs SITE_DIR
// The page people/hiring/ has `{% tabs %}` with the tabs "Phone screen" and "Onsite", and the
// heading "Onsite day" inside the second. Checks: the first tab shows and a tab list switches
// (click, arrow keys, Home/End); an address naming a heading in a hidden tab opens that tab;
// print shows every tab; axe finds no serious violation; on a phone, a long code line after
// the tabs is not under its copy button, though the page's first code block is in a hidden
// tab. Prints one line per problem and exits 1 if there is any.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { launchChromium, lineEndAndCopyButton } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const site = path.resolve(process.argv[2]);
const url = "file://" + site + "/people/hiring/index.html";
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  await page.goto(url);
  const state = () => page.evaluate(() => ({
    tabs: [...document.querySelectorAll('.hb-tab-list [role="tab"]')].map((t) => t.textContent),
    selected: [...document.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => t.textContent),
    shown: [...document.querySelectorAll(".hb-tab")].map((p) => p.offsetHeight > 0),
    focused: document.activeElement && document.activeElement.textContent,
  }));
  let s = await state();
  expect(JSON.stringify(s.tabs) === '["Phone screen","Onsite"]', `tab list: ${JSON.stringify(s.tabs)}`);
  expect(JSON.stringify(s.shown) === "[true,false]", `at first: ${JSON.stringify(s.shown)}`);
  await page.click('[role="tab"]:nth-child(2)');
  s = await state();
  expect(JSON.stringify(s.shown) === "[false,true]" && s.selected[0] === "Onsite", `after a click: ${JSON.stringify(s)}`);
  await page.keyboard.press("ArrowRight");
  s = await state();
  expect(s.selected[0] === "Phone screen" && s.focused === "Phone screen", `ArrowRight wraps: ${JSON.stringify(s)}`);
  await page.keyboard.press("End");
  s = await state();
  expect(s.selected[0] === "Onsite" && s.focused === "Onsite", `End: ${JSON.stringify(s)}`);
  await page.keyboard.press("Home");
  s = await state();
  expect(s.selected[0] === "Phone screen", `Home: ${JSON.stringify(s)}`);

  // Reading the first tab, "On this page" does not mark the heading hidden in the second.
  await page.evaluate(() => { document.querySelector(".hb-tabs").scrollIntoView(); });
  await page.waitForTimeout(200);
  const marked = await page.evaluate(() =>
    [...document.querySelectorAll('.hb-toc a[aria-current="true"]')].map((a) => a.textContent));
  expect(!marked.includes("Onsite day"), `a hidden heading is marked: ${JSON.stringify(marked)}`);

  // Axe, with the tabs as the script makes them.
  await page.addScriptTag({ content: fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") problems.push(`axe: ${v.id}: ${v.help}`);
  }

  // Print shows every tab, without the list.
  await page.emulateMedia({ media: "print" });
  s = await state();
  expect(JSON.stringify(s.shown) === "[true,true]", `print: ${JSON.stringify(s.shown)}`);
  const listShown = await page.evaluate(() => document.querySelector(".hb-tab-list").offsetHeight > 0);
  expect(!listShown, "print shows the tab list");
  await page.close();

  // An address naming a heading in the second tab opens it.
  const deep = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await deep.goto(url + "#onsite-day");
  const opened = await deep.evaluate(() => {
    const heading = document.getElementById("onsite-day");
    const top = heading.getBoundingClientRect().top;
    return heading.offsetHeight > 0 && top >= 0 && top < 300;
  });
  expect(opened, "#onsite-day does not open its tab and show the heading");
  await deep.close();
  // On a phone, the long line after the tabs keeps room for its copy button, though the first
  // code block of the page is in the tab not shown.
  const touch = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  const phone = await touch.newPage();
  await phone.goto(url);
  const ends = await lineEndAndCopyButton(phone, 1);
  expect(ends.text <= ends.button && ends.button - ends.text <= 40,
    `on a phone the long line ends at ${ends.text} px, the copy button begins at ${ends.button} px`);
  await touch.close();
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(problems.length === 0 ? "tabs checks: all passed" : `tabs checks: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
