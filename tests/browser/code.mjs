// Real-Chromium checks of numbered and marked code blocks in a built handbook, run by
// tests/browser.rs:
//   node code.mjs SITE_DIR
// The page code/ holds a Makefile block numbered from 8 (a line indented with a tab, one with
// eight spaces, lines 2-3 marked) and a numbered terminal session (`$ npm install`, its output,
// `$ npm run build`, its output, with a blank line and one of spaces among them). Checks: the two indented lines start at one place (the
// numbers take no room from the tabs); the marked lines' background covers the gutter too; the
// copy button copies the Makefile as written and the session's commands alone, without blank
// lines where the output was. Prints one line per problem and exits 1 if there is any.
import path from "node:path";
import { clipboardPage, launchChromium } from "./chromium.mjs";

const site = path.resolve(process.argv[2]);
const problems = [];
const browser = await launchChromium();
try {
  const page = await clipboardPage(browser, problems);
  await page.goto("file://" + site + "/code/index.html");
  const layout = await page.evaluate(() => {
    const code = document.querySelector("code.language-makefile");
    const lines = [...code.querySelectorAll(":scope > .hl-ln")];
    // Where the first character that is not white space begins, on each line.
    const starts = lines.map((line) => {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.search(/\S/);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return Math.round(range.getBoundingClientRect().left);
      }
      return null;
    });
    const marked = code.querySelector(".hl-line").getBoundingClientRect();
    const pre = code.parentNode.getBoundingClientRect();
    return { count: lines.length, starts, markedLeft: marked.left - pre.left };
  });
  if (layout.count !== 3) problems.push(`the Makefile has ${layout.count} numbered lines, not 3`);
  if (layout.starts[1] === null || layout.starts[1] !== layout.starts[2]) {
    problems.push(`a tab and eight spaces indent to different places: ${layout.starts}`);
  }
  if (layout.markedLeft > 1) problems.push(`a marked line's background starts ${layout.markedLeft} px into the block, not at its edge`);
  const copy = async (language) => {
    const box = page.locator(".hb-code", { has: page.locator(`code.language-${language}`) });
    await box.hover();
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await box.locator("button.hb-copy").click();
    await page.waitForFunction(() => [...document.querySelectorAll(".hb-copy")].some((b) => b.textContent === "Copied"), null, { timeout: 3000 }).catch(() => {});
    const text = await page.evaluate(() => navigator.clipboard.readText());
    await page.waitForFunction(() => [...document.querySelectorAll(".hb-copy")].every((b) => b.textContent === "Copy"), null, { timeout: 5000 }).catch(() => {});
    return text;
  };
  const makefile = await copy("makefile");
  if (makefile !== "all:\n\techo tab\n        echo 8sp\n") problems.push(`the Makefile copied as ${JSON.stringify(makefile)}`);
  const session = await copy("console");
  if (session !== "npm install\nnpm run build\n") problems.push(`the numbered session copied as ${JSON.stringify(session)}`);
  await page.context().close();
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(problems.length === 0 ? "code checks: all passed" : `code checks: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
