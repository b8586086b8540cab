// bench/review: `xxgk review` of 300 generated report pages (100 bodies × 2021–2023) against what an
// evaluator would otherwise run on the same files in the same run: `xxgk import` + `xxgk validate`, then
// a workbook of the same rows written with the same library (exceljs, streaming, one shared style per
// column as review writes it): 报告, 问题 and 表二 / 表三 / 表四. Three interleaved rounds of each, wall-clock
// time of the spawned commands, median. Then each phase of the review timed in-process, and the
// cross-body similarity search on 2,100 reports (a province).
// Goal (issue #18): review ≤ 1.5× the baseline on one worker; the --jobs 2 ratio reported as measured.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseReport } from "@xxgk/core-model";
import {
  assembleReview,
  findSimilar,
  narrativeSentences,
  readSource,
  renderIndexPage,
  renderReportPage,
  reviewWorkbook,
  sketchNarrative,
} from "@xxgk/review";
import { generateRegion } from "../packages/review/scripts/region.mjs";
import { table } from "./_measure.mjs";

const require = createRequire(import.meta.url);
const cli = require.resolve("@xxgk/cli/package.json").replace(/package\.json$/, "dist/bin.js");
const work = mkdtempSync(join(tmpdir(), "xxgk-bench-review-"));
const ROUNDS = 5;

// The input: 300 published pages (render-html without embedded data, in site chrome).
const files = generateRegion({ bodies: 100, years: [2021, 2022, 2023], formats: ["html"] });
const pages = join(work, "pages");
for (const f of files) {
  mkdirSync(dirname(join(pages, f.name)), { recursive: true });
  writeFileSync(join(pages, f.name), f.data);
}
const paths = files.map((f) => join("pages", f.name));
const mb = files.reduce((n, f) => n + Buffer.byteLength(f.data), 0) / 1048576;

function xxgk(args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: work,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    ...options,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`xxgk ${args[0]} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

// The baseline's workbook: the rows import + validate give, written as review writes its sheets.
const baselineWorkbook = new URL("./_review-baseline.mjs", import.meta.url).pathname;

const rounds = { review1: [], review2: [], baseline: [], import: [], validate: [], workbook: [] };
for (let i = 0; i < ROUNDS; i++) {
  rmSync(join(work, "imported"), { recursive: true, force: true });
  const imp = xxgk(["import", ...paths, "--out-dir", "imported"]);
  const imported = readdirSync(join(work, "imported")).map((f) => join("imported", f));
  const val = xxgk(["validate", ...imported, "--format", "json"]);
  writeFileSync(join(work, "findings.json"), val.stdout);
  const t0 = performance.now();
  const wb = spawnSync(process.execPath, [baselineWorkbook], { cwd: work, encoding: "utf8" });
  if (wb.status !== 0) throw new Error(wb.stderr);
  const wbMs = performance.now() - t0;
  rounds.import.push(imp.ms);
  rounds.validate.push(val.ms);
  rounds.workbook.push(wbMs);
  rounds.baseline.push(imp.ms + val.ms + wbMs);
  rounds.review1.push(xxgk(["review", "pages", "--out-dir", "out1", "--jobs", "1", "--force"]).ms);
  rounds.review2.push(xxgk(["review", "pages", "--out-dir", "out2", "--jobs", "2", "--force"]).ms);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, median(v)]));
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
  `${files.length} pages (${mb.toFixed(1)} MB) of 100 bodies × 3 years; Node ${process.version}; spawned commands, median of ${ROUNDS} interleaved rounds\n\n`,
);
table(
  ["command(s)", "wall time", "vs baseline"],
  [
    ["xxgk import (300 pages → JSON)", s(m.import), ""],
    ["xxgk validate (300 JSON, --format json)", s(m.validate), ""],
    ["workbook of the same rows (exceljs)", s(m.workbook), ""],
    ["baseline: import + validate + workbook", s(m.baseline), "1.00×"],
    ["xxgk review --jobs 1", s(m.review1), `${(m.review1 / m.baseline).toFixed(2)}×`],
    [
      "xxgk review --jobs 2",
      s(m.review2),
      `${(m.review2 / m.baseline).toFixed(2)}× (${(m.review1 / m.review2).toFixed(2)}× faster than --jobs 1)`,
    ],
  ],
);
process.stdout.write(
  `\ngoal review ≤ 1.5× baseline on one worker: ${m.review1 / m.baseline <= 1.5 ? "met" : "NOT met"}\n`,
);

// The review's phases, in-process (one thread), after one warm-up pass.
async function phases() {
  const t = {};
  let t0 = performance.now();
  const reads = [];
  for (const f of files) reads.push(await readSource({ name: f.name, data: f.data }));
  t.import = performance.now() - t0;
  const timings = {};
  const { review, reports } = assembleReview(reads, { timings });
  Object.assign(t, timings);
  t0 = performance.now();
  await renderIndexPage(review);
  for (const r of review.reports) await renderReportPage(review, r.id, reports.get(r.id));
  t.html = performance.now() - t0;
  t0 = performance.now();
  await reviewWorkbook(review, reports);
  t.workbook = performance.now() - t0;
  return t;
}
await phases();
const runs = [await phases(), await phases(), await phases()];
const phase = (k) => median(runs.map((r) => r[k]));
const order = ["import", "validate", "indicators", "similarity", "html", "workbook"];
const total = order.reduce((n, k) => n + phase(k), 0);
process.stdout.write("\nphases in-process (one thread, warm, median of 3):\n\n");
table(
  ["phase", "ms", "share"],
  order.map((k) => [k, phase(k).toFixed(0), `${((100 * phase(k)) / total).toFixed(0)}%`]),
);

// A province: 2,100 reports (700 bodies × 3 years) through the similarity search.
const province = generateRegion({ bodies: 700, years: [2021, 2022, 2023], formats: ["json"] }).map((f) => {
  const r = parseReport(JSON.parse(f.data)).report;
  return { id: f.name, group: r.meta.year, body: r.meta.organ, report: r };
});
let t0 = performance.now();
const items = province.map((p) => ({ ...p, sketch: sketchNarrative(narrativeSentences(p.report)) }));
const sketchMs = performance.now() - t0;
t0 = performance.now();
const found = findSimilar(items);
const searchMs = performance.now() - t0;
process.stdout.write(
  `\nsimilarity on ${items.length} reports: sketches ${s(sketchMs)}, search ${s(searchMs)} (${found.compared} pairs compared exactly instead of ${((items.length * (items.length - 1)) / 6).toLocaleString("en-US")} same-year pairs, ${found.pairs.length} found)\n`,
);
rmSync(work, { recursive: true, force: true });
