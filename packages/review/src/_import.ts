// The review's one call into the importer, shaped like the importer's coming API: `importReport(bytes |
// text, options) → Promise<ImportResult>` that never rejects and sniffs the format by content (HTML, text,
// our own JSON; PDF and DOCX later). Until that API lands, this adapter wraps the synchronous text importer
// and reads our own JSON documents itself; when it lands, this file shrinks to the one call.
import { layoutOf, parseReport } from "@xxgk/core-model";
import { type ImportDiagnostic, type ImportResult, importReport } from "@xxgk/importer";

/** What the importer made of one input; `format` also names `json` (our own documents). */
export type ImportOutcome = Omit<ImportResult, "format"> & { readonly format: string };

/** Options the review passes on. */
export interface ImportCall {
  readonly fileName: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030");

const NONE = { placed: 0, unsure: 0, missing: 0, total: 0 };

function failure(code: string, zh: string, en: string, format = "unknown"): ImportOutcome {
  const d: ImportDiagnostic = { code, severity: "error", message: { zh, en }, source: { line: 1 } };
  return { report: null, diagnostics: [d], stats: NONE, format };
}

function decode(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = gb18030.decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readJson(text: string): ImportOutcome | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined; // not JSON: let the text reader say what it is
  }
  if (typeof doc !== "object" || doc === null || !("edition" in doc || "meta" in doc || "tables" in doc)) {
    return failure(
      "not-a-report",
      "JSON 文件不是年度报告文档",
      "a JSON file that is not a report document",
      "json",
    );
  }
  const parsed = parseReport(doc);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    return failure(
      "invalid-report",
      `不符合报告文档格式（${first.pointer || "/"}：${first.message}，共 ${parsed.issues.length} 处）`,
      `does not fit the report schema (${first.pointer || "/"}: ${first.message}; ${parsed.issues.length} issues)`,
      "json",
    );
  }
  const total = layoutOf(parsed.report.edition).cells.length;
  return {
    report: parsed.report,
    diagnostics: [],
    stats: { placed: total, unsure: 0, missing: 0, total },
    format: "json",
  };
}

/** Reads one input as the importer will: never rejects; `report` is `null` when the input is not a report. */
export async function importSource(input: Uint8Array | string, call: ImportCall): Promise<ImportOutcome> {
  try {
    if (typeof input !== "string" && input.subarray(0, 8192).includes(0)) {
      return failure(
        "unsupported-format",
        "二进制文件，不是网页、文本或报告文档",
        "a binary file, not a page, a text copy or a report document",
      );
    }
    const text = typeof input === "string" ? input : decode(input);
    if (/^\s*[{[]/.test(text)) {
      const json = readJson(text);
      if (json !== undefined) return json;
    }
    return importReport(text, { fileName: call.fileName });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return failure("import-failed", `读取失败：${why}`, `could not be read: ${why}`);
  }
}
