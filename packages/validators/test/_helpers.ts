import { type CellInput, type Report, setCell } from "@xxgk/core-model";
import type { Finding, ValidationResult } from "../src/index.js";

/** A copy of the report with several cells replaced. */
export function withCells(report: Report, cells: Record<string, CellInput>): Report {
  return Object.entries(cells).reduce((r, [k, v]) => setCell(r, k, v), report);
}

/** The findings of one rule. */
export function of(result: ValidationResult, code: string): Finding[] {
  return result.findings.filter((f) => f.code === code);
}

/** The codes of all error and warning findings, deduplicated and sorted. */
export function problems(result: ValidationResult): string[] {
  return [...new Set(result.findings.filter((f) => f.severity !== "info").map((f) => f.code))].sort();
}
