// The JSON reader: our own report document (what `xxgk new`, the demo's export and a previous import
// write) is already a report — checked by core-model's parseReport and passed through unchanged. JSON that
// is broken, a report document that does not fit the format, or other JSON is refused with where and why.
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
  const value = parsed.value;
  const reportLike =
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    ("edition" in value || "meta" in value || "tables" in value);
  if (!reportLike) {
    // Some other JSON (a cells export, a findings list): its schema issues would say nothing useful.
    diag.add(
      "not-a-report",
      "error",
      "这个 JSON 文件不是年度报告文档（没有 edition、meta、tables）",
      "this JSON file is not a report document (no edition, meta or tables)",
      { line: 1 },
    );
    return null;
  }
  // A report document that does not fit the format: each problem at its pointer.
  for (const issue of issues.slice(0, MAX_ISSUES)) {
    const where = issue.pointer || "/";
    const keys = issue.keys ? `：${issue.keys.join("、")}` : "";
    diag.add(
      "invalid-report",
      "error",
      `报告文档不符合数据格式（${where}：${issue.message}${keys}）`,
      `the report document does not fit the format (${where}: ${issue.message}${issue.keys ? `: ${issue.keys.join(", ")}` : ""})`,
      { line: 1 },
      { pointer: issue.pointer },
    );
  }
  if (issues.length > MAX_ISSUES) {
    diag.add(
      "invalid-report",
      "error",
      `另有 ${issues.length - MAX_ISSUES} 处不符合数据格式，未逐一列出`,
      `${issues.length - MAX_ISSUES} more places do not fit the format (not listed)`,
      { line: 1 },
    );
  }
  return null;
}
