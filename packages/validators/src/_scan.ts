// The narrative is scanned in one pass per block: numbers (a digit run and what follows it: 件, %, 年,
// 元/万元) and literal keywords are found left to right, and every rule then looks only at a bounded
// window before or after them. Nothing is ever matched over the whole paragraph, so the work is at most
// a constant times the text's length, and every quote is a bounded window (issue 23: a 32 KB paragraph
// of "办结1件" took 5.4 s and gave 258 MB of findings). `WORK` counts what is done, for the tests that
// assert this growth deterministically.

/** Characters scanned and candidate matches tried, summed over every narrative rule since the reset. */
export const WORK = { chars: 0, candidates: 0 };

/** Resets {@link WORK} (tests). */
export function resetWork(): void {
  WORK.chars = 0;
  WORK.candidates = 0;
}

/** What a number is followed by: `件`, a percent sign, `年`, `元` / `万元`, or anything else. */
export type NumberUnit = "件" | "%" | "年" | "元" | "万元" | "";

/** A number in the text: `[start, end)` of its digits (a decimal point included), and what follows. */
export interface NumberToken {
  readonly start: number;
  readonly end: number;
  /** Where the unit ends (the index after it, or `end` when there is none). */
  readonly after: number;
  readonly unit: NumberUnit;
  /** The digits as written (at most {@link MAX_DIGITS} + 1 kept; see `long`). */
  readonly digits: string;
  /** More digits than a JavaScript number holds exactly: `value` is `null`, messages quote `digits`. */
  readonly long: boolean;
  readonly value: number | null;
}

/** Digits a stated count may have and still be compared exactly (15: every such integer is safe). */
export const MAX_DIGITS = 15;
/** How far a rule may look before a number for its words (longer than any pattern's span). */
export const LOOK_BEHIND = 40;

const isDigit = (c: number) => c >= 48 && c <= 57;
const DIGIT = /[0-9]/g;
const isSpace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0x3000;

/** Clause boundaries: a rule's words and its number are never further apart than one of these. */
const BOUNDARY = new Set([..."，。；,;：:！？!?\n\r"].map((c) => c.charCodeAt(0)));
/** Sentence ends: where a quote stops. */
const SENTENCE_END = new Set([..."。！？；!?;\n\r"].map((c) => c.charCodeAt(0)));

/**
 * Calls `visit` for every number of `text` (or only those followed by `only`), left to right, in one
 * pass. A number is a run of ASCII digits with at most one decimal point inside; up to two spaces may
 * stand between it and its unit.
 */
export function scanNumbers(text: string, visit: (t: NumberToken) => void, only?: NumberUnit): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // The engine's own search skips the text between numbers (each character is still looked at once).
    DIGIT.lastIndex = i;
    const found = DIGIT.exec(text);
    if (found === null) break;
    i = found.index;
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    let point = 0;
    if (i + 1 < n && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      point = 1;
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    const end = i;
    let j = end;
    while (j < n && j < end + 2 && isSpace(text.charCodeAt(j))) j++;
    const u = text[j];
    let unit: NumberUnit = "";
    let after = end;
    if (u === "件" || u === "年" || u === "元") {
      unit = u;
      after = j + 1;
    } else if (u === "%" || u === "％") {
      unit = "%";
      after = j + 1;
    } else if (u === "万" && text[j + 1] === "元") {
      unit = "万元";
      after = j + 2;
    }
    i = after > i ? after : i;
    if (only !== undefined && unit !== only) continue;
    const long = end - start > MAX_DIGITS + point;
    const digits = text.slice(start, long ? start + MAX_DIGITS + 1 : end);
    visit({ start, end, after, unit, digits, long, value: long ? null : Number(digits) });
  }
  WORK.chars += n;
}

/**
 * The words right before `index`: back to the nearest clause boundary or digit, at most `max` characters.
 * A rule matches its phrasing against this window only (its regexes end in `$`).
 */
export function clauseBefore(text: string, index: number, max = LOOK_BEHIND): string {
  let s = index;
  const stop = Math.max(0, index - max);
  while (s > stop) {
    const c = text.charCodeAt(s - 1);
    if (BOUNDARY.has(c) || isDigit(c)) break;
    s--;
  }
  WORK.chars += index - s;
  return text.slice(s, index);
}

/** At most `max` characters of `text` from `index` (for a rule's bounded look-ahead). */
export function ahead(text: string, index: number, max: number): string {
  const w = text.slice(index, Math.min(text.length, index + max));
  WORK.chars += w.length;
  return w;
}

/** At most `max` characters of `text` before `index`, back to the start of the sentence. */
export function sentenceBefore(text: string, index: number, max: number): string {
  let s = index;
  const stop = Math.max(0, index - max);
  while (s > stop && !SENTENCE_END.has(text.charCodeAt(s - 1))) s--;
  WORK.chars += index - s;
  return text.slice(s, index);
}

/** Characters a quote keeps on each side of what it is about. */
export const QUOTE_BEFORE = 60;
export const QUOTE_AFTER = 40;

/**
 * The sentence around `[from, to)`, as written, but never more than {@link QUOTE_BEFORE} characters
 * before and {@link QUOTE_AFTER} after it (cut with "…"): a finding's size does not grow with the text.
 */
export function quoteAround(text: string, from: number, to = from): string {
  let s = from;
  const stop = Math.max(0, from - QUOTE_BEFORE);
  while (s > stop && !SENTENCE_END.has(text.charCodeAt(s - 1))) s--;
  let e = Math.min(to, from + QUOTE_AFTER);
  const end = Math.min(text.length, e + QUOTE_AFTER);
  while (e < end && !SENTENCE_END.has(text.charCodeAt(e))) e++;
  const ended = e < text.length && SENTENCE_END.has(text.charCodeAt(e));
  if (ended) e++;
  WORK.chars += e - s;
  const head = s > 0 && !SENTENCE_END.has(text.charCodeAt(s - 1)) ? "…" : "";
  const tail = !ended && e < text.length ? "…" : "";
  return `${head}${text.slice(s, e).trim()}${tail}`;
}

/** Calls `visit` with the index of every occurrence of `word` in `text`, left to right, in one pass. */
export function scanWord(text: string, word: string, visit: (index: number) => void): void {
  let from = 0;
  for (let i = text.indexOf(word, from); i !== -1; i = text.indexOf(word, from)) {
    visit(i);
    from = i + word.length;
  }
  WORK.chars += text.length;
}

/** A number as a message shows it: a long run of digits by its first digits and its length. */
export function shownDigits(t: NumberToken, lang: "zh" | "en"): string {
  if (!t.long) return t.digits;
  const n = t.end - t.start;
  return lang === "zh"
    ? `${t.digits.slice(0, 12)}…（共 ${n} 位）`
    : `${t.digits.slice(0, 12)}… (${n} digits)`;
}
