// Query quality over a built handbook, with the real query engine (the theme's search.js) run
// in Node: each query names the page that must be among the first three results.
//   node search-quality.mjs SITE_DIR
import fs from "node:fs";
import vm from "node:vm";
import path from "node:path";

const site = path.resolve(process.argv[2]);
const ctx = { TextEncoder, URLSearchParams };
ctx.globalThis = ctx;
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(path.join(site, "assets/search.js"), "utf8"), ctx);
const load = (name) => new Promise((resolve) => {
  ctx.__hbSearch = (_, data) => resolve(data);
  vm.runInContext(fs.readFileSync(path.join(site, "search", name + ".js"), "utf8"), ctx);
});
const engine = new ctx.HandbookSearch.Engine(load);

// [query, kind, page title expected in the top 3]
const CASES = [
  ["hiring", "topic", "Hiring and team building"],
  ["coaching", "topic", "People development"],
  ["technical debt", "topic", "Delivery ownership"],
  ["estimates", "topic", "Project and delivery management"],
  ["diversity", "topic", "Hiring and team building"],
  ["pillars", "topic", "Responsibilities"],
  ["strategic thinking", "topic", "Strategic thinking"],
  ["architecture decisions", "topic", "Technical decision making"],
  ["span of control", "topic", "Frequently asked questions"],
  ["how many engineers per manager", "question", "Frequently asked questions"],
  ["should managers code", "question", "Frequently asked questions"],
  ["what is the difference between a product manager and an engineering manager", "question", "Frequently asked questions"],
  ["what does a tech lead do", "question", "Engineering manager vs tech lead"],
  ["where should a new manager start", "question", "Frequently asked questions"],
  ["perfomance review", "misspelling", "Performance management"],
  ["techncal strategy", "misspelling", "Technical strategy"],
  ["hiring managr", "misspelling", "Hiring and team building"],
  ["prioritsation", "misspelling", "Prioritisation"],
  ["empath", "partial word", "Empathy"],
  ["communicat", "partial word", "Communication"],
  ["caree", "partial word", "Career path"],
  ["deciding where team capacity goes", "paraphrase", "Prioritisation"],
  ["translating technical ideas for business people", "paraphrase", "Communication"],
  ["handling outages and being on call", "paraphrase", "Delivery ownership"],
  ["the steps from engineer to cto", "paraphrase", "Career path"],
  ["keeping a team healthy and growing", "paraphrase", "People development"],
  ["working with product managers and designers", "paraphrase", "Cross-functional alignment"],
  ["first 90 days as a manager", "paraphrase", "What is an engineering manager?"],
];

let failures = 0, reciprocal = 0;
for (const [query, kind, expected] of CASES) {
  const result = await engine.search(query);
  const titles = result.pages.map((p) => p.title);
  const rank = titles.indexOf(expected) + 1;
  reciprocal += rank > 0 ? 1 / rank : 0;
  const ok = rank >= 1 && rank <= 3;
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${kind.padEnd(12)} ${JSON.stringify(query)} -> ${expected} at rank ${rank || "-"}` +
    (ok ? "" : `; got ${JSON.stringify(titles.slice(0, 3))}`));
}
const mrr = reciprocal / CASES.length;
console.log(`queries: ${CASES.length}, in top 3: ${CASES.length - failures}, mean reciprocal rank: ${mrr.toFixed(3)}`);
process.exit(failures === 0 ? 0 : 1);
