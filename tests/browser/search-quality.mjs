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
  ["oncall rotation", "compound", "What is an engineering manager?"],
  ["crossfunctional", "compound", "Cross-functional alignment"],
];

// The ranking keeps only a query's best documents (search.js `Best`): it must keep exactly the
// first `k` of a full sort (every query word first, then score, then document number), with
// ties in score, documents offered in any order, and fewer offers than `k`.
let seed = 1;
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
for (let round = 0; round < 300; round++) {
  const k = 1 + random(40), offers = random(120), docs = new Set(), all = [];
  const best = new ctx.HandbookSearch.Best(k);
  for (let i = 0; i < offers; i++) {
    const doc = random(1000);
    if (docs.has(doc)) continue;
    docs.add(doc);
    const hit = { doc, score: random(8) / 4, complete: random(3) === 0 };
    all.push(hit);
    best.offer(hit.doc, hit.score, hit.complete);
  }
  all.sort((a, b) => (b.complete - a.complete) || (b.score - a.score) || (a.doc - b.doc));
  const want = JSON.stringify(all.slice(0, k).map((h) => [h.doc, h.score]));
  const got = JSON.stringify(best.sorted().map((h) => [h.doc, h.score]));
  if (want !== got || best.complete !== all.filter((h) => h.complete).length) {
    console.log(`FAIL best ${k} of ${all.length}: kept ${got}, want ${want}`);
    process.exit(1);
  }
}
console.log("ok   the best documents of 300 random rankings are those of a full sort");

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
// A whole word the handbook does not have finds nothing, as typed (no space after it): not the
// pages of the shorter words it begins with ("under", "over"). The nearest word is suggested.
for (const query of ["underperforming", "overcommitment"]) {
  const result = await engine.search(query);
  const ok = result.pages.length === 0;
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} absent word  ${JSON.stringify(query)} -> ${result.pages.length} pages` +
    (ok ? "" : `: ${JSON.stringify(result.pages.slice(0, 3).map((p) => p.title))}`));
}
// Typed on the way to a word whose stem is shorter ("managemen" of "management": "manag";
// "accountabilit" of "accountability": "account").
for (const query of ["managemen", "prioritisat", "accountabilit"]) {
  const result = await engine.search(query);
  const ok = result.pages.length > 0;
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} half-typed   ${JSON.stringify(query)} -> ${result.pages.length} pages`);
}
// A typo at the end of a word that begins with a shorter known stem ("stakeholdr": "stake")
// is read as the typo of the longer word, typed or not: its page comes first.
for (const query of ["stakeholdr", "stakeholdr "]) {
  const result = await engine.search(query);
  const first = result.pages.length ? result.pages[0].title : "-";
  const ok = first === "Cross-functional alignment";
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} typo at end  ${JSON.stringify(query)} -> first ${JSON.stringify(first)}`);
}
const mrr = reciprocal / CASES.length;
console.log(`queries: ${CASES.length}, in top 3: ${CASES.length - failures}, mean reciprocal rank: ${mrr.toFixed(3)}`);
process.exit(failures === 0 ? 0 : 1);
