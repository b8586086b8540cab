import { type EditionId, parseReport, type Report } from "@xxgk/core-model";
import { type RunOptions, run } from "./_engine.js";
import { sortFindings } from "./_order.js";
import { schemaFindings } from "./_schema.js";
import type {
  BlankNotices,
  Diagnosis,
  Finding,
  ValidateOptions,
  ValidateReportOptions,
  ValidationResult,
} from "./types.js";

const NO_DIAGNOSIS: readonly Diagnosis[] = Object.freeze([]);

function finish(
  findings: Finding[],
  edition: EditionId | undefined,
  report?: Report,
  diagnosis: readonly Diagnosis[] = NO_DIAGNOSIS,
): ValidationResult {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const sorted = sortFindings(findings, edition);
  if (diagnosis.length > 0) {
    const explains: number[][] = diagnosis.map(() => []);
    sorted.forEach((f, i) => {
      if (f.diagnosis !== undefined) explains[f.diagnosis]!.push(i);
    });
    diagnosis = diagnosis.map((d, i) => ({ ...d, explains: explains[i]! }));
  }
  return report === undefined
    ? { findings: sorted, counts, diagnosis }
    : { report, findings: sorted, counts, diagnosis };
}

function previousProblem(message: { zh: string; en: string }): Finding {
  return { code: "X.previous", severity: "warning", pointer: "", related: [], message };
}

const NOTICES: readonly BlankNotices[] = ["table", "cell", "both"];

function runOptions(o: ValidateOptions | ValidateReportOptions): RunOptions {
  return {
    blanks: o.blanks === "not-assessable" ? "not-assessable" : "count-as-zero",
    blankNotices: NOTICES.includes(o.blankNotices as BlankNotices)
      ? (o.blankNotices as BlankNotices)
      : "table",
    diagnose: o.diagnose !== false,
  };
}

function check(
  report: Report,
  previous: Report | undefined,
  options: RunOptions,
  out: Finding[],
): ValidationResult {
  let usable = previous;
  if (previous !== undefined && previous.meta.year !== report.meta.year - 1) {
    usable = undefined;
    out.push(
      previousProblem({
        zh: `给出的上年报告是${previous.meta.year}年度的，不是${report.meta.year - 1}年度：跨年度核对未进行`,
        en: `Last year's report is for ${previous.meta.year}, not ${report.meta.year - 1}: cross-year rules skipped`,
      }),
    );
  }
  const diagnosis = run(report, usable, options, out);
  return finish(out, report.edition, report, diagnosis);
}

/**
 * Checks an already parsed report (the demo calls this on every edit). Never throws for a report that
 * {@link parseReport} produced.
 */
export function validateReport(report: Report, options: ValidateReportOptions = {}): ValidationResult {
  return check(report, options.previous, runOptions(options), []);
}

/**
 * Checks any JSON value: first against the report schema (mismatches become `schema` / `edition`
 * findings with JSON pointers), then every rule. Never throws.
 */
export function validate(document: unknown, options: ValidateOptions = {}): ValidationResult {
  const parsed = parseReport(document);
  if (!parsed.ok) return finish(schemaFindings(document, parsed.issues), undefined);
  const out: Finding[] = [];
  let previous: Report | undefined;
  if (options.previous !== undefined) {
    const p = parseReport(options.previous);
    if (p.ok) previous = p.report;
    else {
      const first = p.issues[0];
      const where = first ? `${first.pointer || "/"}: ${first.message}` : "";
      out.push(
        previousProblem({
          zh: `上年报告不符合报告格式（${where}）：跨年度核对未进行`,
          en: `Last year's report does not fit the report schema (${where}): cross-year rules skipped`,
        }),
      );
    }
  }
  return check(parsed.report, previous, runOptions(options), out);
}
