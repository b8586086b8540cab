import type { Report } from "@xxgk/core-model";
import type { ImportDiagnostic, ImportFormat } from "@xxgk/importer";

/** One thing the import has to tell the author: where (line, page or JSON pointer) and what. */
export interface ImportNote {
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly page?: number;
  /** The source text around the place, as the importer quotes it. */
  readonly excerpt?: string;
  readonly pointer?: string;
}

/** The outcome of an import: maybe a report, always the notes explaining what happened. */
export interface ImportResult {
  readonly report: Report | null;
  readonly format: ImportFormat;
  readonly notes: readonly ImportNote[];
  readonly stats: { placed: number; unsure: number; missing: number; total: number };
}

/** How the import panel names what a file was read as. */
export const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  json: "JSON",
  "xxgk-html": "HTML 网页",
  html: "HTML 网页",
  text: "文字",
  pdf: "PDF",
  docx: "Word 文档",
  doc: "旧版 Word/WPS 文档",
  unknown: "无法识别的文件",
};

/** A diagnostic as the import panel shows it (in Chinese). */
export function toNote(d: ImportDiagnostic): ImportNote {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message.zh,
    ...(d.source.page === undefined ? { line: d.source.line } : { page: d.source.page }),
    ...(d.source.excerpt === undefined ? {} : { excerpt: d.source.excerpt }),
    ...(d.pointer === undefined ? {} : { pointer: d.pointer }),
  };
}

/**
 * Imports a file's bytes or pasted text with the importer, which recognises what it is by content — our
 * own report JSON, a published HTML page (UTF-8 or GBK), a text copy — and says why when it cannot.
 */
export async function importSource(input: Uint8Array | string, fileName?: string): Promise<ImportResult> {
  const { importReport } = await import("@xxgk/importer");
  const r = await importReport(input, fileName === undefined ? {} : { fileName });
  return { report: r.report, format: r.format, stats: r.stats, notes: r.diagnostics.map(toNote) };
}
