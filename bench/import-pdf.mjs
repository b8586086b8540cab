// bench/import-pdf: importing a PDF report against pdf.js's bare text extraction of the same file in the
// same process (the baseline: getDocument, getTextContent of every page, destroy — the least any PDF
// import must do), warm, round-robin. Then the peak memory of one import in a fresh process, a 100-page
// PDF that is not a report, and the time curve over cut-off and garbage PDFs. Goals (issue #16): ≤ 2×
// the baseline; ≤ 150 MB RSS for one file; a 100-page non-report finishes within a few seconds saying
// so. Our own fixtures always; a real published report too when ../shared/real-reports is there.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importReport } from "@xxgk/importer";
import { compareAsync, table } from "./_measure.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
const fixtures = join(here, "..", "packages", "importer", "test", "fixtures", "pdf");
const real = [
  join(here, "..", "..", "shared", "real-reports"),
  join(here, "..", "..", "..", "shared", "real-reports"),
].find((d) => existsSync(d));

const files = [
  ["render-pdf-2021.pdf (ours, 5 pages)", join(fixtures, "render-pdf-2021.pdf")],
  ["libreoffice-2021.pdf (office layout, 4 pages)", join(fixtures, "libreoffice-2021.pdf")],
  ...(real ? [["huaian-city-2024.pdf (real, WPS, 6 pages)", join(real, "huaian-city-2024.pdf")]] : []),
];
if (!real) process.stdout.write("(../shared/real-reports not found: our fixtures only)\n");

/** pdf.js's bare text extraction: the baseline. */
async function extractText(bytes) {
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useWasm: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  let n = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    n += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  await task.destroy();
  return n;
}

const rows = [];
let sink = 0;
for (const [name, path] of files) {
  const bytes = new Uint8Array(readFileSync(path));
  const check = await importReport(bytes);
  if (!check.report) throw new Error(`${name} does not import`);
  const t = await compareAsync(
    {
      async baseline() {
        sink += await extractText(bytes);
      },
      async importer() {
        sink += (await importReport(bytes)).stats.placed;
      },
    },
    { rounds: 9, warmup: 3 },
  );
  rows.push([name, t.baseline.toFixed(1), t.importer.toFixed(1), `${(t.importer / t.baseline).toFixed(2)}×`]);
}
process.stdout.write("\nWarm, median of 9 rounds, round-robin (ms):\n");
table(["file", "pdf.js text only", "importReport", "ratio"], rows);

// Peak memory of one import in a fresh process (what `xxgk import file.pdf` holds at most), against
// pdf.js's bare text extraction of the same file in a fresh process.
process.stdout.write("\nOne file in a fresh process: peak RSS\n");
const memRows = [];
const fresh = (body) => {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", body], {
    encoding: "utf8",
    cwd: here,
  });
  return JSON.parse(run.stdout);
};
for (const [name, path] of files) {
  const file = JSON.stringify(path);
  const base = fresh(
    `import { readFileSync } from "node:fs";
     const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
     await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
     const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(${file})), isEvalSupported: false, useWasm: false, verbosity: 0 }).promise;
     for (let i = 1; i <= doc.numPages; i++) { const p = await doc.getPage(i); await p.getTextContent(); p.cleanup(); }
     process.stdout.write(JSON.stringify({ rss: process.resourceUsage().maxRSS }));`,
  );
  const m = fresh(
    `import { readFileSync } from "node:fs";
     import { importReport } from "@xxgk/importer";
     const t0 = performance.now();
     const r = await importReport(new Uint8Array(readFileSync(${file})));
     process.stdout.write(JSON.stringify({ ms: performance.now() - t0, rss: process.resourceUsage().maxRSS, ok: r.report !== null }));`,
  );
  memRows.push([
    name,
    `${(base.rss / 1024).toFixed(0)} MB`,
    `${(m.rss / 1024).toFixed(0)} MB`,
    `${(m.rss / base.rss).toFixed(2)}×`,
    `${m.ms.toFixed(0)} ms`,
  ]);
}
table(
  ["file", "pdf.js text only", "importReport", "ratio", "first import (pdf.js loaded on the clock)"],
  memRows,
);

// A 100-page PDF that is not a report.
const notice = await noticePdf(100);
{
  const t0 = performance.now();
  const r = await importReport(notice);
  const ms = performance.now() - t0;
  const codes = r.diagnostics.map((d) => d.code).join(", ");
  process.stdout.write(
    `\n100-page notice (${(notice.length / 1024).toFixed(0)} KB): ${ms.toFixed(0)} ms, report ${r.report ? "made" : "none"}: ${codes}\n`,
  );
}

// Cut-off and garbage PDFs: each imported once; time and what it said.
process.stdout.write("\nDamaged files (one run each):\n");
const good = new Uint8Array(readFileSync(files[0][1]));
const eof = new TextEncoder().encode("\n%%EOF\n");
const curve = [];
const withEof = (b) => {
  const out = new Uint8Array(b.length + eof.length);
  out.set(b);
  out.set(eof, b.length);
  return out;
};
let seed = 7;
const random = (n) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    b[i] = seed >>> 24;
  }
  b.set(new TextEncoder().encode("%PDF-1.7\n"));
  return b;
};
const cases = [
  ...[0.1, 0.3, 0.5, 0.7, 0.9].map((f) => [
    `first ${f * 100}% (cut off)`,
    good.subarray(0, Math.floor(good.length * f)),
  ]),
  ...[0.1, 0.5, 0.9].map((f) => [
    `first ${f * 100}% + %%EOF`,
    withEof(good.subarray(0, Math.floor(good.length * f))),
  ]),
  ...[10, 100, 1000].map((k) => [`${k} KB of garbage + %%EOF`, withEof(random(k * 1024))]),
];
for (const [name, bytes] of cases) {
  const t0 = performance.now();
  const r = await importReport(bytes);
  const ms = performance.now() - t0;
  curve.push([
    name,
    `${(bytes.length / 1024).toFixed(0)} KB`,
    `${ms.toFixed(0)} ms`,
    r.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => d.code)
      .join(", ") || (r.report ? "report" : "-"),
  ]);
}
table(["input", "size", "time", "result"], curve);
if (sink === 0) process.stdout.write("");

/** A PDF of `pages` pages of ordinary text (a notice), drawn with pdfkit. */
async function noticePdf(pages) {
  const { default: PDFDocument } = await import("pdfkit");
  const font = require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf");
  const doc = new PDFDocument({ size: "A4", info: { CreationDate: new Date(0) } });
  doc.registerFont("cjk", font).font("cjk").fontSize(12);
  const chunks = [];
  doc.on("data", (c) => chunks.push(c));
  const done = new Promise((r) => doc.on("end", () => r(new Uint8Array(Buffer.concat(chunks)))));
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.text(`会议纪要（第${p + 1}期）`, { align: "center" });
    for (let i = 0; i < 25; i++)
      doc.text(
        `各科室：本周召开工作例会，讨论网站改版、办公用品采购和节假日值班安排等事项，请按分工落实。第${i + 1}条。`,
      );
  }
  doc.end();
  return done;
}
