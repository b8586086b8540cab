// One page laid out: its furniture gone, its ruled tables filled with the text inside their cells, the
// rest of its text in lines, and tables laid out without rules found among those lines — all in reading
// order (top to bottom; a page of a report has one column).
import { cellText, distribute, type PdfCell, type PdfTable, pagePos, slot } from "./_cells.js";
import { type RuledTable, ruledTables, type Work } from "./_grid.js";
import type { PageContent, Run } from "./_page.js";
import { groupLines, type Line } from "./_text.js";

/** What a page shows, in reading order. */
export type PageBlock =
  | { readonly kind: "line"; readonly page: number; readonly line: Line }
  | { readonly kind: "table"; readonly page: number; readonly table: PdfTable }
  | {
      readonly kind: "image";
      readonly page: number;
      readonly top: number;
      readonly x0: number;
      readonly x1: number;
      readonly y1: number;
    };

/** A page's ruled tables (their boxes are needed before furniture is removed). */
export function pageTables(page: PageContent, work: Work): RuledTable[] {
  return ruledTables(page.horizontal, page.vertical, work);
}

const inBox = (r: Run, t: RuledTable): boolean => {
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.top + r.base) / 2;
  return cx >= t.box.x0 - 1 && cx <= t.box.x1 + 1 && cy >= t.box.y0 - 1 && cy <= t.box.y1 + 1;
};

/**
 * Lays out one page: its ruled tables with their text and its pictures as blocks, the rest of its text as
 * lines (tables laid out without rules are found among them over the whole document, as they may go
 * on over a page break).
 */
export function layoutPage(
  page: PageContent,
  ruled: readonly RuledTable[],
  furniture: ReadonlySet<Run>,
  work: Work,
): { blocks: PageBlock[]; lines: Line[] } {
  const inTables: Run[][] = ruled.map(() => []);
  const free: Run[] = [];
  for (const r of page.runs) {
    work.n++;
    if (furniture.has(r)) continue;
    const k = ruled.findIndex((t) => inBox(r, t));
    if (k >= 0) inTables[k]!.push(r);
    else free.push(r);
  }
  const blocks: PageBlock[] = [];
  ruled.forEach((t, k) => {
    blocks.push({ kind: "table", page: page.page, table: fillRuled(page.page, t, inTables[k]!) });
  });
  const lines = groupLines(free);
  work.n += lines.length;
  for (const im of page.images) {
    // Images under a table's or a line's text (a seal, a shaded background) are not pictures of text.
    if (im.x1 - im.x0 < page.width * 0.25 || im.y1 - im.y0 < page.height * 0.05) continue;
    blocks.push({ kind: "image", page: page.page, top: im.y0, x0: im.x0, x1: im.x1, y1: im.y1 });
  }
  return { blocks, lines };
}

/** Where a block starts on its page. */
export function topOf(b: PageBlock): number {
  return b.kind === "line" ? b.line.top : b.kind === "table" ? b.table.box.y0 : b.top;
}

/** Where a block ends on its page. */
export function bottomOf(b: PageBlock): number {
  return b.kind === "line" ? b.line.base : b.kind === "table" ? b.table.box.y1 : b.y1;
}

function fillRuled(page: number, t: RuledTable, runs: readonly Run[]): PdfTable {
  const nc = t.xs.length - 1;
  const nr = t.ys.length - 1;
  const index = new Int32Array(nr * nc).fill(-1);
  t.cells.forEach((c, k) => {
    for (let r = c.r0; r < c.r1; r++) for (let col = c.c0; col < c.c1; col++) index[r * nc + col] = k;
  });
  const find = (x: number, y: number): number => index[slot(t.ys, y) * nc + slot(t.xs, x)] ?? -1;
  const texts = distribute(runs, t.cells.length, find);
  const cells: PdfCell[] = t.cells.map((c, k) => ({
    r0: c.r0,
    c0: c.c0,
    r1: c.r1,
    c1: c.c1,
    text: cellText(texts[k]!),
    pos: pagePos(page, c.box.x0, c.box.y0),
    box: c.box,
  }));
  return { page, box: t.box, xs: [...t.xs], rows: nr, cells, ruled: true };
}
