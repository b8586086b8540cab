/**
 * @xxgk/importer — published 政府信息公开工作年度报告 (HTML pages, plain-text copies, our own rendering)
 * back into report data, with a diagnostic for everything it was unsure of.
 */
export { importHtml, importReport, importText } from "./import.js";
export type { ImportDiagnostic, ImportOptions, ImportResult, ImportStats, SourcePosition } from "./types.js";
