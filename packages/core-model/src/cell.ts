/**
 * A table cell keeps what the author wrote (`raw`) next to what it means (`value`). 0, "-" and blank
 * are different things in a published report, and none of them may turn into another on output.
 */

/**
 * - `number`: a value (`0`, `12`, `+19`, `-18`, `9116.36`, `4359957元`);
 * - `na`: not applicable (`-`, `—`, `/`, `无`, `不适用`);
 * - `blank`: nothing written;
 * - `invalid`: text that is neither, or a number too large or too precise to compute with exactly
 *   (see {@link CellProblem}); kept as written, validators report it, no sum reads it.
 */
export type CellStatus = "number" | "na" | "blank" | "invalid";

/**
 * Why an `invalid` cell that reads as a number is not one: `too-large` — its whole part exceeds
 * `Number.MAX_SAFE_INTEGER` (9007199254740991), beyond which JavaScript numbers round; `too-precise` —
 * a decimal with more than 15 significant digits, which a JavaScript number cannot hold exactly.
 */
export type CellProblem = "too-large" | "too-precise";

/** One table cell: the text as written and its parsed meaning. */
export interface Cell {
  /** Exactly what the author wrote ("" for blank). */
  readonly raw: string;
  /** The number it states, or `null` for blank, not-applicable and unreadable cells. */
  readonly value: number | null;
  readonly status: CellStatus;
  /** A unit written in the cell (`元`, `万元`, `件`). */
  readonly unit?: string;
  /** Set on `invalid` cells that read as a number JavaScript cannot hold exactly. */
  readonly problem?: CellProblem;
}

/** What a document may give for a cell: a number, the text as written, or a parsed cell object. */
export type CellInput = number | string | { readonly raw: string };

/** The blank cell. */
export const BLANK: Cell = Object.freeze({ raw: "", value: null, status: "blank" });

const NOT_APPLICABLE = /^(?:[-—–－―/／\\]+|无|不适用)$/;
// Sign, digits (with , thousands separators), decimals, an optional unit.
const NUMBER = /^([+\-＋－]?)\s*(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*(万元|元|件|个|项|条)?$/;
const SPACE = /^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g;
const FULLWIDTH_DIGIT = /[０-９．]/g;

function halfWidth(s: string): string {
  return s.replace(FULLWIDTH_DIGIT, (ch) =>
    ch === "．" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

const MAX_SAFE = String(Number.MAX_SAFE_INTEGER);
/**
 * Significant digits (and decimal places) every decimal of at most this many keeps through a JavaScript
 * number (DBL_DIG): within it, a value says exactly what was written, and sums of a few stay exact to far
 * below the validators' tolerance.
 */
const EXACT_DIGITS = 15;

/** Why the written digits cannot become a number exactly, or `undefined` when they can. */
function inexact(whole: string, fraction: string): CellProblem | undefined {
  let i = 0;
  while (i < whole.length - 1 && whole[i] === "0") i++;
  const digits = whole.length - i;
  if (digits > MAX_SAFE.length || (digits === MAX_SAFE.length && whole.slice(i) > MAX_SAFE)) {
    return "too-large";
  }
  const places = fraction.replace(/0+$/, "");
  if (places === "") return undefined;
  const significant = `${whole.slice(i)}${places}`.replace(/^0+/, "");
  return significant.length > EXACT_DIGITS || places.length > EXACT_DIGITS ? "too-precise" : undefined;
}

/** The whole and fractional digits of a JavaScript number's shortest spelling (`5e-324` included). */
function digitsOf(n: number): [string, string] {
  const [mantissa = "", exponent] = String(Math.abs(n)).split("e");
  const [whole = "", fraction = ""] = mantissa.split(".");
  const e = exponent === undefined ? 0 : Number(exponent);
  if (e >= 0) return [whole + fraction.padEnd(e, "0").slice(0, e), fraction.slice(e)];
  return ["0", "0".repeat(-e - whole.length) + whole + fraction];
}

/**
 * Parses what an author wrote into a cell. Never throws: unreadable text becomes `status: "invalid"`, and
 * so does a number JavaScript cannot hold exactly (a 400-digit run, 21317000001324019), with `problem`
 * saying why — its text is kept as written and no sum ever reads it, so nothing rounds or overflows.
 */
export function parseCellText(raw: string): Cell {
  const t = raw.replace(SPACE, "");
  if (t === "") return raw === "" ? BLANK : { raw, value: null, status: "blank" };
  if (NOT_APPLICABLE.test(t)) return { raw, value: null, status: "na" };
  const m = NUMBER.exec(halfWidth(t));
  if (!m) return { raw, value: null, status: "invalid" };
  const whole = m[2]!.replace(/[,，]/g, "");
  const fraction = m[3] === undefined ? "" : m[3].slice(1);
  const problem = inexact(whole, fraction);
  if (problem !== undefined) return { raw, value: null, status: "invalid", problem };
  const n = Number(m[3] === undefined ? whole : `${whole}${m[3]}`);
  const value = m[1] === "-" || m[1] === "－" ? -n : n;
  return m[4] === undefined ? { raw, value, status: "number" } : { raw, value, status: "number", unit: m[4] };
}

/**
 * Turns any accepted cell input into a cell. Numbers keep their JSON spelling as `raw`; a JSON number
 * beyond `Number.MAX_SAFE_INTEGER` (already rounded by `JSON.parse`) is a `too-large` invalid cell, one
 * with more than 15 significant digits or decimal places (`5e-324`) a `too-precise` one.
 */
export function toCell(input: CellInput): Cell {
  if (typeof input === "number") {
    if (Number.isSafeInteger(input)) return { raw: String(input), value: input, status: "number" };
    if (!Number.isFinite(input)) return BLANK;
    const problem = Math.abs(input) > Number.MAX_SAFE_INTEGER ? "too-large" : inexact(...digitsOf(input));
    if (problem !== undefined) return { raw: String(input), value: null, status: "invalid", problem };
    return { raw: String(input), value: input, status: "number" };
  }
  return parseCellText(typeof input === "string" ? input : input.raw);
}

/**
 * The compact JSON form of a cell: a plain number where the written text is exactly that number's
 * JSON spelling (`0`, `12`), otherwise the text as written (`"+19"`, `"-"`, `""`, `"4359957元"`).
 */
export function cellToJSON(cell: Cell): number | string {
  return cell.status === "number" && cell.value !== null && String(cell.value) === cell.raw
    ? cell.value
    : cell.raw;
}

/** The number a cell contributes to a sum: not-applicable, blank and unreadable cells count as 0. */
export function sumValue(cell: Cell): number {
  return cell.value ?? 0;
}
