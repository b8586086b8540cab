import type { Report } from "@xxgk/core-model";
import { checkLayout } from "./_check.js";
import { printPdf } from "./_pdfmake.js";
import { buildDocument, type PdfPreset } from "./document.js";
import { type FontUse, type PdfFonts, type ResolvedFonts, resolveFonts } from "./fonts.js";
import { findMissingGlyphs, fontUses, type PdfWarning, printedTexts, shrunkCellWarning } from "./warnings.js";

/** How to render: the preset and the fonts. */
export interface RenderPdfOptions {
  /** Default `official` (GB/T 9704 公文 layout); `compact` for plain printing. */
  readonly preset?: PdfPreset;
  readonly fonts: PdfFonts;
}

/** The PDF and what the reader should know about it. */
export interface RenderPdfResult {
  readonly pdf: Uint8Array;
  /** Characters no font can draw, each with the JSON pointer of its text; cells set small. */
  readonly warnings: PdfWarning[];
  /** Which file (and face) served each role: title, body, 一级标题, 二级标题. */
  readonly fonts: FontUse[];
  readonly pages: number;
}

/**
 * Renders a report to PDF. The same report and fonts give byte-identical output (the creation date is
 * the report's publication date). Throws {@link PdfRenderError} for unusable fonts, a pdfmake failure, or
 * a text that would not be on any page (never a PDF that silently lacks a cell, label or block).
 */
export async function renderPdf(report: Report, options: RenderPdfOptions): Promise<RenderPdfResult> {
  const fonts: ResolvedFonts = resolveFonts(options.fonts);
  const { warnings, fallback } = findMissingGlyphs(printedTexts(report), fonts.chains);
  const { doc, shrunk } = buildDocument(report, {
    fonts,
    ...(options.preset === undefined ? {} : { preset: options.preset }),
  });
  const printed = await printPdf(doc, fonts);
  checkLayout(report, printed.texts);
  for (const pointer of shrunk) warnings.push(shrunkCellWarning(pointer));
  return { pdf: printed.pdf, warnings, fonts: fontUses(fonts, fallback), pages: printed.pages };
}
