// Pipeline step 4 for tables drawn as grids (HTML, and every reader that sees cells): expand the spans
// into a grid, find label cells by matching official labels, and map value cells to columns by the header
// text above them (or the official order when the count fits exactly); the rows go to the placement.
// What cannot be placed is said, not guessed.
import { type CellDef, type CellKey, parseCellText } from "@xxgk/core-model";
import { type Diagnostics, excerpt, labelDiagnostic, quote } from "../_diagnostics.js";
import { LabelIndex } from "../_labels.js";
import { normalizeLabel, trimSpace } from "../_normalize.js";
import { REVIEW_ROW, type TableScope } from "../_scope.js";
import type { SourceCell } from "../source.js";
import type { SourcePosition } from "../types.js";
import type { CollapsedGroup, LogicalRow, SourceValue } from "./place.js";
import { matchHeading } from "./sections.js";

/** A cell placed in the expanded grid. */
interface Placed {
  readonly raw: SourceCell;
  readonly row: number;
  readonly col: number;
  readonly colSpan: number;
  /** Text with every kind of space trimmed and inner line breaks removed (for values). */
  readonly value: string;
  /** `true` for empty cells and cells that read as a number or not-applicable mark. */
  readonly valueLike: boolean;
}

/** The grid: for each row, the cells covering it in column order (each once). */
function expand(rows: readonly (readonly SourceCell[])[]): Placed[][] {
  const occupied: (Placed | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const raw of cells) {
      while (occupied[r]![c] !== undefined) c++;
      const value = trimSpace(raw.text.includes("\n") ? raw.text.replace(/\s*\n\s*/g, "") : raw.text);
      const status = parseCellText(value).status;
      const p: Placed = { raw, row: r, col: c, colSpan: raw.colSpan, value, valueLike: status !== "invalid" };
      for (let dr = 0; dr < raw.rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < raw.colSpan; dc++) occupied[r + dr]![c + dc] = p;
      }
      c += raw.colSpan;
    }
  });
  return occupied.map((row) => {
    const seen = new Set<Placed>();
    const out: Placed[] = [];
    for (const p of row) {
      if (p && !seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    }
    return out;
  });
}

/** Header text above each grid column, carried across the tables of one report table. */
export interface HeaderState {
  cols: Placed[][];
  reviewDone: boolean;
  /**
   * Per grid column, the index of the row definition's cell its header names, by the row's column
   * labels (rows of one table share them); `null` when the header does not line up.
   */
  cache: Map<string, { cells: (number | null)[]; units: (string | undefined)[] } | null>;
  mismatchReported: boolean;
  /** Grid columns of the table the header was read from: a later table of another width cannot use it. */
  width: number;
}

/** A fresh header state (a new report table, or a new sub-table caption). */
export function newHeaderState(): HeaderState {
  return { cols: [], reviewDone: false, cache: new Map(), mismatchReported: false, width: 0 };
}

const leafIndexes = new WeakMap<readonly CellDef[], LabelIndex<CellDef>>();
function leafIndex(defs: readonly CellDef[]): LabelIndex<CellDef> {
  let ix = leafIndexes.get(defs);
  if (!ix) {
    ix = new LabelIndex(defs.map((d) => ({ label: d.colLabels.at(-1)!, item: d })));
    leafIndexes.set(defs, ix);
  }
  return ix;
}

const signatures = new WeakMap<readonly CellDef[], string>();
/** What identifies a row definition's columns: their labels, in order. */
function signatureOf(defs: readonly CellDef[]): string {
  let sig = signatures.get(defs);
  if (sig === undefined) {
    sig = defs.map((d) => d.colLabels.join("\u0001")).join("\u0002");
    signatures.set(defs, sig);
  }
  return sig;
}

/** The column key each grid column's header names (for one row's cells); `null` = none. */
function columnKeys(
  header: HeaderState,
  defs: readonly CellDef[],
): { keys: (CellKey | null)[]; units: (string | undefined)[] } {
  const ix = leafIndex(defs);
  const keys: (CellKey | null)[] = [];
  const units: (string | undefined)[] = [];
  header.cols.forEach((heads, c) => {
    let found: { defs: CellDef[]; unit?: string | undefined } | undefined;
    for (let i = heads.length - 1; i >= 0 && !found; i--) {
      const ms = ix.matchAll(heads[i]!.raw.text);
      if (ms.length > 0) found = { defs: ms.map((m) => m.item), unit: ms[0]!.unit };
    }
    let cands = found?.defs ?? [];
    if (cands.length > 1) {
      const norms = heads.map((h) => normalizeLabel(h.raw.text));
      const score = (d: CellDef) =>
        d.colLabels.slice(0, -1).filter((l) => norms.includes(normalizeLabel(l))).length;
      const top = Math.max(...cands.map(score));
      cands = cands.filter((d) => score(d) === top);
    }
    keys[c] = cands.length === 1 ? cands[0]!.key : null;
    units[c] = found?.unit;
  });
  return { keys, units };
}

/**
 * The column of each value by the header above it, or `null` when the header cannot be trusted: it must
 * name every column of the row, each over one run of grid columns, in the official order.
 */
function mapByHeader(
  values: readonly Placed[],
  defs: readonly CellDef[],
  header: HeaderState,
): { keys: (CellKey | null)[]; units: (string | undefined)[] } | null {
  if (header.cols.length === 0) return null;
  // Every row of a table has the same columns: match the header against them once.
  const sig = signatureOf(defs);
  let cached = header.cache.get(sig);
  if (cached === undefined) {
    const cols = columnKeys(header, defs);
    const order = defs.map((d) => d.key);
    let ok = true;
    let last = -1;
    let prev: CellKey | null = null;
    const seen = new Set<CellKey>();
    for (const k of cols.keys) {
      if (k === prev || k === null) {
        prev = k;
        continue;
      }
      if (seen.has(k) || order.indexOf(k) < last) ok = false;
      seen.add(k);
      last = order.indexOf(k);
      prev = k;
    }
    if (seen.size !== defs.length) ok = false;
    cached = ok
      ? { cells: cols.keys.map((k) => (k === null ? null : order.indexOf(k))), units: cols.units }
      : null;
    header.cache.set(sig, cached);
  }
  if (cached === null) return null;
  const keys: (CellKey | null)[] = [];
  const units: (string | undefined)[] = [];
  for (const v of values) {
    const cell = cached.cells[v.col];
    const key = cell === null || cell === undefined ? null : defs[cell]!.key;
    if (key === null && (header.cols[v.col] ?? []).length === 0 && v.value !== "") return null;
    keys.push(key);
    units.push(cached.units[v.col]);
  }
  const used = keys.filter((k): k is CellKey => k !== null);
  if (new Set(used).size !== used.length) return null;
  return { keys, units };
}

/** Reads one table (a grid) of a report table into logical rows. */
export function readGrid(
  rows: readonly (readonly SourceCell[])[],
  scope: TableScope,
  header: HeaderState,
  diag: Diagnostics,
  emit: (row: LogicalRow) => void,
  collapsed: (group: CollapsedGroup) => void = () => undefined,
): void {
  const grid = expand(rows);
  let headerStarted = false;
  // A header carried over from an earlier table (a table continued without its header) only fits a
  // table with the same columns.
  const width = Math.max(
    0,
    ...grid.map((cells) => cells.reduce((w, p) => Math.max(w, p.col + p.colSpan), 0)),
  );
  if (header.cols.length > 0 && header.width !== width) {
    header.cols = [];
    header.cache.clear();
  }
  const reported = new Set<SourceCell>();
  const extraColumns = new Map<string, { pos: SourcePosition; values: string[] }>();
  grid.forEach((cells, r) => {
    const own = cells.filter((p) => p.row === r);
    const texts = cells.filter((p) => !p.valueLike);
    let label: { p: Placed; row: string; unsure: boolean } | undefined;
    let group: { p: Placed; rows: readonly string[] } | undefined;
    let sawCaption = false;
    let sawHeader = false;
    let unknown: Placed | undefined;
    let sawHeading = false;
    for (const p of texts) {
      const m = scope.labels.match(p.raw.text);
      if (!m) {
        if (matchHeading(p.value, -1) !== null) sawHeading = true;
        else if (p.row === r && !unknown) unknown = p;
        continue;
      }
      if (!reported.has(p.raw)) {
        reported.add(p.raw);
        const pointer = m.item.kind === "row" ? scope.rowCells.get(m.item.row)?.[0]?.pointer : undefined;
        labelDiagnostic(diag, m, p.raw.text, quote(p.raw.pos, p.raw.text), pointer);
      }
      if (m.item.kind === "row" && (!label || p.col > label.p.col)) {
        label = { p, row: m.item.row, unsure: m.kind === "approximate" };
      } else if (m.item.kind === "group" && p.row === r && (!group || p.col > group.p.col)) {
        group = { p, rows: m.item.rows };
      } else if (m.item.kind === "caption") sawCaption = true;
      else if (m.item.kind === "column") sawHeader = true;
    }
    if (sawCaption && !label) {
      header.cols = [];
      header.cache.clear();
      header.mismatchReported = false;
      headerStarted = false;
      return;
    }
    if (label) {
      headerStarted = false;
      const start = label.p.col + label.p.colSpan;
      const values = own.filter((p) => p.col >= start);
      emitRow(label.row, values, label.unsure, quote(label.p.raw.pos, label.p.raw.text));
      return;
    }
    if (sawHeader) {
      if (!headerStarted) {
        header.cols = [];
        header.cache.clear();
        header.mismatchReported = false;
      }
      headerStarted = true;
      header.width = width;
      for (const p of cells) {
        if (p.valueLike && p.value !== "") continue;
        for (let c = p.col; c < p.col + p.colSpan; c++) {
          const col = header.cols[c] ?? [];
          if (!col.includes(p) && p.value !== "") col.push(p);
          header.cols[c] = col;
        }
      }
      return;
    }
    headerStarted = false;
    // A group label with values of its own (the 2019 format's single （六）其他处理 row in a 2021
    // table): the rows under it cannot be told apart.
    if (group) {
      const start = group.p.col + group.p.colSpan;
      const values = own.filter((p) => p.col >= start && p.valueLike && p.value !== "");
      if (values.length > 0) {
        collapsed({
          table: scope.id,
          rows: group.rows,
          label: group.p.value,
          values: values.map((v) => v.value),
          pos: quote(group.p.raw.pos, group.p.raw.text),
        });
        return;
      }
    }
    // A section heading the CMS put inside the table (the reader has already started its section).
    if (sawHeading && !unknown) return;
    // Table 四's data row has no label: the first row of values under its header — not a row of header
    // words the header matching did not recognise (header labels wrapped and cut apart, as PDFs and
    // copied pages give them), which would push their text into the cells and the values out.
    const filled = own.filter((p) => p.value !== "");
    const valued = filled.filter((p) => p.valueLike).length;
    if (
      scope.id === "review" &&
      !header.reviewDone &&
      header.cols.length > 0 &&
      own.length >= 5 &&
      valued * 2 >= filled.length
    ) {
      header.reviewDone = true;
      // A label cell before the values (`件数`) is not a value.
      let from = 0;
      while (from < own.length && !own[from]!.valueLike) from++;
      const values = own.slice(from);
      emitRow(REVIEW_ROW, values, false, quote(own[0]!.raw.pos, own[0]!.raw.text));
      return;
    }
    if (unknown) {
      const vals = own.filter((p) => p.valueLike && p.value !== "" && p.col > unknown.col);
      if (vals.length > 0) {
        diag.add(
          "extra-row",
          "warning",
          `「${excerpt(unknown.value)}」不是官方格式中的行，其数值（${vals.map((v) => v.value).join(" ")}）已忽略`,
          `"${excerpt(unknown.value)}" is not a row of the official format; its values (${vals.map((v) => v.value).join(" ")}) were ignored`,
          quote(unknown.raw.pos, unknown.raw.text),
        );
      } else if (unknown.value.length <= 60) {
        diag.add(
          "ignored-text",
          "info",
          `表格中的文字「${excerpt(unknown.value)}」无法识别，已忽略`,
          `the text "${excerpt(unknown.value)}" in a table was not recognised and was ignored`,
          quote(unknown.raw.pos, unknown.raw.text),
        );
      }
      return;
    }
    if (own.length === 0 || (own.every((p) => p.value === "") && scope.id !== "review")) return;
    if (scope.id === "review" && !header.reviewDone) {
      header.reviewDone = true;
      emitRow(REVIEW_ROW, own, false, quote(own[0]!.raw.pos, own[0]!.raw.text));
      return;
    }
    if (own.every((p) => p.value === "")) return;
    diag.add(
      scope.id === "review" ? "extra-row" : "unlabelled-row",
      "warning",
      `表格中有一行数值没有可识别的行标签（${own.map((p) => p.value || "(空)").join(" ")}），已忽略`,
      `a row of values has no recognisable label (${own.map((p) => p.value || "(blank)").join(" ")}); it was ignored`,
      quote(own[0]!.raw.pos, own[0]!.raw.text),
    );
  });
  for (const [label, { pos, values }] of extraColumns) {
    diag.add(
      "extra-column",
      "warning",
      `「${excerpt(label)}」列不属于官方格式，其 ${values.length} 个数值（${values.join(" ")}）已忽略`,
      `the column "${excerpt(label)}" is not in the official format; its ${values.length} values (${values.join(" ")}) were ignored`,
      pos,
    );
  }

  function emitRow(row: string, values: readonly Placed[], unsure: boolean, pos: SourcePosition): void {
    const defs = scope.rowCells.get(row)!;
    const mapped = mapByHeader(values, defs, header);
    const src: SourceValue[] = values.map((v, i) => {
      const unit = mapped?.units[i];
      // The value itself as the excerpt: it is short, and says exactly what was read.
      const pos = { ...v.raw.pos, excerpt: v.value };
      // A value under a header the official format does not have (a provincial 小计): said once per
      // column below, and kept out of the row.
      const heads = header.cols[v.col] ?? [];
      if (mapped && mapped.keys[i] === null && v.value !== "" && heads.length > 0) {
        const label = heads[heads.length - 1]!.value;
        const seen = extraColumns.get(label);
        if (seen) seen.values.push(v.value);
        else
          extraColumns.set(label, { pos: quote(heads[heads.length - 1]!.raw.pos, label), values: [v.value] });
        return { raw: "", pos };
      }
      return unit === undefined ? { raw: v.value, pos } : { raw: v.value, pos, unit };
    });
    if (!mapped && header.cols.length > 0 && values.length === defs.length && !header.mismatchReported) {
      header.mismatchReported = true;
      diag.add(
        "header-mismatch",
        "info",
        "表头与数据列对不齐；数值个数与官方列数相同的行已按官方列顺序读入",
        "the header does not line up with the data columns; rows with exactly the official number of values were read in official order",
        pos,
        { pointer: defs[0]!.pointer },
      );
    }
    emit({ table: scope.id, row, values: src, columns: mapped?.keys ?? null, pos, unsure });
  }
}
