// Real-Chromium check of the tabs a Docusaurus page shows, run by tests/browser.rs:
//   node first-tab.mjs SITE_DIR
// The home page has four sets of tabs: in the first, the second tab ("Orange") is marked
// `default`; the second names its tab "mac" in `defaultValue`; the third and fourth share
// `groupId="os"`, the third with `queryString`. other/ has a third set of the group. Each set
// shows its first tab; choosing a tab of the group shows it in the other sets of the group (by
// value, whatever their labels), keeps the chosen button where it was on the screen, puts it in
// the address (the third set) and keeps it for the next page; the address names a tab for
// that visit.
// Prints one line per problem and exits 1 if there is any.
import path from "node:path";
import { launchChromium } from "./chromium.mjs";

const site = path.resolve(process.argv[2]);
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };

const browser = await launchChromium();
const sets = (page) => page.evaluate(() => [...document.querySelectorAll(".hb-tabs")].map((set) => ({
  selected: [...set.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => t.textContent),
  shown: [...set.querySelectorAll(":scope > .hb-tab")].map((p) => p.offsetHeight > 0),
})));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  const home = "file://" + site + "/index.html";
  await page.goto(home);
  const first = await sets(page);
  expect(same(first, [
    { selected: ["Orange"], shown: [false, true] },
    { selected: ["Mac"], shown: [false, true] },
    { selected: ["Linux"], shown: [true, false] },
    { selected: ["GNU/Linux"], shown: [true, false] },
  ]), `first tabs: ${JSON.stringify(first)}`);

  // The fourth set's macOS, chosen below the third set, whose Linux tab is long: the third set
  // follows (and shrinks), and the button stays where it was on the screen.
  const mac = page.locator(".hb-tabs").nth(3).getByRole("tab", { name: "macOS" });
  await mac.scrollIntoViewIfNeeded();
  const before = (await mac.boundingBox()).y;
  await mac.click();
  const after = (await mac.boundingBox()).y;
  expect(Math.abs(after - before) < 2, `the chosen button moved on the screen: ${before} -> ${after}`);
  const chosen = await sets(page);
  expect(same(chosen.slice(2), [
    { selected: ["Mac"], shown: [false, true] },
    { selected: ["macOS"], shown: [false, true] },
  ]), `after choosing macOS: ${JSON.stringify(chosen)}`);
  expect(same(chosen.slice(0, 2), first.slice(0, 2)), `sets of no group changed: ${JSON.stringify(chosen)}`);

  // The next page shows the group's last choice.
  await page.goto("file://" + site + "/other/index.html");
  const other = await sets(page);
  expect(same(other, [{ selected: ["Mac"], shown: [false, true] }]), `other page: ${JSON.stringify(other)}`);

  // The third set (queryString) puts its tab in the address; an address names the tab.
  await page.goto(home);
  await page.locator(".hb-tabs").nth(2).getByRole("tab", { name: "Linux" }).click();
  const query = new URL(page.url()).searchParams.get("os");
  expect(query === "linux", `address after choosing Linux: ${page.url()}`);
  await page.goto(home + "?os=mac");
  const named = await sets(page);
  expect(same(named.slice(2), [
    { selected: ["Mac"], shown: [false, true] },
    { selected: ["macOS"], shown: [false, true] },
  ]), `?os=mac: ${JSON.stringify(named)}`);
  // The address chose for that visit only: the reader's last choice (Linux) stands.
  await page.goto("file://" + site + "/other/index.html");
  const kept = await sets(page);
  expect(same(kept, [{ selected: ["Linux"], shown: [true, false] }]), `other page after ?os=mac: ${JSON.stringify(kept)}`);
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log("first tab checks: all passed");
