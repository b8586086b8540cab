// bench/narrative: the narrative rules (text.numbers, text.year, text.*) on one paragraph of growing
// length, 1 KiB → 1 MiB of UTF-8, against JSON.parse of the same report document in the same process.
// Issue 23 item 3: the scan must be linear in the text and its output bounded. Three paragraphs:
//   - `repeat`: "办结1件" over and over with no full stop (the issue's reproduction: every phrase matches,
//     and there is no sentence boundary to stop a quote);
//   - `sentences`: "办结1件。" — as many matches, each in its own sentence;
//   - `prose`: ordinary report prose with a stated number every few sentences, agreeing with the table.
// A size whose previous size took longer than BUDGET_MS is not run (the old, quadratic code would take
// minutes); the table says so.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport } from "@xxgk/core-model";
import { validateReport } from "@xxgk/validators";
import { table } from "./_measure.mjs";

const BUDGET_MS = 30_000;
const require = createRequire(import.meta.url);
const example = JSON.parse(
  readFileSync(require.resolve("@xxgk/core-model/examples/example-2021.json"), "utf8"),
);

const PROSE =
  "本机关坚持以公开为常态、不公开为例外，认真落实政府信息公开条例，持续完善主动公开目录。" +
  "全年办结政府信息公开申请415件，均在法定期限内答复。" +
  "围绕重点领域信息公开，加强政策解读和回应关切，规范政府信息公开平台建设。";
const UNITS = { repeat: "办结1件", sentences: "办结1件。", prose: PROSE };
const SIZES = [1, 4, 16, 32, 64, 256, 1024]; // KiB of UTF-8

function paragraph(unit, kib) {
  const bytes = Buffer.byteLength(unit);
  return unit.repeat(Math.max(1, Math.round((kib * 1024) / bytes)));
}

function documentWith(text) {
  const doc = structuredClone(example);
  doc.sections.overview.blocks = [{ type: "paragraph", text }];
  return JSON.stringify(doc);
}

function time(task) {
  // Small inputs: enough repetitions for a stable median; large ones: one run (they take long enough).
  const t0 = performance.now();
  task();
  const first = performance.now() - t0;
  if (first > 200) {
    // Large inputs: the median of three single runs (one run alone is at the mercy of the machine).
    const runs = [first];
    for (let r = 0; r < 2; r++) {
      const s = performance.now();
      task();
      runs.push(performance.now() - s);
    }
    return runs.sort((a, b) => a - b)[1];
  }
  const reps = Math.max(1, Math.min(200, Math.floor(200 / Math.max(first, 0.01))));
  const times = [];
  for (let r = 0; r < 5; r++) {
    const s = performance.now();
    for (let i = 0; i < reps; i++) task();
    times.push((performance.now() - s) / reps);
  }
  times.sort((a, b) => a - b);
  return times[2];
}

process.stdout.write(
  `one paragraph in section 一 of the 2021 example, growing; Node ${process.version}; wall-clock ms\n`,
);
for (const [name, unit] of Object.entries(UNITS)) {
  process.stdout.write(
    `\nparagraph: ${name} (${JSON.stringify(unit.length > 12 ? `${unit.slice(0, 12)}…` : unit)})\n`,
  );
  const rows = [];
  let last = 0;
  for (const kib of SIZES) {
    if (last > BUDGET_MS) {
      rows.push([`${kib} KiB`, "not run", "", "", "", ""]);
      continue;
    }
    const json = documentWith(paragraph(unit, kib));
    const parsed = parseReport(JSON.parse(json));
    if (!parsed.ok) throw new Error("the benchmark document does not parse");
    const report = parsed.report;
    const base = time(() => JSON.parse(json));
    let result;
    const ms = time(() => {
      result = validateReport(report);
    });
    last = ms;
    process.stderr.write(`  ${name} ${kib} KiB: ${ms.toFixed(1)} ms\n`);
    // Finding by finding: the old code's findings of a 64 KiB paragraph exceed V8's longest string.
    let total = 0;
    let largest = 0;
    for (const f of result.findings) {
      const n = Buffer.byteLength(JSON.stringify(f));
      total += n + 1;
      largest = Math.max(largest, n);
    }
    rows.push([
      `${kib} KiB`,
      ms.toFixed(ms < 10 ? 2 : 0),
      `${(ms / base).toFixed(1)}×`,
      String(result.findings.length),
      total > 1024 * 1024 ? `${(total / 1024 / 1024).toFixed(1)} MiB` : `${(total / 1024).toFixed(1)} KiB`,
      `${largest} B`,
    ]);
  }
  table(["paragraph", "validate ms", "vs JSON.parse", "findings", "findings JSON", "largest finding"], rows);
}
