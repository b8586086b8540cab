import {
  type CellDef,
  type CellKey,
  getCell,
  type LevelInference,
  layoutOf,
  type Report,
  setCell,
  type TableId,
} from "@xxgk/core-model";
import type { CarryOverResult, Diagnosis, Finding, SuspectCell } from "@xxgk/validators";

// The page's side of checking: the types of what the validation worker answers (tasks.ts runs it there),
// and the little the page does itself with core-model alone. Nothing here imports @xxgk/validators' code.

/** What one validation run found, and how long it took (also recorded as a `xxgk:validate` measure). */
export interface Checked {
  readonly findings: readonly Finding[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** The validators' error localization; findings it explains carry `diagnosis` (an index into it). */
  readonly diagnosis: readonly Diagnosis[];
  /** The report's level as the deadline rule takes it: stated in the report, or inferred (core-model `levelOf`). */
  readonly level: LevelInference;
  /** The level the organ's name and the text give, whatever the report states. */
  readonly inferredLevel: LevelInference;
  readonly ms: number;
}

/** The counts the report list shows for a report. */
export interface Summary {
  readonly errors: number;
  readonly warnings: number;
}

/** One cell 计算合计 would change. */
export interface TotalChange {
  readonly key: CellKey;
  readonly pointer: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/** What the app asks its validation worker. */
export type Task =
  | { readonly kind: "check"; readonly report: Report; readonly previous?: Report }
  /** The list's counts of a report on its own (no last year, no diagnosis). */
  | { readonly kind: "summarize"; readonly report: Report }
  /** 计算合计's proposal. */
  | { readonly kind: "totals"; readonly report: Report }
  /** Next year's report from last year's (`carryOver`). */
  | { readonly kind: "carryOver"; readonly report: Report };

/** What each kind of task answers. */
export interface TaskResult {
  readonly check: Checked;
  readonly summarize: Summary;
  readonly totals: { readonly changes: readonly TotalChange[]; readonly next: Report };
  readonly carryOver: CarryOverResult;
}

/**
 * The report with a diagnosis's suggested values written into its cells (as numbers, as the author
 * would type them), or `undefined` when a cell no longer holds what the diagnosis saw — the report was
 * edited since it was checked — or has no unique suggestion.
 */
export function applySuggestions(report: Report, cells: readonly SuspectCell[]): Report | undefined {
  const layout = layoutOf(report.edition);
  let next = report;
  for (const c of cells) {
    const def = layout.byPointer.get(c.pointer);
    if (def === undefined || c.suggested === undefined || getCell(next, def.key).raw !== c.raw)
      return undefined;
    next = setCell(next, def.key, c.suggested);
  }
  return next;
}

/** The blank cells of one table (not the `-` ones: not applicable is what the author wrote). */
export function blankCells(report: Report, table: TableId): CellDef[] {
  return layoutOf(report.edition).tables[table].cells.filter(
    (d) => getCell(report, d.key).status === "blank",
  );
}

/** The report with every blank cell of a table written as 0. */
export function fillBlanks(report: Report, table: TableId): Report {
  return blankCells(report, table).reduce((r, d) => setCell(r, d.key, 0), report);
}

/**
 * The most text one report may hold (characters, tables and narrative together). Real reports have
 * 10–50 thousand; an edit past this (a 10 MB paste) is refused at once instead of failing to save.
 */
export const REPORT_TEXT_LIMIT = 1_000_000;

/** How many characters of text a report holds, counted without serialising it (runs on every edit). */
export function textSize(report: Report): number {
  let n = 0;
  for (const v of Object.values(report.meta)) n += typeof v === "string" ? v.length : 0;
  for (const b of report.preamble) n += b.text.length;
  for (const s of Object.values(report.sections)) {
    n += s.heading.length;
    for (const b of s.blocks) n += b.text.length;
  }
  for (const t of Object.values(report.tables)) {
    for (const row of Object.values(t)) for (const c of Object.values(row)) n += c.raw.length;
  }
  return n;
}
