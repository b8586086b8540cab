// bench/import-text: text copies in the shapes real ones come in (issue #22). Two measurements:
// 1. pages/s for each shape of the 2021 example against the same report's tab-separated copy (a
//    browser's copy, the baseline), all run round-robin in the same process;
// 2. the time per KiB over growing fuzz shapes (test/text-fuzz.mjs: the shapes that once cost more
//    than linear work), 1 KiB → 1 MiB: it must stay flat. The work counter in test/work.test.ts asserts
//    the same deterministically; this is the wall-clock curve;
// 3. the peak memory importing them holds, 128 KiB → 4 MiB: it must grow no faster than the input.
import { spawnSync } from "node:child_process";
import { importText } from "@xxgk/importer";
import { FUZZ_SHAPES } from "../packages/importer/test/text-fuzz.mjs";
import {
  example,
  flatCopy,
  flatTablesCopy,
  layoutCopy,
  numbersFirstCopy,
  pdfCopy,
  pipeCopy,
  tabCopy,
} from "../packages/importer/test/text-shapes.mjs";
import { compare, measure, table } from "./_measure.mjs";

const report = await example("example-2021");
const shapes = {
  "tab-separated (baseline)": tabCopy(report),
  "| table (Markdown)": pipeCopy(report),
  "pdftotext -layout": layoutCopy(report),
  "PDF reading order": pdfCopy(report),
  "numbers before labels": numbersFirstCopy(report),
  "tables run onto one line each": flatTablesCopy(report),
  "page flattened onto one line": flatCopy(report),
};
const COPIES = 20;
let sink = 0;
const tasks = Object.fromEntries(
  Object.entries(shapes).map(([name, text]) => [
    name,
    () => {
      for (let i = 0; i < COPIES; i++) sink += importText(text).stats.placed;
    },
  ]),
);
const times = compare(tasks, { rounds: 7, warmup: 2 });
const base = times["tab-separated (baseline)"];
process.stdout.write(
  `2021 example in each shape, ${COPIES} copies per round; Node ${process.version}; wall-clock time, median of 7 interleaved rounds\n\n`,
);
table(
  ["shape", "KiB", "ms/page", "pages/s", "vs tab copy", "cells placed + unsure"],
  Object.entries(shapes).map(([name, text]) => {
    const ms = times[name] / COPIES;
    const s = importText(text).stats;
    return [
      name,
      (Buffer.byteLength(text) / 1024).toFixed(1),
      ms.toFixed(2),
      Math.round(1000 / ms).toLocaleString("en-US"),
      `${(times[name] / base).toFixed(2)}×`,
      `${s.placed + s.unsure}/${s.total}`,
    ];
  }),
);

const SIZES = [1 << 10, 1 << 14, 1 << 17, 1 << 20];
process.stdout.write(`\ntime per KiB of input, fuzz shapes of growing size (median of 3 runs each)\n\n`);
const rows = [];
for (const [name, make] of Object.entries(FUZZ_SHAPES)) {
  const row = [name];
  for (const size of SIZES) {
    const text = make(size);
    const ms = measure(
      () => {
        sink += importText(text).stats.total;
      },
      { rounds: 3, warmup: 1 },
    );
    row.push((ms / (Buffer.byteLength(text) / 1024)).toFixed(3));
  }
  const per = row.slice(1).map(Number);
  row.push(`${(per[3] / per[1]).toFixed(2)}×`);
  rows.push(row);
}
table(["shape (ms/KiB)", "1 KiB", "16 KiB", "128 KiB", "1 MiB", "1 MiB vs 16 KiB"], rows);

// Peak memory: each size imported in a fresh process (its peak resident set, `maxRSS`), beside a
// process that only makes the same text — the difference is what importing it held at most.
const fuzz = new URL("../packages/importer/test/text-fuzz.mjs", import.meta.url).href;
function peakMiB(shape, size, imports) {
  const body = `
    const { FUZZ_SHAPES } = await import(${JSON.stringify(fuzz)});
    const { importText } = await import("@xxgk/importer");
    const text = FUZZ_SHAPES[${JSON.stringify(shape)}](${size});
    let n = text.length;
    if (${imports}) n += importText(text).stats.total;
    process.stdout.write(JSON.stringify({ rss: process.resourceUsage().maxRSS, n }));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", body], {
    encoding: "utf8",
    cwd: new URL(".", import.meta.url),
  });
  if (run.status !== 0) throw new Error(`memory run failed: ${run.stderr}`);
  return JSON.parse(run.stdout).rss / 1024;
}

process.stdout.write(
  `\npeak memory of importing, MiB (each in a fresh process, less one that only makes the text)\n\n`,
);
const MEM_SIZES = [1 << 17, 1 << 20, 1 << 22];
const mem = [];
for (const name of Object.keys(FUZZ_SHAPES)) {
  const row = [name];
  for (const size of MEM_SIZES) row.push((peakMiB(name, size, true) - peakMiB(name, size, false)).toFixed(1));
  mem.push(row);
}
table(["shape (MiB held)", "128 KiB", "1 MiB", "4 MiB"], mem);
if (sink === -1) process.stdout.write("");
