// bench/render-html: render the 2021 example 10,000 times warm, against JSON.stringify of the same report
// document in the same process (the cost of merely serialising what the page shows).
// Goal (issue #3): renderDocument ≤ 0.2 ms per report.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { layoutOf, parseReport, toDocument } from "@xxgk/core-model";
import { renderDocument, renderFragment, renderTable } from "@xxgk/render-html";
import { compare, table } from "./_measure.mjs";

const COUNT = 10_000;
const GOAL_MS = 0.2;

const path = createRequire(import.meta.url).resolve("@xxgk/core-model/examples/example-2021.json");
const parsed = parseReport(JSON.parse(readFileSync(path, "utf8")));
if (!parsed.ok) throw new Error(`example does not parse: ${parsed.issues[0]?.message}`);
const report = parsed.report;
// 20 findings spread over the tables, as a validator run on a sloppy report might give.
const findings = layoutOf("2021")
  .cells.filter((_, i) => i % 10 === 0)
  .map((c) => ({
    pointer: c.pointer,
    severity: "warning",
    message: "合计与分项之和不一致",
    code: "T3.row-total",
  }));

let sink = 0;
const run = (f) => () => {
  for (let i = 0; i < COUNT; i++) sink += f().length;
};

// Round-robin, so the baseline and the renders see the same machine load; wall-clock time, median of 5.
const cases = {
  "baseline: JSON.stringify(toDocument(report))": run(() => JSON.stringify(toDocument(report))),
  "renderDocument (JSON embedded)": run(() => renderDocument(report)),
  "renderDocument, embedJson: false": run(() => renderDocument(report, { embedJson: false })),
  renderFragment: run(() => renderFragment(report)),
  "renderTable(applications)": run(() => renderTable(report, "applications")),
  [`renderDocument + ${findings.length} findings`]: run(() => renderDocument(report, { findings })),
};

const results = Object.entries(compare(cases, { rounds: 5, warmup: 1 })).map(([label, ms]) => [
  label,
  ms / COUNT,
]);
const base = results[0][1];
table(
  ["task (2021 example, ×10,000)", "ms/report", "× baseline"],
  results.map(([label, ms]) => [label, ms.toFixed(4), (ms / base).toFixed(1)]),
);
const doc = results[1][1];
process.stdout.write(
  `\nrenderDocument: ${doc.toFixed(4)} ms per report (goal ≤ ${GOAL_MS} ms): ${doc <= GOAL_MS ? "met" : "NOT met"}` +
    ` — ${renderDocument(report).length.toLocaleString("en")} characters of HTML\n`,
);
if (sink === 0) process.exit(1);
