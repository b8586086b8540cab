// The pages put together: a table that goes on over a page break joined into one (its repeated header
// rows dropped, a merged cell the break cut in two made whole again), lines joined into paragraphs —
// a paragraph goes on while its lines run to the right margin and the next is not indented, also over
// a page break; a title set on two centred lines is one — and everything turned into the blocks of the
// intermediate document.
import type { SourceBlock, SourceCell, SourceTable } from "../../source.js";
import { type PdfCell, type PdfTable, pagePos } from "./_cells.js";
import type { Work } from "./_grid.js";
import type { PageBlock } from "./_layout.js";
import { isCjk, type Line, lineText, tidyPdfText } from "./_text.js";

// Grid lines of two parts of one table agree within this (points).
const ALIGN = 4;

const norm = (t: string): string => t.replace(/\s+/g, "");

/** Joins each table that ends a page with the table that starts the next one, when they are one. */
export function joinTables(pages: PageBlock[][], work: Work): void {
  for (let p = 1; p < pages.length; p++) {
    const prev = pages[p - 1]!;
    const cur = pages[p]!;
    const lastIdx = findLast(prev, (b) => b.kind !== "image");
    const firstIdx = cur.findIndex((b) => b.kind !== "image");
    const a = prev[lastIdx];
    const b = cur[firstIdx];
    // Tables laid out without rules were found over page breaks already.
    if (a?.kind !== "table" || b?.kind !== "table" || !a.table.ruled || !b.table.ruled) continue;
    if (!continues(a.table, b.table)) continue;
    work.n += a.table.cells.length + b.table.cells.length;
    merge(a.table, b.table);
    cur.splice(firstIdx, 1);
  }
}

function findLast<T>(xs: readonly T[], f: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (f(xs[i]!)) return i;
  return -1;
}

/** Whether `b` (at the top of a page) goes on with `a` (at the bottom of the page before): same columns. */
function continues(a: PdfTable, b: PdfTable): boolean {
  if (a.ruled !== b.ruled) return false;
  const tol = a.ruled ? ALIGN * 2 : ALIGN * 4;
  if (Math.abs(a.box.x0 - b.box.x0) > tol || Math.abs(a.box.x1 - b.box.x1) > tol) return false;
  const inner = b.xs.slice(1, -1);
  if (inner.length === 0) return true;
  const matched = inner.filter((x) =>
    a.xs.some((y) => Math.abs(x - y) <= (a.ruled ? ALIGN : ALIGN * 3)),
  ).length;
  return matched * 2 >= inner.length;
}

/** The texts of a row's cells, by column: for comparing a repeated header row with the original. */
function rowKey(t: PdfTable, r: number, map: (c: number) => number): string {
  return t.cells
    .filter((c) => c.r0 === r)
    .map((c) => `${map(c.c0)}-${map(c.c1)}:${norm(c.text)}`)
    .sort()
    .join("|");
}

function merge(a: PdfTable, b: PdfTable): void {
  // One set of column edges for both parts.
  const all = [...a.xs, ...b.xs].sort((x, y) => x - y);
  const xs: number[] = [];
  for (const x of all) {
    if (xs.length > 0 && x - xs[xs.length - 1]! <= ALIGN) continue;
    xs.push(x);
  }
  const mapper = (edges: readonly number[]) => (c: number) => {
    const x = edges[c]!;
    let best = 0;
    for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
    return best;
  };
  const ma = mapper(a.xs);
  const mb = mapper(b.xs);
  for (const c of a.cells) {
    c.c0 = ma(c.c0);
    c.c1 = ma(c.c1);
  }
  for (const c of b.cells) {
    c.c0 = mb(c.c0);
    c.c1 = mb(c.c1);
  }
  const id = (c: number) => c;
  // Header rows the next page repeats.
  let repeated = 0;
  while (repeated < Math.min(5, a.rows, b.rows - 1) && rowKey(a, repeated, id) === rowKey(b, repeated, id))
    repeated++;
  const shift = a.rows - repeated;
  const rest: PdfCell[] = [];
  for (const c of b.cells) {
    if (c.r1 <= repeated) continue;
    c.r0 = Math.max(c.r0, repeated) + shift;
    c.r1 += shift;
    rest.push(c);
  }
  // A merged cell the page break cut: its second part is empty, or both parts span several rows.
  const seam = a.rows;
  const byCols = new Map<string, PdfCell>();
  for (const c of a.cells) if (c.r1 === seam) byCols.set(`${c.c0}:${c.c1}`, c);
  const kept: PdfCell[] = [];
  for (const c of rest) {
    const above = c.r0 === seam ? byCols.get(`${c.c0}:${c.c1}`) : undefined;
    if (above && (norm(c.text) === "" || (above.r1 - above.r0 > 1 && c.r1 - c.r0 > 1))) {
      above.r1 = c.r1;
      if (norm(c.text) !== "") above.text = `${above.text}\n${c.text}`;
      continue;
    }
    kept.push(c);
  }
  a.cells.push(...kept);
  a.rows += b.rows - repeated;
  a.xs = xs;
}

const HEADING_START =
  /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．])/;

/** Body text metrics: the usual type size, left margin and right edge of full lines. */
interface Body {
  readonly size: number;
  readonly left: number;
  readonly right: number;
}

function bodyOf(pages: readonly PageBlock[][]): Body {
  const sizes = new Map<number, number>();
  const lines: Line[] = [];
  for (const page of pages) {
    for (const b of page) {
      if (b.kind !== "line") continue;
      lines.push(b.line);
      const s = Math.round(b.line.size * 2) / 2;
      sizes.set(s, (sizes.get(s) ?? 0) + b.line.runs.reduce((n, r) => n + r.str.length, 0));
    }
  }
  let size = 12;
  let best = -1;
  for (const [s, n] of sizes) {
    if (n > best) {
      best = n;
      size = s;
    }
  }
  const body = lines.filter((l) => Math.abs(l.size - size) <= 0.6);
  // The left margin: the leftmost place several body lines start at (first lines are indented, and
  // when paragraphs are short they outnumber the lines that start at the margin).
  const lefts = new Map<number, number>();
  for (const l of body) lefts.set(Math.round(l.x0), (lefts.get(Math.round(l.x0)) ?? 0) + 1);
  const often = [...lefts].filter(([, n]) => n >= Math.max(2, body.length * 0.1)).map(([x]) => x);
  const left = often.length > 0 ? Math.min(...often) : Math.min(...body.map((l) => Math.round(l.x0)), 0);
  const rights = body.map((l) => l.x1).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)] ?? left + 400;
  return { size, left, right };
}

function joinText(a: string, b: string): string {
  if (a === "") return b;
  const x = a[a.length - 1]!;
  const y = b[0]!;
  return /[A-Za-z0-9]/.test(x) && /[A-Za-z0-9]/.test(y) && !isCjk(x) ? `${a} ${b}` : a + b;
}

/**
 * The intermediate document's blocks, in reading order: paragraphs and tables. `widths`: each page's
 * width (a title is centred on the page).
 */
export function toBlocks(
  pages: readonly PageBlock[][],
  widths: readonly number[],
  work: Work,
): SourceBlock[] {
  const body = bodyOf(pages);
  const mid = (body.left + body.right) / 2;
  const out: SourceBlock[] = [];
  let para: { text: string; first: Line; last: Line; page: number; lastPage: number } | undefined;
  let lastOnPage = false;
  const flush = () => {
    if (para)
      out.push({
        kind: "text",
        text: tidyPdfText(para.text),
        pos: pagePos(para.page, para.first.x0, para.first.top),
      });
    para = undefined;
  };
  let pageMid = mid;
  // Centred: its middle at the page's (or the text's) middle, not starting at the left margin.
  const centred = (l: Line) => {
    const c = (l.x0 + l.x1) / 2;
    return (
      l.x0 > body.left + 0.5 * l.size &&
      (Math.abs(c - mid) <= 2 * l.size || Math.abs(c - pageMid) <= 2 * l.size)
    );
  };
  for (const [p, page] of pages.entries()) {
    pageMid = (widths[p] ?? 2 * mid) / 2;
    const firstLine = page.findIndex((x) => x.kind === "line");
    const lastLine = findLast(page, (x) => x.kind === "line");
    page.forEach((b, k) => {
      work.n++;
      if (b.kind !== "line") {
        flush();
        if (b.kind === "table") out.push(toTable(b.table));
        else
          out.push({
            kind: "image",
            pos: pagePos(b.page, b.x0, b.top),
            width: Math.round(b.x1 - b.x0),
            height: Math.round(b.y1 - b.top),
          });
        return;
      }
      const l = b.line;
      const text = lineText(l.runs);
      if (text === "") return;
      const first = k === firstLine;
      if (para) {
        const prev = para.last;
        const samePage = para.lastPage === b.page;
        const size = Math.max(prev.size, l.size);
        const similar = Math.abs(prev.size - l.size) <= 1;
        // A title in larger type over two lines: centred, or a full line and a centred rest.
        const title =
          samePage &&
          similar &&
          (centred(prev) || prev.x1 - prev.x0 >= 0.8 * (body.right - body.left)) &&
          centred(l) &&
          l.size >= body.size + 1.5 &&
          l.top - prev.base <= 1.2 * size;
        const flowing =
          similar &&
          prev.x1 >= body.right - 1.5 * prev.size &&
          l.x0 <= body.left + 0.8 * l.size &&
          l.x0 >= body.left - 2 * l.size &&
          !HEADING_START.test(text) &&
          (samePage ? l.top - prev.base <= 1.5 * size : lastOnPage && first);
        if (title || flowing) {
          para.text = joinText(para.text, text);
          para.last = l;
          para.lastPage = b.page;
          lastOnPage = k === lastLine;
          return;
        }
      }
      flush();
      para = { text, first: l, last: l, page: b.page, lastPage: b.page };
      lastOnPage = k === lastLine;
    });
  }
  flush();
  return out;
}

/** A table in the intermediate document's shape: rows of cells, gaps in the grid as empty cells. */
function toTable(t: PdfTable): SourceTable {
  const nc = t.xs.length - 1;
  const covered = new Uint8Array(t.rows * nc);
  const starts: PdfCell[][] = Array.from({ length: t.rows }, () => []);
  for (const c of t.cells) {
    if (c.r0 >= t.rows || c.c0 >= nc) continue;
    const r1 = Math.min(c.r1, t.rows);
    const c1 = Math.min(Math.max(c.c1, c.c0 + 1), nc);
    c.r1 = r1;
    c.c1 = c1;
    starts[c.r0]!.push(c);
    for (let r = c.r0; r < r1; r++) for (let col = c.c0; col < c1; col++) covered[r * nc + col] = 1;
  }
  const first = t.cells[0]?.pos ?? pagePos(t.page, t.box.x0, t.box.y0);
  const rows: SourceCell[][] = starts.map((cells, r) => {
    const row: { c0: number; cell: SourceCell }[] = cells.map((c) => ({
      c0: c.c0,
      cell: { text: c.text, rowSpan: c.r1 - c.r0, colSpan: c.c1 - c.c0, pos: c.pos },
    }));
    for (let col = 0; col < nc; col++) {
      if (!covered[r * nc + col])
        row.push({ c0: col, cell: { text: "", rowSpan: 1, colSpan: 1, pos: first } });
    }
    return row.sort((a, b) => a.c0 - b.c0).map((x) => x.cell);
  });
  return { kind: "table", rows, pos: pagePos(t.page, t.box.x0, t.box.y0) };
}
