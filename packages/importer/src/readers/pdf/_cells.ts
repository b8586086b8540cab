// Text into the cells of a table: each run goes to the cell its middle lies in; a run that crosses a
// cell border (pdf.js joins glyphs the author placed in neighbouring cells when they sit close) is cut
// between its characters, each character placed by where it is drawn.
import type { PagePosition } from "../../types.js";
import type { Box, Run } from "./_page.js";
import { groupLines, isCjk, lineText } from "./_text.js";

/** A cell of a table read from a PDF: grid rows `r0..r1` and columns `c0..c1` (exclusive). */
export interface PdfCell {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  text: string;
  readonly pos: PagePosition;
  readonly box: Box;
}

/** A table read from a PDF: its grid lines (x of each column edge), row count and cells. */
export interface PdfTable {
  readonly page: number;
  box: Box;
  xs: number[];
  rows: number;
  cells: PdfCell[];
  /** Drawn with rules (cells from the borders), or laid out without (cells from positions). */
  readonly ruled: boolean;
}

/** The index of the interval of `edges` (sorted) holding `v`, clamped to the intervals there are. */
export function slot(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

const weight = (ch: string): number => (isCjk(ch) ? 1 : 0.55);

/** A run cut into single characters, each with where it is drawn (widths estimated from the kind of character). */
export function characters(r: Run): Run[] {
  const chars = [...r.str];
  const total = chars.reduce((s, c) => s + weight(c), 0) || 1;
  const out: Run[] = [];
  let at = 0;
  for (const ch of chars) {
    const a = at / total;
    at += weight(ch);
    const b = at / total;
    if (ch.trim() === "") continue;
    out.push(
      r.vertical
        ? { ...r, str: ch, top: r.top + (r.base - r.top) * a, base: r.top + (r.base - r.top) * b }
        : { ...r, str: ch, x0: r.x0 + (r.x1 - r.x0) * a, x1: r.x0 + (r.x1 - r.x0) * b },
    );
  }
  return out;
}

/**
 * Puts runs into cells. `find(x, y)` names the cell at a point (or -1). Returns each cell's runs,
 * left to right within lines, by cell index.
 */
export function distribute(
  runs: readonly Run[],
  cellCount: number,
  find: (x: number, y: number) => number,
): Run[][] {
  const out: Run[][] = Array.from({ length: cellCount }, () => []);
  for (const r of runs) {
    const cy = (r.top + r.base) / 2;
    const cx = (r.x0 + r.x1) / 2;
    const first = r.vertical ? find(cx, r.top + 0.5) : find(r.x0 + 0.5, cy);
    const last = r.vertical ? find(cx, r.base - 0.5) : find(r.x1 - 0.5, cy);
    if (first === last && first >= 0) {
      out[first]!.push(r);
      continue;
    }
    for (const ch of characters(r)) {
      const k = find((ch.x0 + ch.x1) / 2, (ch.top + ch.base) / 2);
      if (k >= 0) out[k]!.push(ch);
    }
  }
  return out;
}

/** A cell's text: its lines top to bottom, separated by `\n`. */
export function cellText(runs: readonly Run[]): string {
  if (runs.length === 0) return "";
  return groupLines(runs)
    .map((l) => lineText(l.runs))
    .filter((t) => t !== "")
    .join("\n");
}

const round = (v: number): number => Math.round(v * 10) / 10;

/** A position on a page, rounded to a tenth of a point. */
export function pagePos(page: number, x: number, y: number): PagePosition {
  return { page, x: round(x), y: round(y) };
}
