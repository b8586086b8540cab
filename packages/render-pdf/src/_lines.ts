/// <reference path="./linebreak.d.ts" />
/**
 * Our own line breaking, for every text of the PDF: pdfmake is handed lines that are already broken, one
 * unbreakable inline per face run, so it never breaks a paragraph itself. Three reasons: pdfmake's own
 * breaking is quadratic in a paragraph's length (each character is an inline, and every inline placed
 * copies the list of those still to come: 100,000 characters took a minute); the GB/T 9704 grid of 28
 * characters a line needs a pitch narrower than the 16 pt glyphs, which pdfmake cannot lay out for CJK
 * (it positions each character as a word of its own and ignores character spacing between them); and
 * knowing the lines before layout makes the table height estimates exact.
 *
 * Break opportunities come from the Unicode line-breaking algorithm (the `linebreak` package pdfmake also
 * uses: no line starts with `，` or `。`), plus any point inside a Latin token of 12+ characters (a URL
 * or e-mail address), so that a justified line before it is never stretched. Words are filled greedily,
 * trailing spaces not counted; a word wider than a whole line is split at the last character that fits.
 * Each character is drawn in the first face of its role that has it (per-character fallback). All of it
 * is one pass over the text.
 */
import LineBreaker from "linebreak";
import type { FontFace } from "./_glyphs.js";

/** A face as the layout uses it: its measures, and the pdfmake family name that draws with it. */
export interface ChainFace {
  readonly face: FontFace;
  readonly family: string;
}

/** The faces of a role, in order: each character is drawn in the first that has it. */
export type Chain = readonly ChainFace[];

/** A run of one line drawn in one face. */
export interface Segment {
  readonly text: string;
  readonly face: ChainFace;
}

/** One line: its runs, its natural width in points (tracking included), and how it ends. */
export interface Line {
  readonly segments: readonly Segment[];
  readonly width: number;
  /** UTF-16 length of the line's text (pdfmake counts character spacing per code unit). */
  readonly length: number;
  /** The paragraph's last line, or a line ended by a newline: not justified. */
  readonly end: boolean;
}

/** How to break a text. */
export interface BreakOptions {
  /** Line width in points. */
  readonly width: number;
  readonly fontSize: number;
  /** Extra space after every character, in points (negative: tighter). */
  readonly tracking?: number;
  /** First-line indent in points. */
  readonly indent?: number;
  readonly chain: Chain;
}

/** The face of the chain that draws a code point: the first that has it, else the first (reported elsewhere). */
export function faceFor(chain: Chain, cp: number): ChainFace {
  for (const f of chain) if (f.face.has(cp)) return f;
  return chain[0]!;
}

const NEWLINE = /[\r\n]/;
const SPACE = /\s/;
/** A run of 12+ non-space ASCII characters: may break between any two characters. */
const LONG_TOKEN = /[\x21-\x7e]{12,}/g;

/** Work done by {@link breakText} since the process started, in characters looked at (for the linearity tests). */
export const breakWork = { chars: 0 };

/**
 * Breaks `text` into lines. Linear in the text's length: every character is measured once and looked at
 * a bounded number of times.
 */
export function breakText(text: string, options: BreakOptions): Line[] {
  const { width, fontSize, chain } = options;
  const tracking = options.tracking ?? 0;
  const n = text.length;
  // Per code unit: its face index in the chain and its advance in points (0 for the low surrogate).
  const faceIx = new Uint8Array(n);
  const adv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cp = text.codePointAt(i)!;
    const f = faceFor(chain, cp);
    const ix = chain.indexOf(f);
    faceIx[i] = ix;
    adv[i] = f.face.advance(cp) * fontSize + tracking;
    if (cp > 0xffff) {
      faceIx[i + 1] = ix;
      i++;
    }
  }
  breakWork.chars += n;
  // Most texts (numbers, labels) fit on their first line: no need to find where they could break.
  if (n > 0 && !NEWLINE.test(text)) {
    let total = options.indent ?? 0;
    for (let i = 0; i < n; i++) total += adv[i]!;
    if (total - tracking <= width + 1e-6) {
      let visible = n;
      while (visible > 0 && SPACE.test(text[visible - 1]!)) visible--;
      if (faceIx.every((f) => f === faceIx[0])) {
        let w = 0;
        for (let i = 0; i < visible; i++) w += adv[i]!;
        return [
          {
            segments: visible > 0 ? [{ text: text.slice(0, visible), face: chain[faceIx[0]!]! }] : [],
            width: visible > 0 ? w - tracking : 0,
            length: visible,
            end: true,
          },
        ];
      }
    }
  }
  // Break opportunities: after position p a line may end; `required` after a newline.
  const canBreak = new Uint8Array(n + 1); // 1: may break before index p; 2: must
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    canBreak[bk.position] = bk.required ? 2 : 1;
  }
  for (const m of text.matchAll(LONG_TOKEN)) {
    for (let p = m.index + 1; p < m.index + m[0].length; p++) if (canBreak[p] === 0) canBreak[p] = 1;
  }
  const lines: Line[] = [];
  const emit = (start: number, end: number, end2: boolean) => {
    // The line's text without the newline that ended it and without trailing spaces' width.
    let stop = end;
    while (stop > start && NEWLINE.test(text[stop - 1]!)) stop--;
    let visible = stop;
    while (visible > start && SPACE.test(text[visible - 1]!)) visible--;
    const segments: Segment[] = [];
    let w = 0;
    let runStart = start;
    for (let i = start; i <= stop; i++) {
      if (i === stop || faceIx[i] !== faceIx[runStart]) {
        if (i > runStart) segments.push({ text: text.slice(runStart, i), face: chain[faceIx[runStart]!]! });
        runStart = i;
      }
      if (i < visible) w += adv[i]!;
    }
    lines.push({ segments, width: w - (visible > start ? tracking : 0), length: stop - start, end: end2 });
  };
  let lineStart = 0;
  let room = width - (options.indent ?? 0);
  let used = 0; // width of the line so far, trailing spaces included
  let wordStart = 0;
  // Walk words: [wordStart, p) where p is the next break opportunity.
  for (let p = 1; p <= n; p++) {
    if (canBreak[p] === 0 && p < n) continue;
    let wordWidth = 0;
    let trimmed = 0;
    for (let i = wordStart; i < p; i++) {
      wordWidth += adv[i]!;
      if (!SPACE.test(text[i]!)) trimmed = wordWidth;
    }
    // The last character's tracking does not widen the line (pdfmake measures n − 1 gaps).
    const fits = used + trimmed - tracking <= room + 1e-6;
    if (!fits && used > 0) {
      emit(lineStart, wordStart, false);
      lineStart = wordStart;
      room = width;
      used = 0;
    }
    if (used === 0 && trimmed - tracking > room + 1e-6) {
      // A word wider than a whole line: split it at the last character that fits (at least one).
      let i = wordStart;
      while (i < p) {
        let w = 0;
        let j = i;
        do {
          const step = text.codePointAt(j)! > 0xffff ? 2 : 1;
          w += adv[j]! + (step === 2 ? adv[j + 1]! : 0);
          j += step;
        } while (j < p && w + adv[j]! - tracking <= room + 1e-6);
        if (j < p) {
          emit(lineStart, j, false);
          lineStart = j;
          room = width;
          used = 0;
          i = j;
        } else {
          used = w;
          i = p;
        }
      }
    } else {
      used += wordWidth;
    }
    wordStart = p;
    if (canBreak[p] === 2 && p < n) {
      emit(lineStart, p, true);
      lineStart = p;
      room = width;
      used = 0;
    }
  }
  emit(lineStart, n, true);
  return lines;
}

/** The number of lines of {@link breakText}, remembered for the texts that come back in every report (labels). */
export function lineCountOf(text: string, options: BreakOptions): number {
  if (text === "") return 1;
  const key = `${options.width} ${options.fontSize} ${options.tracking ?? 0} ${options.indent ?? 0} ${options.chain.map((f) => f.family).join(",")} ${text}`;
  let lines = counted.get(key);
  if (lines === undefined) {
    lines = breakText(text, options).length;
    if (counted.size >= 5000) counted.clear();
    if (text.length < 200) counted.set(key, lines);
  }
  return lines;
}

const counted = new Map<string, number>();
