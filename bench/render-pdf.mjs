// bench/render-pdf: our PDF of the 2021 example against Chromium printing our own HTML rendering of it
// (page.pdf(), what a user would otherwise do), side by side in one run; plus the first PDF in a fresh
// process and a 200-report batch through `xxgk render` on 1 and 2 worker threads.
// Goals (issue #4): warm ≤ 80 ms per report and ≥ 3× faster than Chromium; PDF ≤ 150 KB and ≤ half of
// Chromium's; first PDF in a fresh process ≤ 1 s; 200 reports on 2 cores ≥ 1.7× faster than on 1 worker.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseReport } from "@xxgk/core-model";
import { chromiumLaunchOptions } from "@xxgk/render-contract/chromium";
import { renderDocument } from "@xxgk/render-html";
import { renderPdf } from "@xxgk/render-pdf";
import { loadNodeFonts } from "@xxgk/render-pdf/node";
import { chromium } from "playwright-core";
import { table } from "./_measure.mjs";

const require = createRequire(import.meta.url);
const examplePath = require.resolve("@xxgk/core-model/examples/example-2021.json");
const parsed = parseReport(JSON.parse(require("node:fs").readFileSync(examplePath, "utf8")));
if (!parsed.ok) throw new Error("example does not parse");
const report = parsed.report;
// Warm means the steady state of a batch: pdfmake and pdfkit are a lot of code, and V8 is still
// compiling it after 3 reports (median ~80 ms over the next 15, against ~65 ms after 10). Chromium is
// measured with the same warm-up and fewer rounds (each takes ~1.7 s).
const WARMUP = 10;

/** Median ms of `rounds` awaited runs after `warmup` unmeasured ones (no forced gc(): see _measure.mjs). */
async function measureAsync(task, rounds, warmup = WARMUP) {
  for (let i = 0; i < warmup; i++) await task();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// 1. First PDF in a fresh process: import, read fonts, render — what `xxgk render one.json` pays.
const cold = spawnSync(
  process.execPath,
  [
    "--input-type=module",
    "-e",
    `const t0 = performance.now();
     const { readFileSync } = await import("node:fs");
     const { parseReport } = await import("@xxgk/core-model");
     const { renderPdf } = await import("@xxgk/render-pdf");
     const { loadNodeFonts } = await import("@xxgk/render-pdf/node");
     const r = parseReport(JSON.parse(readFileSync(${JSON.stringify(examplePath)}, "utf8"))).report;
     const { pdf } = await renderPdf(r, { fonts: await loadNodeFonts() });
     process.stdout.write(JSON.stringify({ ms: performance.now() - t0, bytes: pdf.length }));`,
  ],
  { encoding: "utf8", cwd: import.meta.dirname },
);
if (cold.status !== 0) throw new Error(`cold run failed: ${cold.stderr}`);
const first = JSON.parse(cold.stdout);

// 2. Warm, side by side: ours vs Chromium printing renderDocument's HTML.
const fonts = await loadNodeFonts();
let ours;
const oursMs = await measureAsync(async () => {
  ours = (await renderPdf(report, { fonts })).pdf;
}, 30);
const html = renderDocument(report);
const userDataDir = mkdtempSync(join(tmpdir(), "xxgk-bench-chromium-"));
const browser = await chromium.launchPersistentContext(userDataDir, {
  ...chromiumLaunchOptions(),
});
let chromiumPdf;
let chromiumMs;
try {
  const page = await browser.newPage();
  chromiumMs = await measureAsync(async () => {
    await page.setContent(html, { waitUntil: "load" });
    chromiumPdf = await page.pdf({ format: "A4", printBackground: true });
  }, 15);
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

// 3. A batch of 200 reports through the built CLI, on 1 and on 2 worker threads.
const cli = require.resolve("@xxgk/cli/package.json").replace(/package\.json$/, "dist/bin.js");
const work = mkdtempSync(join(tmpdir(), "xxgk-bench-batch-"));
const files = Array.from({ length: 200 }, (_, i) => {
  const f = join(work, `r${String(i).padStart(3, "0")}.json`);
  copyFileSync(examplePath, f);
  return f;
});
function batch(jobs) {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      cli,
      "render",
      ...files,
      "--pdf",
      "--force",
      "--out-dir",
      join(work, `out${jobs}`),
      "--jobs",
      String(jobs),
    ],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`xxgk render --jobs ${jobs} failed: ${r.stderr}`);
  return performance.now() - t0;
}
const batch1 = batch(1);
const batch2 = batch(2);
rmSync(work, { recursive: true, force: true });

const kb = (n) => (n / 1024).toFixed(1);
table(
  ["2021 example", "ms/report", "× Chromium", "PDF KB", "× Chromium size"],
  [
    [
      "baseline: Chromium page.pdf() of renderDocument",
      chromiumMs.toFixed(1),
      "1.00",
      kb(chromiumPdf.length),
      "1.00",
    ],
    [
      "@xxgk/render-pdf renderPdf (warm)",
      oursMs.toFixed(1),
      (oursMs / chromiumMs).toFixed(2),
      kb(ours.length),
      (ours.length / chromiumPdf.length).toFixed(2),
    ],
  ],
);
process.stdout.write("\n");
table(
  ["batch of 200 reports (xxgk render --pdf)", "s", "× 1 worker"],
  [
    ["--jobs 1", (batch1 / 1000).toFixed(1), "1.00"],
    ["--jobs 2", (batch2 / 1000).toFixed(1), (batch2 / batch1).toFixed(2)],
  ],
);
const goals = [
  [`warm ≤ 80 ms per report: ${oursMs.toFixed(1)} ms`, oursMs <= 80],
  [`≥ 3× faster than Chromium: ${(chromiumMs / oursMs).toFixed(1)}×`, chromiumMs / oursMs >= 3],
  [`PDF ≤ 150 KB: ${kb(ours.length)} KB`, ours.length <= 150 * 1024],
  [
    `PDF ≤ half of Chromium's: ${(ours.length / chromiumPdf.length).toFixed(2)}`,
    ours.length <= chromiumPdf.length / 2,
  ],
  [`first PDF in a fresh process ≤ 1 s: ${(first.ms / 1000).toFixed(2)} s`, first.ms <= 1000],
  [`200 reports, 2 workers ≥ 1.7× faster than 1: ${(batch1 / batch2).toFixed(2)}×`, batch1 / batch2 >= 1.7],
];
process.stdout.write(`\n${goals.map(([g, ok]) => `${ok ? "met    " : "NOT met"}  ${g}`).join("\n")}\n`);
