// The Word (DOCX) reader. Reading DOCX files (paragraphs and tables with their merged cells, into text
// and table blocks) is the next step of this package; until then a DOCX is recognised and refused with a
// clear error rather than read as text. This module is loaded only when a DOCX is seen.
import type { Diagnostics } from "../_diagnostics.js";
import type { SourceDocument } from "../source.js";

/** Reads a Word document into the intermediate document; for now, says that DOCX reading is not available yet. */
export async function readDocx(_bytes: Uint8Array, diag: Diagnostics): Promise<SourceDocument | null> {
  diag.add(
    "format-unsupported",
    "error",
    "这是一个 Word 文档（.docx）：本版本还不能读取 Word 文档。请在 Word 或 WPS 中另存为网页（.html）后导入",
    "this is a Word document (.docx): this version cannot read Word documents yet. Save it as a web page (.html) in Word or WPS and import that",
    { line: 1 },
  );
  return null;
}
