// Search benchmark: real Chromium against a built site served over HTTP on 127.0.0.1.
//   node benches/search_bench.mjs SITE_DIR   (run from the repository; needs tests/browser's packages)
// For each query, in a fresh browser context (empty cache): the bytes of search/ files fetched
// until the results are ready (what showing the first result needs), then the time of the same
// query again once its files are loaded, 30 times. Prints a table and a BENCH_JSON line.
// The summary's median and p95 are of every warm run of every query together (540 timings);
// it also gives the strictest figure, the slowest query's second-slowest run.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.resolve("tests/browser/package.json"));
const { chromium } = require("playwright-core");
const site = path.resolve(process.argv[2]);

let bytes = 0;
const server = http.createServer((req, res) => {
  let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  const body = fs.readFileSync(file);
  if (req.url.startsWith("/search/")) bytes += body.length;
  res.writeHead(200, { "content-type": file.endsWith(".js") ? "text/javascript" : "text/html" });
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/`;

const ONE_WORD = ["hiring", "feedback", "onboarding", "incident", "budget", "postmortem", "mentor", "career", "escalation", "interview"];
const MULTI = ["hiring interview panel", "incident escalation rotation", "technical debt planning", "career growth conversations", "quarterly budget review"];
const OTHER = ["feedbak", "onboa", "postmortm review"];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const rows = [];
for (const [kind, list] of [["one word", ONE_WORD], ["multi-word", MULTI], ["typo/prefix", OTHER]]) {
  for (const query of list) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + "index.html");
    await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.page);
    bytes = 0;
    const cold = await page.evaluate(async (q) => {
      const t0 = performance.now();
      const r = await window.HandbookSearch.page.search(q);
      return { ms: performance.now() - t0, results: r.pages.length, first: r.pages[0] && r.pages[0].title };
    }, query);
    const coldBytes = bytes;
    const warm = await page.evaluate(async (q) => {
      const times = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        await window.HandbookSearch.page.search(q);
        times.push(performance.now() - t0);
      }
      return times;
    }, query);
    const sorted = [...warm].sort((a, b) => a - b);
    rows.push({ kind, query, bytes: coldBytes, coldMs: cold.ms, results: cold.results, times: warm, median: sorted[15], p95: sorted[28] });
    await context.close();
  }
}
await browser.close();
server.close();

let indexBytes = 0, files = 0;
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else { indexBytes += fs.statSync(p).size; files++; }
  }
})(path.join(site, "search"));

console.log("query".padEnd(32), "kind".padEnd(12), "KB fetched".padStart(10), "cold ms".padStart(8), "warm median".padStart(12), "2nd slowest".padStart(12), "results".padStart(8));
for (const r of rows) {
  console.log(JSON.stringify(r.query).padEnd(32), r.kind.padEnd(12), (r.bytes / 1024).toFixed(1).padStart(10), r.coldMs.toFixed(1).padStart(8),
    r.median.toFixed(2).padStart(12), r.p95.toFixed(2).padStart(12), String(r.results).padStart(8));
}
const all = rows.flatMap((r) => r.times).sort((a, b) => a - b);
const at = (q) => all[Math.min(all.length - 1, Math.floor(all.length * q))];
const oneWordMax = Math.max(...rows.filter((r) => r.kind === "one word").map((r) => r.bytes));
const anyMax = Math.max(...rows.map((r) => r.bytes));
const summary = {
  index_bytes: indexBytes, index_files: files,
  one_word_max_kb: oneWordMax / 1024, any_query_max_kb: anyMax / 1024,
  warm_median_ms: at(0.5), warm_p95_ms: at(0.95), warm_p99_ms: at(0.99),
  worst_query_second_slowest_ms: Math.max(...rows.map((r) => r.p95)),
};
console.log(`index on disk: ${(indexBytes / 1048576).toFixed(1)} MiB in ${files} files`);
console.log(`max fetched before results, one-word query: ${summary.one_word_max_kb.toFixed(1)} KB (target <= 150)`);
console.log(`max fetched, any query: ${summary.any_query_max_kb.toFixed(1)} KB (target <= 600)`);
console.log(`query time once loaded, all ${all.length} warm runs: median ${summary.warm_median_ms.toFixed(2)} ms (target <= 5), p95 ${summary.warm_p95_ms.toFixed(2)} ms (target <= 20), p99 ${summary.warm_p99_ms.toFixed(2)} ms`);
console.log(`slowest query's second-slowest of 30 runs: ${summary.worst_query_second_slowest_ms.toFixed(2)} ms`);
console.log("BENCH_JSON " + JSON.stringify(summary));
