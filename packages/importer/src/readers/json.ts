// The JSON reader: our own report document (what `xxgk new`, the demo's export and a previous import
// write) is already a report — checked by core-model's parseReport and passed through unchanged. JSON that
// is broken, or is not a report, is refused with where and why.
import { parseJsonText, parseReport } from "@xxgk/core-model";
import { type Diagnostics, excerpt } from "../_diagnostics.js";
import type { SourceDocument } from "../source.js";

/** Issues listed for a JSON document that is not a report; the rest are counted. */
const MAX_ISSUES = 50;

/** Reads a report JSON document; `null` (with an error saying why) when it is not one. */
export function readJson(text: string, diag: Diagnostics): SourceDocument | null {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, offset, reason } = parsed.error;
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    const lineEnd = text.indexOf("\n", offset);
    diag.add(
      "json-syntax",
      "error",
      `这是一个 JSON 文件，但第 ${line} 行第 ${column} 列有语法错误：${reason.zh}。请检查该处的引号、逗号和括号`,
      `this is a JSON file with a syntax error at line ${line}, column ${column}: ${reason.en}. Check the quotes, commas and brackets there`,
      { line, column, excerpt: excerpt(text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd)) },
    );
    return null;
  }
  const report = parseReport(parsed.value);
  if (report.ok) {
    diag.add(
      "already-report",
      "info",
      "这个 JSON 文件已经是一份年度报告，已原样读入（未做转换）",
      "this JSON file is already a report; it was taken as it is (nothing converted)",
      { line: 1 },
    );
    return {
      format: "json",
      start: { line: 1 },
      blocks: [],
      tables: "grids",
      titleAt: "first-line",
      containers: [],
      titles: [],
      published: [],
      report: { value: report.report, unsure: 0 },
    };
  }
  const { issues } = report;
  diag.add(
    "not-a-report",
    "error",
    `这个 JSON 文件不是年度报告文档：有 ${issues.length} 处不符合报告的数据格式${issues.length > MAX_ISSUES ? `（列出前 ${MAX_ISSUES} 处）` : ""}`,
    `this JSON file is not a report document: ${issues.length} places do not fit the report format${issues.length > MAX_ISSUES ? ` (the first ${MAX_ISSUES} listed)` : ""}`,
    { line: 1 },
  );
  for (const issue of issues.slice(0, MAX_ISSUES)) {
    const keys = issue.keys ? `：${issue.keys.join("、")}` : "";
    diag.add(
      "invalid-report",
      "error",
      `${issue.pointer || "/"} 不符合报告的数据格式：${issue.message}${keys}`,
      `${issue.pointer || "/"} does not fit the report format: ${issue.message}${issue.keys ? `: ${issue.keys.join(", ")}` : ""}`,
      { line: 1 },
      { pointer: issue.pointer },
    );
  }
  return null;
}
