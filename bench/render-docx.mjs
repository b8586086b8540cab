// bench/render-docx: our DOCX of the 2021 example beside our PDF of it (render-pdf), warm, in the same
// process and interleaved round by round; the files' sizes; the first DOCX in a fresh process; and, to
// show what the docx library costs by itself, an empty document packed by it.
// Goals (issue #17): warm ≤ ¼ of render-pdf's time; DOCX ≤ 60 KB.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport } from "@xxgk/core-model";
import { buildDocument, renderDocx } from "@xxgk/render-docx";
import { renderPdf } from "@xxgk/render-pdf";
import { loadNodeFonts } from "@xxgk/render-pdf/node";
import { Document, Packer, Paragraph } from "docx";
import { firstRun, table } from "./_measure.mjs";

const require = createRequire(import.meta.url);
const examplePath = require.resolve("@xxgk/core-model/examples/example-2021.json");
const parsed = parseReport(JSON.parse(readFileSync(examplePath, "utf8")));
if (!parsed.ok) throw new Error("example does not parse");
const report = parsed.report;
const WARMUP = 10;
const ROUNDS = 30;

// 1. First DOCX in a fresh process: import and render — what `xxgk render one.json --docx` pays.
const first = firstRun(
  `const { readFileSync } = await import("node:fs");
   const { parseReport } = await import("@xxgk/core-model");
   const { renderDocx } = await import("@xxgk/render-docx");
   const r = parseReport(JSON.parse(readFileSync(${JSON.stringify(examplePath)}, "utf8"))).report;
   bytes = (await renderDocx(r)).docx;`,
  import.meta.dirname,
);

// 2. Warm, interleaved: each round renders the DOCX, the PDF, docx's pack alone of our document, and an
// empty document, one after the other, so that all four see the same machine load.
const fonts = await loadNodeFonts();
let docxBytes;
let pdfBytes;
const tasks = {
  docx: async () => {
    docxBytes = (await renderDocx(report)).docx;
  },
  pdf: async () => {
    pdfBytes = (await renderPdf(report, { fonts })).pdf;
  },
  pack: async () => {
    await Packer.pack(buildDocument(report), "uint8array");
  },
  empty: async () => {
    await Packer.pack(new Document({ sections: [{ children: [new Paragraph("")] }] }), "uint8array");
  },
};
const times = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
for (let i = 0; i < WARMUP; i++) for (const t of Object.values(tasks)) await t();
for (let i = 0; i < ROUNDS; i++) {
  for (const [name, task] of Object.entries(tasks)) {
    const t0 = performance.now();
    await task();
    times[name].push(performance.now() - t0);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));

const kb = (n) => (n / 1000).toFixed(1);
process.stdout.write("\n2021 example                                   ms/report  × render-pdf  file KB\n");
table(
  ["", "", "", ""],
  [
    ["baseline: @xxgk/render-pdf renderPdf (warm)", ms.pdf.toFixed(1), "1.00", kb(pdfBytes.length)],
    [
      "@xxgk/render-docx renderDocx (warm)",
      ms.docx.toFixed(1),
      (ms.docx / ms.pdf).toFixed(2),
      kb(docxBytes.length),
    ],
    [
      "  of which docx alone (buildDocument + Packer.pack)",
      ms.pack.toFixed(1),
      (ms.pack / ms.pdf).toFixed(2),
      "",
    ],
    ["reference: docx packing an empty document", ms.empty.toFixed(1), (ms.empty / ms.pdf).toFixed(2), ""],
  ],
);
process.stdout.write(
  `\nfirst DOCX in a fresh process: ${(first.ms / 1000).toFixed(2)} s (${kb(first.bytes)} KB)\n`,
);
process.stdout.write(
  `goals: ≤ ¼ of render-pdf's time (${(ms.docx / ms.pdf).toFixed(2)}×: ${ms.docx <= ms.pdf / 4 ? "met" : "not met"}), ≤ 60 KB (${kb(docxBytes.length)} KB: ${docxBytes.length <= 60_000 ? "met" : "not met"})\n`,
);
