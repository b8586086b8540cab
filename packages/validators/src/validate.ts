import { type EditionId, parseReport, type Report } from "@xxgk/core-model";
import { run } from "./_engine.js";
import { sortFindings } from "./_order.js";
import { schemaFindings } from "./_schema.js";
import type {
  BlankPolicy,
  Finding,
  ValidateOptions,
  ValidateReportOptions,
  ValidationResult,
} from "./types.js";

function finish(findings: Finding[], edition: EditionId | undefined, report?: Report): ValidationResult {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const sorted = sortFindings(findings, edition);
  return report === undefined ? { findings: sorted, counts } : { report, findings: sorted, counts };
}

function previousProblem(message: { zh: string; en: string }): Finding {
  return { code: "X.previous", severity: "warning", pointer: "", related: [], message };
}

const policy = (b: unknown): BlankPolicy => (b === "not-assessable" ? "not-assessable" : "count-as-zero");

function check(
  report: Report,
  previous: Report | undefined,
  blanks: BlankPolicy,
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
  run(report, usable, blanks, out);
  return finish(out, report.edition, report);
}

/**
 * Checks an already parsed report (the demo calls this on every edit). Never throws for a report that
 * {@link parseReport} produced.
 */
export function validateReport(report: Report, options: ValidateReportOptions = {}): ValidationResult {
  return check(report, options.previous, policy(options.blanks), []);
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
  return check(parsed.report, previous, policy(options.blanks), out);
}
