// bench/import-docx: Word documents → reports. The importer's Word reader (the package's XML through
// fflate and saxes, then the one pipeline) against, in the same process and round-robin:
//   - the baseline: importHtml() of the same report rendered as a web page (render-html, no embedded
//     data) — the importer's own speed on the same content;
//   - the floor: unzipping word/document.xml and running saxes over it with no handlers;
//   - the alternative: mammoth 1.13.0 (DOCX → HTML) and importHtml() of its HTML.
// Then what each way reads from the office-style fixtures: cells changed against what the documents
// state, whether the title (organ and year) is read, and whether a draft's tracked changes are said.
import { readFileSync } from "node:fs";
import { parseReport, toDocument } from "@xxgk/core-model";
import { importHtml, importReport } from "@xxgk/importer";
import { renderDocx } from "@xxgk/render-docx";
import { renderDocument } from "@xxgk/render-html";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { SaxesParser } from "saxes";
import { compareAsync, table } from "./_measure.mjs";

const examples = new URL("../packages/core-model/examples/", import.meta.url);
const fixtures = new URL("../packages/importer/test/fixtures/docx/", import.meta.url);
const parsed = parseReport(JSON.parse(readFileSync(new URL("example-2021.json", examples), "utf8")));
if (!parsed.ok) throw new Error("the 2021 example does not parse");
const report = parsed.report;
const docx = (await renderDocx(report)).docx;
const page = renderDocument(report, { embedJson: false });
const N = 20;

const viaMammoth = async (bytes, opts = {}) => {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return importHtml(`<!DOCTYPE html><html><body>${value}</body></html>`, opts);
};

let sink = 0;
const times = await compareAsync(
  {
    async html() {
      for (let i = 0; i < N; i++) sink += importHtml(page).stats.placed;
    },
    async parse() {
      for (let i = 0; i < N; i++) {
        const xml = strFromU8(
          unzipSync(docx, { filter: (f) => f.name === "word/document.xml" })["word/document.xml"],
        );
        const parser = new SaxesParser();
        parser.write(xml).close();
        sink += xml.length;
      }
    },
    async docx() {
      for (let i = 0; i < N; i++) sink += (await importReport(docx)).stats.placed;
    },
    async mammoth() {
      for (let i = 0; i < N; i++) sink += (await viaMammoth(docx)).stats.placed;
    },
  },
  { rounds: 7, warmup: 2 },
);
const per = (ms) => (ms / N).toFixed(2);
const vs = (ms) => `${(ms / times.html).toFixed(2)}×`;
process.stdout.write(
  `the 2021 example: DOCX ${(docx.length / 1024).toFixed(1)} KiB (render-docx), page ${(Buffer.byteLength(page) / 1024).toFixed(1)} KiB (render-html); ${N} imports a round, median of 7 interleaved rounds; Node ${process.version}\n\n`,
);
table(
  ["task", "ms/document", "vs importHtml"],
  [
    ["importHtml() of the page (baseline)", per(times.html), "1.00×"],
    ["unzip + saxes over word/document.xml, no handlers (floor)", per(times.parse), vs(times.parse)],
    ["importReport() of the DOCX", per(times.docx), vs(times.docx)],
    ["mammoth → HTML → importHtml()", per(times.mammoth), vs(times.mammoth)],
  ],
);

/** Cells of a result that differ from what the document states. */
const changed = (result, expected) => {
  if (!result.report) return "no report";
  const tables = toDocument(result.report).tables;
  let n = 0;
  for (const [t, rows] of Object.entries(expected.tables))
    for (const [r, cols] of Object.entries(rows))
      for (const [c, v] of Object.entries(cols)) if (tables[t]?.[r]?.[c] !== v) n++;
  return String(n);
};
const rows = [];
for (const name of ["office-2021", "office-2019", "split-2019", "draft-2021", "draft-2021-libreoffice"]) {
  const bytes = readFileSync(new URL(`${name}.docx`, fixtures));
  const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, fixtures), "utf8"));
  const ours = await importReport(bytes);
  const theirs = await viaMammoth(bytes);
  // mammoth's <br> splits the two-line title; given the organ and year, its tables can still be compared.
  const helped = await viaMammoth(bytes, { organ: expected.meta.organ, year: expected.meta.year });
  const said = (r) => (r.diagnostics.some((d) => d.code === "tracked-changes") ? "said" : "silent");
  rows.push([
    name,
    `${changed(ours, expected)} / ${theirs.report ? changed(theirs, expected) : `no report (${changed(helped, expected)} with organ given)`}`,
    `${ours.report?.meta.title === expected.meta.title ? "yes" : "no"} / ${theirs.report?.meta.title === expected.meta.title ? "yes" : "no"}`,
    name.startsWith("draft") ? `${said(ours)} / ${said(theirs)}` : "-",
  ]);
}
process.stdout.write("\nthe office-style fixtures (ours / mammoth):\n\n");
table(["fixture", "cells changed", "title read", "tracked changes and comments"], rows);
if (sink === 0) process.stdout.write("\n");
