/**
 * @xxgk/validators — the 勾稽关系 of 政府信息公开工作年度报告 (FORMAT.md §6) declared as data and run by
 * one small engine: findings with stable codes, JSON pointers, expected/actual numbers and zh/en messages.
 */

export { DIAGNOSIS_LIMITS, DIAGNOSIS_WEIGHTS } from "./_diagnose.js";
export { type CarriedCell, type CarryOverResult, carryOver } from "./carry-over.js";
export { formatDiagnosis, formatFinding } from "./format.js";
export { type ReadRole, RULES, rulesReading } from "./rules/index.js";
export { NARRATIVE_PATTERNS } from "./rules/text.js";
export type {
  BlankColumn,
  BlankNotices,
  BlankPolicy,
  Diagnosis,
  EditionPair,
  Equation,
  Explanation,
  Finding,
  Message,
  NarrativePattern,
  RuleDef,
  RuleKind,
  Severity,
  SuspectCell,
  Term,
  ValidateOptions,
  ValidateReportOptions,
  ValidationResult,
} from "./types.js";
export { validate, validateReport } from "./validate.js";
