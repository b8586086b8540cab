// Text runs into lines and lines into text, as a reader of the page sees them: runs side by side on one
// baseline form a line, a gap between Latin words is a space, and a gap next to a Chinese character is
// not (a PDF draws gaps, not spaces: WPS and Word space Chinese from Latin and digits automatically,
// and justified lines stretch; pdf.js turns such gaps into spaces).
import type { Run } from "./_page.js";

/** A line of text: runs on one baseline, left to right. */
export interface Line {
  readonly runs: Run[];
  x0: number;
  x1: number;
  top: number;
  base: number;
  /** The largest font size on the line. */
  size: number;
}

// CJK ideographs, CJK punctuation and full-width forms, kana: no space is typed next to them.
const CJK =
  /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]/;

/** Whether a character is Chinese (or full-width punctuation): spaces next to it are not written. */
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

const SPACE_NEAR_CJK =
  /([\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7])/g;

/** Removes the spaces pdf.js put next to Chinese characters; collapses the others. */
export function tidyPdfText(s: string): string {
  return s.replace(SPACE_NEAR_CJK, "$1").replace(/[ \t\u00a0]{2,}/g, " ");
}

/** Joins two pieces of one line, with a space when the gap between them is a space between words. */
export function joinPiece(left: string, right: string, gap: number, size: number): string {
  if (left === "") return right;
  const a = left[left.length - 1];
  const b = right[0];
  if (gap > size * 0.25 && !isCjk(a) && !isCjk(b)) return `${left} ${right}`;
  // A wide gap (more than two characters) separates things even in Chinese text (a sign-off's date).
  if (gap > size * 2.5) return `${left} ${right}`;
  return left + right;
}

/** The text of runs on one line, left to right. */
export function lineText(runs: readonly Run[]): string {
  let out = "";
  let end = Number.NEGATIVE_INFINITY;
  for (const r of runs) {
    out = joinPiece(out, r.str, r.x0 - end, r.size);
    end = Math.max(end, r.x1);
  }
  return tidyPdfText(out);
}

const verticalCentre = (r: Run): number => (r.top + r.base) / 2;

/**
 * Groups runs into lines: runs whose vertical extents overlap by half the smaller one share a line.
 * A run drawn twice at almost the same place (fake bold) is kept once.
 */
export function groupLines(runs: readonly Run[]): Line[] {
  const sorted = runs.filter((r) => !r.vertical).sort((a, b) => verticalCentre(a) - verticalCentre(b));
  const lines: Line[] = [];
  let cur: Line | undefined;
  for (const r of sorted) {
    if (cur) {
      const overlap = Math.min(cur.base, r.base) - Math.max(cur.top, r.top);
      const h = Math.min(cur.base - cur.top, r.base - r.top);
      if (overlap >= h * 0.5) {
        cur.runs.push(r);
        cur.x0 = Math.min(cur.x0, r.x0);
        cur.x1 = Math.max(cur.x1, r.x1);
        cur.top = Math.min(cur.top, r.top);
        cur.base = Math.max(cur.base, r.base);
        cur.size = Math.max(cur.size, r.size);
        continue;
      }
    }
    cur = { runs: [r], x0: r.x0, x1: r.x1, top: r.top, base: r.base, size: r.size };
    lines.push(cur);
  }
  for (const l of lines) {
    l.runs.sort((a, b) => a.x0 - b.x0);
    dedupe(l.runs);
  }
  // Vertical runs (a vertical font) are lines of their own.
  for (const r of runs) {
    if (r.vertical) lines.push({ runs: [r], x0: r.x0, x1: r.x1, top: r.top, base: r.base, size: r.size });
  }
  return lines.sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function dedupe(runs: Run[]): void {
  for (let i = runs.length - 1; i > 0; i--) {
    const a = runs[i - 1]!;
    const b = runs[i]!;
    if (a.str !== b.str) continue;
    const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
    if (overlap > 0.7 * Math.min(a.x1 - a.x0, b.x1 - b.x0)) runs.splice(i, 1);
  }
}
