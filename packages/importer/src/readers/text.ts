// The text reader: a plain-text copy of a report (scraped from a page, copied from a browser or a PDF
// viewer) into the intermediate document — one text block per line, blank lines included (they separate
// a copy's cells), and the cells of a row copied from a browser, which arrive separated by tabs.
import { trimSpace } from "../_normalize.js";
import type { SourceDocument, SourceText } from "../source.js";

// A line holding a tab between two non-blank runs is a row of cells.
const TAB_ROW = /\S\t+\s*\S/;

/** Reads a plain-text copy of a report. */
export function readText(text: string): SourceDocument {
  const blocks: SourceText[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const pos = { line: i + 1 };
    if (!TAB_ROW.test(l)) {
      blocks.push({ kind: "text", text: l, pos });
      return;
    }
    // The empty cells between tabs stay (as blank values); the indentation before the first cell does not.
    const parts = l.split("\t");
    while (parts.length > 0 && trimSpace(parts[0]!) === "") parts.shift();
    for (const p of parts) blocks.push({ kind: "text", text: p, pos, cell: true });
  });
  return {
    format: "text",
    start: { line: 1 },
    blocks,
    tables: "lines",
    titleAt: "first-line",
    containers: [],
    titles: [],
    published: [],
  };
}
