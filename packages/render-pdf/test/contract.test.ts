// The renderer contract every xxgk renderer passes, run on the text a reader's tool gets from our PDF.
import { describeRendererContract } from "@xxgk/render-contract";
import { PRESETS, renderPdf, textBlockOf } from "../src/index.js";
import { loadNodeFonts } from "../src/node.js";
import { pdfTextAbove, pdfWords, type Word } from "./_poppler.js";

const fonts = await loadNodeFonts();
// Body text is 16 pt (a word box about 23 pt high); table text is 9–12 pt.
const TABLE_WORD_HEIGHT = 16 * 1.2;
// The foot of the official text block: below it are only the page numbers, which would split paragraphs.
const BODY_BOTTOM = textBlockOf("official").height + PRESETS.official.margins[1] + 2;

/**
 * Labels wrapped inside a table cell: each chain of words set directly below one another in the same
 * column (left-aligned or centred), as a reader reads a wrapped or vertical label (`三、本年度办理结果`
 * is one character a line). pdftotext reads row by row, which interleaves such lines with the
 * neighbouring rows; the chains restore what the cell says. Only chains with CJK text are kept: numbers
 * in one column are separate cells, not wrapped lines.
 */
function wrappedLabels(words: readonly Word[]): string[] {
  const below = (w: Word): Word | undefined => {
    const h = w.yMax - w.yMin;
    const centre = (w.xMin + w.xMax) / 2;
    return words.find(
      (n) =>
        n.page === w.page &&
        n.yMin > w.yMin + h * 0.5 &&
        n.yMin < w.yMax + h * 0.5 &&
        (Math.abs(n.xMin - w.xMin) < 1 || Math.abs((n.xMin + n.xMax) / 2 - centre) < 1),
    );
  };
  const hasAbove = new Set<Word>();
  for (const w of words) {
    const b = below(w);
    if (b) hasAbove.add(b);
  }
  const out: string[] = [];
  for (const w of words) {
    if (hasAbove.has(w)) continue;
    let text = w.text;
    let n = below(w);
    let lines = 1;
    while (n) {
      text += n.text;
      lines++;
      n = below(n);
    }
    if (lines > 1 && /\p{Script=Han}/u.test(text) && !/^[\d\s.,+\-—/]+$/.test(text)) out.push(text);
  }
  return out;
}

describeRendererContract("@xxgk/render-pdf (pdftotext)", async (report) => {
  const { pdf } = await renderPdf(report, { fonts });
  // Table words only (smaller than body text): paragraphs already read in order.
  const tableWords = pdfWords(pdf).filter((w) => w.yMax - w.yMin < TABLE_WORD_HEIGHT);
  return `${pdfTextAbove(pdf, BODY_BOTTOM)}\n${process.env.NOCHAIN ? "" : wrappedLabels(tableWords).join("\n")}`;
});
