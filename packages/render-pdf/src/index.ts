/**
 * @xxgk/render-pdf — a 政府信息公开工作年度报告 as a PDF in the GB/T 9704-2012 公文 layout, with both
 * editions' tables in the official merged-cell grid, embedded font subsets and byte-identical output.
 * Works in Node and in the browser; Node callers get the fonts from `@xxgk/render-pdf/node`.
 */
export type { Line, Segment } from "./_lines.js";
export { titleLines, wordBoundaries } from "./_title.js";
export {
  type BuiltDocument,
  buildDocDefinition,
  buildDocument,
  creationDateOf,
  type DocOptions,
  estimatedTableHeight,
  mm,
  type PdfPreset,
  PRESETS,
  type PresetSpec,
  textBlockOf,
  trackingFor,
} from "./document.js";
export { type PdfErrorCode, PdfRenderError } from "./errors.js";
export {
  type BundledFontBytes,
  bundledFonts,
  FONT_ROLES,
  type FontRole,
  type FontSource,
  type FontUse,
  type PdfFonts,
  type ResolvedFonts,
  resolveFonts,
  withOfficeFonts,
} from "./fonts.js";
export { type RenderPdfOptions, type RenderPdfResult, renderPdf } from "./render.js";
export { checkGlyphs, type PdfWarning, type PrintedText, printedTexts } from "./warnings.js";
