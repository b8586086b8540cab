/**
 * A table cell keeps what the author wrote (`raw`) next to what it means (`value`). 0, "-" and blank
 * are different things in a published report, and none of them may turn into another on output.
 */

/**
 * - `number`: a value (`0`, `12`, `+19`, `-18`, `9116.36`, `4359957元`);
 * - `na`: not applicable (`-`, `—`, `/`, `无`, `不适用`);
 * - `blank`: nothing written;
 * - `invalid`: text that is neither (kept as written; validators report it).
 */
export type CellStatus = "number" | "na" | "blank" | "invalid";

/** One table cell: the text as written and its parsed meaning. */
export interface Cell {
  /** Exactly what the author wrote ("" for blank). */
  readonly raw: string;
  /** The number it states, or `null` for blank, not-applicable and unreadable cells. */
  readonly value: number | null;
  readonly status: CellStatus;
  /** A unit written in the cell (`元`, `万元`, `件`). */
  readonly unit?: string;
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

/** Parses what an author wrote into a cell. Never throws: unreadable text becomes `status: "invalid"`. */
export function parseCellText(raw: string): Cell {
  const t = raw.replace(SPACE, "");
  if (t === "") return raw === "" ? BLANK : { raw, value: null, status: "blank" };
  if (NOT_APPLICABLE.test(t)) return { raw, value: null, status: "na" };
  const m = NUMBER.exec(halfWidth(t));
  if (!m) return { raw, value: null, status: "invalid" };
  const digits = m[2]!.replace(/[,，]/g, "") + (m[3] ?? "");
  const n = Number(digits);
  const value = m[1] === "-" || m[1] === "－" ? -n : n;
  return m[4] === undefined ? { raw, value, status: "number" } : { raw, value, status: "number", unit: m[4] };
}

/** Turns any accepted cell input into a cell. Numbers keep their JSON spelling as `raw`. */
export function toCell(input: CellInput): Cell {
  if (typeof input === "number") {
    return Number.isFinite(input) ? { raw: String(input), value: input, status: "number" } : BLANK;
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
