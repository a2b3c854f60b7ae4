// Real-Chromium check of MkDocs Material's linked content tabs (`content.tabs.link`), run by
// tests/browser.rs:  node linked-tabs.mjs SITE_DIR OTHER_SITE_DIR
// The home page has two sets, [pip, conda] and [conda, docker]; other/ has [docker, pip].
// Choosing conda in the first set shows conda in the second; choosing docker in the second
// leaves the first (which has no docker) as it was; the next page shows docker, the last
// choice; the same home page of another handbook (OTHER_SITE_DIR, also opened from disk, where
// every page shares one storage) shows its first tabs. Prints one line per problem and exits 1
// if there is any.
import path from "node:path";
import { launchChromium } from "./chromium.mjs";

const site = path.resolve(process.argv[2]);
const otherSite = path.resolve(process.argv[3]);
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };

const browser = await launchChromium();
const selected = (page) => page.evaluate(() => [...document.querySelectorAll(".hb-tabs")].map((set) =>
  [...set.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => t.textContent).join()));
try {
  const page = await browser.newPage();
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  await page.goto("file://" + site + "/index.html");
  let now = await selected(page);
  expect(now.join("|") === "pip|conda", `at first: ${now}`);
  await page.locator(".hb-tabs").nth(0).getByRole("tab", { name: "conda" }).click();
  now = await selected(page);
  expect(now.join("|") === "conda|conda", `after conda: ${now}`);
  await page.locator(".hb-tabs").nth(1).getByRole("tab", { name: "docker" }).click();
  now = await selected(page);
  expect(now.join("|") === "conda|docker", `after docker: ${now}`);
  await page.goto("file://" + site + "/other/index.html");
  now = await selected(page);
  expect(now.join("|") === "docker", `next page: ${now}`);
  await page.goto("file://" + otherSite + "/index.html");
  now = await selected(page);
  expect(now.join("|") === "pip|conda", `another handbook: ${now}`);
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log("linked tabs checks: all passed");
