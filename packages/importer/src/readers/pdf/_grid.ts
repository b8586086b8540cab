// Tables from the rules a page draws: rules that touch form a table; the distinct positions of its
// vertical and horizontal rules make a grid of elementary cells; two neighbouring elementary cells with
// no rule between them belong to one merged cell — so merged cells come out as the author drew them,
// whichever way the borders were drawn (one line per cell side, one per table line, thin filled bars).
import type { Box, Rule } from "./_page.js";

/** A cell of a ruled table: elementary rows `r0..r1` and columns `c0..c1` (exclusive), and its box. */
export interface GridCell {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
  readonly box: Box;
}

/** A ruled table: its box, the grid lines' positions, and its cells (they tile the grid). */
export interface RuledTable {
  readonly box: Box;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly cells: readonly GridCell[];
}

// Rules this close (points) are the same line; gaps this small along a line are the same rule.
const SAME_LINE = 1.5;
const GAP = 3;
// Rules meet when one reaches within this of the other.
const TOUCH = 3;
// Grid lines closer than this are one (a border drawn twice, or cells not quite aligned).
const SNAP = 3.5;

/** Merges collinear rules that overlap or nearly touch. `horizontal`: along x at a y. */
function mergeRules(rules: readonly Rule[], horizontal: boolean): Rule[] {
  const at = (r: Rule) => (horizontal ? r.y0 : r.x0);
  const from = (r: Rule) => (horizontal ? r.x0 : r.y0);
  const to = (r: Rule) => (horizontal ? r.x1 : r.y1);
  const sorted = [...rules].sort((a, b) => at(a) - at(b) || from(a) - from(b));
  const out: Rule[] = [];
  let i = 0;
  while (i < sorted.length) {
    // One line: rules within SAME_LINE of the first.
    let j = i;
    let sum = 0;
    while (j < sorted.length && at(sorted[j]!) - at(sorted[i]!) <= SAME_LINE) sum += at(sorted[j++]!);
    const pos = sum / (j - i);
    const line = sorted.slice(i, j).sort((a, b) => from(a) - from(b));
    let s = from(line[0]!);
    let e = to(line[0]!);
    let w = line[0]!.width;
    const emit = () =>
      out.push(
        horizontal
          ? { x0: s, y0: pos, x1: e, y1: pos, width: w }
          : { x0: pos, y0: s, x1: pos, y1: e, width: w },
      );
    for (const r of line.slice(1)) {
      if (from(r) <= e + GAP) {
        e = Math.max(e, to(r));
        w = Math.max(w, r.width);
      } else {
        emit();
        s = from(r);
        e = to(r);
        w = r.width;
      }
    }
    emit();
    i = j;
  }
  return out;
}

class UnionFind {
  readonly #parent: Int32Array;
  constructor(n: number) {
    this.#parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.#parent[i] = i;
  }
  find(i: number): number {
    let r = i;
    while (this.#parent[r] !== r) r = this.#parent[r]!;
    while (this.#parent[i] !== r) {
      const next = this.#parent[i]!;
      this.#parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Positions closer than SNAP become one (their mean). */
function snap(values: number[]): number[] {
  values.sort((a, b) => a - b);
  const out: number[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    let sum = 0;
    while (j < values.length && values[j]! - values[i]! <= SNAP) sum += values[j++]!;
    out.push(sum / (j - i));
    i = j;
  }
  return out;
}

/**
 * Coverage of consecutive spans `[edges[i], edges[i + 1]]` by the (sorted, disjoint) intervals of one
 * grid line, in one pass over both.
 */
function coverage(intervals: readonly (readonly [number, number])[], edges: readonly number[]): number[] {
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    while (k < intervals.length && intervals[k]![1] <= a) k++;
    let sum = 0;
    for (let j = k; j < intervals.length && intervals[j]![0] < b; j++) {
      sum += Math.min(b, intervals[j]![1]) - Math.max(a, intervals[j]![0]);
    }
    out.push(sum);
  }
  return out;
}

/**
 * The intervals of the rules on each grid line (`positions`, sorted), merged: rules sorted by position,
 * walked once.
 */
function onLines(
  rules: readonly Rule[],
  positions: readonly number[],
  horizontal: boolean,
): [number, number][][] {
  const at = (r: Rule) => (horizontal ? r.y0 : r.x0);
  const sorted = [...rules].sort((a, b) => at(a) - at(b));
  const out: [number, number][][] = [];
  let k = 0;
  for (const pos of positions) {
    while (k < sorted.length && at(sorted[k]!) < pos - SNAP) k++;
    const list: [number, number][] = [];
    for (let j = k; j < sorted.length && at(sorted[j]!) <= pos + SNAP; j++) {
      const r = sorted[j]!;
      list.push(horizontal ? [r.x0, r.x1] : [r.y0, r.y1]);
    }
    list.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const iv of list) {
      const last = merged[merged.length - 1];
      if (last && iv[0] <= last[1] + GAP) last[1] = Math.max(last[1], iv[1]);
      else merged.push([iv[0], iv[1]]);
    }
    out.push(merged);
  }
  return out;
}

/** Counts the work done, for the linearity tests. */
export interface Work {
  n: number;
}

/** The ruled tables among a page's rules. */
export function ruledTables(
  horizontal: readonly Rule[],
  vertical: readonly Rule[],
  work: Work,
): RuledTable[] {
  const hs = mergeRules(horizontal, true);
  const vs = mergeRules(vertical, false).sort((a, b) => a.x0 - b.x0);
  work.n += hs.length + vs.length;
  const uf = new UnionFind(hs.length + vs.length);
  const vx = vs.map((v) => v.x0);
  hs.forEach((h, i) => {
    // The vertical rules within the horizontal one's reach, found by binary search on x.
    let lo = 0;
    let hi = vx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vx[mid]! < h.x0 - TOUCH) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < vs.length && vx[j]! <= h.x1 + TOUCH; j++) {
      work.n++;
      const v = vs[j]!;
      if (h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH) uf.union(i, hs.length + j);
    }
  });
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  hs.forEach((h, i) => {
    const k = uf.find(i);
    const g = groups.get(k) ?? { h: [], v: [] };
    g.h.push(h);
    groups.set(k, g);
  });
  vs.forEach((v, j) => {
    const k = uf.find(hs.length + j);
    const g = groups.get(k) ?? { h: [], v: [] };
    g.v.push(v);
    groups.set(k, g);
  });
  const tables: RuledTable[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const t = buildTable(g.h, g.v, work);
    if (t) tables.push(t);
  }
  return tables.sort((a, b) => a.box.y0 - b.box.y0);
}

function buildTable(h: Rule[], v: Rule[], work: Work): RuledTable | null {
  const box = {
    x0: Math.min(...h.map((r) => r.x0), ...v.map((r) => r.x0)),
    x1: Math.max(...h.map((r) => r.x1), ...v.map((r) => r.x0)),
    y0: Math.min(...v.map((r) => r.y0), ...h.map((r) => r.y0)),
    y1: Math.max(...v.map((r) => r.y1), ...h.map((r) => r.y0)),
  };
  if (box.x1 - box.x0 < 20 || box.y1 - box.y0 < 8) return null;
  // The table's outer edges count as grid lines even where a border is not drawn (open tables).
  const xs = snap([box.x0, box.x1, ...v.map((r) => r.x0)]);
  const ys = snap([box.y0, box.y1, ...h.map((r) => r.y0)]);
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  if (nr < 1 || nc < 1) return null;
  work.n += nr * nc;
  // Per grid line, how much of each elementary cell's side it draws.
  const vCover = onLines(v, xs, false).map((iv) => coverage(iv, ys));
  const hCover = onLines(h, ys, true).map((iv) => coverage(iv, xs));
  const uf = new UnionFind(nr * nc);
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      // No rule between this cell and the one to its right (below): one merged cell.
      if (c + 1 < nc && vCover[c + 1]![r]! < (ys[r + 1]! - ys[r]!) * 0.5)
        uf.union(r * nc + c, r * nc + c + 1);
      if (r + 1 < nr && hCover[r + 1]![c]! < (xs[c + 1]! - xs[c]!) * 0.5)
        uf.union(r * nc + c, (r + 1) * nc + c);
    }
  }
  const extent = new Map<number, { r0: number; c0: number; r1: number; c1: number; n: number }>();
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const k = uf.find(r * nc + c);
      const e = extent.get(k);
      if (e) {
        e.r0 = Math.min(e.r0, r);
        e.c0 = Math.min(e.c0, c);
        e.r1 = Math.max(e.r1, r + 1);
        e.c1 = Math.max(e.c1, c + 1);
        e.n++;
      } else extent.set(k, { r0: r, c0: c, r1: r + 1, c1: c + 1, n: 1 });
    }
  }
  const cells: GridCell[] = [];
  const cell = (r0: number, c0: number, r1: number, c1: number): GridCell => ({
    r0,
    c0,
    r1,
    c1,
    box: { x0: xs[c0]!, y0: ys[r0]!, x1: xs[c1]!, y1: ys[r1]! },
  });
  for (const [k, e] of extent) {
    if (e.n === (e.r1 - e.r0) * (e.c1 - e.c0)) {
      cells.push(cell(e.r0, e.c0, e.r1, e.c1));
      continue;
    }
    // Not a rectangle (borders drawn inconsistently): its elementary cells stand alone.
    for (let r = e.r0; r < e.r1; r++) {
      for (let c = e.c0; c < e.c1; c++) if (uf.find(r * nc + c) === k) cells.push(cell(r, c, r + 1, c + 1));
    }
  }
  cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  return { box, xs, ys, cells };
}
