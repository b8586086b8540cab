import type { Report } from "@xxgk/core-model";
import type { ImportDiagnostic, ImportFormat, PdfOptions } from "@xxgk/importer";

/** What the import file pickers offer: every format the importer reads (it recognises them by content). */
export const IMPORT_ACCEPT = [
  ".json",
  ".html",
  ".htm",
  ".txt",
  ".docx",
  ".pdf",
  "application/json",
  "text/html",
  "text/plain",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/pdf",
].join(",");

/** One thing the import has to tell the author: where (line, page, Word paragraph or table cell, or JSON pointer) and what. */
export interface ImportNote {
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly page?: number;
  /** In a Word document: the paragraph, counted from the start (table cells' paragraphs included). */
  readonly paragraph?: number;
  /** In a Word document's table: which table (from 1), row and cell. */
  readonly cell?: { readonly table: number; readonly row: number; readonly cell: number };
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

/**
 * Where pdf.js finds its CMaps and standard fonts' data: the app's own origin (`pdfjs/`, emitted by the
 * build from the installed pdfjs-dist and precached by the service worker).
 */
function pdfjsData(): PdfOptions | undefined {
  const base = globalThis.document?.baseURI;
  if (base === undefined) return undefined;
  return {
    cMapUrl: new URL("pdfjs/cmaps/", base).href,
    standardFontDataUrl: new URL("pdfjs/standard_fonts/", base).href,
  };
}

/** Where a diagnostic points, by the kind of source: a line, a PDF page, a Word paragraph or table cell. */
function where(s: ImportDiagnostic["source"]): Pick<ImportNote, "line" | "page" | "paragraph" | "cell"> {
  if (s.page !== undefined) return { page: s.page };
  if (s.paragraph === undefined) return { line: s.line };
  const { table, row, cell } = s;
  return table !== undefined && row !== undefined && cell !== undefined
    ? { paragraph: s.paragraph, cell: { table, row, cell } }
    : { paragraph: s.paragraph };
}

/** A diagnostic as the import panel shows it (in Chinese). */
export function toNote(d: ImportDiagnostic): ImportNote {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message.zh,
    ...where(d.source),
    ...(d.source.excerpt === undefined ? {} : { excerpt: d.source.excerpt }),
    ...(d.pointer === undefined ? {} : { pointer: d.pointer }),
  };
}

/**
 * Imports a file's bytes or pasted text with the importer, which recognises what it is by content — our
 * own report JSON, a published HTML page (UTF-8 or GBK), a text copy, a Word document, a PDF — and says
 * why when it cannot. Each reader is loaded only when its format is seen (the Word reader and pdf.js are
 * chunks of their own; pdf.js runs in this thread, without WebAssembly or eval, under the app's CSP).
 */
export async function importSource(input: Uint8Array | string, fileName?: string): Promise<ImportResult> {
  const { importReport } = await import("@xxgk/importer");
  const pdf = pdfjsData();
  const r = await importReport(input, {
    ...(fileName === undefined ? {} : { fileName }),
    ...(pdf === undefined ? {} : { pdf }),
  });
  return { report: r.report, format: r.format, stats: r.stats, notes: r.diagnostics.map(toNote) };
}
