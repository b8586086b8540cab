/// <reference path="./linebreak.d.ts" />
/**
 * How many lines pdfmake breaks a text into, worked out before pdfmake lays anything out: the table
 * height estimates (see document.ts) decide whether a table may be one unbreakable block. It follows
 * pdfmake 0.3's own steps: break opportunities from the Unicode line-breaking algorithm (the `linebreak`
 * package pdfmake uses), words filled greedily with their trailing spaces not counted, a word wider than
 * an empty line split at the last character that fits.
 */
import LineBreaker from "linebreak";
import type { Face } from "./warnings.js";

// Advance widths in 1/1000 em of U+0020…U+007E in Noto Serif SC and Noto Sans SC (the bundled fonts,
// read from their hmtx tables; a test checks them against the font files). Everything else they draw
// from GB 2312 is 1 em wide, except the few in WIDE_EXCEPTIONS.
const ASCII: Readonly<Record<Face, readonly number[]>> = {
  serif: [
    256, 308, 376, 574, 550, 923, 779, 196, 364, 364, 478, 580, 327, 346, 327, 352, 557, 471, 558, 557, 555,
    558, 558, 549, 558, 562, 327, 327, 580, 580, 580, 432, 912, 718, 670, 691, 770, 652, 629, 741, 853, 405,
    403, 731, 625, 975, 796, 767, 641, 767, 715, 567, 659, 797, 714, 1053, 700, 687, 605, 344, 352, 344, 580,
    563, 435, 557, 638, 538, 629, 547, 388, 566, 663, 332, 311, 607, 334, 974, 661, 596, 638, 607, 462, 473,
    367, 653, 548, 838, 564, 552, 498, 374, 316, 374, 580,
  ],
  sans: [
    224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555, 555, 555, 555,
    555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657, 638, 688, 589, 552, 689, 728, 293,
    535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338, 392, 338, 555,
    559, 606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552, 284, 926, 610, 606, 620, 620, 388, 468,
    377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
  ],
};

/** Characters outside ASCII that are narrower than 1 em in both faces (the wider of the two widths). */
const NARROW: ReadonlyMap<string, number> = new Map([
  ["\u2010", 347],
  ["\u2011", 347],
  ["\u2012", 563],
  ["\u2013", 563],
  ["\u2014", 894],
  ["\u2212", 580],
  ["\u2032", 278],
  ["\u2033", 474],
  ["\u20ac", 555],
  ["\u00a0", 256],
]);

/** Width of a text in em (1/1000 em units summed, then scaled). */
export function widthOf(text: string, face: Face): number {
  const table = ASCII[face];
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x20 && cp < 0x7f ? table[cp - 0x20]! : (NARROW.get(ch) ?? 1000);
  }
  return w / 1000;
}

const TRAILING_SPACES = /\s+$/;
/** A forced line end at the end of a word (pdfmake's test). */
const NEWLINE_END = /\r?\n$|\r$/;

/** The words pdfmake measures: text between break opportunities, and whether a line must end after it. */
function wordsOf(text: string): Array<{ text: string; end: boolean }> {
  const breaker = new LineBreaker(text);
  const words: Array<{ text: string; end: boolean }> = [];
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const word = text.slice(last, bk.position);
    const end = bk.required || NEWLINE_END.test(word);
    words.push({ text: end ? word.replace(NEWLINE_END, "") : word, end });
    last = bk.position;
  }
  return words;
}

/**
 * The number of lines a one-style text takes in a column `width` points wide at `fontSize` (the first
 * line indented by `indent` points), as pdfmake breaks it.
 */
export function linesOf(text: string, width: number, fontSize: number, face: Face, indent = 0): number {
  if (text === "") return 1;
  // Most texts (numbers, short labels) fit on their first line: no need to find where they could break.
  if (indent + widthOf(text, face) * fontSize <= width && !/[\r\n]/.test(text)) return 1;
  const key = `${face} ${fontSize} ${width} ${indent} ${text}`;
  let lines = broken.get(key);
  if (lines === undefined) {
    lines = breakLines(text, width, fontSize, face, indent);
    // The official labels come back in every report; what authors write is dropped now and then.
    if (broken.size >= 5000) broken.clear();
    broken.set(key, lines);
  }
  return lines;
}

/** Line counts of the texts that did not fit on one line, by face, size, width, indent and text. */
const broken = new Map<string, number>();

function breakLines(text: string, width: number, fontSize: number, face: Face, indent: number): number {
  const em = (t: string) => widthOf(t, face) * fontSize;
  const fits = (t: string, room: number) => em(t.replace(TRAILING_SPACES, "")) <= room + 1e-9;
  let lines = 1;
  let used = indent;
  let empty = true;
  const queue = wordsOf(text);
  while (queue.length > 0) {
    const word = queue.shift()!;
    if (!empty && !fits(word.text, width - used)) {
      lines++;
      used = 0;
      empty = true;
    }
    const piece = word.text;
    if (empty && piece.length > 1 && em(piece) > width - used) {
      // pdfmake splits a word wider than the line at the last character that fits (at least one).
      const chars = [...piece];
      let n = 1;
      let fit = em(chars[0]!);
      while (n < chars.length && fit + em(chars[n]!) <= width - used) fit += em(chars[n++]!);
      if (n < chars.length) {
        queue.unshift({ text: chars.slice(n).join(""), end: word.end });
        lines++;
        used = 0;
        empty = true;
        continue;
      }
    }
    used += em(piece);
    empty = false;
    if (word.end && queue.length > 0) {
      lines++;
      used = 0;
      empty = true;
    }
  }
  return lines;
}
