// What the validation worker runs: every call of @xxgk/validators the app makes. The page never imports
// this module (only the worker does, and the page's fallback when workers are unavailable, as a lazy
// chunk), so the rules, the diagnosis and its solver are downloaded once, with the worker.
import { getCell, layoutOf, levelOf, type Report, setCell } from "@xxgk/core-model";
import { carryOver, validateReport } from "@xxgk/validators";
import type { Checked, Summary, Task, TaskResult, TotalChange } from "./checks.js";

/**
 * Validates the whole report with the project's rules (the cross-year ones too when last year's report
 * is known) and the diagnosis, timing it for the in-browser benchmark; with the report's level as
 * core-model's `levelOf` decides it and what it infers from the organ and the text alone, for the level
 * field.
 */
export function check(report: Report, previous?: Report): Checked {
  const t0 = performance.now();
  const { findings, counts, diagnosis } = validateReport(report, previous === undefined ? {} : { previous });
  const ms = performance.now() - t0;
  performance.measure("xxgk:validate", { start: t0, duration: ms });
  const level = levelOf(report);
  const { level: _level, levelReason: _reason, ...unstated } = report.meta;
  const inferredLevel = level.source === "inferred" ? level : levelOf({ ...report, meta: unstated });
  return { findings, counts, diagnosis, level, inferredLevel, ms };
}

/** The error and warning counts the report list shows: the report on its own, without the diagnosis. */
export function summarize(report: Report): Summary {
  const { counts } = validateReport(report, { diagnose: false });
  return { errors: counts.error, warnings: counts.warning };
}

/**
 * The rules whose `about` cell is a 合计 / 总计 the author may ask the app to compute. T3.balance is not
 * among them: when 一 + 二 ≠ （七）+ 四, which side is wrong is for the author to decide.
 */
const TOTAL_RULES: ReadonlySet<string> = new Set(["T3.results-total", "T3.row-total", "T4.total"]);

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

/** Runs one task: what the worker does with each request, and the page with none. */
export function run(task: Task): TaskResult[Task["kind"]] {
  switch (task.kind) {
    case "check":
      return check(task.report, task.previous);
    case "summarize":
      return summarize(task.report);
    case "totals":
      return proposeTotals(task.report);
    case "carryOver":
      return carryOver(task.report);
  }
}
