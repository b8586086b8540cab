// Pipeline step 4 for tables written as lines (documents whose `tables` is "lines": text copies): in a
// section that has a table, a state machine over the lines — row labels (split over lines, or after their
// group label on one line), value lines, rows on one line with their values after spaces or tabs, tables
// run together on one line (flattened), header fragments, headings and narrative — records what the
// table is made of; at the table's end the values are given to their rows and the rows to the placement.
//
// Values on lines of their own normally follow their row's label. Copies in a PDF's reading order put
// them elsewhere: a column of numbers before its labels, a row's values above its label, several rows'
// values after one label. Such values are given to rows only when the order can be recovered — the
// values sit, in the official row order, exactly where labelled rows without values are, and for table
// 三 each row they would make adds up — and otherwise left out with a diagnostic: never a guess.
import { type CellDef, parseCellText, type TableId, tableEquations } from "@xxgk/core-model";
import { type Diagnostics, excerpt, inLine, labelDiagnostic, lineOf, quote } from "../_diagnostics.js";
import type { LabelMatch } from "../_labels.js";
import { normalizeLabel, tidyText, trimSpace } from "../_normalize.js";
import { type EditionScope, REVIEW_ROW, type TableLabel, type TableScope } from "../_scope.js";
import { tick } from "../_work.js";
import type { SourceBlock } from "../source.js";
import type { SourcePosition } from "../types.js";
import { type FlatElement, scanTableLine } from "./flat.js";
import { WrittenHeader } from "./header.js";
import type { HeaderOrder, Placer, SourceValue } from "./place.js";
import { matchHeading, type Narrative } from "./sections.js";
import {
  chunksOf,
  JOINT_BUDGET,
  type JointRow,
  MAX_ROW_CANDIDATES,
  rowEquations,
  solveJoint,
  splitRow,
  tokenizations,
} from "./split.js";

/** A row label as read, with the values written on its own line (tab cells, a row on one line). */
interface RowEntry {
  readonly kind: "row";
  /** `null`: a label that is not an official row (its values are reported, not placed). */
  readonly row: string | null;
  readonly label: string;
  readonly pos: SourcePosition;
  readonly line: number;
  readonly unsure: boolean;
  /** Values on the label's own line: they are the row's whatever follows. */
  readonly own: SourceValue[];
  /** A flattened row: its values run together, split at the table's end. */
  run?: { readonly text: string; readonly pos: SourcePosition };
  /** Units the header states, per column (`采购总金额(万元)`). */
  readonly units: readonly (string | undefined)[];
  /** The order the column labels above the row name its columns in, when not the official one. */
  readonly header?: HeaderOrder;
}

/** A value on a line of its own. */
interface ValueEntry {
  readonly kind: "value";
  readonly value: SourceValue;
}

/** Something else inside the table (a header cell, a caption, a group label): it interrupts values. */
interface BreakEntry {
  readonly kind: "break";
}

type Entry = RowEntry | ValueEntry | BreakEntry;

const BREAK: BreakEntry = { kind: "break" };

/** A row with the values it was given. */
interface ReadRow {
  readonly entry: RowEntry;
  values: SourceValue[];
  unsure: boolean;
  /** Its values were interrupted by other text (header cells between them): the order may be scrambled. */
  interrupted?: true;
  /** Left blank on purpose (a run that could not be split), with its diagnostic said. */
  blank?: true;
}

/** Values on lines of their own that no row took in a reading, where they stood. */
interface Orphans {
  readonly values: SourceValue[];
  /** Index (in the reading's rows) of the row read before them, -1 for none. */
  readonly after: number;
  /** The row that had just taken its values when they came (the overflow of that row). */
  readonly overflowOf: number | undefined;
}

const isValue = (t: string): boolean => {
  const s = parseCellText(t).status;
  return s === "number" || s === "na";
};

const textOf = (b: SourceBlock | undefined): string | undefined => (b?.kind === "text" ? b.text : undefined);

const WS = /[\s\u00a0\u3000]+/;
// Page furniture a PDF copy keeps inside a table: "-3-", "— 3 —", "第 3 页", "第3页 共5页".
const PAGE_MARK =
  /^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;

/** The typical number of value cells of a table's rows: what an unofficial row is expected to hold. */
const WIDTH: Readonly<Record<TableId, number>> = { proactive: 3, applications: 7, review: 15 };

/** Why a run of values was not split: each with its code and words. */
type SplitFailure = "impossible" | "none" | "unruled" | "ambiguous" | "budget" | "table";

const SPLIT_FAILURES: Readonly<Record<SplitFailure, (n: number) => readonly [string, string, string]>> = {
  impossible: (n) => ["split-impossible", `拆不成 ${n} 个单元格`, `cannot be split into ${n} cells`],
  none: () => [
    "split-impossible",
    "没有一种拆法符合表内勾稽关系",
    "no split satisfies the table's equations",
  ],
  unruled: () => [
    "split-ambiguous",
    "有多种拆法，而表中没有能确定拆法的勾稽关系",
    "it splits in several ways, and no equation of the table reads this row",
  ],
  ambiguous: () => [
    "split-ambiguous",
    "有多种拆法都符合表内勾稽关系",
    "several splits satisfy the table's equations",
  ],
  budget: () => [
    "search-budget-exhausted",
    `拆法太多，搜索超出限额（每行 ${MAX_ROW_CANDIDATES} 种、全表 ${JOINT_BUDGET} 步）仍无法确定`,
    `too many splits: the search stopped at its budget (${MAX_ROW_CANDIDATES} per row, ${JOINT_BUDGET} steps per table) without deciding`,
  ],
  table: () => [
    "split-ambiguous",
    "表内各行合起来的勾稽关系对任何拆法都不成立，无法据此确定",
    "the table's column equations hold for no combination of splits, so they decide nothing",
  ],
};

/** Reads the lines of tables written as text into rows, handing everything else back to the narrative. */
export class LineRows {
  #table: TableId | undefined;
  #entries: Entry[] = [];
  /** The last row label read in this table (values on the same line join it). */
  #open: RowEntry | null = null;
  /** Values on their own lines since {@link #open}. */
  #since = 0;
  #prevValue = false;
  #reviewOpened = false;
  /** The column labels above the rows (their order is the columns' when it is not the official one). */
  readonly #header = new WrittenHeader();
  /** The proactive sub-table whose caption was read last, and the units its header states. */
  #subTable: string | undefined;
  #units: (string | undefined)[] = [];

  constructor(
    readonly scope: EditionScope,
    readonly placer: Placer,
    readonly narrative: Narrative,
    readonly tablePos: Partial<Record<TableId, SourcePosition>>,
    readonly diag: Diagnostics,
  ) {}

  /**
   * Reads the text block at `i`: returns the index of the last block it consumed, or `null` when the
   * block is narrative outside any table.
   */
  read(blocks: readonly SourceBlock[], i: number): number | null {
    const block = blocks[i]!;
    if (block.kind !== "text") return null;
    const { narrative } = this;
    tick();
    const pos = (k: number): SourcePosition => {
      const b = blocks[k]!;
      return quote(b.pos, b.kind === "text" ? b.text : "");
    };
    const raw = block.text;
    const t = trimSpace(raw);
    if (t === "") {
      const r = this.#open;
      // An empty tab cell after a label is a blank cell of that row.
      if (block.cell && r !== null && r.line >= 0 && r.line === lineOf(block.pos)) {
        r.own.push({ raw: "", pos: pos(i) });
        return i;
      }
      // A whitespace-only line right after a value, in a row still short of values, is an empty cell.
      if (raw !== "" && this.#prevValue && r?.row && this.#length(r) < this.#cap(r)) {
        this.#value({ raw: "", pos: pos(i) });
        return i;
      }
      this.#prevValue = false;
      return i;
    }
    this.#prevValue = false;
    const table = narrative.table;
    if (!table) return null;
    if (this.#table !== table) {
      this.flush();
      this.#table = table;
    }
    if (!this.tablePos[table]) this.tablePos[table] = pos(i);
    const ts = this.scope.tables[table];
    if (PAGE_MARK.test(t)) return i;
    if (isValue(t)) {
      // A row of cells without a label: table 四's data row.
      if (block.cell && table === "review" && !this.#reviewOpened) this.#openReview(pos(i));
      const r = this.#open;
      if (block.cell && r !== null && r.line >= 0 && r.line === lineOf(block.pos))
        r.own.push({ raw: t, pos: pos(i) });
      else this.#value({ raw: t, pos: pos(i) });
      this.#prevValue = true;
      return i;
    }
    // A row on one line with its values after spaces (copies from PDF), or a line of values.
    const parts = t.split(WS);
    if (parts.length >= 2 && !block.cell) {
      let k = parts.length;
      while (k > 0 && isValue(parts[k - 1]!)) k--;
      if (k === 0) {
        for (const p of parts) this.#value({ raw: p, pos: quote(block.pos, p) });
        this.#prevValue = true;
        return i;
      }
      const head = parts.slice(0, k).join(" ");
      if (k < parts.length && head.length <= 80 && !head.includes("。")) {
        const values = parts.slice(k).map((p): SourceValue => ({ raw: p, pos: quote(block.pos, p) }));
        const m = this.#matchWithPrefix(ts, head);
        const wrapped =
          m === null || m.match.kind === "approximate" ? this.#wrapped(ts, blocks, i, head, values) : null;
        if (wrapped) {
          this.#label(ts, wrapped.match, wrapped.written, pos(i), block.pos, wrapped.values);
          return wrapped.last;
        }
        if (m?.match.item.kind === "row") {
          this.#label(ts, m.match, m.written, pos(i), block.pos, values);
        } else if (m) {
          // A header cell with values after it (a value line the copy put on the header's line).
          this.#label(ts, m.match, m.written, pos(i), block.pos, []);
          for (const v of values) this.#value(v);
        } else this.#unknown(head, pos(i), block.pos, values);
        return i;
      }
    }
    // A table run together on one line (a flattened page), or labels glued to their values.
    if (!block.cell && /[\d\-—/无]/.test(t) && t.length >= 3) {
      const elements = scanTableLine(t, ts);
      if (elements) {
        this.#flat(ts, elements, block.pos, raw.indexOf(t));
        return i;
      }
    }
    let m: LabelMatch<TableLabel> | null = ts.labels.match(t);
    let written = t;
    let span = 1;
    if (!m || m.kind === "approximate") {
      // A label split over lines: join the following non-value lines.
      let joined = t;
      for (let j = i + 1, k = 1; j < blocks.length && k < 8; j++) {
        const next = textOf(blocks[j]);
        if (next === undefined) break;
        const n = trimSpace(next);
        if (n === "") continue;
        // A line of values is no part of a label (it may sit inside one: see #wrapped).
        if (n.split(WS).every(isValue)) break;
        joined += n;
        k++;
        const jm = ts.labels.match(joined);
        if (jm && jm.kind !== "approximate") {
          m = jm;
          written = joined;
          span = j - i + 1;
          break;
        }
      }
    }
    if ((!m || m.kind === "approximate") && !block.cell) {
      const wrapped = this.#wrapped(ts, blocks, i, t, null);
      if (wrapped) {
        this.#label(ts, wrapped.match, wrapped.written, pos(i), block.pos, wrapped.values);
        return wrapped.last;
      }
    }
    if (!m) {
      const suffix = t.length <= 120 ? this.#matchWithPrefix(ts, t) : null;
      if (suffix) {
        m = suffix.match;
        written = suffix.written;
      }
    }
    // Labels glued together (`三、本年度办理结果（一）予以公开`, a group label and its first row — which
    // the label matching alone takes for the group label with an explanation appended).
    if ((!m || (m.kind === "extended" && m.item.kind !== "row")) && !block.cell && t.length <= 120) {
      const elements = scanTableLine(t, ts);
      if (elements?.some((e) => e.kind === "label" && e.label.item.kind === "row")) {
        this.#flat(ts, elements, block.pos, raw.indexOf(t));
        return i;
      }
    }
    if (m) {
      this.#label(ts, m, written, pos(i), block.pos, []);
      return i + span - 1;
    }
    const heading = matchHeading(t, narrative.index);
    if (heading) {
      this.flush();
      this.#header.reset();
      narrative.start(heading, tidyText(t), pos(i), this.diag);
      return i;
    }
    if (isFragment(ts, t)) {
      this.#entries.push(BREAK);
      return i;
    }
    if (t.length > 20 || /[。；]$/.test(t)) narrative.add(tidyText(t));
    else this.#unknown(t, pos(i), block.pos, []);
    return i;
  }

  /** Values on this row so far: its own and those on lines of their own since its label. */
  #length(r: RowEntry): number {
    return r.own.length + (r === this.#open ? this.#since : 0);
  }

  #cap(r: RowEntry): number {
    return r.row === null ? WIDTH[this.#table!] : this.scope.tables[this.#table!].rowCells.get(r.row)!.length;
  }

  #value(v: SourceValue): void {
    // Table 四's data row has no label: its first value opens it.
    if (this.#table === "review" && !this.#reviewOpened) this.#openReview(v.pos);
    this.#entries.push({ kind: "value", value: v });
    this.#since++;
  }

  #openReview(pos: SourcePosition): RowEntry {
    this.#reviewOpened = true;
    const header = this.#header.orderOf(this.scope.tables.review.rowCells.get(REVIEW_ROW)!);
    const r: RowEntry = {
      kind: "row",
      row: REVIEW_ROW,
      label: "",
      pos,
      line: lineOf(pos),
      unsure: false,
      own: [],
      units: [],
      ...(header ? { header } : {}),
    };
    this.#push(r);
    return r;
  }

  #push(r: RowEntry): void {
    this.#entries.push(r);
    this.#open = r;
    this.#since = 0;
  }

  /**
   * A label, possibly after its group label or other text on the same line (`（四）无 1.本机关不掌握相关
   * 政府信息`): the longest run of words at the end that is a label, when the whole is none.
   */
  /**
   * A row label a layout copy (`pdftotext -layout`) wrapped around its values: the label's lines with
   * the row's values on a line of their own between them, or after the part of the label on the same
   * line (`（二）部分公开（区分处理的，只计这一情` / `447 7 0 0 0 0 454` / `形，不计其他情形）`), and pieces of
   * a group label written down the column beside it (`（六）其` … `他处理`) in between. `start` is the
   * label's first part, `held` the values on its line. Taken only when the joined parts make a row label
   * exactly (or as a known variant) and every part is a piece of a label; one run of values at most.
   */
  #wrapped(
    ts: TableScope,
    blocks: readonly SourceBlock[],
    i: number,
    start: string,
    held: SourceValue[] | null,
  ): { match: LabelMatch<TableLabel>; written: string; values: SourceValue[]; last: number } | null {
    if (start.length > 40 || !inLabels(ts, start)) return null;
    let joined = start;
    let values = held;
    for (let j = i + 1, k = 0; j < blocks.length && k < 6; j++) {
      const b = blocks[j]!;
      if (b.kind !== "text" || b.cell) return null;
      const n = trimSpace(b.text);
      if (n === "") continue;
      k++;
      tick();
      const parts = n.split(WS);
      let v = parts.length;
      while (v > 0 && isValue(parts[v - 1]!)) v--;
      if (parts.length - v >= 2) {
        if (values !== null) return null;
        values = parts.slice(v).map((p): SourceValue => ({ raw: p, pos: quote(b.pos, p) }));
        if (v === 0) continue;
      } else if (v !== parts.length) return null;
      const head = parts.slice(0, v).join("");
      if (head.length > 40) return null;
      if (!inLabels(ts, joined + head)) {
        // A piece of the group label beside the row's (`他处理`), not of this one: short, no label itself.
        if (head.length <= 6 && inLabels(ts, head) && ts.labels.match(head) === null) continue;
        return null;
      }
      joined += head;
      const m = ts.labels.match(joined);
      if (m && m.kind !== "approximate" && m.kind !== "extended" && m.item.kind === "row" && values !== null)
        return { match: m, written: joined, values, last: j };
    }
    return null;
  }

  #matchWithPrefix(ts: TableScope, text: string): { match: LabelMatch<TableLabel>; written: string } | null {
    const whole = ts.labels.match(text);
    if (whole && whole.kind !== "approximate") return { match: whole, written: text };
    const words = text.split(WS);
    for (let k = 1; k < words.length; k++) {
      const written = words.slice(k).join(" ");
      const m = ts.labels.match(written);
      if (m && m.kind !== "approximate" && m.item.kind === "row") return { match: m, written };
    }
    return whole ? { match: whole, written: text } : null;
  }

  #label(
    ts: TableScope,
    m: { item: TableLabel; label: string; kind: LabelMatch<unknown>["kind"]; unit?: string },
    written: string,
    pos: SourcePosition,
    at: SourcePosition,
    own: SourceValue[],
  ): void {
    labelDiagnostic(this.diag, m, written, pos);
    const item = m.item;
    if (item.kind !== "row") this.#entries.push(BREAK);
    if (item.kind === "caption") {
      this.#header.reset();
      this.#subTable = item.subTable;
      this.#units = [];
    } else if (item.kind === "column") {
      this.#header.add(written, pos);
      if (m.unit !== undefined && this.#subTable !== undefined) this.#headerUnit(ts, m.label, m.unit);
    } else if (item.kind === "row") {
      const units =
        this.#subTable !== undefined && ts.subTableOf.get(item.row) === this.#subTable ? this.#units : [];
      const header = this.#header.orderOf(ts.rowCells.get(item.row)!);
      this.#push({
        kind: "row",
        row: item.row,
        label: written,
        pos,
        line: lineOf(at),
        unsure: m.kind === "approximate",
        own,
        units: [...units],
        ...(header ? { header } : {}),
      });
    }
  }

  /** The column of the current sub-table a header names, given the unit the header states. */
  #headerUnit(ts: TableScope, label: string, unit: string): void {
    const n = normalizeLabel(label);
    for (const [row, sub] of ts.subTableOf) {
      if (sub !== this.#subTable) continue;
      const k = ts.rowCells.get(row)!.findIndex((d) => normalizeLabel(d.colLabels.at(-1)!) === n);
      if (k >= 0) this.#units[k] = unit;
      return;
    }
  }

  #unknown(label: string, pos: SourcePosition, at: SourcePosition, own: SourceValue[]): void {
    this.#push({ kind: "row", row: null, label, pos, line: lineOf(at), unsure: false, own, units: [] });
  }

  /** A line holding (part of) a table run together: its labels, runs of values and narrative. */
  #flat(ts: TableScope, elements: readonly FlatElement[], at: SourcePosition, lead: number): void {
    const where = (offset: number, text: string): SourcePosition => quote(inLine(at, lead + offset), text);
    let lastLabel: FlatElement | undefined;
    for (const e of elements) {
      if (e.kind === "text") {
        const text = tidyText(e.text);
        const n = normalizeLabel(text);
        if (text !== "" && !(n.length <= 8 && ts.headerText.includes(n))) this.narrative.add(text);
        lastLabel = e;
        continue;
      }
      if (e.kind === "label") {
        const { item, label, variant } = e.label;
        this.#label(
          ts,
          { item, label, kind: variant ? "variant" : "exact" },
          e.written,
          where(e.offset, e.written),
          at,
          [],
        );
        lastLabel = e;
        continue;
      }
      if (e.kind === "unit") {
        if (lastLabel?.kind === "label" && this.#subTable !== undefined) {
          this.#headerUnit(ts, lastLabel.label.label, e.unit);
        }
        continue;
      }
      // A page's footer (`-3-`) the flattening kept between a label and its values, as on a line.
      if (PAGE_MARK.test(trimSpace(e.text))) continue;
      const open = this.#open;
      const pos = where(e.offset, e.text);
      if (lastLabel?.kind === "label" && lastLabel.label.item.kind === "row" && open && !open.run) {
        open.run = { text: e.text, pos };
      } else if (this.#table === "review" && !this.#reviewOpened) {
        this.#openReview(pos).run = { text: e.text, pos };
      } else {
        this.diag.add(
          "stray-value",
          "warning",
          `数值「${excerpt(e.text)}」不属于任何一行，已忽略`,
          `the values "${excerpt(e.text)}" belong to no row; they were ignored`,
          pos,
        );
      }
      lastLabel = e;
    }
  }

  /** Ends the table being read: gives the values to their rows and the rows to the placement. */
  flush(): void {
    const table = this.#table;
    const entries = this.#entries;
    this.#entries = [];
    this.#open = null;
    this.#since = 0;
    this.#subTable = undefined;
    this.#units = [];
    this.#reviewOpened = false;
    if (!table || entries.length === 0) return;
    const ts = this.scope.tables[table];
    const rows = this.#attribute(ts, entries);
    this.#splitRuns(ts, rows);
    // A label the copy repeats without values (a PDF's reading order lists labels apart) is not the row.
    const filled = new Set(rows.filter((r) => r.values.length > 0 || r.blank).map((r) => r.entry.row));
    const emitted = new Set<string | null>();
    for (const r of rows) {
      if (r.blank) continue;
      const key = r.entry.row;
      if (key !== null && r.values.length === 0 && (filled.has(key) || emitted.has(key))) continue;
      emitted.add(key);
      this.#emit(ts, r);
    }
  }

  /** Values on lines of their own given to rows: after their label, else before it, else by the order. */
  #attribute(ts: TableScope, entries: readonly Entry[]): ReadRow[] {
    const cap = (e: RowEntry) => (e.row === null ? WIDTH[ts.id] : ts.rowCells.get(e.row)!.length);
    const after = this.#readAfter(entries, cap);
    if (after.orphans.some((o) => o.values.some((v) => v.raw !== ""))) this.#demoteOutOfOrder(ts, after);
    let chosen = this.#fill(ts, after.rows, after.orphans, cap);
    if (chosen.stray.length > 0 && ts.id !== "review") {
      const before = this.#readBefore(entries, cap);
      const other = this.#fill(ts, before.rows, before.orphans, cap);
      if (other.stray.length === 0) chosen = other;
    }
    for (const o of chosen.stray) {
      const vals = o.values.filter((v) => v.raw !== "");
      if (vals.length === 0) continue;
      const written = vals.map((v) => v.raw).join(" ");
      this.diag.add(
        "stray-value",
        "warning",
        `${vals.length} 个数值（${excerpt(written)}）与行标签分开列出，无法确定属于哪些行（复制顺序无法还原），已忽略`,
        `${vals.length} values (${excerpt(written)}) are listed apart from their row labels and cannot be matched to rows (the copy's order cannot be recovered); ignored`,
        vals[0]!.pos,
      );
    }
    for (const { rows, values } of chosen.recovered) {
      const labels = rows.map((r) => ts.rowCells.get(r.entry.row!)![0]!.rowLabels.at(-1)).join("、");
      this.diag.add(
        "order-recovered",
        "info",
        `${values.length} 个数值与行标签分开列出，已按官方行序归入：${labels}`,
        `${values.length} values were listed apart from their row labels; they were given to ${rows.length} row(s) in the official order`,
        values[0]!.pos,
        { pointer: ts.rowCells.get(rows[0]!.entry.row!)![0]!.pointer },
      );
    }
    // A copy whose order is scrambled (values listed apart from their labels, or among header cells): a
    // row that does not add up may hold other rows' values, so none of them is kept.
    const scrambled = chosen.stray.length > 0 || chosen.recovered.length > 0;
    for (const r of chosen.rows) {
      if (r.entry.row === null || r.entry.run || !(scrambled || r.interrupted)) continue;
      const defs = ts.rowCells.get(r.entry.row)!;
      if (r.values.length !== defs.length || !r.values.every((v) => isValue(v.raw))) continue;
      const values = r.values.map((v) => parseCellText(v.raw).value ?? 0);
      const broken = rowEquations(this.scope.edition, defs).some(
        (q) => Math.abs(values[q.about]! - q.terms.reduce((s, t) => s + t.sign * values[t.index]!, 0)) > 1e-6,
      );
      if (!broken) continue;
      r.blank = true;
      this.placer.leaveBlank(ts.id, r.entry.row);
      const label = defs[0]!.rowLabels.at(-1) || "数据行";
      const written = r.values.map((v) => v.raw).join(" ");
      this.diag.add(
        "order-unrecoverable",
        "warning",
        `「${label}」读到的数值（${excerpt(written)}）合计不符，而这一表格的复制顺序是乱的（数值与标签分开或夹在表头中间）：无法确定这些数值属于哪些单元格，该行留空，请对照原文填写`,
        `the values read for "${label}" (${excerpt(written)}) do not add up, and this table was copied out of order (values apart from their labels or among header cells): which cells they belong to cannot be told, so the row was left blank — fill it in from the source`,
        r.entry.pos,
        { pointer: defs[0]!.pointer },
      );
    }
    return chosen.rows;
  }

  /** The usual reading: values follow their row's label, as many as it has cells; the rest are orphans. */
  #readAfter(
    entries: readonly Entry[],
    cap: (e: RowEntry) => number,
  ): { rows: ReadRow[]; orphans: Orphans[] } {
    const rows: ReadRow[] = [];
    const orphans: Orphans[] = [];
    let cur: ReadRow | undefined;
    let block: Orphans | undefined;
    let broken = false;
    for (const e of entries) {
      tick();
      if (e.kind === "break") {
        broken = true;
        continue;
      }
      if (e.kind === "row") {
        cur = { entry: e, values: [...e.own], unsure: e.unsure };
        rows.push(cur);
        block = undefined;
        broken = false;
        continue;
      }
      if (cur && cur.values.length < cap(cur.entry) && !block) {
        if (broken && cur.values.length > cur.entry.own.length) cur.interrupted = true;
        broken = false;
        cur.values.push(e.value);
        continue;
      }
      if (!block) {
        block = { values: [], after: rows.length - 1, overflowOf: cur ? rows.length - 1 : undefined };
        orphans.push(block);
      }
      block.values.push(e.value);
    }
    return { rows, orphans };
  }

  /**
   * In a copy that lists some values apart from their labels, a label that comes after rows further
   * down the table (in the official order) is one listed apart too: the values after it are someone
   * else's. They become orphans where they stand, and the row a labelled row without values.
   */
  #demoteOutOfOrder(ts: TableScope, reading: { rows: ReadRow[]; orphans: Orphans[] }): void {
    const order = new Map(ts.rowOrder.map((r, i) => [r, i]));
    const at = new Map(reading.orphans.map((o) => [o.after, o]));
    let highest = -1;
    reading.rows.forEach((r, k) => {
      const own = r.entry.own.length;
      if (r.entry.row === null || r.entry.run) return;
      const index = order.get(r.entry.row)!;
      if (r.values.length === own || r.values.slice(own).every((v) => v.raw === "")) return;
      if (index > highest) {
        highest = index;
        return;
      }
      // With the values that overflowed it, if any: they all stand in the same place.
      const demoted = r.values.slice(own);
      const next = at.get(k);
      if (next) next.values.unshift(...demoted);
      else reading.orphans.push({ values: demoted, after: k, overflowOf: undefined });
      r.values = r.values.slice(0, own);
    });
    reading.orphans.sort((a, b) => a.after - b.after);
  }

  /** A copy that puts each row's values above its label (a PDF's reading order): values precede labels. */
  #readBefore(
    entries: readonly Entry[],
    cap: (e: RowEntry) => number,
  ): { rows: ReadRow[]; orphans: Orphans[] } {
    const rows: ReadRow[] = [];
    const orphans: Orphans[] = [];
    let pending: SourceValue[] = [];
    const leftover = () => {
      if (pending.length > 0)
        orphans.push({ values: pending, after: rows.length - 1, overflowOf: undefined });
      pending = [];
    };
    for (const e of entries) {
      tick();
      if (e.kind === "break") continue;
      if (e.kind === "value") {
        pending.push(e.value);
        continue;
      }
      const r: ReadRow = { entry: e, values: [...e.own], unsure: e.unsure };
      if (e.own.length === 0 && !e.run && e.row !== null && pending.length > 0 && pending.length <= cap(e)) {
        r.values = pending;
        pending = [];
      } else leftover();
      rows.push(r);
    }
    leftover();
    return { rows, orphans };
  }

  /**
   * Orphaned values given to the labelled rows without values that lie, in the official order, between
   * the rows before and after them — when they are exactly as many as those rows' cells, and (table 三)
   * every row they would make adds up, read row by row or column by column but not both differently.
   */
  #fill(
    ts: TableScope,
    rows: ReadRow[],
    orphans: readonly Orphans[],
    cap: (e: RowEntry) => number,
  ): { rows: ReadRow[]; stray: Orphans[]; recovered: { rows: ReadRow[]; values: SourceValue[] }[] } {
    const stray: Orphans[] = [];
    const recovered: { rows: ReadRow[]; values: SourceValue[] }[] = [];
    const order = new Map(ts.rowOrder.map((r, i) => [r, i]));
    const anchored = (r: ReadRow) =>
      r.entry.row !== null && (r.entry.run !== undefined || r.values.some((v) => v.raw !== ""));
    const withValues = new Set(rows.filter(anchored).map((r) => r.entry.row));
    const empty = new Map<string, ReadRow>();
    for (const r of rows) {
      if (r.entry.row !== null && !anchored(r) && !withValues.has(r.entry.row) && !empty.has(r.entry.row)) {
        empty.set(r.entry.row, r);
      }
    }
    const totals = tableEquations(this.scope.edition, "T3.row-total");
    // The official index of the nearest row with values at or before / at or after each row read.
    const prevAnchor: number[] = [];
    const nextAnchor: number[] = [];
    rows.forEach((r, k) => {
      prevAnchor[k] = anchored(r) ? order.get(r.entry.row!)! : (prevAnchor[k - 1] ?? -1);
    });
    for (let k = rows.length - 1; k >= 0; k--) {
      const r = rows[k]!;
      nextAnchor[k] = anchored(r)
        ? order.get(r.entry.row!)!
        : (nextAnchor[k + 1] ?? Number.POSITIVE_INFINITY);
    }
    for (const o of orphans) {
      tick(o.values.length);
      const vals = o.values.filter((v) => v.raw !== "");
      if (vals.length === 0) continue;
      const p = o.after >= 0 ? prevAnchor[o.after]! : -1;
      const q = nextAnchor[o.after + 1] ?? Number.POSITIVE_INFINITY;
      const cands = [...empty.values()]
        .filter((r) => {
          const x = order.get(r.entry.row!)!;
          return x > p && x < q;
        })
        .sort((a, b) => order.get(a.entry.row!)! - order.get(b.entry.row!)!);
      const need = cands.reduce((s, r) => s + cap(r.entry), 0);
      const reading =
        cands.length > 0 && need === vals.length ? this.#recover(ts, cands, vals, cap, totals) : null;
      if (reading) {
        cands.forEach((r, k) => {
          r.values = reading[k]!;
          r.unsure = true;
          empty.delete(r.entry.row!);
        });
        recovered.push({ rows: cands, values: vals });
        continue;
      }
      const over = o.overflowOf === undefined ? undefined : rows[o.overflowOf];
      if (over && over.entry.row !== null && vals.length < cap(over.entry)) {
        // A value too many for its row: the placement's arithmetic may tell which one is foreign.
        over.values.push(...vals);
        continue;
      }
      stray.push(o);
    }
    return { rows, stray, recovered };
  }

  /** The values of `cands`, row by row — or column by column where only that reading adds up. */
  #recover(
    ts: TableScope,
    cands: readonly ReadRow[],
    vals: readonly SourceValue[],
    cap: (e: RowEntry) => number,
    totals: ReturnType<typeof tableEquations>,
  ): SourceValue[][] | null {
    const byRow: SourceValue[][] = [];
    let k = 0;
    for (const r of cands) {
      byRow.push(vals.slice(k, k + cap(r.entry)));
      k += cap(r.entry);
    }
    const width = cap(cands[0]!.entry);
    const square = cands.length > 1 && width > 1 && cands.every((r) => cap(r.entry) === width);
    const byColumn = square
      ? cands.map((_, ri) => Array.from({ length: width }, (_c, ci) => vals[ci * cands.length + ri]!))
      : null;
    const adds = (reading: SourceValue[][]): boolean =>
      ts.id !== "applications" ||
      reading.every((values, ri) => {
        const defs = ts.rowCells.get(cands[ri]!.entry.row!)!;
        const q = totals.find((e) => e.about === defs[defs.length - 1]!.key);
        if (!q) return true;
        const v = (key: string) => parseCellText(values[defs.findIndex((d) => d.key === key)]!.raw);
        const cells = [q.about, ...q.terms.map((t) => t.key)].map(v);
        if (cells.some((c) => c.status === "invalid")) return false;
        return (
          Math.abs((v(q.about).value ?? 0) - q.terms.reduce((s, t) => s + (v(t.key).value ?? 0), 0)) < 1e-6
        );
      });
    const same = (a: SourceValue[][], b: SourceValue[][]) =>
      a.every((row, ri) => row.every((v, ci) => v.raw === b[ri]![ci]!.raw));
    if (!byColumn || same(byRow, byColumn)) return adds(byRow) ? byRow : null;
    // Which way the values were listed can only be told by the arithmetic, and only in table 三.
    if (ts.id !== "applications") return null;
    const rowOk = adds(byRow);
    const colOk = adds(byColumn);
    if (rowOk === colOk) return null;
    return rowOk ? byRow : byColumn;
  }

  /** Splits the flattened rows' runs: by their tokens alone, or by the table's hard equations. */
  #splitRuns(ts: TableScope, rows: readonly ReadRow[]): void {
    // A row's first run only: a repeated label is the placement's duplicate, not another search.
    const firstOf = new Set<string>();
    const runs = rows.filter((r) => {
      if (!r.entry.run || r.entry.row === null || firstOf.has(r.entry.row)) return false;
      firstOf.add(r.entry.row);
      return true;
    });
    if (runs.length === 0) return;
    const edition = this.scope.edition;
    type Pending = {
      r: ReadRow;
      defs: readonly CellDef[];
      candidates: (readonly string[])[];
      incomplete: boolean;
    };
    const pending: Pending[] = [];
    for (const r of runs) {
      const run = r.entry.run!;
      const defs = ts.rowCells.get(r.entry.row!)!;
      const chunks = chunksOf(run.text);
      if (!chunks) continue;
      const alone = splitRow(chunks, defs, [], 2);
      if (alone.splits.length === 1 && !alone.incomplete) {
        r.values = valuesAt(alone.splits[0]!, run.pos);
        continue;
      }
      if (alone.splits.length === 0 && !alone.incomplete) {
        // Fewer values than cells: a short row when its tokens are forced, else nothing can be said.
        const short = tokenizations(chunks, defs);
        if (short.splits.length === 1 && !short.incomplete) {
          r.values = valuesAt(short.splits[0]!, run.pos);
          continue;
        }
        this.#splitFailed(r, defs, "impossible", []);
        continue;
      }
      const eqs = rowEquations(edition, defs);
      const found = splitRow(chunks, defs, eqs, eqs.length > 0 ? MAX_ROW_CANDIDATES : 6);
      pending.push({ r, defs, candidates: [...found.splits], incomplete: found.incomplete });
    }
    if (pending.length === 0) return;
    if (ts.id !== "applications") {
      for (const p of pending) {
        const ruled = rowEquations(edition, p.defs).length > 0;
        if (!ruled) this.#splitFailed(p.r, p.defs, "unruled", p.candidates, p.incomplete);
        else if (p.candidates.length === 1 && !p.incomplete) this.#splitDecided(p.r, p.candidates[0]!);
        else if (p.incomplete) this.#splitFailed(p.r, p.defs, "budget", p.candidates, true);
        else this.#splitFailed(p.r, p.defs, p.candidates.length === 0 ? "none" : "ambiguous", p.candidates);
      }
      return;
    }
    // Table 三: the rows tied together by the column equations.
    const columns = ts.rowCells.get(ts.rowOrder[0]!)!.map((d) => d.path[1]);
    const numbers = (cells: readonly string[]) => cells.map((c) => parseCellText(c).value ?? 0);
    const joint: JointRow[] = [];
    const pendingOf = new Map(pending.map((p) => [p.r.entry.row!, p]));
    const seen = new Set<string>();
    for (const r of rows) {
      const key = r.entry.row;
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      const p = pendingOf.get(key);
      if (p) {
        joint.push({
          row: key,
          candidates: p.incomplete || p.candidates.length === 0 ? null : p.candidates.map(numbers),
        });
        continue;
      }
      const defs = ts.rowCells.get(key)!;
      const known =
        r.values.length === defs.length && r.values.every((v) => parseCellText(v.raw).status !== "invalid");
      joint.push({ row: key, candidates: known ? [numbers(r.values.map((v) => v.raw))] : null });
    }
    const outcome = solveJoint(edition, joint, columns);
    for (const p of pending) {
      const o = outcome.get(p.r.entry.row!);
      if (p.incomplete) this.#splitFailed(p.r, p.defs, "budget", p.candidates, true);
      else if (p.candidates.length === 0) this.#splitFailed(p.r, p.defs, "none", []);
      else if (o?.kind === "determined") this.#splitDecided(p.r, p.candidates[o.candidate]!);
      else if (o?.kind === "ambiguous") {
        const first = o.solutions.map((k) => p.candidates[k]!);
        this.#splitFailed(p.r, p.defs, "ambiguous", [
          ...first,
          ...p.candidates.filter((c) => !first.includes(c)),
        ]);
      } else this.#splitFailed(p.r, p.defs, o?.kind === "budget" ? "budget" : "table", p.candidates);
    }
  }

  #splitDecided(r: ReadRow, cells: readonly string[]): void {
    const run = r.entry.run!;
    r.values = valuesAt(cells, run.pos);
    r.unsure = true;
    const defs = this.scope.tables[this.#table!].rowCells.get(r.entry.row!)!;
    this.diag.add(
      "split-by-arithmetic",
      "info",
      `「${defs[0]!.rowLabels.at(-1)}」的数值连在了一起（${excerpt(run.text)}），按表内勾稽关系只有一种拆法：${cells.join(" | ")}`,
      `the values of "${defs[0]!.rowLabels.at(-1)}" ran together (${excerpt(run.text)}); the table's equations allow one split only: ${cells.join(" | ")}`,
      run.pos,
      { pointer: defs[0]!.pointer },
    );
  }

  #splitFailed(
    r: ReadRow,
    defs: readonly CellDef[],
    why: SplitFailure,
    candidates: readonly (readonly string[])[],
    more = false,
  ): void {
    const run = r.entry.run!;
    r.values = [];
    r.blank = true;
    this.placer.leaveBlank(this.#table!, r.entry.row!);
    const label = defs[0]!.rowLabels.at(-1) || "数据行";
    const shown = candidates.slice(0, 5).map((c) => c.join(" | "));
    const hidden = candidates.length > 5 || more;
    const count = `${candidates.length}${more ? "+" : ""}`;
    const list = shown.length > 0 ? `：${shown.join("；")}${hidden ? `…（共 ${count} 种）` : ""}` : "";
    const listEn = shown.length > 0 ? `: ${shown.join("; ")}${hidden ? `… (${count} in all)` : ""}` : "";
    const [code, zh, en] = SPLIT_FAILURES[why](defs.length);
    this.diag.add(
      code,
      "warning",
      `「${label}」的数值连在了一起（${excerpt(run.text)}），${zh}，该行留空，请对照原文填写${list}`,
      `the values of "${label}" ran together (${excerpt(run.text)}); ${en}, so the row was left blank: fill it in from the source${listEn}`,
      run.pos,
      { pointer: defs[0]!.pointer },
    );
  }

  /** Hands a row to the placement (or says why its values were not placed). */
  #emit(ts: TableScope, r: ReadRow): void {
    const e = r.entry;
    if (e.row !== null) {
      let values = r.values.map((v, k) =>
        e.units[k] === undefined || v.unit !== undefined ? v : { ...v, unit: e.units[k]! },
      );
      // Cells a converter padded after a label that spans columns (`| （一）予以公开 | | 5 |`).
      const n = ts.rowCells.get(e.row)!.length;
      while (values.length > n && values[0]!.raw === "") values = values.slice(1);
      this.placer.add({
        table: ts.id,
        row: e.row,
        values,
        columns: null,
        ...(e.header ? { header: e.header } : {}),
        pos: e.pos,
        unsure: r.unsure,
      });
      return;
    }
    const vals = r.values.filter((v) => v.raw !== "");
    if (vals.length > 0) {
      this.diag.add(
        "extra-row",
        "warning",
        `「${e.label}」不是官方格式中的行，其数值（${vals.map((v) => v.raw).join(" ")}）已忽略`,
        `"${e.label}" is not a row of the official format; its values (${vals.map((v) => v.raw).join(" ")}) were ignored`,
        e.pos,
      );
    } else {
      this.diag.add(
        "ignored-text",
        "info",
        `表格中的文字「${e.label}」无法识别，已忽略`,
        `the text "${e.label}" in a table was not recognised and was ignored`,
        e.pos,
      );
    }
  }
}

const labelTexts = new WeakMap<TableScope, string>();

/**
 * Pieces of labels, one per line or several on a line: header cells cut by a narrow column (`商` `业`,
 * `社会 法律`), a vertical group label (`三、` `本` `年` …), a long label broken over lines.
 */
/** The normalised labels of a table, `|`-separated: what a piece of a label is looked up in. */
function allLabels(ts: TableScope): string {
  let all = labelTexts.get(ts);
  if (all === undefined) {
    all = ts.entries.map((e) => normalizeLabel(e.label)).join("|");
    labelTexts.set(ts, all);
  }
  return all;
}

function isFragment(ts: TableScope, t: string): boolean {
  const text = allLabels(ts);
  return t.split(WS).every((w) => {
    const n = normalizeLabel(w);
    return (n.length <= 8 && ts.headerText.includes(n)) || (n.length <= 24 && text.includes(n));
  });
}

/** Whether `t` (whitespace aside) is a piece of one of the table's labels. */
function inLabels(ts: TableScope, t: string): boolean {
  const n = normalizeLabel(t);
  return n.length > 0 && allLabels(ts).includes(n);
}

/** Cells split out of a run, each pointing at the run. */
function valuesAt(cells: readonly string[], pos: SourcePosition): SourceValue[] {
  return cells.map((raw) => ({ raw, pos: { ...pos, excerpt: raw } }));
}
