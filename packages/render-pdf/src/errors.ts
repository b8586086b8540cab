/**
 * Why a PDF could not be made: font bytes that are not a usable font, pdfmake failing, or a text that
 * would not be on any page (a table cell too long for a page, or anything the layout left out).
 */
export type PdfErrorCode =
  | "font.invalid"
  | "font.unreadable"
  | "pdf.failed"
  | "content.too-long"
  | "content.lost";

/**
 * An operational failure of the PDF renderer, with a stable `code` and the underlying `cause`.
 * Problems in the report itself come back as warnings, except text that cannot be printed at all.
 */
export class PdfRenderError extends Error {
  override readonly name = "PdfRenderError";
  readonly code: PdfErrorCode;

  constructor(code: PdfErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
