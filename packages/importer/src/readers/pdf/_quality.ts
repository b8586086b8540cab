// Whether a PDF has text to read at all: a scan (pages that are pictures), text drawn as outlines, or a
// text layer without a Unicode mapping (its characters are glyph numbers, not text) each get their own
// error saying what the file is and what to do — not a report of missing tables.
import type { Diagnostics } from "../../_diagnostics.js";
import type { PageContent } from "./_page.js";

// The characters most frequent in any Chinese text, and in these reports: a text layer whose Chinese
// characters hardly include them is not Chinese text but glyph numbers shown as characters.
const COMMON = new Set(
  "的一是在不了有和人这中大为上个国以要时来用们到作地于出就分对成会可发年同工也能下过子说公开信息政府申请工作情况报告本".split(
    "",
  ),
);
const HAN = /[\u4e00-\u9fff]/;
// Characters no text shows: control characters, private use, the replacement character. A text layer
// without a Unicode mapping gives glyph numbers, and a font's first glyphs (1–31) are among its most used.
const UNREADABLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd]/;

/** Says why a PDF's text cannot be read; `true` when it can. */
export function checkText(pages: readonly PageContent[], diag: Diagnostics): boolean {
  let chars = 0;
  let han = 0;
  let common = 0;
  let unreadable = 0;
  let pictured = 0;
  for (const p of pages) {
    const area = p.width * p.height;
    const covered = p.images.reduce((s, b) => s + (b.x1 - b.x0) * (b.y1 - b.y0), 0);
    if (area > 0 && covered >= area * 0.4) pictured++;
    for (const r of p.runs) {
      for (const ch of r.str) {
        if (ch.trim() === "") continue;
        chars++;
        if (HAN.test(ch)) {
          han++;
          if (COMMON.has(ch)) common++;
        } else if (UNREADABLE.test(ch)) unreadable++;
      }
    }
  }
  const at = { page: 1, x: 0, y: 0 };
  if (chars < 20) {
    if (pictured > 0) {
      diag.add(
        "pdf-scanned",
        "error",
        `这是扫描件（图片）PDF：${pictured} 页是图片，没有可读取的文字，本工具不做文字识别（OCR）。请改用报告的网页、Word 文档或带文字的 PDF；只有扫描件时，先用 OCR 软件转成文字 PDF`,
        `this is a scanned PDF: ${pictured} page(s) are pictures with no text to read, and this tool does no OCR. Import the report's web page, Word document or a text PDF instead; if only the scan exists, turn it into a text PDF with OCR software first`,
        at,
      );
    } else {
      diag.add(
        "pdf-no-text",
        "error",
        "PDF 中没有可读取的文字（文字可能已转为曲线或图形）。请改用报告的网页、Word 文档或带文字的 PDF",
        "the PDF has no text to read (its text may have been converted to outlines or graphics). Import the report's web page, Word document or a text PDF instead",
        at,
      );
    }
    return false;
  }
  const garbled = unreadable > chars * 0.05 || (han >= 100 && common < han * 0.03);
  if (garbled) {
    diag.add(
      "pdf-garbled",
      "error",
      "PDF 的文字层没有正确的字符映射（字体缺少 Unicode 对照表），读出的是乱码，无法导入。请在 Word 或 WPS 中重新“另存为 PDF”（嵌入字体），或改用报告的网页或 Word 文档",
      "the PDF's text layer has no proper character mapping (its fonts lack a Unicode table), so it reads as garbage and cannot be imported. Save it as PDF again from Word or WPS (with fonts embedded), or import the report's web page or Word document instead",
      at,
    );
    return false;
  }
  return true;
}
