// The PDF reader. Reading PDFs (text items and drawn table rules with pdfjs-dist, into text and table
// blocks with page positions) is the next step of this package; until then a PDF is recognised and
// refused with a clear error rather than read as text. This module is loaded only when a PDF is seen.
import type { Diagnostics } from "../_diagnostics.js";
import type { SourceDocument } from "../source.js";

/** Reads a PDF into the intermediate document; for now, says that PDF reading is not available yet. */
export async function readPdf(_bytes: Uint8Array, diag: Diagnostics): Promise<SourceDocument | null> {
  diag.add(
    "format-unsupported",
    "error",
    "这是一个 PDF 文件：本版本还不能读取 PDF。请改用报告的网页（HTML）或文字复制件导入",
    "this is a PDF file: this version cannot read PDFs yet. Import the report's web page (HTML) or a text copy instead",
    { page: 1, x: 0, y: 0 },
  );
  return null;
}
