// Word documents for the DOCX reader's tests: rendered by @xxgk/render-docx (a real package, as Word
// would open it), then edited — a part's XML changed, or the body replaced by a few paragraphs and
// tables — so that each test shows one thing offices write. No test types a whole OOXML document.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport, type Report } from "@xxgk/core-model";
import { renderDocx } from "@xxgk/render-docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { Diagnostics } from "../src/_diagnostics.js";
import { readDocx } from "../src/readers/docx.js";
import type { SourceDocument } from "../src/source.js";

const require = createRequire(import.meta.url);

/** A core-model example report. */
export function example(name: "example-2021" | "wulin-2020"): Report {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.report;
}

/** The 2021 example as render-docx writes it. */
export const EXAMPLE_DOCX = (await renderDocx(example("example-2021"))).docx;

/** A package with one part's XML edited. */
export function editPart(docx: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(docx);
  const xml = files[part];
  if (!xml) throw new Error(`the package has no ${part}`);
  files[part] = strToU8(edit(strFromU8(xml)));
  return zipSync(files);
}

/** A package whose body holds these paragraphs and tables (its section properties kept). */
export function withBody(body: string, docx: Uint8Array = EXAMPLE_DOCX): Uint8Array {
  return editPart(docx, "word/document.xml", (xml) => {
    const start = xml.indexOf("<w:body>") + "<w:body>".length;
    const end = xml.lastIndexOf("<w:sectPr");
    return `${xml.slice(0, start)}${body}${xml.slice(end)}`;
  });
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
/** A run of text. */
export const r = (text: string, rPr = "") =>
  `<w:r>${rPr === "" ? "" : `<w:rPr>${rPr}</w:rPr>`}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
/** A paragraph of runs (strings are runs of text). */
export const p = (...runs: string[]) =>
  `<w:p>${runs.map((x) => (x.startsWith("<") ? x : r(x))).join("")}</w:p>`;
/** A table cell: its properties and paragraphs (a string is one paragraph). */
export const tc = (tcPr: string, ...paras: string[]) =>
  `<w:tc>${tcPr === "" ? "" : `<w:tcPr>${tcPr}</w:tcPr>`}${(paras.length === 0 ? [p()] : paras)
    .map((x) => (x.startsWith("<w:p") || x.startsWith("<w:tbl") ? x : p(x)))
    .join("")}</w:tc>`;
/** A table row of cells (a string is a plain cell with that text). */
export const tr = (...cells: string[]) =>
  `<w:tr>${cells.map((c) => (c.startsWith("<w:tc") || c.startsWith("<w:trPr") ? c : tc("", c))).join("")}</w:tr>`;
/** A table of rows. */
export const tbl = (...rows: string[]) => `<w:tbl><w:tblPr/>${rows.join("")}</w:tbl>`;

/** A tracked change's attributes. */
export const BY = 'w:id="1" w:author="审核人" w:date="2026-01-12T09:30:00Z"';

/** What the DOCX reader makes of a package: the intermediate document and its diagnostics. */
export async function read(docx: Uint8Array): Promise<{ doc: SourceDocument | null; diag: Diagnostics }> {
  const diag = new Diagnostics();
  return { doc: await readDocx(docx, diag), diag };
}

/** The text blocks and tables of a document, tables as rows of `text/rowSpan/colSpan`. */
export function shape(doc: SourceDocument | null): (string | string[][])[] {
  return (doc?.blocks ?? []).map((b) =>
    b.kind === "text"
      ? b.text
      : b.kind === "image"
        ? "<image>"
        : b.rows.map((row) =>
            row.map(
              (c) =>
                `${c.text}${c.rowSpan > 1 ? `/r${c.rowSpan}` : ""}${c.colSpan > 1 ? `/c${c.colSpan}` : ""}`,
            ),
          ),
  );
}
