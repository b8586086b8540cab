/**
 * The two faces of the PDF as TrueType bytes: Noto Serif SC for the body (the nearest free face to the
 * 仿宋 of official documents) and Noto Sans SC for 一级标题 and table headers (黑体). In Node,
 * `loadNodeFonts()` from `@xxgk/render-pdf/node` reads them from the font packages; a browser fetches them.
 */
export interface PdfFonts {
  /** Body face (TTF bytes). */
  readonly serif: Uint8Array;
  /** Heading face (TTF bytes). */
  readonly sans: Uint8Array;
}
