// Labels are compared after normalising what CMSs and Word do to them: whitespace anywhere (incl.
// &nbsp; and U+3000), full/half-width forms, quote and bracket styles, item-number punctuation.

const WHITESPACE = /[\s\u00a0\u2000-\u200b\u3000\ufeff]+/g;
const QUOTES = /[“”"'‘’＂＇「」『』]/g;
const OPEN = /[（(［[【〔]/g;
const CLOSE = /[）)］\]】〕]/g;
const DASHES = /[－—–―‐]/g;
// "1、" "1．" "1," at the start of an item label → "1."
const ITEM_NUMBER = /^(\d{1,2})[、．.,，]/;

/** The comparison form of a label: NFKC, no whitespace, one quote / bracket / dash style. */
export function normalizeLabel(s: string): string {
  return s
    .normalize("NFKC")
    .replace(WHITESPACE, "")
    .replace(QUOTES, '"')
    .replace(OPEN, "(")
    .replace(CLOSE, ")")
    .replace(DASHES, "-")
    .replace(ITEM_NUMBER, "$1.");
}

/** Trims every kind of space (incl. &nbsp; and U+3000) from both ends. */
export function trimSpace(s: string): string {
  return s.replace(/^[\s\u00a0\u2000-\u200b\u3000\ufeff]+|[\s\u00a0\u2000-\u200b\u3000\ufeff]+$/g, "");
}

/** Collapses runs of space inside narrative text that a CMS introduced, keeping single ASCII spaces. */
export function tidyText(s: string): string {
  return trimSpace(s.replace(/[\u00a0\u2000-\u200b\ufeff]/g, " ").replace(/[ \t\r\n]+/g, " "));
}

/** A block's text as one line of narrative: line breaks inside it (and the space around them) removed, tidied. */
export function textLine(raw: string): string {
  return tidyText(raw.replace(/\s*\n\s*/g, ""));
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  // The last row's minimum can be within the bound while the distance itself is not.
  return Math.min(prev[b.length]!, max + 1);
}

/** The length of the longest common subsequence of two short strings. */
export function commonSubsequence(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = [0];
    for (let j = 1; j <= b.length; j++) {
      cur.push(a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
