// Real-Chromium checks of a built handbook site, run by tests/browser.rs:
//   node site.mjs SITE_DIR
// 1. Navigation works opened from file://, served at the root and served under a sub-path:
//    follow sidebar and in-page links, land on the right pages, and no request leaves the site.
// 2. axe-core finds no serious or critical accessibility violations on the home page, a section
//    page, a content page and the FAQ, in light and dark mode, wide and narrow.
// 3. "On this page" stands beside the text on a wide screen and stays in view while the page
//    scrolls, above the text on a narrower one, and marks the section being read on both.
// 4. An address whose anchor names a heading in other letters (`#The-New-Manager-Trap`, as
//    links written for GitHub do) lands on that heading.
// 5. Phones, tablets and paper: the header's room above a heading linked to, the menu's
//    Escape, long lines of code on paper.
// Prints one line per problem and exits 1 if there is any.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { launchChromium } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const site = path.resolve(process.argv[2]);
const problems = [];

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".xml": "application/xml" };

// A static server for the site, mounted at `prefix` (e.g. "/" or "/handbook/").
function serve(prefix) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    let file = path.join(site, url.slice(prefix.length));
    if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function watchRequests(page, allowedPrefix, label) {
  page.on("request", (req) => {
    if (!req.url().startsWith(allowedPrefix)) problems.push(`${label}: request leaves the site: ${req.url()}`);
  });
  page.on("requestfailed", (req) => {
    // Chromium fetches the icon on its own time and drops the fetch when the page is left
    // first (net::ERR_ABORTED): not the site's fault. A missing icon is still a 404 below.
    if (/handbook-icon\.svg/.test(req.url()) && req.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`${label}: request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => { if (res.status() >= 400) problems.push(`${label}: ${res.status()} for ${res.url()}`); });
  page.on("pageerror", (err) => problems.push(`${label}: script error: ${err.message}`));
}

async function h1(page) {
  return (await page.locator("h1").first().textContent()).trim();
}

// Clicks a link and waits until the page it leads to has loaded.
async function follow(page, selector) {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), page.click(selector)]);
  await page.waitForLoadState("load");
}

async function navigate(browser, start, allowedPrefix, label) {
  const page = await browser.newPage();
  watchRequests(page, allowedPrefix, label);
  await page.goto(start);
  const expect = async (what, want) => {
    const got = await h1(page);
    if (got !== want) problems.push(`${label}: after ${what}, h1 is "${got}", expected "${want}"`);
  };
  await expect("opening the home page", "Engineering Management Handbook");
  await follow(page, '#hb-sidebar a:text-is("Skills")');
  await expect("clicking Skills in the sidebar", "Skills");
  await follow(page, '.hb-children a:text-is("Empathy")');
  await expect("clicking Empathy in the section list", "Empathy");
  await follow(page, ".hb-breadcrumbs a >> nth=0");
  await expect("clicking the first breadcrumb", "Engineering Management Handbook");
  await follow(page, '#hb-sidebar a:text-is("Engineering manager vs tech lead")');
  await follow(page, "a[rel=next]");
  await expect("clicking Next", "Career path");
  await follow(page, '.hb-header a:text-is("Print view")');
  const sections = await page.locator(".hb-print-page").count();
  if (sections < 15) problems.push(`${label}: print view has ${sections} pages`);
  // The theme toggle is remembered across pages.
  await page.goto(start);
  // The toggle looks pressed while dark mode is on (a switch drawn before its words).
  const knob = () => page.evaluate(() => {
    const toggle = document.querySelector(".hb-theme-toggle");
    const look = getComputedStyle(toggle, "::before");
    return [toggle.getAttribute("aria-pressed"), `${look.backgroundColor} ${look.backgroundImage}`];
  });
  const knobBefore = await knob();
  await page.click(".hb-theme-toggle");
  const knobAfter = await knob();
  if (knobBefore[0] === knobAfter[0] || knobBefore[1] === knobAfter[1])
    problems.push(`${label}: the colour toggle looks the same pressed and not (${knobBefore} / ${knobAfter})`);
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  await follow(page, '#hb-sidebar a:text-is("Career path")');
  const after = await page.evaluate(() => document.documentElement.dataset.theme);
  if (!theme || theme !== after) problems.push(`${label}: theme toggle not remembered (${theme} -> ${after})`);
  // Toggled back to the system's scheme, the page follows the system again: nothing kept.
  await page.click(".hb-theme-toggle");
  const back = await page.evaluate(() => [document.documentElement.dataset.theme, localStorage.getItem("handbook-theme")]);
  if (back[0] !== undefined || back[1] !== null) problems.push(`${label}: toggled back, the page keeps its own scheme (${back})`);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => document.querySelector(".hb-theme-toggle").getAttribute("aria-pressed") === "true", null, { timeout: 3000 }).catch(() => {});
  const follows = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme + " " + document.querySelector(".hb-theme-toggle").getAttribute("aria-pressed"));
  if (!/dark/.test(follows) || !follows.endsWith("true")) problems.push(`${label}: after toggling back, a dark system is not followed (${follows})`);
  // The icon drawn for the new scheme may be on its way: closing the page would cut it off
  // (a local file or server answers in milliseconds).
  await page.waitForTimeout(500);
  await page.close();
}

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const A11Y_PAGES = ["index.html", "responsibilities/index.html", "skills/empathy/index.html", "faq/index.html", "career-path/index.html", "what-is-an-engineering-manager/index.html"];

async function accessibility(browser, base) {
  for (const [colorScheme, width] of [["light", 1280], ["dark", 1280], ["light", 375]]) {
    const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
    for (const rel of A11Y_PAGES) {
      const page = await context.newPage();
      await page.goto(base + rel);
      await page.addScriptTag({ content: AXE });
      const audit = async (label) => {
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        for (const v of result.violations) {
          if (v.impact === "serious" || v.impact === "critical") {
            const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
            problems.push(`axe ${colorScheme} ${width}px ${label}: ${v.impact} ${v.id}: ${v.help} (${where})`);
          }
        }
      };
      await audit(rel);
      // And with search results open.
      if (rel === "index.html") {
        await page.fill("#hb-search-input", "hiring");
        await page.waitForSelector("#hb-search-results [role=option]", { timeout: 5000 });
        await page.keyboard.press("ArrowDown");
        await audit(rel + " with search results");
      }
      await page.close();
    }
    await context.close();
  }
}

async function onThisPage(browser, base) {
  const rel = "em-vs-tech-lead/index.html";
  for (const width of [1440, 1024]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(base + rel);
    const printLinks = await page.evaluate(() => [...document.querySelectorAll('a[href$="print/index.html"]')].filter((a) => a.getClientRects().length > 0).map((a) => a.closest("header, footer")?.tagName));
    if (printLinks.join() !== "HEADER") problems.push(`${width}px: the print view is linked from ${JSON.stringify(printLinks)}, not once from the header`);
    const box = (selector) => page.locator(selector).first().boundingBox();
    const toc = await box(".hb-toc");
    const content = await box(".hb-content");
    if (width >= 1280 && !(toc.x >= content.x + content.width)) {
      problems.push(`${width}px ${rel}: "On this page" is not beside the text (${JSON.stringify(toc)})`);
    }
    if (width < 1280 && !(toc.y + toc.height <= content.y + 1)) {
      problems.push(`${width}px ${rel}: "On this page" is not above the text (${JSON.stringify(toc)})`);
    }
    // A later section scrolled to the top is the one marked.
    const target = await page.evaluate(() => {
      const links = [...document.querySelectorAll(".hb-toc a")];
      const link = links[links.length - 2];
      document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))).scrollIntoView();
      return link.textContent;
    });
    const marked = await page
      .waitForFunction((want) => {
        const current = document.querySelectorAll('.hb-toc a[aria-current="true"]');
        return current.length === 1 && current[0].textContent === want;
      }, target, { timeout: 3000 })
      .then(() => true, () => false);
    if (!marked) problems.push(`${width}px ${rel}: after scrolling to "${target}", "On this page" does not mark it`);
    // A section near the end, followed from the box, is the one marked, though it never
    // reaches the top (the FAQ's last but one question).
    await page.goto(base + "faq/index.html");
    const links = page.locator(".hb-toc a");
    const last = links.nth((await links.count()) - 2);
    const lastText = (await last.textContent()).trim();
    await last.click();
    const lastMarked = await page
      .waitForFunction((want) => {
        const current = document.querySelectorAll('.hb-toc a[aria-current="true"]');
        return current.length === 1 && current[0].textContent.trim() === want;
      }, lastText, { timeout: 3000 })
      .then(() => true, () => false);
    if (!lastMarked) problems.push(`${width}px ${rel}: after following "${lastText}", "On this page" does not mark it`);
    if (width >= 1280) {
      const after = await box(".hb-toc");
      if (after.y < 0 || after.y > 200) problems.push(`${width}px ${rel}: "On this page" scrolled out of view (y=${after.y})`);
    }
    await page.close();
  }
  // A page that fits the window, read from its top: no heading has been scrolled to yet.
  const tall = await browser.newPage({ viewport: { width: 1440, height: 16000 } });
  await tall.goto(base + rel);
  const fits = await tall.evaluate(() => document.documentElement.scrollHeight - window.innerHeight < 50);
  await tall.waitForTimeout(100);
  const marked = await tall.evaluate(() => [...document.querySelectorAll('.hb-toc a[aria-current="true"]')].map((a) => a.textContent));
  if (!fits || marked.length) problems.push(`a page that fits the window (${fits}) marks ${JSON.stringify(marked)} in "On this page" before any scrolling`);
  await tall.close();
}

// A Mermaid diagram shows the drawing made for the page's colours (the system's, then the
// toggle's, and the light one on paper), as wide as it reads well and no wider than the text.
async function diagrams(browser, base) {
  const rel = "career-path/index.html";
  const shown = (page) => page.evaluate(() => {
    const content = document.querySelector(".hb-content").getBoundingClientRect();
    return [...document.querySelectorAll("figure.hb-diagram svg")]
      .map((svg) => [svg.parentElement.className, svg.getBoundingClientRect()])
      .filter(([, box]) => box.width > 0)
      .map(([theme, box]) => `${theme} ${box.width > 250 && box.right <= content.right + 1 ? "fits" : `is ${box.width}px wide`}`);
  });
  const expect = (seen, want, label) => {
    if (seen.join() !== `${want} fits`) problems.push(`${rel} ${label}: shows [${seen.join(", ")}], not the ${want} drawing fitting the text`);
  };
  for (const [colorScheme, width] of [["light", 1280], ["dark", 1280], ["light", 375]]) {
    const page = await browser.newPage({ colorScheme, viewport: { width, height: 900 } });
    await page.goto(base + rel);
    const label = `${colorScheme} ${width}px`;
    expect(await shown(page), colorScheme === "dark" ? "hb-diagram-dark" : "hb-diagram-light", label);
    if (colorScheme === "light" && width === 1280) {
      await page.click(".hb-theme-toggle");
      expect(await shown(page), "hb-diagram-dark", `${label} toggled to dark`);
      await page.emulateMedia({ media: "print" });
      expect(await shown(page), "hb-diagram-light", `${label} toggled to dark, printed`);
    }
    await page.close();
  }
}

// Code blocks are coloured (in light and dark), and each has a button that copies its text as
// written: through the clipboard API where the page is a secure context, through a selection
// where it is not (an intranet site on plain http).
async function codeBlocks(browser, base) {
  const rel = "index.html";
  const want = "---\ntitle: Performance management\nowner: \"@people-team\"";
  for (const colorScheme of ["light", "dark"]) {
    const page = await browser.newPage({ colorScheme });
    await page.goto(base + rel);
    const colours = await page.evaluate(() => {
      const code = document.querySelector("pre > code.language-yaml");
      const key = code && code.querySelector(".hl-t");
      const comment = code && code.querySelector(".hl-c");
      if (!key || !comment) return null;
      const colour = (e) => getComputedStyle(e).color;
      return [colour(code), colour(key), colour(comment)];
    });
    // A block that fits the text does not scroll (the copy button's room is for touch screens).
    const scrolling = await page.evaluate(() => [...document.querySelectorAll(".hb-content pre")]
      .filter((pre) => pre.scrollWidth > pre.clientWidth).length);
    if (scrolling) problems.push(`${colorScheme} ${rel}: ${scrolling} code blocks scroll sideways at 1280 px`);
    if (!colours) problems.push(`${colorScheme} ${rel}: the YAML block has no coloured keys or comments`);
    else if (new Set(colours).size !== 3) problems.push(`${colorScheme} ${rel}: code, keys and comments share colours (${colours})`);
    // Its lines are numbered from 1 in a gutter before the code, and lines 3 and 5 are marked;
    // a selection of the block takes the code without its numbers.
    const lines = await page.evaluate(() => {
      const code = document.querySelector("pre > code.language-yaml");
      const spans = code ? [...code.querySelectorAll(":scope > .hl-ln")] : [];
      if (spans.length === 0) return null;
      const gutter = getComputedStyle(spans[0], "::before");
      const range = document.createRange();
      range.selectNodeContents(code);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      const selected = selection.toString();
      selection.removeAllRanges();
      // Where the first line's text begins: after the gutter.
      const first = document.createTreeWalker(spans[0], NodeFilter.SHOW_TEXT).nextNode();
      const text = document.createRange();
      text.selectNodeContents(first);
      return {
        count: spans.length,
        marked: spans.map((s, i) => (s.classList.contains("hl-line") ? i + 1 : 0)).filter(Boolean),
        gutter: [gutter.content, parseFloat(gutter.width)],
        indent: text.getBoundingClientRect().left - code.getBoundingClientRect().left,
        selected: selected.split("\n")[0],
        marks: [...new Set(spans.map((s) => getComputedStyle(s).backgroundColor))].length,
      };
    });
    if (!lines) problems.push(`${colorScheme} ${rel}: the YAML block's lines are not numbered`);
    else {
      if (lines.count !== 7 || String(lines.marked) !== "3,5" || lines.marks !== 2) {
        problems.push(`${colorScheme} ${rel}: numbered lines ${lines.count}, marked ${lines.marked}, ${lines.marks} backgrounds`);
      }
      if (lines.gutter[0] !== "counter(hl-ln)" || !(lines.gutter[1] > 4) || !(lines.indent >= lines.gutter[1])) {
        problems.push(`${colorScheme} ${rel}: no gutter of numbers before the code (${lines.gutter}, text at ${lines.indent} px)`);
      }
      if (lines.selected !== "---") problems.push(`${colorScheme} ${rel}: a selection of the block starts ${JSON.stringify(lines.selected)}, numbers and all`);
    }
    // On paper, the light colours, whatever the screen's.
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => [document.body, document.querySelector("pre"), document.querySelector("code.language-yaml .hl-t")]
      .map((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]));
    const [[text], [, paper], [key]] = printed;
    if (text !== "rgb(0, 0, 0)" || paper !== "rgb(243, 244, 246)" || key !== "rgb(26, 107, 53)") {
      problems.push(`${colorScheme} ${rel} printed: text ${text}, code background ${paper}, YAML key ${key}: not the light colours`);
    }
    await page.close();
  }
  for (const secure of [true, false]) {
    const label = secure ? "clipboard API" : "no secure context";
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    if (!secure) await context.addInitScript(() => Object.defineProperty(window, "isSecureContext", { get: () => false }));
    const page = await context.newPage();
    await page.goto(base + rel);
    const box = page.locator(".hb-code", { has: page.locator("code.language-yaml") });
    const button = box.locator("button.hb-copy");
    if ((await button.count()) !== 1) {
      problems.push(`${rel}: the YAML block has no copy button`);
      await context.close();
      continue;
    }
    const opacity = () => button.evaluate((b) => getComputedStyle(b).opacity);
    if (secure && (await opacity()) !== "0") problems.push(`${rel}: the copy button shows before the pointer is over the block`);
    await box.hover();
    if ((await opacity()) !== "1") problems.push(`${rel}: the copy button does not show with the pointer over the block`);
    await button.click();
    await page.waitForFunction(() => document.querySelector(".hb-copy").textContent !== "Copy", null, { timeout: 3000 }).catch(() => {});
    const said = await page.locator("p[role=status]", { hasText: "Code copied" }).count();
    const text = await button.textContent();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const written = await box.locator("code").textContent();
    if (text !== "Copied" || said !== 1) problems.push(`${rel} (${label}): after a click the button says "${text}", and the status ${said ? "says" : "does not say"} so`);
    if (copied !== written || !copied.startsWith(want)) problems.push(`${rel} (${label}): the clipboard holds ${JSON.stringify(copied.slice(0, 80))}, not the block's text`);
    // A terminal session copies its command alone: no prompt, no output.
    const session = page.locator(".hb-code", { has: page.locator("code.language-console") });
    await session.hover();
    await session.locator("button.hb-copy").click();
    await page.waitForFunction(() => document.querySelectorAll(".hb-copy")[1].textContent !== "Copy", null, { timeout: 3000 }).catch(() => {});
    const command = await page.evaluate(() => navigator.clipboard.readText());
    if (command.trim() !== "cargo run --release -- serve") problems.push(`${rel} (${label}): the session's copy button copied ${JSON.stringify(command)}, not its command`);
    await context.close();
  }
}

async function looseAnchor(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto(base + "em-vs-tech-lead/index.html#The-New-Manager-Trap");
  const landed = await page
    .waitForFunction(() => {
      const heading = document.getElementById("the-new-manager-trap");
      const top = heading && heading.getBoundingClientRect().top;
      return window.location.hash === "#the-new-manager-trap" && top >= 0 && top < 200;
    }, null, { timeout: 3000 })
    .then(() => true, () => false);
  if (!landed) {
    const where = await page.evaluate(() => [window.location.hash, window.scrollY]);
    problems.push(`#The-New-Manager-Trap did not land on its heading (hash, scroll: ${where})`);
  }
  await page.close();
}

// On a phone the header slides away when a link leads down the page or the reader scrolls
// down, and comes back when they scroll up; on a tablet it stays at the top. Either way a
// heading a link leads to shows below it, however many rows the header takes. Escape closes
// the menu. On paper, a long line of code wraps (paper does not scroll).
async function smallScreens(browser, base) {
  const rel = "em-vs-tech-lead/index.html";
  for (const width of [375, 700]) {
    const page = await browser.newPage({ viewport: { width, height: 740 } });
    await page.goto(base + rel);
    // With no room for it in the header, the print view is linked at the foot of the page.
    const printLinks = await page.evaluate(() => [...document.querySelectorAll('a[href$="print/index.html"]')].filter((a) => a.getClientRects().length > 0).map((a) => a.closest("header, footer")?.tagName));
    if (printLinks.join() !== "FOOTER") problems.push(`${width}px: the print view is linked from ${JSON.stringify(printLinks)}, not once from the footer`);
    // A task's text wraps under its text, not under its box.
    const taskPage = await browser.newPage({ viewport: { width, height: 740 } });
    await taskPage.goto(base + "what-is-an-engineering-manager/index.html");
    const tasks = await taskPage.evaluate(() => [...document.querySelectorAll('.hb-content li > input[type="checkbox"]:first-child')].map((box) => {
      const range = document.createRange();
      range.setStart(box.nextSibling, 0);
      range.setEndAfter(box.parentElement.lastChild);
      const lines = [...range.getClientRects()];
      return { lines: new Set(lines.map((r) => Math.round(r.top))).size, left: Math.min(...lines.map((r) => r.left)), box: box.getBoundingClientRect().right };
    }));
    if (tasks.length < 3 || !tasks.some((t) => t.lines > 1)) problems.push(`${width}px: no task wraps to test (${JSON.stringify(tasks)})`);
    for (const t of tasks) if (t.left < t.box) problems.push(`${width}px: a task's text wraps under its box (${JSON.stringify(t)})`);
    await taskPage.close();
    const link = page.locator(".hb-toc a").nth(1);
    const id = decodeURIComponent((await link.getAttribute("href")).slice(1));
    await link.click();
    await page.waitForFunction((id) => decodeURIComponent(location.hash.slice(1)) === id, id);
    await page.waitForTimeout(200);
    const [top, headerBottom, position] = await page.evaluate((id) => {
      const header = document.querySelector(".hb-header");
      return [document.getElementById(id).getBoundingClientRect().top, header.getBoundingClientRect().bottom, getComputedStyle(header).position];
    }, id);
    if (position !== "sticky") problems.push(`${width}px: the header is ${position}, not at hand`);
    if (top < Math.max(0, headerBottom) - 1 || top > 300) problems.push(`${width}px ${rel}#${id}: the heading is at ${top}px, the header ends at ${headerBottom}px`);
    if (width <= 600) {
      // Away after the link; back on scrolling up; away again on scrolling down.
      const headerAt = async (dy) => {
        if (dy) await page.mouse.wheel(0, dy);
        await page.waitForTimeout(400);
        return page.evaluate(() => document.querySelector(".hb-header").getBoundingClientRect().bottom);
      };
      const afterLink = await headerAt(0);
      const up = await headerAt(-150);
      const down = await headerAt(300);
      if (afterLink > 1 || up < 20 || down > 1) {
        problems.push(`${width}px: the header's bottom after a link, a scroll up and a scroll down: ${afterLink}, ${up}, ${down}px (want away, shown, away)`);
      }
      // Typing a search brings it back and keeps it.
      await page.focus("#hb-search-input");
      const typing = await headerAt(200);
      if (typing < 20) problems.push(`${width}px: the header went away while its search field had the focus (${typing}px)`);
      await page.evaluate(() => document.activeElement.blur());
    }
    // Far down the page, the menu opens where the reader is, below the header.
    await page.evaluate(() => window.scrollTo(0, 1500));
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(400);
    await page.click(".hb-menu-button");
    const [menuTop, menuBottom, barBottom, scrolled] = await page.evaluate(() => {
      const menu = document.querySelector(".hb-sidebar").getBoundingClientRect();
      return [menu.top, menu.bottom, document.querySelector(".hb-header").getBoundingClientRect().bottom, window.scrollY];
    });
    if (scrolled < 500 || Math.abs(menuTop - barBottom) > 1 || menuBottom < 700) {
      problems.push(`${width}px: at ${scrolled}px down the page, the open menu spans ${menuTop}-${menuBottom}px, the header ends at ${barBottom}px`);
    }
    // A click beside it closes it.
    await page.mouse.click(width - 5, 600);
    if (await page.evaluate(() => document.querySelector(".hb-sidebar").classList.contains("hb-sidebar-open"))) {
      problems.push(`${width}px: a click beside the open menu leaves it open`);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click(".hb-menu-button");
    const opened = await page.evaluate(() => document.querySelector(".hb-sidebar").classList.contains("hb-sidebar-open"));
    await page.keyboard.press("Escape");
    const [closed, expanded, focused] = await page.evaluate(() => [
      !document.querySelector(".hb-sidebar").classList.contains("hb-sidebar-open"),
      document.querySelector(".hb-menu-button").getAttribute("aria-expanded"),
      document.activeElement === document.querySelector(".hb-menu-button"),
    ]);
    if (!opened || !closed || expanded !== "false" || !focused) {
      problems.push(`${width}px: the menu opened ${opened}, closed by Escape ${closed}, aria-expanded ${expanded}, focus on its button ${focused}`);
    }
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  await page.goto(base + "career-path/index.html");
  await page.evaluate(() => {
    const pre = document.createElement("pre");
    pre.innerHTML = "<code>short\n" + "long ".repeat(80) + "</code>";
    document.querySelector(".hb-content").append(pre);
  });
  await page.emulateMedia({ media: "print" });
  const [scroll, client] = await page.evaluate(() => [document.querySelector(".hb-content > pre:last-child").scrollWidth, document.querySelector(".hb-content > pre:last-child").clientWidth]);
  if (scroll > client + 1) problems.push(`printed: a long line of code is cut at the edge (${scroll}px in ${client}px)`);
  await page.close();
}

const browser = await launchChromium();
try {
  const fileBase = "file://" + site + "/";
  await navigate(browser, fileBase + "index.html", fileBase, "file://");
  for (const prefix of ["/", "/handbook/"]) {
    const server = await serve(prefix);
    const origin = `http://127.0.0.1:${server.address().port}`;
    await navigate(browser, origin + prefix + "index.html", origin + prefix, `http ${prefix}`);
    if (prefix === "/") {
      await accessibility(browser, origin + prefix);
      await onThisPage(browser, origin + prefix);
      await looseAnchor(browser, origin + prefix);
      await diagrams(browser, origin + prefix);
      await codeBlocks(browser, origin + prefix);
      await smallScreens(browser, origin + prefix);
    }
    server.close();
  }
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(problems.length === 0 ? "site checks: all passed" : `site checks: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
