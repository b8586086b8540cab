// Tables laid out without rules, found from positions alone. Lines holding a label and numbers set apart
// in columns are a table's rows; the table runs over the lines around them that look like table text
// (short, in the same or a smaller type). Its value columns are where the numbers stand — the bands the
// value cells of all rows cover, which header text spanning several columns cannot blur; its label
// columns are where label texts start. Each line of values is a row, with the label lines that belong to
// it: a label wrapped over lines, or printed above or below its values (the lines nearest to it, or,
// when a line sits exactly between two rows, the way the table's other rows go).
import { characters, type PdfCell, type PdfTable, pagePos } from "./_cells.js";
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

/** A line in the document's flow: its page, and whether a table may go on over the page break there. */
export interface FlowLine {
  readonly line: Line;
  readonly page: number;
  /** Nothing else stands above it on its page (it may go on from the page before). */
  readonly first: boolean;
  /** Nothing else stands below it on its page (it may go on on the next page). */
  readonly last: boolean;
}

// Lines of later pages sit this much lower in the flow, so that order and distances hold over pages.
const PAGE_SHIFT = 100_000;

interface Row {
  /** The line, shifted down by its page in the flow. */
  readonly line: Line;
  readonly flow: FlowLine;
  readonly segments: Segment[];
  /** Segments that are values. */
  readonly values: number;
  /** Segments that are not. */
  readonly labels: number;
}

// A number, a signed change, an amount with its unit, or a not-applicable mark.
const VALUE = /^(?:[+\-－]?\d[\d,，]*(?:\.\d+)?(?:万元|元|件|个|项|条|%)?|[-－—–/／无]|不适用|——)$/;

/** Whether a text is a table value (a number, a not-applicable mark). */
export const isValueText = (t: string): boolean => VALUE.test(t.replace(/\s+/g, ""));

/** Values a generator wrote as one string with spaces ("0 0 0") cut at the spaces. */
function pieces(line: Line): Run[] {
  const out: Run[] = [];
  for (const r of line.runs) {
    const parts = r.str.split(/\s+/);
    if (parts.length > 1 && parts.every((p) => isValueText(p))) {
      const step = (r.x1 - r.x0) / r.str.length;
      let at = 0;
      for (const p of r.str.split(/(\s+)/)) {
        if (p.trim() !== "")
          out.push({ ...r, str: p, x0: r.x0 + at * step, x1: r.x0 + (at + p.length) * step });
        at += p.length;
      }
    } else out.push(r);
  }
  return out;
}

function segment(runs: Run[]): Segment {
  const text = lineText(runs);
  return {
    runs,
    x0: Math.min(...runs.map((r) => r.x0)),
    x1: Math.max(...runs.map((r) => r.x1)),
    text,
    value: isValueText(text),
  };
}

/** Splits a line into segments at any gap wider than a space (header words set apart). */
function fineSegments(line: Line): Segment[] {
  const out: Segment[] = [];
  let cur: Run[] = [];
  for (const p of pieces(line)) {
    const last = cur[cur.length - 1];
    if (last && p.x0 - last.x1 > 0.4 * line.size) {
      out.push(segment(cur));
      cur = [];
    }
    cur.push(p);
  }
  if (cur.length > 0) out.push(segment(cur));
  return out;
}

/** Splits a line into segments at gaps wider than a character. */
function segments(line: Line): Segment[] {
  const out: Segment[] = [];
  let cur: Run[] = [];
  for (const p of pieces(line)) {
    const last = cur[cur.length - 1];
    if (last && p.x0 - last.x1 > Math.max(line.size, 6)) {
      out.push(segment(cur));
      cur = [];
    }
    cur.push(p);
  }
  if (cur.length > 0) out.push(segment(cur));
  return out;
}

// An item number starting a label: 一、 （一） 1. 1、 (1) ①.
const ENUMERATED =
  /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]|[\u2460-\u2473])/;

/** A row of values: a label and values, or values alone. */
const isAnchor = (r: Row): boolean => r.values > 0;

/** Whether a line can be part of a table around it: several segments, or a short one. */
const tableish = (r: Row): boolean =>
  r.segments.length >= 2 || (r.segments[0]!.text.length <= 24 && !/[。；;]$/.test(r.segments[0]!.text));

/**
 * Finds tables laid out without rules among the document's lines (in reading order, page by page): a
 * table may go on over a page break. Returns them and the indexes of the lines they took.
 */
export function plainTables(
  lines: readonly FlowLine[],
  work: Work,
): { tables: PdfTable[]; used: Set<number> } {
  const rows: Row[] = lines.map((flow) => {
    const { line } = flow;
    work.n += line.runs.length;
    const segs = line.runs.some((r) => r.vertical) ? [] : segments(line);
    const values = segs.filter((s) => s.value).length;
    const shift = flow.page * PAGE_SHIFT;
    return {
      line: { ...line, top: line.top + shift, base: line.base + shift },
      flow,
      segments: segs,
      values,
      labels: segs.length - values,
    };
  });
  const tables: PdfTable[] = [];
  const used = new Set<number>();
  let i = 0;
  while (i < rows.length) {
    const seed = rows[i]!;
    // A table starts from a line with a label and values set apart, or several values.
    if (!(seed.values >= 1 && seed.segments.length >= 2)) {
      i++;
      continue;
    }
    const size = seed.line.size;
    const near = (a: Row, b: Row) =>
      a.flow.page === b.flow.page
        ? b.line.top - a.line.base <= 2.5 * Math.max(a.line.size, b.line.size)
        : b.flow.page === a.flow.page + 1 && a.flow.last && b.flow.first;
    const fits = (r: Row) => r.segments.length > 0 && tableish(r) && r.line.size <= size + 1.5;
    let from = i;
    while (from > 0 && !used.has(from - 1) && fits(rows[from - 1]!) && near(rows[from - 1]!, rows[from]!))
      from--;
    let to = i + 1;
    while (to < rows.length && fits(rows[to]!) && near(rows[to - 1]!, rows[to]!)) to++;
    const region = rows.slice(from, to);
    const anchors = region.filter((r) => r.values >= 1 && r.segments.length >= 2);
    const accepted =
      anchors.length >= 2 || (anchors.length === 1 && anchors[0]!.values >= 4 && region.length >= 2);
    const built = accepted ? blocks(region).map((b) => buildTable(b, work)) : [];
    if (built.length > 0 && built.every((t) => t !== null)) {
      tables.push(...(built as PdfTable[]));
      for (let k = from; k < to; k++) used.add(k);
    }
    i = to;
  }
  return { tables, used };
}

/**
 * A table region cut where a header comes after rows of values (the sub-tables of table 二, each with its
 * own caption, header and columns): each part has the same columns throughout.
 */
function blocks(region: readonly Row[]): Row[][] {
  const firstValues = Math.min(
    ...region.flatMap((r) => (isAnchor(r) ? r.segments.filter((s) => s.value).map((s) => s.x0) : [])),
  );
  const head = (r: Row) => !isAnchor(r) && r.segments.some((s) => (s.x0 + s.x1) / 2 > firstValues - 2);
  const out: Row[][] = [[]];
  let sawValues = false;
  for (const r of region) {
    if (head(r) && sawValues) {
      out.push([]);
      sawValues = false;
    }
    if (isAnchor(r)) sawValues = true;
    out[out.length - 1]!.push(r);
  }
  return out.filter((b) => b.some(isAnchor));
}

/** Overlapping intervals merged, sorted. */
function bands(spans: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** A cell under construction: its text pieces and extent. */
interface Draft {
  c0: number;
  c1: number;
  /** Header text reaching over the label columns too (from the one it starts in). */
  spans?: boolean;
  texts: string[];
  x0: number;
  x1: number;
  top: number;
  base: number;
}

function buildTable(region: readonly Row[], work: Work): PdfTable | null {
  const page = region[0]!.flow.page;
  // Value columns: the bands the value segments of the rows with values cover.
  const valueBands = bands(
    region.filter(isAnchor).flatMap((r) =>
      fineSegments(r.line)
        .filter((s) => s.value)
        .map((s) => [s.x0, s.x1] as const),
    ),
  );
  if (valueBands.length === 0) return null;
  const firstBand = valueBands[0]![0];
  // The label columns end halfway between the labels' right ends and the first values.
  const labelEnds = region
    .filter(isAnchor)
    .flatMap((r) => r.segments.filter((s) => !s.value && s.x1 < firstBand).map((s) => s.x1));
  const labelEnd = labelEnds.length > 0 ? (Math.max(...labelEnds) + firstBand) / 2 : firstBand - 2;
  const labelStart = Math.min(...region.flatMap((r) => r.segments.map((s) => s.x0)));
  // Columns no row has a value in (a column left blank throughout): where a header stands over no value
  // column, narrowest headers first (a header spanning columns then covers several and adds none).
  const heads = region
    .filter((r) => !isAnchor(r))
    .flatMap((r) => {
      // Only a line naming columns (two header texts or more over the values), not a caption.
      const over = fineSegments(r.line).filter((h) => (h.x0 + h.x1) / 2 > labelEnd && !h.value);
      return over.length >= 2 ? over : [];
    })
    .sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0));
  for (const h of heads) {
    if (valueBands.some(([s0, s1]) => Math.min(s1, h.x1) - Math.max(s0, h.x0) > -1)) continue;
    valueBands.push([h.x0, h.x1]);
  }
  valueBands.sort((a, b) => a[0] - b[0]);
  const edges = [labelEnd];
  for (let k = 1; k < valueBands.length; k++) edges.push((valueBands[k - 1]![1] + valueBands[k]![0]) / 2);
  edges.push(valueBands[valueBands.length - 1]![1] + 2);
  const valueCol = (x: number): number => {
    let k = 0;
    while (k + 1 < valueBands.length && edges[k + 1]! <= x) k++;
    return k;
  };
  const inLabelArea = (s: { x0: number; x1: number }) =>
    s.x1 <= labelEnd + 1 || ((s.x0 + s.x1) / 2 < labelEnd && s.x1 < firstBand);
  const firstAnchor = region.findIndex(isAnchor);
  // Header: up to the last line before the first row of values that has text over the value columns.
  let headerEnd = -1;
  for (let k = 0; k < firstAnchor; k++) if (region[k]!.segments.some((s) => !inLabelArea(s))) headerEnd = k;
  // A fragment: a line of label text only (a label's other lines, or a label above or below its values).
  const body = region.slice(headerEnd + 1);
  const fragment = (r: Row) => !isAnchor(r) && r.segments.every(inLabelArea);
  const owner = attach(body, fragment, (r) => r.segments.some((g) => !g.value && inLabelArea(g)));
  work.n += region.length * (valueBands.length + 1);

  // The lines of each table row: header lines one row each, body rows with their fragments.
  const rowsOfLines: Row[][] = [];
  for (let k = 0; k <= headerEnd; k++) rowsOfLines.push([region[k]!]);
  const members = new Map<number, Row[]>();
  body.forEach((r, k) => {
    const o = owner[k]!;
    const list = members.get(o);
    if (list) list.push(r);
    else members.set(o, [r]);
  });
  body.forEach((_, k) => {
    if (owner[k] === k) rowsOfLines.push(members.get(k)!.sort((a, b) => a.line.top - b.line.top));
  });

  const labelDrafts: Draft[][] = [];
  const valueDrafts: Draft[][] = [];
  for (const lines of rowsOfLines) {
    const labels: Draft[] = [];
    const values = new Map<string, Draft>();
    for (const l of lines) {
      for (const s of isAnchor(l) ? l.segments : splitAtColumns(l.segments, labelEnd, valueCol)) {
        if (!s.value && inLabelArea(s)) {
          addLabel(labels, s.runs, l.line);
          continue;
        }
        if (!s.value) {
          // Header text over the value columns: one cell over the columns it covers; reaching well into
          // the label columns (a caption across the table), over those too.
          const spans = s.x0 < labelEnd - (labelEnd - labelStart) * 0.3;
          const c0 = valueCol(Math.max(s.x0, labelEnd) + 0.5);
          const c1 = Math.max(c0 + 1, valueCol(s.x1 - 0.5) + 1);
          addValue(values, c0, c1, lineText(s.runs), s, l.line, spans);
          continue;
        }
        // Values: each piece in the column it stands in (a piece across columns cut into characters).
        for (const r of s.runs) {
          const parts = valueCol(r.x0 + 0.5) === valueCol(r.x1 - 0.5) ? [r] : characters(r);
          for (const part of parts) {
            const c = valueCol((part.x0 + part.x1) / 2);
            addValue(values, c, c + 1, part.str, part, l.line, false);
          }
        }
      }
    }
    labelDrafts.push(labels);
    valueDrafts.push([...values.values()]);
  }
  // Label columns: where label texts start, across the table.
  const starts = labelDrafts
    .flat()
    .map((d) => d.x0)
    .sort((a, b) => a - b);
  const labelCols: number[] = [];
  for (const x of starts)
    if (labelCols.length === 0 || x - labelCols[labelCols.length - 1]! > 3) labelCols.push(x);
  const nl = labelCols.length;
  const labelCol = (x: number): number => {
    let k = 0;
    while (k + 1 < labelCols.length && labelCols[k + 1]! <= x + 3) k++;
    return k;
  };
  const cells: PdfCell[] = [];
  const headerCells = new Map<string, PdfCell>();
  rowsOfLines.forEach((_, row) => {
    const isHeader = row <= headerEnd;
    // A label reaches to the next label of its row, or to the values.
    const labels = labelDrafts[row]!.map((d) => ({ ...d, c0: labelCol(d.x0) })).sort((a, b) => a.c0 - b.c0);
    labels.forEach((d, k) => {
      d.c1 = k + 1 < labels.length ? Math.max(d.c0 + 1, labels[k + 1]!.c0) : nl;
    });
    const drafts = [
      ...labels,
      ...valueDrafts[row]!.map((d) => ({ ...d, c0: d.spans ? labelCol(d.x0) : nl + d.c0, c1: nl + d.c1 })),
    ];
    for (const d of drafts) {
      const text = d.texts.join("\n");
      const key = `${d.c0}:${d.c1}`;
      // Header text of one column on consecutive lines ("商业" / "企业") is one cell.
      const above = isHeader ? headerCells.get(key) : undefined;
      if (above && above.r1 === row && d.top - above.box.y1 <= 0.7 * (d.base - d.top)) {
        above.text += `\n${text}`;
        above.r1 = row + 1;
        (above.box as { y1: number }).y1 = d.base;
        continue;
      }
      const cell: PdfCell = {
        r0: row,
        c0: d.c0,
        r1: row + 1,
        c1: d.c1,
        text,
        pos: pagePos(Math.floor(d.top / PAGE_SHIFT), d.x0, d.top % PAGE_SHIFT),
        box: { x0: d.x0, y0: d.top, x1: d.x1, y1: d.base },
      };
      cells.push(cell);
      if (isHeader) headerCells.set(key, cell);
    }
  });
  const xs = [...labelCols, ...edges];
  // Where it stands on its first page.
  const onFirst = region.filter((r) => r.flow.page === page);
  const box = {
    x0: Math.min(labelStart, labelEnd),
    x1: edges[edges.length - 1]!,
    y0: Math.min(...onFirst.map((r) => r.flow.line.top)),
    y1: Math.max(...onFirst.map((r) => r.flow.line.base)),
  };
  return { page, box, xs, rows: rowsOfLines.length, cells: dropOverlaps(cells), ruled: false };
}

/** Header segments cut where their runs stand over different value columns ("结果维持" "结果纠正" set close). */
function splitAtColumns(
  segs: readonly Segment[],
  labelEnd: number,
  valueCol: (x: number) => number,
): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    let cur: Run[] = [];
    let col = -1;
    for (const r of s.runs) {
      const mid = (r.x0 + r.x1) / 2;
      const c = mid < labelEnd ? -1 : valueCol(mid);
      if (cur.length > 0 && c !== col && col >= 0 && c >= 0) {
        out.push(segment(cur));
        cur = [];
      }
      cur.push(r);
      col = c;
    }
    if (cur.length > 0) out.push(segment(cur));
  }
  return out;
}

/** A row's label text: pieces that overlap (a label's lines stacked) are one cell. */
function addLabel(labels: Draft[], runs: Run[], line: Line): void {
  const x0 = Math.min(...runs.map((r) => r.x0));
  const x1 = Math.max(...runs.map((r) => r.x1));
  const text = lineText(runs);
  const hit = labels.find((d) => Math.min(d.x1, x1) - Math.max(d.x0, x0) > 0);
  if (hit) {
    hit.texts.push(text);
    hit.x0 = Math.min(hit.x0, x0);
    hit.x1 = Math.max(hit.x1, x1);
    hit.base = Math.max(hit.base, line.base);
    return;
  }
  labels.push({ c0: 0, c1: 1, texts: [text], x0, x1, top: line.top, base: line.base });
}

function addValue(
  values: Map<string, Draft>,
  c0: number,
  c1: number,
  text: string,
  at: { x0: number; x1: number },
  line: Line,
  spans: boolean,
): void {
  const key = `${c0}:${c1}`;
  const got = values.get(key);
  if (got && got.base >= line.top) {
    // The same line: pieces of one value side by side.
    got.texts[got.texts.length - 1] += text;
    got.x1 = Math.max(got.x1, at.x1);
    return;
  }
  if (got) {
    got.texts.push(text);
    got.base = line.base;
    return;
  }
  values.set(key, { c0, c1, spans, texts: [text], x0: at.x0, x1: at.x1, top: line.top, base: line.base });
}

/** Two cells of one row in the same columns (they cannot both be cells): their texts joined. */
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
 * For each body line, the index of the line whose row it belongs to. A line with values (or any line
 * that is not a fragment) owns itself. The fragments between two rows of values are cut into labels:
 * a line starting with an item number (一、 （一） 1.) begins one, the lines after it go on with it, and
 * lines before the first such line go on with the label above. A label joins the row above when that
 * row's label has not begun yet (values above their label), else the row below when its label has not
 * begun (values below their label); when either could take it, the nearer (a tie goes the way the
 * table's other rows went); when neither, it is a row of its own (its values left blank). In a table
 * whose labels carry no item numbers, every label line begins a label.
 */
function attach(
  body: readonly Row[],
  fragment: (r: Row) => boolean,
  labelled: (r: Row) => boolean,
): number[] {
  const owner = body.map((r, k) => (fragment(r) ? -1 : k));
  const mid = (r: Row) => (r.line.top + r.line.base) / 2;
  const enumerated = (r: Row) =>
    r.segments.some((g) => !g.value && g.text.length > 2 && ENUMERATED.test(g.text));
  const numbered = body.some(enumerated);
  const begins = (r: Row) => !numbered || enumerated(r);
  const begun = new Set<number>();
  body.forEach((r, k) => {
    if (owner[k] === k && labelled(r) && begins(r)) begun.add(k);
  });
  // Decisions made without a tie, for the ties: +1 down, −1 up.
  let votes = 0;
  const ties: { group: number[]; up: number; down: number }[] = [];
  const assign = (group: readonly number[], to: number) => {
    for (const k of group) owner[k] = to;
  };
  let k = 0;
  while (k < body.length) {
    if (owner[k]! >= 0) {
      k++;
      continue;
    }
    // A run of fragments between two lines of their own.
    const from = k;
    while (k < body.length && owner[k]! < 0) k++;
    const aboveIdx = from - 1;
    const belowIdx = k < body.length ? k : -1;
    const above = aboveIdx >= 0 && isAnchor(body[aboveIdx]!) ? aboveIdx : -1;
    const below = belowIdx >= 0 && isAnchor(body[belowIdx]!) ? belowIdx : -1;
    const groups: number[][] = [[]];
    for (let j = from; j < k; j++) {
      if (begins(body[j]!) && groups[groups.length - 1]!.length > 0) groups.push([]);
      groups[groups.length - 1]!.push(j);
    }
    // Lines before the first beginning go on with the label above (if they sit close to it).
    let first = 0;
    if (numbered && !begins(body[groups[0]![0]!]!)) {
      const cont = groups[0]!;
      const prev = aboveIdx >= 0 ? body[aboveIdx]! : undefined;
      if (above >= 0 && prev && body[cont[0]!]!.line.top - prev.line.base <= 1.2 * prev.line.size)
        assign(cont, above);
      else if (groups.length === 1 && below >= 0) assign(cont, below);
      first = 1;
    }
    for (let g = first; g < groups.length; g++) {
      const group = groups[g]!;
      const up = g === first && above >= 0 && !begun.has(above) ? above : -1;
      const down = g === groups.length - 1 && below >= 0 && !begun.has(below) ? below : -1;
      if (up < 0 && down < 0) continue;
      if (up >= 0 && down >= 0) {
        const m = (mid(body[group[0]!]!) + mid(body[group[group.length - 1]!]!)) / 2;
        const du = m - mid(body[up]!);
        const dd = mid(body[down]!) - m;
        if (Math.abs(du - dd) <= 0.25 * body[group[0]!]!.line.size) {
          ties.push({ group, up, down });
          continue;
        }
        const to = du < dd ? up : down;
        votes += to === up ? -1 : 1;
        begun.add(to);
        assign(group, to);
        continue;
      }
      const to = up >= 0 ? up : down;
      votes += to === up ? -1 : 1;
      begun.add(to);
      assign(group, to);
    }
  }
  const downward = votes !== 0 ? votes > 0 : body.length > 0 && fragment(body[0]!);
  for (const t of ties) {
    const [a, b] = downward ? [t.down, t.up] : [t.up, t.down];
    const to = !begun.has(a) ? a : !begun.has(b) ? b : -1;
    if (to < 0) continue;
    begun.add(to);
    assign(t.group, to);
  }
  // Fragments no row took: a label's lines stay together as a row of their own.
  for (let j = 0; j < body.length; j++) {
    if (owner[j]! >= 0) continue;
    const prev = j > 0 && fragment(body[j - 1]!) && !begins(body[j]!) ? owner[j - 1]! : -1;
    owner[j] = prev >= 0 ? prev : j;
  }
  return owner;
}
