// Pipeline step 4, cell placement — the one placement engine every reader's tables end in: puts the
// values of a table's rows (read from grids and from lines alike) into the report's cells. Values go
// where a header or the official order says; where the count does not fit, the table's arithmetic
// decides or the cells stay blank — never a silent shift into a neighbour's cell.
import {
  BLANK,
  type Cell,
  type CellDef,
  type CellKey,
  type EditionId,
  layoutOf,
  parseCellText,
  type Report,
  type TableCells,
  type TableId,
  tableEquations,
} from "@xxgk/core-model";
import { type Diagnostics, excerpt } from "../_diagnostics.js";
import { scopeOf } from "../_scope.js";
import { tick } from "../_work.js";
import type { ImportStats, SourcePosition } from "../types.js";

/** One value as written in the source. */
export interface SourceValue {
  readonly raw: string;
  readonly pos: SourcePosition;
  /** A unit the column header states (`采购总金额(万元)`). */
  readonly unit?: string;
}

/**
 * The order in which a table's header names a row's columns, when it names every one of them once: the
 * rows read under one header share this object (a reader makes one per header). The placement reads
 * values by it — in the header's order where that differs from the official one, with the table's
 * arithmetic deciding whether header and data agree.
 */
export interface HeaderOrder {
  /** For each column as the header names them, left to right: its index in the official order. */
  readonly order: readonly number[];
  /** Where the header cell naming each column is, by official index (for diagnostics). */
  readonly at: readonly (SourcePosition | undefined)[];
}

/** A table row as read: the row it is (by its label), its values, and their columns when a header said. */
export interface LogicalRow {
  readonly table: TableId;
  readonly row: string;
  readonly values: readonly SourceValue[];
  /**
   * Cell key of each value from the header, or `null` when no header placed it; `null` = no header
   * (readers that see cells: a value's column is where it stands under the header).
   */
  readonly columns: readonly (CellKey | null)[] | null;
  /**
   * The header's order of the row's columns, when a header named them all (every reader that reads a
   * header): with `columns`, which header the keys came from; without, the values follow this order
   * (text copies, where a value's column is its place in the row).
   */
  readonly header?: HeaderOrder;
  readonly pos: SourcePosition;
  /** The row label was matched only approximately: its cells count as unsure. */
  readonly unsure?: boolean;
}

/** Whether a header names the columns in the official order. */
const isOfficial = (h: HeaderOrder): boolean => h.order.every((j, i) => j === i);

/**
 * A group label written as one row with values (the 2019 format's single `（六）其他处理` row in a 2021
 * table): the rows under it, and what was written.
 */
export interface CollapsedGroup {
  readonly table: TableId;
  readonly rows: readonly string[];
  readonly label: string;
  readonly values: readonly string[];
  readonly pos: SourcePosition;
}

/** Sum constraints: Σ lhs = Σ rhs, as cell keys. */
interface Constraint {
  readonly lhs: readonly CellKey[];
  readonly rhs: readonly CellKey[];
}

// The table's equations, as sums that must agree: core-model's, so the importer settles a copy by the very
// rules the validators check.
function constraintsOf(edition: EditionId): Constraint[] {
  return tableEquations(edition).map((q) => ({
    lhs: [q.about, ...q.terms.filter((t) => t.sign < 0).map((t) => t.key)],
    rhs: q.terms.filter((t) => t.sign > 0).map((t) => t.key),
  }));
}

const constraintCache = new Map<EditionId, Constraint[]>();

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const rec = (start: number) => {
    if (pick.length === k) {
      out.push([...pick]);
      return;
    }
    for (let i = start; i <= n - (k - pick.length); i++) {
      pick.push(i);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
  return out;
}

/** C(n, k), exact for the small numbers it is asked about, capped far above {@link MAX_PLACEMENTS}. */
function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k && r <= 1e9; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * The most ways of putting a row's values into its columns the arithmetic is asked to judge. A row of 8
 * values for 7 columns has 8, one of 15 for 7 has 6,435; beyond this (values of several rows run into
 * one, as in a PDF's reading order) the row is reported, not searched: enumerating C(27, 7) placements
 * once ran a 6 KB text copy out of memory.
 */
export const MAX_PLACEMENTS = 10_000;

const labelOf = (d: CellDef): string => [...d.rowLabels, ...d.colLabels].join(" / ");

const NONE: ReadonlySet<CellKey> = new Set();

/** A column's header label, with its group's when the label alone repeats (table 四's 结果维持 ×3). */
function columnName(def: CellDef, defs: readonly CellDef[]): string {
  const leaf = def.colLabels.at(-1)!;
  const repeated = defs.some((d) => d !== def && d.colLabels.at(-1) === leaf);
  return repeated && def.colLabels.length >= 2 ? def.colLabels.slice(-2).join(" / ") : leaf;
}

/** Places logical rows into one edition's cells and reports what it could not place. */
export class Placer {
  readonly #edition: EditionId;
  readonly #diag: Diagnostics;
  readonly #cells = new Map<CellKey, { cell: Cell; unsure: boolean }>();
  readonly #seenRows = new Set<string>();
  /** Rows read but left blank on purpose (the reader said why): not reported as missing. */
  readonly #blankRows = new Set<string>();
  readonly #deferred: { row: LogicalRow; defs: readonly CellDef[]; omit?: ReadonlySet<CellKey> }[] = [];
  /** Rows read under a header that orders the columns otherwise than the official format, by header. */
  readonly #reordered = new Map<HeaderOrder, { row: LogicalRow; defs: readonly CellDef[] }[]>();
  /** Rows left blank because their group was written as one row (already said). */
  readonly #collapsed = new Set<string>();
  readonly #constraints: Constraint[];

  constructor(edition: EditionId, diag: Diagnostics) {
    this.#edition = edition;
    this.#diag = diag;
    let c = constraintCache.get(edition);
    if (!c) {
      c = constraintsOf(edition);
      constraintCache.set(edition, c);
    }
    this.#constraints = c;
  }

  /**
   * Records that a row was found but its cells stay blank, because the reader could not tell its values
   * (and has said why, with a diagnostic on the row): it is not reported as missing as well.
   */
  leaveBlank(table: TableId, row: string): void {
    const id = `${table}.${row}`;
    if (this.#seenRows.has(id)) return;
    this.#seenRows.add(id);
    this.#blankRows.add(id);
  }

  /** Places a row at once when its columns are known; otherwise keeps it for {@link finish}. */
  add(row: LogicalRow): void {
    const defs = scopeOf(this.#edition).tables[row.table].rowCells.get(row.row);
    if (!defs) return;
    const id = `${row.table}.${row.row}`;
    if (this.#seenRows.has(id)) {
      this.#diag.add(
        "duplicate-row",
        "warning",
        `「${defs[0]!.rowLabels.join(" / ") || "数据行"}」出现了两次，已忽略第二次出现的数值`,
        `the row "${defs[0]!.rowLabels.join(" / ") || "data row"}" appears twice; the second one was ignored`,
        row.pos,
        { pointer: defs[0]!.pointer },
      );
      return;
    }
    this.#seenRows.add(id);
    if (row.header && row.header.order.length === defs.length && !isOfficial(row.header)) {
      // Whether the header or the official order is right is for the whole table's arithmetic to say.
      const group = this.#reordered.get(row.header);
      if (group) group.push({ row, defs });
      else this.#reordered.set(row.header, [{ row, defs }]);
      return;
    }
    if (row.columns) {
      this.#placeByHeader(row, defs, row.columns);
      return;
    }
    if (row.values.length === 0) {
      this.#blankRows.add(id);
      this.#diag.add(
        "missing-cells",
        "warning",
        `「${defs[0]!.rowLabels.join(" / ") || "数据行"}」没有数值，其单元格留空`,
        `"${defs[0]!.rowLabels.join(" / ") || "data row"}" has no values; its cells are blank`,
        row.pos,
        { pointer: defs[0]!.pointer },
      );
      return;
    }
    const values = [...row.values];
    while (values.length > defs.length && values[values.length - 1]!.raw.trim() === "") values.pop();
    if (values.length === defs.length) {
      values.forEach((v, i) => {
        this.#set(defs[i]!, v, row.unsure === true);
      });
      return;
    }
    this.#deferred.push({ row: { ...row, values }, defs });
  }

  /**
   * A group written as one row: its rows are left blank, each with a diagnostic saying why. The row's
   * values are the group's total, which cannot be split among its rows — never copied into one of them.
   */
  collapsed(g: CollapsedGroup): void {
    const t = scopeOf(this.#edition).tables[g.table];
    const rows = g.rows.filter((r) => t.rowCells.has(r) && !this.#seenRows.has(`${g.table}.${r}`));
    if (rows.length === 0) return;
    const written = g.values.join(" ");
    for (const r of rows) {
      this.#collapsed.add(`${g.table}.${r}`);
      const defs = t.rowCells.get(r)!;
      this.#diag.add(
        "group-as-one-row",
        "warning",
        `「${g.label}」只写了一行合计（${written}，2019 版格式的写法）；${this.#edition} 版格式将其分为 ${rows.length} 行，合计无法分到各行，「${defs[0]!.rowLabels.at(-1)}」这一行已留空，请按原始记录填写`,
        `"${g.label}" is written as one row of totals (${written}, as in the 2019 format); the ${this.#edition} format splits it into ${rows.length} rows and the totals cannot be split among them, so the row "${defs[0]!.rowLabels.at(-1)}" was left blank: fill it in from the records`,
        g.pos,
        { pointer: defs[0]!.pointer },
      );
    }
  }

  /**
   * Places a row's values in the columns the header gave them. `omit`: columns left blank (said
   * elsewhere); `doubt`: columns whose cells count as unsure.
   */
  #placeByHeader(
    row: LogicalRow,
    defs: readonly CellDef[],
    columns: readonly (CellKey | null)[],
    omit: ReadonlySet<CellKey> = NONE,
    doubt: ReadonlySet<CellKey> = NONE,
  ): void {
    const byKey = new Map(defs.map((d) => [d.key, d]));
    const done = new Set<CellKey>(omit);
    row.values.forEach((v, i) => {
      const key = columns[i] ?? null;
      if (key !== null && omit.has(key)) return;
      const def = key === null ? undefined : byKey.get(key);
      if (!def || done.has(def.key)) {
        if (v.raw.trim() !== "") {
          this.#diag.add(
            "extra-column",
            "warning",
            `数值「${v.raw}」所在的列不属于官方格式，已忽略`,
            `the value "${v.raw}" is in a column the official format does not have; it was ignored`,
            v.pos,
          );
        }
        return;
      }
      done.add(def.key);
      this.#set(def, v, row.unsure === true || doubt.has(def.key));
    });
    const missing = defs.filter((d) => !done.has(d.key));
    if (missing.length > 0) this.#reportMissing(row, missing);
  }

  #reportMissing(row: LogicalRow, missing: readonly CellDef[]): void {
    this.#diag.add(
      "missing-cells",
      "warning",
      `该行缺少以下单元格，已留空：${missing.map((d) => d.colLabels.at(-1)).join("、")}`,
      `this row has no cell for ${missing.map((d) => d.path[1]).join(", ")}; left blank`,
      row.pos,
      { pointer: missing[0]!.pointer },
    );
  }

  #set(def: CellDef, v: SourceValue, unsure: boolean): void {
    let cell = parseCellText(v.raw);
    if (v.unit !== undefined && cell.status === "number" && cell.unit === undefined && def.unit !== v.unit) {
      cell = parseCellText(`${v.raw}${v.unit}`);
      this.#diag.add(
        "unit-from-header",
        "info",
        `表头注明单位「${v.unit}」，已写入单元格：${cell.raw}`,
        `the header states the unit "${v.unit}"; it was kept in the cell: ${cell.raw}`,
        v.pos,
        { pointer: def.pointer },
      );
    }
    if (cell.status === "invalid") {
      // Quoted shortened: a cell may hold a page of text, or a number of 400 digits.
      const raw = excerpt(v.raw);
      const [zh, en] =
        cell.problem === "too-large"
          ? [
              `超出可精确计算的范围（最大 ${Number.MAX_SAFE_INTEGER}），已按原文保留，不参与求和，请核对`,
              `is beyond exact arithmetic (at most ${Number.MAX_SAFE_INTEGER}); kept as written and left out of every sum — check it`,
            ]
          : cell.problem === "too-precise"
            ? [
                "有效数字超过 15 位，无法精确计算，已按原文保留，不参与求和，请核对",
                "has more than 15 significant digits, which cannot be computed with exactly; kept as written and left out of every sum — check it",
              ]
            : ["不是数字，已按原文保留", "is not a number; kept as written"];
      this.#diag.add(
        "unreadable-cell",
        "warning",
        `「${labelOf(def)}」的内容「${raw}」${zh}`,
        `"${raw}" in ${def.key} ${en}`,
        v.pos,
        { pointer: def.pointer },
      );
    }
    this.#cells.set(def.key, { cell, unsure });
  }

  #check(
    candidate: ReadonlyMap<CellKey, Cell>,
    constraints: readonly Constraint[],
  ): { checked: number; violated: number } {
    let checked = 0;
    let violated = 0;
    const get = (k: CellKey): Cell | undefined => candidate.get(k) ?? this.#cells.get(k)?.cell;
    for (const c of constraints) {
      const keys = [...c.lhs, ...c.rhs];
      tick(keys.length);
      const cells = keys.map(get);
      if (cells.some((x) => x === undefined || x.status === "invalid")) continue;
      const sum = (ks: readonly CellKey[]) => ks.reduce((s, k) => s + (get(k)!.value ?? 0), 0);
      checked++;
      if (Math.abs(sum(c.lhs) - sum(c.rhs)) > 1e-6) violated++;
    }
    return { checked, violated };
  }

  #resolve(row: LogicalRow, defs: readonly CellDef[], omit: ReadonlySet<CellKey> = NONE): void {
    const n = defs.length;
    const m = row.values.length;
    const written = row.values.map((v) => v.raw || "(空)").join(" ");
    const label = defs[0]!.rowLabels.join(" / ") || "数据行";
    const id = `${row.table}.${row.row}`;
    const unplaced = () => {
      this.#blankRows.add(id);
      this.#diag.add(
        "unplaced",
        "error",
        `「${label}」有 ${m} 个数值（应为 ${n} 个）：${excerpt(written)}；无法确定各数值所在的列，该行留空，请手工填写`,
        `"${label}" has ${m} values for ${n} columns (${excerpt(written)}); their columns cannot be determined, so the row was left blank: fill it in by hand`,
        row.pos,
        { pointer: defs[0]!.pointer },
      );
    };
    if (binomial(Math.max(n, m), Math.min(n, m)) > MAX_PLACEMENTS) {
      unplaced();
      return;
    }
    const touched = new Set(defs.map((d) => d.key));
    const relevant = this.#constraints.filter((c) => [...c.lhs, ...c.rhs].some((k) => touched.has(k)));
    // Each candidate: for each value, the index of its column (or -1: dropped).
    const candidates: number[][] =
      m < n
        ? combinations(n, m)
        : combinations(m, n).map((kept) =>
            row.values.map((_, i) => (kept.includes(i) ? kept.indexOf(i) : -1)),
          );
    const asCells = (cand: number[]): Map<CellKey, Cell> => {
      const map = new Map<CellKey, Cell>(defs.map((d) => [d.key, BLANK]));
      cand.forEach((col, i) => {
        if (col >= 0) map.set(defs[col]!.key, parseCellText(row.values[i]!.raw));
      });
      return map;
    };
    const results = candidates.map((c) => ({ c, r: this.#check(asCells(c), relevant) }));
    const consistent = results.filter((x) => x.r.checked > 0 && x.r.violated === 0);
    const first = results[0]!;
    const apply = (cand: number[], unsure: boolean) => {
      cand.forEach((col, i) => {
        if (col >= 0 && !omit.has(defs[col]!.key)) this.#set(defs[col]!, row.values[i]!, unsure);
      });
      const used = new Set(cand.filter((c) => c >= 0));
      return defs.filter((_, i) => !used.has(i));
    };

    if (m < n) {
      const ltrHolds = first.r.checked === 0 || first.r.violated === 0;
      // A lone value could be any column's (a 总计 written alone, the other cells left empty): reading it
      // as the first column's would be a guess, and the arithmetic cannot tell either — with the other
      // cells blank, a row total holds for no column of a value other than 0, and for every column of 0.
      if (m === 1) {
        this.#blankRows.add(id);
        const v = row.values[0]!.raw;
        this.#diag.add(
          "lone-value",
          "warning",
          `「${label}」只有一个数值「${v}」（应为 ${n} 个），无法确定它属于哪一列，该行留空，请对照原文填写`,
          `"${label}" has a single value "${v}" for ${n} columns; which column it belongs to cannot be told, so the row was left blank: fill it in from the source`,
          row.pos,
          { pointer: defs[0]!.pointer },
        );
        return;
      }
      if (!ltrHolds && consistent.length === 1) {
        const rest = apply(consistent[0]!.c, true);
        this.#diag.add(
          "placed-by-arithmetic",
          "warning",
          `「${label}」只有 ${m} 个数值（应为 ${n} 个）：${written}；按表内勾稽关系确定了各数值所在的列，其余留空`,
          `"${label}" has ${m} of ${n} values (${written}); the table's arithmetic fixed their columns, the rest left blank`,
          row.pos,
          { pointer: (rest[0] ?? defs[0]!).pointer },
        );
        return;
      }
      const rest = apply(first.c, true);
      const note = ltrHolds ? "" : "（按此读法表内勾稽关系不成立，请核对原文）";
      const noteEn = ltrHolds ? "" : " (the table's arithmetic does not hold this way: check the source)";
      this.#diag.add(
        "missing-cells",
        ltrHolds ? "warning" : "error",
        `「${label}」只有 ${m} 个数值（应为 ${n} 个）：已从左到右读入，${rest.map((d) => d.colLabels.at(-1)).join("、")} 留空${note}`,
        `"${label}" has ${m} of ${n} values: read left to right, ${rest.map((d) => d.path[1]).join(", ")} left blank${noteEn}`,
        row.pos,
        { pointer: rest[0]!.pointer },
      );
      return;
    }
    if (consistent.length === 1) {
      const cand = consistent[0]!.c;
      apply(cand, true);
      const dropped = row.values.filter((_, i) => cand[i] === -1).map((v) => v.raw);
      this.#diag.add(
        "placed-by-arithmetic",
        "warning",
        `「${label}」有 ${m} 个数值（应为 ${n} 个）：${written}；按表内勾稽关系确定了各数值所在的列，多出的「${dropped.join(" ")}」已忽略`,
        `"${label}" has ${m} values for ${n} columns (${written}); the table's arithmetic fixed their columns, the extra "${dropped.join(" ")}" ignored`,
        row.pos,
        { pointer: defs[0]!.pointer },
      );
      return;
    }
    unplaced();
  }

  /**
   * The rows of a header that names the columns in another order than the official one. The header
   * wins, its moved columns said, unless the table's arithmetic shows it wrong: read by the header, more
   * of the table's sums fail than read in the official order — then header and data cannot be
   * reconciled, and the moved columns stay blank with an error. Row totals and column sums do not change
   * when two applicant columns trade places, so the arithmetic often cannot tell: the header is taken
   * and those cells count as unsure.
   */
  #settleReordered(
    header: HeaderOrder,
    group: readonly { row: LogicalRow; defs: readonly CellDef[] }[],
  ): void {
    const { order } = header;
    // Each row's values as official column indexes: read by the header, and read in the official order.
    const full: { row: LogicalRow; defs: readonly CellDef[]; byHeader: number[]; byOfficial: number[] }[] =
      [];
    const short: { row: LogicalRow; defs: readonly CellDef[] }[] = [];
    for (const { row, defs } of group) {
      if (row.columns) {
        const index = new Map(defs.map((d, i) => [d.key, i]));
        const byHeader = row.columns.map((k) => (k === null ? -1 : (index.get(k) ?? -1)));
        full.push({ row, defs, byHeader, byOfficial: byHeader.map((j) => (j < 0 ? -1 : order.indexOf(j))) });
        continue;
      }
      const values = [...row.values];
      while (values.length > defs.length && values[values.length - 1]!.raw.trim() === "") values.pop();
      if (values.length === defs.length) {
        full.push({
          row: { ...row, values },
          defs,
          byHeader: values.map((_, i) => order[i]!),
          byOfficial: values.map((_, i) => i),
        });
      } else short.push({ row: { ...row, values }, defs });
    }
    const touched = new Set<CellKey>();
    const reading = (by: "byHeader" | "byOfficial"): Map<CellKey, Cell> => {
      const cells = new Map<CellKey, Cell>();
      for (const f of full) {
        f[by].forEach((j, i) => {
          if (j < 0) return;
          touched.add(f.defs[j]!.key);
          cells.set(f.defs[j]!.key, parseCellText(f.row.values[i]!.raw));
        });
      }
      return cells;
    };
    const asHeader = reading("byHeader");
    const asOfficial = reading("byOfficial");
    const relevant = this.#constraints.filter((c) => [...c.lhs, ...c.rhs].some((k) => touched.has(k)));
    const failH = this.#check(asHeader, relevant).violated;
    const failO = this.#check(asOfficial, relevant).violated;
    const verdict = failH < failO ? "confirmed" : failH === failO ? "undecided" : "conflict";
    const moved = order.filter((j, i) => j !== i);
    for (const f of full) {
      const keys = new Set(moved.map((j) => f.defs[j]!.key));
      const columns = f.byHeader.map((j) => (j < 0 ? null : f.defs[j]!.key));
      if (verdict === "conflict") this.#placeByHeader(f.row, f.defs, columns, keys);
      else this.#placeByHeader(f.row, f.defs, columns, NONE, verdict === "undecided" ? keys : NONE);
    }
    // A row short of values is read in the header's order too (with its own diagnostic).
    for (const s of short) {
      const omit = verdict === "conflict" ? new Set(moved.map((j) => s.defs[j]!.key)) : undefined;
      const defs = order.map((j) => s.defs[j]!);
      this.#deferred.push(omit ? { row: s.row, defs, omit } : { row: s.row, defs });
    }
    const first = full[0] ?? short[0]!;
    for (const j of moved) {
      const def = first.defs[j]!;
      const name = columnName(def, first.defs);
      const p = order.indexOf(j) + 1;
      const where = header.at[j] ?? first.row.pos;
      const extra = { pointer: def.pointer };
      if (verdict === "conflict") {
        this.#diag.add(
          "header-conflict",
          "error",
          `表头把「${name}」列排在第 ${p} 个数值列（官方格式为第 ${j + 1} 个），但按表头读入时表内勾稽关系不成立、按官方顺序读入时成立：表头与数据对不上，该列留空，请手工填写`,
          `the header puts the column "${name}" in place ${p} of the values (official: ${j + 1}), but read that way the table's arithmetic fails where the official order holds: header and data disagree, so the column was left blank — fill it in by hand`,
          where,
          extra,
        );
      } else if (verdict === "confirmed") {
        this.#diag.add(
          "header-order",
          "info",
          `表头把「${name}」列排在第 ${p} 个数值列（官方格式为第 ${j + 1} 个）：已按表头读入，表内勾稽关系与此相符`,
          `the header puts the column "${name}" in place ${p} of the values (official: ${j + 1}): read by the header, and the table's arithmetic agrees`,
          where,
          extra,
        );
      } else {
        this.#diag.add(
          "header-order",
          "warning",
          `表头把「${name}」列排在第 ${p} 个数值列（官方格式为第 ${j + 1} 个）：已按表头读入；表内勾稽关系无法区分表头顺序和官方顺序，请核对该列`,
          `the header puts the column "${name}" in place ${p} of the values (official: ${j + 1}): read by the header; the table's arithmetic cannot tell the header's order from the official one — check this column`,
          where,
          extra,
        );
      }
    }
  }

  /** Whether any row was read into the tables so far (placed or waiting to be settled). */
  placedAny(): boolean {
    return this.#seenRows.size > 0;
  }

  /**
   * Settles the deferred rows and returns the tables and the counts; says what is missing (unless
   * `report` is false). A whole table missing where its section has a picture (`pictured`) is said to be
   * that picture.
   */
  finish(
    tablePos: Partial<Record<TableId, SourcePosition>>,
    start: SourcePosition,
    pictured: Partial<Record<TableId, SourcePosition>> = {},
    report = true,
  ): {
    tables: Report["tables"];
    stats: ImportStats;
  } {
    for (const [header, group] of this.#reordered) this.#settleReordered(header, group);
    for (const { row, defs, omit } of this.#deferred) this.#resolve(row, defs, omit);
    this.#deferred.length = 0;
    this.#reordered.clear();
    const layout = layoutOf(this.#edition);
    const scope = scopeOf(this.#edition);
    for (const id of report ? (["proactive", "applications", "review"] as const) : []) {
      const t = scope.tables[id];
      const pos = tablePos[id] ?? start;
      const rows = t.rowOrder.filter(
        (r) =>
          !this.#blankRows.has(`${id}.${r}`) &&
          !t.rowCells.get(r)!.some((d) => this.#cells.has(d.key)) &&
          !this.#collapsed.has(`${id}.${r}`),
      );
      const section = layout.tables[id].section.label;
      const picture = pictured[id];
      if (rows.length === t.rowOrder.length && picture) {
        this.#diag.add(
          "table-image",
          "error",
          `「${section}」的表格是一张图片，无法读取其中的数字（本工具不做文字识别），其单元格全部留空。请改用报告的网页、Word 文档或表格为文字的 PDF`,
          `the table of "${section}" is a picture: its numbers cannot be read (this tool does no OCR), so all its cells are blank. Import the report's web page, Word document or a PDF whose tables are text instead`,
          picture,
          { pointer: `/tables/${id}` },
        );
        continue;
      }
      if (rows.length === t.rowOrder.length) {
        this.#diag.add(
          "table-missing",
          "error",
          `未找到「${section}」的表格，其单元格全部留空`,
          `no table found for "${section}"; all its cells are blank`,
          pos,
          { pointer: `/tables/${id}` },
        );
        continue;
      }
      for (const r of rows) {
        const defs = t.rowCells.get(r)!;
        this.#diag.add(
          "row-missing",
          "warning",
          `未找到「${defs[0]!.rowLabels.join(" / ")}」这一行，其单元格留空`,
          `the row "${defs[0]!.rowLabels.join(" / ")}" was not found; its cells are blank`,
          pos,
          { pointer: defs[0]!.pointer },
        );
      }
    }
    const tables = { proactive: {}, applications: {}, review: {} } as Record<TableId, TableCells>;
    const stats: ImportStats = { placed: 0, unsure: 0, missing: 0, total: layout.cells.length };
    for (const def of layout.cells) {
      const got = this.#cells.get(def.key);
      const [row, col] = def.path;
      const t = tables[def.table];
      let r = t[row];
      if (!r) {
        r = {};
        t[row] = r;
      }
      r[col] = got?.cell ?? BLANK;
      if (!got) stats.missing++;
      else if (got.unsure) stats.unsure++;
      else stats.placed++;
    }
    return { tables, stats };
  }
}
