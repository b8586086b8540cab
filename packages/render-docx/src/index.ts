/**
 * @xxgk/render-docx — a 政府信息公开工作年度报告 as a Word document (DOCX) in the GB/T 9704-2012 公文
 * layout: both editions' tables in the official merged-cell grid, the 公文 fonts named (not embedded),
 * page numbers as a PAGE field, byte-identical output. Works in Node and in the browser.
 */
export { buildDocument, STYLE_IDS } from "./document.js";
export { type DocxErrorCode, DocxRenderError } from "./errors.js";
export { DOCX_FONTS, type DocxFont, type FontRole } from "./fonts.js";
export { mmToTwips, PAGE, ptToTwips, SIZES } from "./page.js";
export { type RenderDocxResult, renderDocx } from "./render.js";
export { checkCharacters, type DocxWarning } from "./warnings.js";
