import type { Report } from "@xxgk/core-model";
import { coverageOf } from "./_glyphs.js";
import { printPdf } from "./_pdfmake.js";
import { buildDocDefinition, type PdfPreset } from "./document.js";
import type { PdfFonts } from "./fonts.js";
import { findMissingGlyphs, type PdfWarning, printedTexts } from "./warnings.js";

/** How to render: the preset and the font bytes. */
export interface RenderPdfOptions {
  /** Default `official` (GB/T 9704 公文 layout); `compact` for plain printing. */
  readonly preset?: PdfPreset;
  readonly fonts: PdfFonts;
}

/** The PDF and what the reader should know about it. */
export interface RenderPdfResult {
  readonly pdf: Uint8Array;
  /** Characters the fonts cannot draw, each with the JSON pointer of its text. */
  readonly warnings: PdfWarning[];
}

/**
 * Renders a report to PDF. The same report and fonts give byte-identical output (the creation date is
 * the report's publication date). Throws {@link PdfRenderError} only for unusable fonts or a pdfmake failure.
 */
export async function renderPdf(report: Report, options: RenderPdfOptions): Promise<RenderPdfResult> {
  const coverage = { serif: coverageOf(options.fonts.serif), sans: coverageOf(options.fonts.sans) };
  const warnings = findMissingGlyphs(printedTexts(report), coverage);
  const doc = buildDocDefinition(report, options.preset === undefined ? {} : { preset: options.preset });
  const pdf = await printPdf(doc, options.fonts);
  return { pdf, warnings };
}
