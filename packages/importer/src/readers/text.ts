// The text reader: a plain-text copy of a report (scraped from a page, copied from a browser or a PDF
// viewer, converted to Markdown) into the intermediate document — one text block per line, blank lines
// included (they separate a copy's cells), and the cells of a table row, which arrive separated by tabs
// (a browser's copy) or by `|` (Markdown and some viewers).
import { trimSpace } from "../_normalize.js";
import type { SourceDocument, SourceText } from "../source.js";

// A line holding a tab between two non-blank runs is a row of cells.
const TAB_ROW = /\S\t+\s*\S/;
// A Markdown separator row: `|---|:---:|`, `--- | ---`.
const SEPARATOR = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/;
// A span marker a converter wrote into a merged cell: `[rs=2]`, `[cs=3]`, `{colspan=2}`.
const SPAN = /\s*[[{【]\s*(?:rs|cs|rowspan|colspan)\s*[=:：]\s*\d+\s*[\]}】]/gi;

/** Reads a plain-text copy of a report. */
export function readText(text: string): SourceDocument {
  const blocks: SourceText[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  const pipes = pipeRows(lines);
  lines.forEach((l, i) => {
    const pos = { line: i + 1 };
    const pipe = pipes[i];
    if (pipe === "separator") return;
    const parts = pipe ?? (TAB_ROW.test(l) ? l.split("\t") : undefined);
    if (!parts) {
      blocks.push({ kind: "text", text: l, pos });
      return;
    }
    // The empty cells between separators stay (as blank values); those before the first cell do not
    // (indentation, or the places of cells merged from the rows above).
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

/**
 * The `|` rows among `lines`: a line's cells (span markers removed), or `separator` for a Markdown
 * separator row. A run of `|` lines is a table when one of them has outer pipes or is a separator row,
 * or when each of two or more lines has three cells or more — a breadcrumb like `首页 | 政务公开` stays
 * text.
 */
function pipeRows(lines: readonly string[]): (string[] | "separator" | undefined)[] {
  const out: (string[] | "separator" | undefined)[] = new Array(lines.length);
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.includes("|")) {
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.includes("|")) end++;
    const run = lines.slice(i, end).map((l) => trimSpace(l));
    const table =
      run.some((l) => SEPARATOR.test(l)) ||
      run.some((l) => l.length > 1 && l.startsWith("|") && l.endsWith("|")) ||
      (run.length >= 2 && run.every((l) => l.split("|").length >= 3));
    if (table) {
      run.forEach((l, k) => {
        out[i + k] = SEPARATOR.test(l) ? "separator" : cellsOf(l);
      });
    }
    i = end;
  }
  return out;
}

function cellsOf(line: string): string[] {
  let l = line;
  if (l.startsWith("|")) l = l.slice(1);
  if (l.endsWith("|") && !l.endsWith("\\|")) l = l.slice(0, -1);
  return l.split(/(?<!\\)\|/).map((c) => c.replace(SPAN, "").replace(/\\\|/g, "|"));
}
