import {
  type Cell,
  type CellKey,
  expandGrid,
  getCell,
  layoutOf,
  type Report,
  setCell,
  type TableId,
  type TableLayout,
} from "@xxgk/core-model";
import { h } from "./dom.js";
import type { Store } from "./store.js";

/** Where each value cell sits in its table: grid coordinates and its place among the row's value cells. */
interface Place {
  readonly key: CellKey;
  readonly table: TableId;
  readonly r: number;
  readonly c: number;
  readonly span: number;
  /** Index of its row among the table's rows that hold value cells, and its index within that row. */
  readonly vr: number;
  readonly vc: number;
}

interface TableNav {
  /** Grid matrix of value-cell keys (spans filled), `undefined` over header cells. */
  readonly slots: (CellKey | undefined)[][];
  /** Value cells row by row, for pasting blocks. */
  readonly valueRows: CellKey[][];
}

/** The input grids of tables 二, 三 and 四, in the official merged-cell layout from core-model. */
export class TableEditor {
  readonly #store: Store;
  readonly #inputs = new Map<CellKey, HTMLInputElement>();
  readonly #places = new Map<CellKey, Place>();
  readonly #navs = new Map<TableId, TableNav>();
  readonly #notify: (msg: string) => void;
  /** Asked for by a table's "空白填 0" button. */
  onFillBlanks: ((table: TableId) => void) | undefined;

  constructor(store: Store, notify: (msg: string) => void) {
    this.#store = store;
    this.#notify = notify;
  }

  /** Builds the grid of one table for the current report's edition. */
  render(table: TableId): HTMLElement {
    const report = this.#store.report;
    const layout = layoutOf(report.edition).tables[table];
    const slots = expandGrid(layout.rows, layout.width);
    const nav: TableNav = {
      slots: slots.map((row) => row.map((s) => s.cell.cell)),
      valueRows: [],
    };
    this.#navs.set(table, nav);
    const body: HTMLTableRowElement[] = [];
    const head: HTMLTableRowElement[] = [];
    layout.rows.forEach((row, r) => {
      const tr = h("tr");
      const values: CellKey[] = [];
      for (const gc of row.cells) {
        if (gc.role === "value" && gc.cell) {
          const c = slots[r]!.findIndex((s) => s.origin && s.cell === gc);
          this.#places.set(gc.cell, {
            key: gc.cell,
            table,
            r,
            c,
            span: gc.colSpan,
            vr: nav.valueRows.length,
            vc: values.length,
          });
          values.push(gc.cell);
          tr.append(
            h(
              "td",
              { colspan: gc.colSpan > 1 ? gc.colSpan : undefined, className: "v" },
              this.#input(report, layout, gc.cell),
            ),
          );
        } else {
          const cls = gc.role === "corner" ? "corner" : gc.role === "caption" ? "caption" : gc.role;
          tr.append(
            h(
              "th",
              {
                className: cls,
                rowspan: gc.rowSpan > 1 ? gc.rowSpan : undefined,
                colspan: gc.colSpan > 1 ? gc.colSpan : undefined,
                scope: gc.scope,
              },
              gc.text,
            ),
          );
        }
      }
      if (values.length > 0) nav.valueRows.push(values);
      (row.part === "head" ? head : body).push(tr);
    });
    const tools = h(
      "div",
      { className: "grid-tools" },
      h(
        "button",
        {
          type: "button",
          className: "fill-blanks",
          "data-table": table,
          title: `把表${layout.section.numeral}中所有空白单元格填为 0（会先确认）`,
          onclick: () => this.onFillBlanks?.(table),
        },
        "空白填 0…",
      ),
    );
    return h(
      "div",
      { className: `grid-wrap grid-${table}` },
      tools,
      h(
        "table",
        { className: `grid ${table}`, "data-table": table },
        head.length > 0 ? h("thead", {}, head) : null,
        h("tbody", {}, body),
      ),
    );
  }

  #input(report: Report, layout: TableLayout, key: CellKey): HTMLInputElement {
    const def = layoutOf(report.edition).byKey.get(key)!;
    const label = [...def.rowLabels, ...def.colLabels].join(" / ") || layout.section.label;
    const input = h("input", {
      type: "text",
      className: "cell",
      autocomplete: "off",
      spellcheck: "false",
      "data-key": key,
      "data-pointer": def.pointer,
      "aria-label": label,
      title: label,
      value: getCell(report, key).raw,
    });
    paint(input, getCell(report, key));
    input.addEventListener("input", () => {
      const next = setCell(this.#store.report, key, input.value);
      paint(input, getCell(next, key));
      this.#store.update(next, "edit", def.pointer);
    });
    input.addEventListener("keydown", (ev) => this.#onKey(ev, key, input));
    input.addEventListener("paste", (ev) => this.#onPaste(ev, key));
    this.#inputs.set(key, input);
    return input;
  }

  /** Puts every cell's written text back into its input (after undo, paste, load). */
  sync(report: Report, source?: string): void {
    for (const [key, input] of this.#inputs) {
      if (input.dataset.pointer === source) continue;
      const cell = getCell(report, key);
      if (input.value !== cell.raw) input.value = cell.raw;
      paint(input, cell);
    }
  }

  /** Forgets the inputs (before the editor is rebuilt for another report). */
  reset(): void {
    this.#inputs.clear();
    this.#places.clear();
    this.#navs.clear();
  }

  #onKey(ev: KeyboardEvent, key: CellKey, input: HTMLInputElement): void {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const caretAtStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const caretAtEnd = input.selectionStart === input.value.length;
    let target: CellKey | undefined;
    switch (ev.key) {
      case "ArrowUp":
        target = this.#step(key, -1, 0);
        break;
      case "ArrowDown":
      case "Enter":
        target = this.#step(key, ev.key === "Enter" && ev.shiftKey ? -1 : 1, 0);
        break;
      case "ArrowLeft":
        if (caretAtStart) target = this.#step(key, 0, -1);
        break;
      case "ArrowRight":
        if (caretAtEnd) target = this.#step(key, 0, 1);
        break;
      default:
        return;
    }
    if (ev.key === "Enter" || target !== undefined) ev.preventDefault();
    if (target !== undefined) this.focus(target);
  }

  /** The nearest value cell from `key` in a direction, skipping header cells; undefined at the edge. */
  #step(key: CellKey, dr: number, dc: number): CellKey | undefined {
    const p = this.#places.get(key)!;
    const { slots } = this.#navs.get(p.table)!;
    let r = p.r;
    let c = dc > 0 ? p.c + p.span - 1 : p.c;
    for (;;) {
      r += dr;
      c += dc;
      const row = slots[r];
      if (!row || c < 0 || c >= row.length) return undefined;
      const k = row[c];
      if (k !== undefined && k !== key) return k;
    }
  }

  /** Focuses and selects a cell's input. */
  focus(key: CellKey): boolean {
    const input = this.#inputs.get(key);
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  }

  /**
   * A block copied from a spreadsheet (rows by newline, cells by tab) fills the grid from the focused
   * cell, rightwards and downwards, as one undoable step. Text is kept as written ("-", blank, "+19").
   */
  #onPaste(ev: ClipboardEvent, key: CellKey): void {
    const text = ev.clipboardData?.getData("text/plain") ?? "";
    if (!isBlock(text)) return;
    ev.preventDefault();
    const rows = parseBlock(text);
    const p = this.#places.get(key)!;
    const { valueRows } = this.#navs.get(p.table)!;
    let report = this.#store.report;
    let filled = 0;
    let dropped = 0;
    rows.forEach((cells, i) => {
      cells.forEach((value, j) => {
        const target = valueRows[p.vr + i]?.[p.vc + j];
        if (target === undefined) {
          dropped++;
          return;
        }
        report = setCell(report, target, value);
        filled++;
      });
    });
    this.#store.update(report, "paste");
    this.#notify(
      dropped > 0
        ? `已粘贴 ${filled} 个单元格；${dropped} 个值超出表格范围，未粘贴。`
        : `已粘贴 ${filled} 个单元格（可按 Ctrl+Z 撤销）。`,
    );
  }
}

/** Whether pasted text is a block of cells (has a tab or a line break) rather than one value. */
export function isBlock(text: string): boolean {
  return /[\t\n\r]/.test(text);
}

/**
 * Splits text copied from a spreadsheet into rows of cells: rows by line break (CRLF, LF or CR), cells
 * by tab. The one line break spreadsheets add after the last row is not an extra row; empty cells stay
 * empty strings (blank), and nothing is trimmed or converted.
 */
export function parseBlock(text: string): string[][] {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => line.split("\t"));
}

function paint(input: HTMLInputElement, cell: Cell): void {
  input.classList.toggle("invalid", cell.status === "invalid");
  input.classList.toggle("na", cell.status === "na");
  input.classList.toggle("blank", cell.status === "blank");
  if (cell.status === "invalid") input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}
