import { documentProperties, type Report } from "@xxgk/core-model";
import { Packer } from "docx";
import { repack } from "./_package.js";
import { buildDocument } from "./document.js";
import { DocxRenderError } from "./errors.js";
import { DOCX_FONTS } from "./fonts.js";
import { checkCharacters, type DocxWarning } from "./warnings.js";

/** The DOCX and what the reader should know about it. */
export interface RenderDocxResult {
  readonly docx: Uint8Array;
  /** Characters a Word document cannot hold, left out, each with the JSON pointer of its text. */
  readonly warnings: DocxWarning[];
}

/**
 * Renders a report to a Word document (DOCX) in the GB/T 9704 公文 layout. The same report gives
 * byte-identical output (every date in the package is the report's, see `documentProperties`). Runs in
 * Node and in browsers. Throws {@link DocxRenderError} only if the `docx` library fails.
 */
export async function renderDocx(report: Report): Promise<RenderDocxResult> {
  const warnings = checkCharacters(report);
  const props = documentProperties(report);
  let packed: Uint8Array;
  try {
    packed = await Packer.pack(buildDocument(report), "uint8array");
  } catch (cause) {
    throw new DocxRenderError("docx.failed", `docx could not write the document: ${String(cause)}`, {
      cause,
    });
  }
  const docx = repack(packed, {
    date: props.date,
    language: props.language,
    fonts: Object.values(DOCX_FONTS),
  });
  return { docx, warnings };
}
