// Pipeline step 4 for tables written as lines (documents whose `tables` is "lines": text copies): in a
// section that has a table, a state machine over the lines — row labels (split over lines too), value
// lines, rows on one line with their values after spaces, header fragments, headings and narrative —
// turns them into rows for the placement.
import { parseCellText, type TableId } from "@xxgk/core-model";
import { type Diagnostics, labelDiagnostic, quote } from "../_diagnostics.js";
import type { LabelMatch } from "../_labels.js";
import { normalizeLabel, tidyText, trimSpace } from "../_normalize.js";
import { type EditionScope, REVIEW_ROW, type TableLabel } from "../_scope.js";
import type { SourceBlock } from "../source.js";
import type { SourcePosition } from "../types.js";
import type { Placer, SourceValue } from "./place.js";
import { matchHeading, type Narrative } from "./sections.js";

interface OpenRow {
  readonly table: TableId;
  /** `null`: a row whose label is not an official one (its values are reported, not placed). */
  readonly row: string | null;
  readonly label: string;
  readonly values: SourceValue[];
  readonly pos: SourcePosition;
  readonly unsure: boolean;
}

const isValue = (t: string): boolean => {
  const s = parseCellText(t).status;
  return s === "number" || s === "na";
};

const textOf = (b: SourceBlock | undefined): string | undefined => (b?.kind === "text" ? b.text : undefined);

/** Reads the lines of tables written as text into rows, handing everything else back to the narrative. */
export class LineRows {
  #row: OpenRow | null = null;
  #prevValue = false;

  constructor(
    readonly scope: EditionScope,
    readonly placer: Placer,
    readonly narrative: Narrative,
    readonly tablePos: Partial<Record<TableId, SourcePosition>>,
    readonly diag: Diagnostics,
  ) {}

  /**
   * Reads the text block at `i`: returns the index of the last block it consumed, or `null` when the
   * block is narrative outside any table. A row on one line may be split into its cells in `blocks`.
   */
  read(blocks: SourceBlock[], i: number): number | null {
    const block = blocks[i]!;
    if (block.kind !== "text") return null;
    const { scope, narrative, diag } = this;
    const pos = (k: number): SourcePosition => {
      const b = blocks[k]!;
      return quote(b.pos, b.kind === "text" ? b.text : "");
    };
    const raw = block.text;
    const t = trimSpace(raw);
    if (t === "") {
      // A whitespace-only line right after a value, in a row still short of values, is an empty cell.
      const r = this.#row;
      if (
        (block.cell && r !== null) ||
        (raw !== "" &&
          this.#prevValue &&
          r?.row &&
          r.values.length < scope.tables[r.table].rowCells.get(r.row)!.length)
      ) {
        r.values.push({ raw: "", pos: pos(i) });
        return i;
      }
      this.#prevValue = false;
      return i;
    }
    this.#prevValue = false;
    const table = narrative.table;
    if (!table) return null;
    if (!this.tablePos[table]) this.tablePos[table] = pos(i);
    const ts = scope.tables[table];
    // A row on one line with its values after spaces (copies from PDF): split it into cells.
    const parts = t.split(/[\s\u00a0\u3000]+/);
    if (parts.length >= 2 && !block.cell) {
      let k = parts.length;
      while (k > 0 && isValue(parts[k - 1]!)) k--;
      const head = parts.slice(0, k).join(" ");
      if (k < parts.length && (k === 0 || (head.length <= 80 && !head.includes("。")))) {
        const cells = [...(k > 0 ? [head] : []), ...parts.slice(k)];
        blocks.splice(i, 1, ...cells.map((text): SourceBlock => ({ kind: "text", text, pos: block.pos })));
        return i - 1;
      }
    }
    if (isValue(t)) {
      this.#prevValue = true;
      if (!this.#row && table === "review") {
        this.#row = { table, row: REVIEW_ROW, label: "", values: [], pos: pos(i), unsure: false };
      }
      if (this.#row) this.#row.values.push({ raw: t, pos: pos(i) });
      else {
        diag.add(
          "stray-value",
          "warning",
          `数值「${t}」不属于任何一行，已忽略`,
          `the value "${t}" belongs to no row; it was ignored`,
          pos(i),
        );
      }
      return i;
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
        if (isValue(n)) break;
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
    if (m) {
      labelDiagnostic(diag, m, written, pos(i));
      this.flush();
      if (m.item.kind === "row") {
        this.#row = {
          table,
          row: m.item.row,
          label: written,
          values: [],
          pos: pos(i),
          unsure: m.kind === "approximate",
        };
      }
      return i + span - 1;
    }
    const heading = matchHeading(t, narrative.index);
    if (heading) {
      this.flush();
      narrative.start(heading, tidyText(t), pos(i), diag);
      return i;
    }
    const n = normalizeLabel(t);
    if (n.length <= 8 && ts.headerText.includes(n)) return i;
    this.flush();
    if (t.length > 20 || /[。；]$/.test(t)) narrative.add(tidyText(t));
    else this.#row = { table, row: null, label: t, values: [], pos: pos(i), unsure: false };
    return i;
  }

  /** Hands the row being read to the placement (or says why its values were not placed). */
  flush(): void {
    const row = this.#row;
    if (!row) return;
    this.#row = null;
    if (row.row !== null) {
      this.placer.add({
        table: row.table,
        row: row.row,
        values: row.values,
        columns: null,
        pos: row.pos,
        unsure: row.unsure,
      });
    } else if (row.values.length > 0) {
      this.diag.add(
        "extra-row",
        "warning",
        `「${row.label}」不是官方格式中的行，其数值（${row.values.map((v) => v.raw).join(" ")}）已忽略`,
        `"${row.label}" is not a row of the official format; its values (${row.values.map((v) => v.raw).join(" ")}) were ignored`,
        row.pos,
      );
    } else {
      this.diag.add(
        "ignored-text",
        "info",
        `表格中的文字「${row.label}」无法识别，已忽略`,
        `the text "${row.label}" in a table was not recognised and was ignored`,
        row.pos,
      );
    }
  }
}
