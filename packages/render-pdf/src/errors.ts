/** Why a PDF could not be made: font bytes that are not a usable TrueType font, or pdfmake failing. */
export type PdfErrorCode = "font.invalid" | "font.unreadable" | "pdf.failed";

/**
 * An operational failure of the PDF renderer, with a stable `code` and the underlying `cause`.
 * Problems in the report itself are never thrown: they come back as warnings.
 */
export class PdfRenderError extends Error {
  override readonly name = "PdfRenderError";
  readonly code: PdfErrorCode;

  constructor(code: PdfErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
