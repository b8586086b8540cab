import type { Report } from "@xxgk/core-model";

/** A place in a text format (HTML, plain text, JSON): 1-based line (and column), with a short excerpt. */
export interface TextPosition {
  line: number;
  column?: number;
  excerpt?: string;
  page?: never;
  paragraph?: never;
}

/**
 * A place on a page of a paginated format (PDF): 1-based page number and the point on it, in PDF points
 * (1/72 inch) from the page's top-left corner, with a short excerpt.
 */
export interface PagePosition {
  page: number;
  x: number;
  y: number;
  excerpt?: string;
  line?: never;
  paragraph?: never;
}

/**
 * A place in a Word document (DOCX): the paragraph's number in document order, as Word's object model
 * counts them (`Document.Paragraphs(n)`: the paragraphs inside table cells included); for a table cell
 * also its table (counted from 1 in document order), row and cell (the n-th cell of the row, a merged
 * cell counted once, as Word's `Cell(row, column)`); with a short excerpt.
 */
export interface ParagraphPosition {
  paragraph: number;
  table?: number;
  row?: number;
  cell?: number;
  excerpt?: string;
  line?: never;
  page?: never;
}

/**
 * Where in the source a diagnostic points: a line for text formats, a page and point for PDF, a
 * paragraph (or table cell) for Word. Tell them apart by `source.page !== undefined`,
 * `source.paragraph !== undefined`.
 */
export type SourcePosition = TextPosition | PagePosition | ParagraphPosition;

/**
 * Something the importer was unsure of, could not place, or settled in a way worth saying. Codes are
 * stable (see the README's table); `pointer` names the report cell or field concerned.
 */
export interface ImportDiagnostic {
  code: string;
  severity: "error" | "warning" | "info";
  message: { zh: string; en: string };
  source: SourcePosition;
  pointer?: string;
  /** For labels matched approximately: what was written and the official label it was taken for. */
  matched?: { written: string; label: string };
}

/**
 * How many of the edition's cells were placed confidently, placed with a doubt (a diagnostic), or not
 * found in the source (left blank). `placed + unsure + missing = total` (all 0 when nothing was read).
 */
export interface ImportStats {
  placed: number;
  unsure: number;
  missing: number;
  total: number;
}

/**
 * What a source was recognised as, by its content: our own rendering (`xxgk-html`), a published page
 * (`html`), a plain-text copy (`text`), our own report JSON (`json`), a PDF (`pdf`), a Word document
 * (`docx`), a legacy Word / WPS file (`doc`, refused), or something else (`unknown`, refused).
 */
export type ImportFormat = "xxgk-html" | "html" | "text" | "json" | "pdf" | "docx" | "doc" | "unknown";

/** The character encoding a byte input was decoded from (WHATWG names). */
export type TextEncoding =
  | "utf-8"
  | "utf-16le"
  | "utf-16be"
  | "utf-32le"
  | "utf-32be"
  | "gb18030"
  | "big5"
  | "shift_jis"
  | "euc-jp"
  | "euc-kr";

/**
 * What a file says about itself (a PDF's document information dictionary), as written there. Kept apart
 * from the report on purpose: `created` is when the file was made (a PDF printed from a draft, or
 * converted again years later), not when the report was published, so it never feeds the publication
 * date or the deadline rule.
 */
export interface DocumentProperties {
  /** The file's Title property: often a template's name ("政府信息公开工作年度报告"). */
  title?: string;
  author?: string;
  /** The program that made the original ("WPS 文字", "Microsoft® Word …"). */
  creator?: string;
  /** The program that wrote the PDF. */
  producer?: string;
  /** When the file was created / last modified: ISO 8601 with the offset as stated (`2025-02-25T10:02:50+08:00`). */
  created?: string;
  modified?: string;
}

/** The outcome of an import: the report (or `null` when the source cannot be read as one) and why. */
export interface ImportResult {
  report: Report | null;
  diagnostics: ImportDiagnostic[];
  stats: ImportStats;
  /** What the source was read as. */
  format: ImportFormat;
  /** The encoding bytes of a text format were decoded from; absent for strings and binary formats. */
  encoding?: TextEncoding;
  /** The file's own properties, when it states them (PDF); never part of the report. */
  properties?: DocumentProperties;
}

/** Options of {@link importReport}; `year` and `organ` override what the title says. */
export interface ImportOptions {
  /** The source's file name, for the caller's own messages (the importer's diagnostics carry positions). */
  fileName?: string;
  /**
   * `auto` (default) recognises the format by content. `html` or `text` reads a text input with that
   * reader whatever it looks like; binary formats (PDF, Word, images…) are still recognised as such.
   */
  format?: "auto" | "html" | "text";
  year?: number;
  organ?: string;
  /**
   * Where pdf.js's data files are served, for PDFs in the browser: `cMapUrl` (its `cmaps/` folder —
   * without it a PDF whose Chinese fonts are not embedded has no text) and `standardFontDataUrl` (its
   * `standard_fonts/`), each a URL ending in `/`. In Node they are found in the installed package.
   */
  pdf?: PdfOptions;
}

/** Where pdf.js's CMaps and standard font data are ({@link ImportOptions.pdf}). */
export interface PdfOptions {
  cMapUrl?: string;
  standardFontDataUrl?: string;
}
