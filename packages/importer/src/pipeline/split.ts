// The flattened-text solver: splits a run of digits that a copy ran together (`21710000218` under
// 一、本年新收) into its row's cells by the table's hard rules only — tokens as the format allows them
// (counts without leading zeros, a sign only in 2019's 本年增/减, decimals and 元/万元 only in amounts,
// `-` `/` `无` for not applicable) and core-model's equations (T3.row-total, T4.total within a row;
// T3.balance and T3.results-total across the rows of table 三). A run is split only when exactly one
// split satisfies every hard equation that reads it; otherwise the caller leaves its cells blank and
// lists the candidates. Soft rules never enter. Every search is bounded (budgets below) and counted.
import { type CellDef, type EditionId, type TableEquation, tableEquations } from "@xxgk/core-model";
import { tick } from "../_work.js";

/**
 * Budgets, documented in the README. A row's splits: at most {@link ROW_BUDGET} search steps and
 * {@link MAX_ROW_CANDIDATES} candidates kept (a run with more is left blank: "too many ways"). The joint
 * search over table 三's rows, tied by the column equations: at most {@link JOINT_BUDGET} steps for the
 * whole table ("search budget exhausted" past it). A run longer than {@link MAX_TOKEN_LENGTH} characters
 * per cell cannot be a row's values and is not searched.
 */
export const ROW_BUDGET = 50_000;
/** See {@link ROW_BUDGET}. */
export const MAX_ROW_CANDIDATES = 64;
/** See {@link ROW_BUDGET}. */
export const JOINT_BUDGET = 200_000;
/** See {@link ROW_BUDGET}: no count or amount in a report has more than 12 digits before its decimals. */
export const MAX_TOKEN_LENGTH = 16;

const MAX_DIGITS = 12;

/** A run as written: chunks the copy did separate (by spaces), each possibly several cells run together. */
interface Chunk {
  /** As written. */
  readonly raw: string;
  /** Character by character: digits and signs made half-width, dashes one dash; same length as `raw`. */
  readonly norm: string;
}

const DASHES = new Set(["-", "－", "—", "–", "―", "‐", "‒"]);

function normChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
  if (DASHES.has(c)) return "-";
  if (c === "＋") return "+";
  if (c === "．") return ".";
  if (c === "／") return "/";
  return c;
}

/** Whether a character can be part of a run of cell values. */
export function isRunChar(c: string): boolean {
  const n = normChar(c);
  return (n >= "0" && n <= "9") || "+-./元万件无不适用".includes(n);
}

const IS_SPACE = /[\s\u00a0\u2000-\u200b\u3000\ufeff]/;

/** The chunks of a run (its space-separated parts), or `null` when it is not made of cell values. */
export function chunksOf(run: string): Chunk[] | null {
  const out: Chunk[] = [];
  let raw = "";
  let norm = "";
  for (const c of run) {
    if (IS_SPACE.test(c)) {
      if (raw !== "") out.push({ raw, norm });
      raw = "";
      norm = "";
      continue;
    }
    if (c.length !== 1 || !isRunChar(c)) return null;
    raw += c;
    norm += normChar(c);
  }
  if (raw !== "") out.push({ raw, norm });
  return out.length > 0 ? out : null;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** The ends `j` of every token `s[i, j)` a cell of this kind may hold, starting at `i`. */
function tokenEnds(s: string, i: number, kind: CellDef["kind"]): number[] {
  const out: number[] = [];
  const c = s[i]!;
  if (c === "-") {
    // Not applicable: a dash, or several (——).
    for (let j = i + 1; j <= s.length && s[j - 1] === "-"; j++) out.push(j);
  }
  if (c === "/" || c === "无") out.push(i + 1);
  if (s.startsWith("不适用", i)) out.push(i + 3);
  let p = i;
  if ((c === "+" || c === "-") && kind === "signed") p++;
  if (!isDigit(s[p])) return out;
  const ints: number[] = [];
  if (s[p] === "0") ints.push(p + 1);
  else for (let j = p + 1; j <= s.length && j - p <= MAX_DIGITS && isDigit(s[j - 1]); j++) ints.push(j);
  for (const e of ints) {
    const ends = [e];
    if (kind === "amount" && s[e] === "." && isDigit(s[e + 1])) {
      for (let d = e + 2; d <= s.length && isDigit(s[d - 1]); d++) ends.push(d);
    }
    for (const end of ends) {
      if (kind === "amount" && s[end] === "元") out.push(end + 1);
      else if (kind === "amount" && s.startsWith("万元", end)) out.push(end + 2);
      else out.push(end);
    }
  }
  return out;
}

/** What a token counts for in a sum: its number; not applicable counts as 0 (FORMAT.md §7). */
function amountOf(norm: string): number {
  const m = /^([+-]?)(\d+(?:\.\d+)?)/.exec(norm);
  if (!m) return 0;
  const n = Number(m[2]);
  return m[1] === "-" ? -n : n;
}

/** An equation among one row's cells, by their index in the row. */
interface RowEquation {
  readonly about: number;
  readonly terms: readonly { readonly index: number; readonly sign: 1 | -1 }[];
  /** The last index it reads: it is checked once that cell is decided. */
  readonly last: number;
}

/** The equations that read only the cells of one row (T3.row-total, T4.total). */
export function rowEquations(edition: EditionId, defs: readonly CellDef[]): RowEquation[] {
  const index = new Map(defs.map((d, i) => [d.key, i]));
  const out: RowEquation[] = [];
  for (const q of tableEquations(edition)) {
    const about = index.get(q.about);
    const terms = q.terms.map((t) => ({ index: index.get(t.key), sign: t.sign }));
    if (about === undefined || terms.some((t) => t.index === undefined)) continue;
    const ts = terms as { index: number; sign: 1 | -1 }[];
    out.push({ about, terms: ts, last: Math.max(about, ...ts.map((t) => t.index)) });
  }
  return out;
}

/** The splits of a run found, and whether the search stopped at its budget first. */
export interface RowSplits {
  /** Each split: the row's cells as written, in column order. */
  readonly splits: readonly (readonly string[])[];
  /** The search stopped at {@link ROW_BUDGET}, or more than `max` splits exist: the list is incomplete. */
  readonly incomplete: boolean;
}

/**
 * The splits of `chunks` into exactly `defs.length` cells, each a token its column allows, that satisfy
 * `eqs` (pass `[]` for tokens alone); at most `max` of them. A total that follows its terms (T3.row-total,
 * each group of T4.total) is chosen before them, so its terms are searched against a known sum.
 */
export function splitRow(
  chunks: readonly Chunk[],
  defs: readonly CellDef[],
  eqs: readonly RowEquation[],
  max: number,
): RowSplits {
  const n = defs.length;
  const s = chunks.map((c) => c.norm).join("");
  const raw = chunks.map((c) => c.raw).join("");
  if (chunks.length > n || s.length < n || s.length > n * MAX_TOKEN_LENGTH)
    return { splits: [], incomplete: false };
  // Chunks the copy separated, as many as the cells: each chunk is one cell, as in a row with spaces.
  if (chunks.length === n) {
    const ok = chunks.every((c, k) => tokenEnds(c.norm, 0, defs[k]!.kind).includes(c.norm.length));
    const values = chunks.map((c) => amountOf(c.norm));
    const holds = eqs.every((q) => equationHolds(q, values));
    return { splits: ok && holds ? [chunks.map((c) => c.raw)] : [], incomplete: false };
  }
  // Where each chunk ends: no token crosses it.
  const stop = new Int32Array(s.length + 1);
  let at = s.length;
  const ends = new Set<number>();
  let offset = 0;
  for (const c of chunks) {
    offset += c.norm.length;
    ends.add(offset);
  }
  for (let i = s.length; i >= 0; i--) {
    if (ends.has(i)) at = i;
    stop[i] = at;
  }
  // How many digits run from each position (a run of digits has no not-applicable mark in it).
  const digitRun = new Int32Array(s.length + 1);
  for (let i = s.length - 1; i >= 0; i--) digitRun[i] = isDigit(s[i]) ? digitRun[i + 1]! + 1 : 0;
  const digitsOnly = (i: number, end: number): boolean => digitRun[i]! >= end - i;
  const tokensAt = (i: number, k: number): number[] => {
    const limit = stop[i + 1 <= s.length ? i + 1 : i]!;
    return tokenEnds(s.slice(i, limit), 0, defs[k]!.kind).map((e) => i + e);
  };
  // Sums whose total comes right after its terms, all added: searched total first.
  const groups = new Map<number, RowEquation>();
  const others: RowEquation[] = [];
  for (const q of eqs) {
    const first = q.about - q.terms.length;
    const contiguous =
      first >= 0 && q.terms.every((t) => t.sign > 0) && q.terms.every((t, k) => t.index === first + k);
    if (contiguous && !groups.has(first)) groups.set(first, q);
    else others.push(q);
  }
  const byLast = new Map<number, RowEquation[]>();
  for (const q of others) byLast.set(q.last, [...(byLast.get(q.last) ?? []), q]);
  const splits: string[][] = [];
  const cells: string[] = [];
  const values: number[] = [];
  let steps = 0;
  let incomplete = false;
  const step = (): boolean => {
    if (incomplete) return false;
    if (++steps > ROW_BUDGET) {
      incomplete = true;
      return false;
    }
    tick();
    return true;
  };
  const place = (i: number, end: number): void => {
    cells.push(raw.slice(i, end));
    values.push(amountOf(s.slice(i, end)));
  };
  const unplace = (): void => {
    cells.pop();
    values.pop();
  };
  const search = (i: number, k: number): void => {
    if (!step()) return;
    if (k === n) {
      if (i === s.length) {
        if (splits.length >= max) incomplete = true;
        else splits.push([...cells]);
      }
      return;
    }
    const left = n - k;
    const chars = s.length - i;
    if (chars < left || chars > left * MAX_TOKEN_LENGTH) return;
    const group = groups.get(k);
    if (group) {
      searchGroup(i, k, group);
      return;
    }
    for (const end of tokensAt(i, k)) {
      place(i, end);
      if ((byLast.get(k) ?? []).every((q) => equationHolds(q, values))) search(end, k + 1);
      unplace();
      if (incomplete) return;
    }
  };
  // A group's total first: every token the total could be, then its terms must add up to it.
  const searchGroup = (i: number, k: number, q: RowEquation): void => {
    const terms = q.about - k;
    const after = n - q.about - 1;
    for (let start = i + terms; start < s.length - after; start++) {
      // The total is at least its largest term, which has at least (characters / terms) digits.
      const least = digitsOnly(i, start) ? Math.ceil((start - i) / terms) : 1;
      for (const end of tokensAt(start, q.about)) {
        if (s.length - end < after || (digitsOnly(start, end) && end - start < least)) continue;
        const total = amountOf(s.slice(start, end));
        // …and less than `terms` numbers as long as the longest the characters before it allow.
        if (total >= terms * 10 ** Math.min(MAX_DIGITS, start - i - terms + 1)) continue;
        fill(i, k, q.about, start, total, 0, () => {
          place(start, end);
          if ((byLast.get(q.about) ?? []).every((e) => equationHolds(e, values))) search(end, q.about + 1);
          unplace();
        });
        if (incomplete) return;
      }
    }
  };
  // Terms k … about − 1 filling s[i, end) exactly and adding up to `total`.
  const fill = (
    i: number,
    k: number,
    about: number,
    end: number,
    total: number,
    sum: number,
    then: () => void,
  ): void => {
    if (!step()) return;
    if (k === about) {
      if (i === end && Math.abs(sum - total) < 1e-6) then();
      return;
    }
    const termsLeft = about - k;
    const chars = end - i;
    if (chars < termsLeft) return;
    // The most the remaining terms can add: one of them as long as the room allows, the others one digit
    // each; the least: digits without leading zeros spread over them, one has at least chars / termsLeft
    // digits (and is at least 10 when that is 2 or more).
    if (sum + 10 ** Math.min(MAX_DIGITS, chars - termsLeft + 1) + 10 * (termsLeft - 1) < total) return;
    const longest = Math.ceil(chars / termsLeft);
    if (longest > 1 && digitsOnly(i, end) && sum + 10 ** (longest - 1) > total + 1e-6) return;
    for (const e of tokensAt(i, k)) {
      if (e > end) continue;
      place(i, e);
      const v = values[values.length - 1]!;
      if (sum + v <= total + 1e-6 && (byLast.get(k) ?? []).every((q) => equationHolds(q, values))) {
        fill(e, k + 1, about, end, total, sum + v, then);
      }
      unplace();
      if (incomplete) return;
    }
  };
  search(0, 0);
  return { splits, incomplete };
}

function equationHolds(q: RowEquation, values: readonly number[]): boolean {
  let sum = 0;
  for (const t of q.terms) sum += t.sign * values[t.index]!;
  return Math.abs(sum - values[q.about]!) < 1e-6;
}

/**
 * The tokenizations of a run into however many cells (each read as its column in order would), at most
 * two: a run of fewer values than columns is read as a short row only when its tokens are forced.
 */
export function tokenizations(chunks: readonly Chunk[], defs: readonly CellDef[]): RowSplits {
  const out: string[][] = [];
  const cells: string[] = [];
  let steps = 0;
  let incomplete = false;
  const search = (ci: number, p: number): void => {
    if (incomplete) return;
    if (++steps > ROW_BUDGET) {
      incomplete = true;
      return;
    }
    tick();
    if (ci < chunks.length && p === chunks[ci]!.norm.length) {
      search(ci + 1, 0);
      return;
    }
    if (ci === chunks.length) {
      if (out.length >= 2) incomplete = true;
      else out.push([...cells]);
      return;
    }
    const k = cells.length;
    if (k >= defs.length) return;
    const chunk = chunks[ci]!;
    for (const end of tokenEnds(chunk.norm, p, defs[k]!.kind)) {
      cells.push(chunk.raw.slice(p, end));
      search(ci, end);
      cells.pop();
      if (incomplete) return;
    }
  };
  search(0, 0);
  return { splits: out, incomplete };
}

/** A row of table 三 in the joint search: its candidate splits' values, or `null` when unknown. */
export interface JointRow {
  readonly row: string;
  /** Candidate values per column (not applicable as 0); one candidate for a row already known. */
  readonly candidates: readonly (readonly number[])[] | null;
}

/** What the joint search concluded for each row that had candidates. */
export type JointOutcome =
  | { readonly kind: "determined"; readonly candidate: number }
  | { readonly kind: "ambiguous"; readonly solutions: readonly number[] }
  | { readonly kind: "none" }
  | { readonly kind: "budget" };

interface Touch {
  readonly eq: number;
  readonly col: number;
  readonly coef: number;
}

/**
 * Table 三's rows tied by the equations that span several rows (T3.balance, T3.results-total): which
 * rows' candidates are the only ones in every solution. Propagates row by row (rows with the fewest
 * candidates first), prunes on partial sums (values are non-negative, so each equation's remaining rows
 * bound what it can still reach), and stops at {@link JOINT_BUDGET} steps. Equations that read a row
 * whose values are unknown are left out (they can decide nothing).
 */
export function solveJoint(
  edition: EditionId,
  rows: readonly JointRow[],
  columns: readonly string[],
): Map<string, JointOutcome> {
  const out = new Map<string, JointOutcome>();
  const index = new Map(rows.map((r, i) => [r.row, i]));
  const colIndex = new Map(columns.map((c, i) => [c, i]));
  const cellOf = (key: string): { row: number; col: number } | undefined => {
    const [, row, col] = key.split(".");
    const r = index.get(row!);
    const c = colIndex.get(col!);
    return r === undefined || c === undefined ? undefined : { row: r, col: c };
  };
  // Equations spanning rows, over rows whose values are all in play.
  const eqs: { cells: { row: number; col: number; coef: number }[] }[] = [];
  for (const q of tableEquations(edition) as readonly TableEquation[]) {
    if (!q.about.startsWith("applications.")) continue;
    const cells = [{ key: q.about, coef: 1 }, ...q.terms.map((t) => ({ key: t.key, coef: -t.sign }))].map(
      (t) => ({ ...cellOf(t.key), coef: t.coef }),
    );
    if (cells.some((c) => c.row === undefined || rows[c.row]!.candidates === null)) continue;
    const placed = cells as { row: number; col: number; coef: number }[];
    if (new Set(placed.map((c) => c.row)).size < 2) continue;
    eqs.push({ cells: placed });
  }
  const vars = rows
    .map((r, i) => ({ i, n: r.candidates?.length ?? 0 }))
    .filter((v) => v.n > 0)
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((v) => v.i);
  const touches: Touch[][] = rows.map(() => []);
  eqs.forEach((q, e) => {
    for (const c of q.cells) touches[c.row]!.push({ eq: e, col: c.col, coef: c.coef });
  });
  // Per level, what the rows from that level on can still add to each equation: [min, max].
  const L = vars.length;
  const sufMin = Array.from({ length: L + 1 }, () => new Float64Array(eqs.length));
  const sufMax = Array.from({ length: L + 1 }, () => new Float64Array(eqs.length));
  for (let l = L - 1; l >= 0; l--) {
    sufMin[l]!.set(sufMin[l + 1]!);
    sufMax[l]!.set(sufMax[l + 1]!);
    const r = vars[l]!;
    for (const t of touches[r]!) {
      const vals = rows[r]!.candidates!.map((c) => t.coef * c[t.col]!);
      sufMin[l]![t.eq]! += Math.min(...vals);
      sufMax[l]![t.eq]! += Math.max(...vals);
    }
  }
  let steps = 0;
  let exhausted = false;
  const partial = new Float64Array(eqs.length);
  const chosen = new Array<number>(L).fill(-1);
  const search = (l: number, exclude: { level: number; candidate: number } | null): boolean => {
    if (++steps > JOINT_BUDGET) {
      exhausted = true;
      return false;
    }
    tick();
    if (l === L) return true;
    const r = vars[l]!;
    const cands = rows[r]!.candidates!;
    for (let c = 0; c < cands.length; c++) {
      if (exclude && exclude.level === l && exclude.candidate === c) continue;
      let ok = true;
      for (const t of touches[r]!) partial[t.eq]! += t.coef * cands[c]![t.col]!;
      for (const t of touches[r]!) {
        const p = partial[t.eq]!;
        if (p + sufMin[l + 1]![t.eq]! > 1e-6 || p + sufMax[l + 1]![t.eq]! < -1e-6) {
          ok = false;
          break;
        }
      }
      if (ok) {
        chosen[l] = c;
        if (search(l + 1, exclude)) {
          for (const t of touches[r]!) partial[t.eq]! -= t.coef * cands[c]![t.col]!;
          return true;
        }
      }
      for (const t of touches[r]!) partial[t.eq]! -= t.coef * cands[c]![t.col]!;
      if (exhausted) return false;
    }
    return false;
  };
  if (!search(0, null)) {
    for (const l of vars) out.set(rows[l]!.row, exhausted ? { kind: "budget" } : { kind: "none" });
    return out;
  }
  const first = [...chosen];
  const seen: Set<number>[] = first.map((c) => new Set([c]));
  const ambiguous = new Set<number>();
  const proven = new Set<number>();
  for (let l = 0; l < L && !exhausted; l++) {
    if (ambiguous.has(l) || rows[vars[l]!]!.candidates!.length < 2) continue;
    if (search(0, { level: l, candidate: first[l]! })) {
      chosen.forEach((c, k) => {
        seen[k]!.add(c);
        if (c !== first[k]) ambiguous.add(k);
      });
    } else if (!exhausted) proven.add(l);
  }
  vars.forEach((r, l) => {
    const row = rows[r]!.row;
    if (ambiguous.has(l)) out.set(row, { kind: "ambiguous", solutions: [...seen[l]!] });
    else if (rows[r]!.candidates!.length === 1 || proven.has(l))
      out.set(row, { kind: "determined", candidate: first[l]! });
    else out.set(row, { kind: "budget" });
  });
  return out;
}
