import { type CellDef, getCell, layoutOf, type Report, setCell, type TableId } from "@xxgk/core-model";
import { type Diagnosis, type Finding, validateReport } from "@xxgk/validators";

/** What one validation run found, and how long it took (also recorded as a `xxgk:validate` measure). */
export interface Checked {
  readonly findings: readonly Finding[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** The validators' error localization; findings it explains carry `diagnosis` (an index into it). */
  readonly diagnosis: readonly Diagnosis[];
  readonly ms: number;
}

/**
/**
 * Validates the whole report with the project's rules (the cross-year ones too when last year's report
 * is known) and the diagnosis, timing it for the in-browser benchmark. The app runs it on its validation
 * worker (see validation.ts).
 */
export function check(report: Report, previous?: Report): Checked {
  const t0 = performance.now();
  const { findings, counts, diagnosis } = validateReport(report, previous === undefined ? {} : { previous });
  const ms = performance.now() - t0;
  performance.measure("xxgk:validate", { start: t0, duration: ms });
  return { findings, counts, diagnosis, ms };
}

/**
 * The rules whose `about` cell is a 合计 / 总计 the author may ask the app to compute. T3.balance is not
 * among them: when 一 + 二 ≠ （七）+ 四, which side is wrong is for the author to decide.
 */
const TOTAL_RULES: ReadonlySet<string> = new Set(["T3.results-total", "T3.row-total", "T4.total"]);

/** One cell 计算合计 would change. */
export interface TotalChange {
  readonly key: string;
  readonly pointer: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/**
 * What 计算合计 proposes: every total the rules expect to differ, with the value they expect. Totals of
 * totals (（七）总计 / 总计) depend on other totals, so proposals are applied and checked again until
 * nothing changes. Returns the changes against the original report and the report they give.
 */
export function proposeTotals(report: Report): { changes: TotalChange[]; next: Report } {
  const layout = layoutOf(report.edition);
  let next = report;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    // Without the diagnosis: each total rule's finding is about its own total cell, with the sum it expects.
    for (const f of validateReport(next, { diagnose: false }).findings) {
      if (!TOTAL_RULES.has(f.code) || f.expected === undefined) continue;
      const def = layout.byPointer.get(f.pointer);
      if (!def) continue;
      const cell = getCell(next, def.key);
      if (cell.value === f.expected && cell.status === "number") continue;
      next = setCell(next, def.key, f.expected);
      changed = true;
    }
    if (!changed) break;
  }
  const changes: TotalChange[] = [];
  for (const def of layout.cells) {
    const from = getCell(report, def.key).raw;
    const to = getCell(next, def.key).raw;
    if (from !== to) {
      changes.push({
        key: def.key,
        pointer: def.pointer,
        label: [...def.rowLabels, ...def.colLabels].join(" / "),
        from,
        to,
      });
    }
  }
  return { changes, next };
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
