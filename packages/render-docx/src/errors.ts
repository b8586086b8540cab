/** Why a DOCX could not be made: the `docx` library failing, or its package not being what this renderer expects. */
export type DocxErrorCode = "docx.failed" | "docx.unexpected";

/**
 * An operational failure of the DOCX renderer, with a stable `code` and the underlying `cause`.
 * Problems in the report itself are never thrown: they come back as warnings.
 */
export class DocxRenderError extends Error {
  override readonly name = "DocxRenderError";
  readonly code: DocxErrorCode;

  constructor(code: DocxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
