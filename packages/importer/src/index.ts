/**
 * @xxgk/importer — published 政府信息公开工作年度报告 (HTML pages, Word documents, plain-text copies, our
 * own rendering, report JSON, and PDFs) back into report data, with a diagnostic for everything
 * it was unsure of.
 */
export { type DecodedText, decodeText } from "./decode.js";
export { type FormatOptions, formatDiagnostic, formatSource, type Lang } from "./format.js";
export { importHtml, importReport, importText } from "./import.js";
export { binaryFormat } from "./sniff.js";
export type {
  ImportDiagnostic,
  ImportFormat,
  ImportOptions,
  ImportResult,
  ImportStats,
  PagePosition,
  ParagraphPosition,
  PdfOptions,
  SourcePosition,
  TextEncoding,
  TextPosition,
} from "./types.js";
