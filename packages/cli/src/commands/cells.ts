import { parseCellText, parseReport } from "@xxgk/core-model";
import { validate } from "@xxgk/validators";
import { readJson } from "../_json.js";
import { OUTPUT_OPTIONS, writeOutput } from "../_output.js";
import { defineCommand } from "../command.js";
import { BOM, toCsv } from "../csv.js";
import { ReportInvalidError, UsageError } from "../errors.js";
import { CELL_RECORD_FIELDS, type CellRecord, cellRecords } from "../records.js";

/**
 * Excel runs a cell that starts with `=`, `+`, `-` or `@` as a formula, which a hostile report could
 * use. Numbers (`+19`, `-18`) and not-applicable marks (`-`) are safe and kept; any other such text
 * gets a leading `'` — only in `--bom` (Excel) output, so plain CSV stays exactly as written.
 */
function excelSafe(raw: string): string {
  if (!/^[=+\-@\t\r]/.test(raw)) return raw;
  const status = parseCellText(raw).status;
  return status === "number" || status === "na" ? raw : `'${raw}`;
}

/** The records as one JSON array, one record per line: valid JSON that also diffs and greps well. */
export function recordsToJson(records: readonly CellRecord[]): string {
  return records.length === 0
    ? "[]\n"
    : `[\n${records.map((r) => `  ${JSON.stringify(r)}`).join(",\n")}\n]\n`;
}

/** `xxgk cells`: every table cell of a report as one tidy record, in official order. */
export const cellsCommand = defineCommand({
  name: "cells",
  summary: {
    zh: "导出表格单元格（每格一条记录，CSV 或 JSON）",
    en: "export table cells, one record each (CSV or JSON)",
  },
  usage: "xxgk cells <file> [--format csv|json] [--bom] [-o FILE] [--force]",
  options: {
    format: {
      type: "string",
      arg: "csv|json",
      choices: ["csv", "json"],
      describe: { zh: "输出格式（默认 csv）", en: "output format (default csv)" },
    },
    bom: {
      type: "boolean",
      describe: {
        zh: "CSV 开头加 UTF-8 BOM，供 Excel 正确识别中文（并防止公式注入）",
        en: "start the CSV with a UTF-8 BOM so Excel reads Chinese correctly (and guard against formulas)",
      },
    },
    ...OUTPUT_OPTIONS,
  },
  details: {
    zh: [
      "字段：table（二/三/四）、row（行标签路径，以 “ / ” 连接；表四为空）、column（列标签路径）、",
      'raw（原文，空白单元格为 ""）、value（数值，或 null）、pointer（JSON 指针）。按官方顺序输出。',
      "CSV 遵循 RFC 4180（CRLF 换行，必要时加双引号）；JSON 为数组，每行一条记录。",
    ].join("\n"),
    en: [
      "Fields: table (二/三/四), row (official row label path joined by ' / '; empty in table 四),",
      'column (column label path), raw (as written, "" for blank), value (number or null), pointer (JSON pointer).',
      "Records come in official order. CSV per RFC 4180 (CRLF, quoted when needed); JSON is an array, one record a line.",
    ].join("\n"),
  },
  async run({ values, positionals }, { io }) {
    if (positionals.length !== 1) {
      throw new UsageError({ zh: "cells 需要且只需要一个文件", en: "cells takes exactly one file" }, "cells");
    }
    const file = positionals[0]!;
    const format = values.format ?? "csv";
    if (values.bom && format !== "csv") {
      throw new UsageError({ zh: "--bom 只用于 CSV 输出", en: "--bom applies to CSV output only" }, "cells");
    }
    const doc = await readJson(file, io);
    const parsed = parseReport(doc);
    if (!parsed.ok) {
      // validators word the same schema problems in both languages; zod's own messages are English.
      const worded = validate(doc).findings.filter((f) => f.severity === "error");
      throw new ReportInvalidError(
        file,
        worded.length > 0
          ? worded.map((f) => ({ pointer: f.pointer, message: f.message }))
          : parsed.issues.map((i) => ({ pointer: i.pointer, message: { zh: i.message, en: i.message } })),
      );
    }
    const records = cellRecords(parsed.report);
    const text =
      format === "json"
        ? recordsToJson(records)
        : (values.bom ? BOM : "") +
          toCsv([
            CELL_RECORD_FIELDS,
            ...records.map((r) => [
              r.table,
              r.row,
              r.column,
              values.bom ? excelSafe(r.raw) : r.raw,
              r.value,
              r.pointer,
            ]),
          ]);
    await writeOutput(text, { file: values.output, force: values.force === true, inputs: [file] }, io);
    return "ok";
  },
});
