// Tables laid out without rules, found from positions alone: lines split at wide gaps into segments;
// runs of lines holding numbers in columns are a table; its columns are the vertical bands of
// whitespace no dense line crosses; its rows are the lines with values, each with the label lines that
// belong to it — a label wrapped over lines, or printed above or below its values (the lines nearest
// to it, or, when a line sits exactly between two rows, the way the table's other rows go).
import { type PdfCell, type PdfTable, pagePos } from "./_cells.js";
import type { Work } from "./_grid.js";
import type { Run } from "./_page.js";
import { type Line, lineText } from "./_text.js";

/** A stretch of a line between wide gaps: one cell's worth of text. */
interface Segment {
  readonly runs: Run[];
  readonly x0: number;
  readonly x1: number;
  readonly text: string;
  readonly value: boolean;
}

interface Row {
  readonly line: Line;
  readonly segments: Segment[];
  /** Segments that are values. */
  readonly values: number;
}

// A number, a signed change, an amount with its unit, or a not-applicable mark.
const VALUE = /^(?:[+\-－]?\d[\d,，]*(?:\.\d+)?\s*(?:万元|元|件|个|项|条|%)?|[-－—–/／无]|不适用|——)$/;

/** Whether a segment's text is a table value. */
export const isValueText = (t: string): boolean => VALUE.test(t.replace(/\s+/g, ""));

/** Splits a line into segments at gaps wider than a character; runs of numbers split at their spaces. */
function segments(line: Line): Segment[] {
  const pieces: Run[] = [];
  for (const r of line.runs) {
    const parts = r.str.split(/\s+/);
    if (parts.length > 1 && parts.every((p) => isValueText(p))) {
      // "0 0 0": values a generator wrote as one string with spaces.
      const step = (r.x1 - r.x0) / r.str.length;
      let at = 0;
      for (const p of r.str.split(/(\s+)/)) {
        if (p.trim() !== "")
          pieces.push({ ...r, str: p, x0: r.x0 + at * step, x1: r.x0 + (at + p.length) * step });
        at += p.length;
      }
    } else pieces.push(r);
  }
  const out: Segment[] = [];
  let cur: Run[] = [];
  const flush = () => {
    if (cur.length === 0) return;
    const text = lineText(cur);
    out.push({
      runs: cur,
      x0: Math.min(...cur.map((r) => r.x0)),
      x1: Math.max(...cur.map((r) => r.x1)),
      text,
      value: isValueText(text),
    });
    cur = [];
  };
  for (const p of pieces) {
    const last = cur[cur.length - 1];
    if (last && p.x0 - last.x1 > Math.max(line.size, 6)) flush();
    cur.push(p);
  }
  flush();
  return out;
}

const isAnchor = (r: Row): boolean =>
  r.values > 0 && (r.values >= 2 || r.segments.length >= 2 || r.segments.length === r.values);

/** Whether a line can be part of a table around it: several segments, or a short one. */
const tableish = (r: Row): boolean =>
  r.segments.length >= 2 || (r.segments[0]!.text.length <= 24 && !/[。；;]$/.test(r.segments[0]!.text));

/**
 * Finds tables laid out without rules among a page's lines (sorted top to bottom). Returns them and the
 * lines that are not part of one.
 */
export function plainTables(
  page: number,
  lines: readonly Line[],
  work: Work,
): { tables: PdfTable[]; rest: Line[] } {
  const rows: Row[] = lines.map((line) => {
    work.n += line.runs.length;
    const segs = line.runs.some((r) => r.vertical) ? [] : segments(line);
    return { line, segments: segs, values: segs.filter((s) => s.value).length };
  });
  const tables: PdfTable[] = [];
  const used = new Set<number>();
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.segments.length === 0 || !(isAnchor(rows[i]!) && rows[i]!.segments.length >= 2)) {
      i++;
      continue;
    }
    // Grow the region around this anchor over table-like lines of the same or smaller type size.
    const size = rows[i]!.line.size;
    const near = (a: Row, b: Row) => b.line.top - a.line.base <= 2.5 * Math.max(a.line.size, b.line.size);
    const fits = (r: Row) => r.segments.length > 0 && tableish(r) && r.line.size <= size + 1.5;
    let from = i;
    while (from > 0 && !used.has(from - 1) && fits(rows[from - 1]!) && near(rows[from - 1]!, rows[from]!))
      from--;
    let to = i + 1;
    while (to < rows.length && fits(rows[to]!) && near(rows[to - 1]!, rows[to]!)) to++;
    const region = rows.slice(from, to);
    const anchors = region.filter(isAnchor);
    const dense = region.filter((r) => r.segments.length >= 3);
    const accepted =
      anchors.length >= 2 || (anchors.length === 1 && anchors[0]!.values >= 4 && region.length >= 2);
    if (!accepted || dense.length === 0) {
      i = to;
      continue;
    }
    const table = buildTable(page, region, dense, work);
    if (table) {
      tables.push(table);
      for (let k = from; k < to; k++) used.add(k);
    }
    i = to;
  }
  return { tables, rest: rows.filter((_, k) => !used.has(k)).map((r) => r.line) };
}

/** Column edges: the middles of the x-bands no segment of a dense line covers. */
function columnEdges(region: readonly Row[], dense: readonly Row[]): number[] {
  const spans = dense
    .flatMap((r) => r.segments.map((s) => [s.x0, s.x1] as const))
    .sort((a, b) => a[0] - b[0]);
  const x0 = Math.min(...region.flatMap((r) => r.segments.map((s) => s.x0)));
  const x1 = Math.max(...region.flatMap((r) => r.segments.map((s) => s.x1)));
  const edges = [x0];
  let end = spans[0]![1];
  for (const [s, e] of spans.slice(1)) {
    if (s > end + 1) edges.push((s + end) / 2);
    end = Math.max(end, e);
  }
  edges.push(Math.max(x1, end) + 0.01);
  return edges;
}

/** The columns `[c0, c1)` a segment covers. */
function columnsOf(s: Segment, edges: readonly number[]): [number, number] {
  let c0 = 0;
  while (c0 + 1 < edges.length - 1 && edges[c0 + 1]! <= s.x0 + 0.5) c0++;
  let c1 = c0 + 1;
  while (c1 < edges.length - 1 && edges[c1]! < s.x1 - 0.5) c1++;
  return [c0, c1];
}

function buildTable(
  page: number,
  region: readonly Row[],
  dense: readonly Row[],
  work: Work,
): PdfTable | null {
  const edges = columnEdges(region, dense);
  const nc = edges.length - 1;
  if (nc < 2) return null;
  work.n += region.length * nc;
  // Value columns: where the rows with values have them.
  const valueCols = new Set<number>();
  for (const r of region) {
    if (!isAnchor(r)) continue;
    for (const s of r.segments) {
      if (!s.value) continue;
      const [c0, c1] = columnsOf(s, edges);
      for (let c = c0; c < c1; c++) valueCols.add(c);
    }
  }
  const firstValueCol = Math.min(...valueCols);
  const firstAnchor = region.findIndex(isAnchor);
  // Header: up to the last line before the first row of values that reaches into a value column.
  let headerEnd = -1;
  for (let k = 0; k < firstAnchor; k++) {
    if (region[k]!.segments.some((s) => columnsOf(s, edges)[1] > firstValueCol)) headerEnd = k;
  }
  // A fragment: a line of label text only, inside the label columns.
  const fragment = (r: Row) =>
    !isAnchor(r) && r.segments.every((s) => !s.value && columnsOf(s, edges)[1] <= firstValueCol);
  const body = region.slice(headerEnd + 1);
  const owner = attach(body, fragment);

  const cells: PdfCell[] = [];
  let row = 0;
  // Header rows: one per line, a column's fragments on consecutive lines joined into one cell.
  const open = new Map<string, { cell: PdfCell; base: number; size: number }>();
  for (let k = 0; k <= headerEnd; k++) {
    const r = region[k]!;
    for (const s of r.segments) {
      const [c0, c1] = columnsOf(s, edges);
      const key = `${c0}:${c1}`;
      const prev = open.get(key);
      if (prev && r.line.top - prev.base <= prev.size * 1.2 && prev.cell.r1 === row) {
        prev.cell.text += `\n${s.text}`;
        prev.cell.r1 = row + 1;
        prev.base = r.line.base;
        continue;
      }
      const cell = mkCell(page, row, c0, row + 1, c1, s.text, s.x0, r.line.top, s.x1, r.line.base);
      cells.push(cell);
      open.set(key, { cell, base: r.line.base, size: r.line.size });
    }
    row++;
    // A cell stays open for the next line only if this line extended it.
    for (const [key, o] of open) if (o.cell.r1 < row) open.delete(key);
  }
  // Body rows: each line with values (or a line of its own), with the fragments that belong to it.
  const members = new Map<number, Row[]>();
  body.forEach((r, k) => {
    const o = owner[k]!;
    const list = members.get(o);
    if (list) list.push(r);
    else members.set(o, [r]);
  });
  body.forEach((_, k) => {
    if (owner[k] !== k) return;
    const lines = members.get(k)!.sort((a, b) => a.line.top - b.line.top);
    const byCol = new Map<string, { segs: Segment[]; c0: number; c1: number }>();
    for (const l of lines) {
      for (const s of l.segments) {
        const [c0, c1] = columnsOf(s, edges);
        const key = `${c0}:${c1}`;
        const got = byCol.get(key) ?? { segs: [], c0, c1 };
        got.segs.push(s);
        byCol.set(key, got);
      }
    }
    const top = lines[0]!.line.top;
    const base = lines[lines.length - 1]!.line.base;
    for (const { segs, c0, c1 } of byCol.values()) {
      const text = segs.map((s) => s.text).join("\n");
      cells.push(
        mkCell(
          page,
          row,
          c0,
          row + 1,
          c1,
          text,
          Math.min(...segs.map((s) => s.x0)),
          top,
          Math.max(...segs.map((s) => s.x1)),
          base,
        ),
      );
    }
    row++;
  });
  const box = {
    x0: edges[0]!,
    x1: edges[nc]!,
    y0: Math.min(...region.map((r) => r.line.top)),
    y1: Math.max(...region.map((r) => r.line.base)),
  };
  return { page, box, xs: edges, rows: row, cells: dropOverlaps(cells), ruled: false };
}

function mkCell(
  page: number,
  r0: number,
  c0: number,
  r1: number,
  c1: number,
  text: string,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): PdfCell {
  return { r0, c0, r1, c1, text, pos: pagePos(page, x0, y0), box: { x0, y0, x1, y1 } };
}

/** Two segments of one row in the same columns (they cannot both be cells): their texts joined. */
function dropOverlaps(cells: PdfCell[]): PdfCell[] {
  const taken = new Map<string, PdfCell>();
  const out: PdfCell[] = [];
  for (const c of cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)) {
    let clash: PdfCell | undefined;
    for (let r = c.r0; r < c.r1 && !clash; r++) {
      for (let col = c.c0; col < c.c1 && !clash; col++) clash = taken.get(`${r}:${col}`);
    }
    if (clash) {
      clash.text += `\n${c.text}`;
      continue;
    }
    for (let r = c.r0; r < c.r1; r++) for (let col = c.c0; col < c.c1; col++) taken.set(`${r}:${col}`, c);
    out.push(c);
  }
  return out;
}

/**
 * For each body line, the index of the line whose row it belongs to: a line with values (or any line
 * that is not a fragment) owns itself; a fragment goes to the nearest such line within two lines' height
 * (or along a chain of fragments to it), ties going the way the table's unambiguous fragments go — or,
 * when all are ties, the way its first row goes (a label first: values below their labels).
 */
function attach(body: readonly Row[], fragment: (r: Row) => boolean): number[] {
  const owner = body.map((r, k) => (fragment(r) ? -1 : k));
  const mid = (r: Row) => (r.line.top + r.line.base) / 2;
  // The nearest line of its own above and below each line, and whether it is a row of values: walked
  // once in each direction.
  const n = body.length;
  const prevOwn = new Int32Array(n).fill(-1);
  const nextOwn = new Int32Array(n).fill(-1);
  for (let k = 1, last = owner[0]!; k < n; k++) {
    prevOwn[k] = last;
    if (owner[k]! >= 0) last = k;
  }
  for (let k = n - 2, last = owner[n - 1]!; k >= 0; k--) {
    nextOwn[k] = last;
    if (owner[k]! >= 0) last = k;
  }
  const pending: { k: number; up: number; down: number; du: number; dd: number }[] = [];
  let votes = 0;
  body.forEach((r, k) => {
    if (owner[k]! >= 0) return;
    // The row a fragment can join is the nearest line of its own, if that line has values; a header
    // line or caption in between cuts it off.
    const up = prevOwn[k]! >= 0 && isAnchor(body[prevOwn[k]!]!) ? prevOwn[k]! : -1;
    const down = nextOwn[k]! >= 0 && isAnchor(body[nextOwn[k]!]!) ? nextOwn[k]! : -1;
    pending.push({
      k,
      up,
      down,
      du: up < 0 ? Number.POSITIVE_INFINITY : mid(r) - mid(body[up]!),
      dd: down < 0 ? Number.POSITIVE_INFINITY : mid(body[down]!) - mid(r),
    });
  });
  const size = (k: number) => body[k]!.line.size;
  const ties: typeof pending = [];
  for (const p of pending) {
    const reach = 2.2 * size(p.k);
    if (Math.abs(p.du - p.dd) <= 0.25 * size(p.k) && p.du <= reach) {
      ties.push(p);
      continue;
    }
    if (p.du < p.dd && p.du <= reach) {
      owner[p.k] = p.up;
      votes--;
    } else if (p.dd < p.du && p.dd <= reach) {
      owner[p.k] = p.down;
      votes++;
    }
  }
  const downward = votes !== 0 ? votes > 0 : body.length > 0 && fragment(body[0]!);
  for (const p of ties) owner[p.k] = downward ? p.down : p.up;
  // Fragments beyond reach: chained to a neighbouring fragment's row when adjacent, else their own row.
  for (let pass = 0; pass < 2; pass++) {
    body.forEach((r, k) => {
      if (owner[k]! >= 0) return;
      for (const n of [k - 1, k + 1]) {
        const o = owner[n];
        if (o === undefined || o < 0 || !fragment(body[n]!)) continue;
        const gap = n < k ? r.line.top - body[n]!.line.base : body[n]!.line.top - r.line.base;
        if (gap <= 0.8 * r.line.size) {
          owner[k] = o;
          return;
        }
      }
    });
  }
  return owner.map((o, k) => (o < 0 ? k : o));
}
