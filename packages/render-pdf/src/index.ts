/**
 * @xxgk/render-pdf — a 政府信息公开工作年度报告 as a PDF in the GB/T 9704-2012 公文 layout, with both
 * editions' tables in the official merged-cell grid, embedded font subsets and byte-identical output.
 * Works in Node and in the browser; Node callers get the fonts from `@xxgk/render-pdf/node`.
 */
export {
  buildDocDefinition,
  creationDateOf,
  type DocOptions,
  FONT_FAMILIES,
  mm,
  type PdfPreset,
  PRESETS,
  type PresetSpec,
  textBlockOf,
  textRuns,
} from "./document.js";
export { type PdfErrorCode, PdfRenderError } from "./errors.js";
export type { PdfFonts } from "./fonts.js";
export { type RenderPdfOptions, type RenderPdfResult, renderPdf } from "./render.js";
export { checkGlyphs, type Face, type PdfWarning, type PrintedText, printedTexts } from "./warnings.js";
