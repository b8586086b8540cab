// Error localization (Fellegi–Holt): when equations fail, find the smallest weighted set of cells whose
// change makes every equation hold again, and the values those cells need.
//
// The search is exact. Candidate cells are the cells the failing equations read (a set that hits every
// failing equation must come from them). Cells that no equation (and no narrative figure) links are
// diagnosed apart, one group per connected part. Within a group, every set of up to `DIAGNOSIS_LIMITS.cells` candidate cells (besides any whole
// blank column, which is assumed to be filled in) is tried, smallest first: changing exactly the cells
// of the set must satisfy every equation that reads one of them — the failing ones and the ones that
// hold now — with the other cells as they are. That is a linear system in the set's cells, solved
// exactly (see _linear.ts); the set is feasible when the system has a solution in non-negative whole
// numbers, and each cell's suggested value is the one every solution gives it. Weights (in quarters of
// a cell): a written cell 4, a blank one 3, each figure outside the tables (a narrative number, last
// year's carried-forward count) that the change makes agree −1, disagree +1. Every cell of a set must
// take a new value (otherwise it is the smaller set without it). The cheapest sets are reported; equally
// cheap ones all of them.
import type { Cell } from "@xxgk/core-model";
import { eliminate, hasNaturalSolution, type Ratio, type Row } from "./_linear.js";
import type { Statement } from "./rules/_rule.js";

/** The budget of the exact search, per group of failing equations. */
export const DIAGNOSIS_LIMITS = {
  /** Cells changed at most, besides whole blank columns. */
  cells: 3,
  /** Candidate sets examined at most (each a coverage test, at most a few hundred a linear system). */
  candidates: 100_000,
} as const;

/** Weights, in quarters of a cell. */
export const DIAGNOSIS_WEIGHTS = { written: 4, blank: 3, evidence: 1 } as const;

/** An equation as the diagnosis sees it: cell positions with integer coefficients; `Σ coef·x = 0`. */
export interface LinearEquation {
  readonly cells: readonly number[];
  readonly coefs: readonly number[];
}

/** Per equation: it fails, holds, or was not assessed (it reads an unreadable or, by option, blank cell). */
export const FAILS = 1;
export const HOLDS = 0;
export const SKIPPED = -1;

/** One explanation: the cells to change (positions), the values they need, and its cost. */
export interface Found {
  readonly cells: readonly number[];
  /** Per cell of `cells`, then per forced cell: the value when unique. */
  readonly values: ReadonlyMap<number, number>;
  readonly cost: number;
  /** Statements supporting (`+1`) or speaking against (`-1`) it. */
  readonly evidence: readonly { readonly statement: Statement; readonly agrees: boolean }[];
}

/** The diagnosis of one group. */
export interface Group {
  readonly status: "located" | "tied" | "too-many";
  readonly failing: readonly number[];
  readonly forced: readonly number[];
  readonly best: readonly Found[];
}

/** Decimals needed to write `v` exactly (values are parsed from at most 15 significant digits). */
function decimals(v: number): number {
  if (Number.isInteger(v)) return 0;
  const s = String(v);
  const e = s.indexOf("e-");
  if (e >= 0) {
    const mantissa = s.slice(0, e);
    const dot = mantissa.indexOf(".");
    return Number(s.slice(e + 2)) + (dot < 0 ? 0 : mantissa.length - dot - 1);
  }
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

const toScaled = (v: number, d: number): bigint =>
  BigInt(d === 0 ? String(v) : v.toFixed(d).replace(".", ""));

class UnionFind {
  readonly parent = new Map<number, number>();
  find(x: number): number {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

const popcount = (n: number) => {
  let c = 0;
  for (let x = n >>> 0; x !== 0; x &= x - 1) c++;
  return c;
};

/**
 * Localises the cells behind the failing equations. `cells` are the report's cells by position;
 * `blankColumns` lists the positions of whole blank columns (assumed to be filled in when they help).
 */
export function diagnose(
  cells: readonly Cell[],
  equations: readonly LinearEquation[],
  state: ArrayLike<number>,
  statements: readonly Statement[],
  blankColumns: readonly (readonly number[])[],
): Group[] {
  const failing: number[] = [];
  for (let i = 0; i < equations.length; i++) if (state[i] === FAILS) failing.push(i);
  if (failing.length === 0) return [];
  const value = (i: number) => cells[i]!.value ?? 0;

  const candidates = new Set<number>();
  for (const f of failing) for (const c of equations[f]!.cells) candidates.add(c);
  const forcedAll = new Set<number>();
  for (const column of blankColumns) {
    if (column.some((c) => candidates.has(c))) for (const c of column) forcedAll.add(c);
  }
  for (const c of forcedAll) candidates.delete(c);

  // Groups: cells linked by any assessed equation (failing or not) belong together.
  const uf = new UnionFind();
  const inPlay = (c: number) => candidates.has(c) || forcedAll.has(c);
  let d = 0;
  for (let i = 0; i < equations.length; i++) {
    if (state[i] === SKIPPED) continue;
    let first = -1;
    for (const c of equations[i]!.cells) {
      if (!inPlay(c)) continue;
      if (first < 0) first = c;
      else uf.union(first, c);
    }
    if (first >= 0) for (const c of equations[i]!.cells) d = Math.max(d, decimals(value(c)));
  }
  // A figure outside the tables over cells of two groups (行政诉讼 N 件 = 未经复议直接起诉 + 复议后起诉)
  // weighs their changes together, so they are one group too.
  for (const st of statements) {
    let first = -1;
    for (const c of st.cells) {
      if (!inPlay(c)) continue;
      if (first < 0) first = c;
      else uf.union(first, c);
    }
  }
  const groups = new Map<number, number[]>();
  for (const f of failing) {
    const root = uf.find(equations[f]!.cells[0]!);
    const list = groups.get(root);
    if (list) list.push(f);
    else groups.set(root, [f]);
  }

  // Every value scaled to integers by one power of ten (core-model keeps at most 15 decimal places).
  if (d > 20) return [];
  const memo = new Map<number, bigint>();
  const scaled = (i: number) => {
    let b = memo.get(i);
    if (b === undefined) {
      b = toScaled(value(i), d);
      memo.set(i, b);
    }
    return b;
  };
  const scale = 10n ** BigInt(d);

  const out: Group[] = [];
  for (const [root, fails] of groups) {
    const cand = [...candidates].filter((c) => uf.find(c) === root).sort((a, b) => a - b);
    const forced = [...forcedAll].filter((c) => uf.find(c) === root).sort((a, b) => a - b);
    out.push(searchGroup(cells, equations, state, statements, fails, cand, forced, { value, scaled, scale }));
  }
  return out;
}

interface Scaling {
  readonly value: (i: number) => number;
  readonly scaled: (i: number) => bigint;
  readonly scale: bigint;
}

function searchGroup(
  cells: readonly Cell[],
  equations: readonly LinearEquation[],
  state: ArrayLike<number>,
  allStatements: readonly Statement[],
  failing: readonly number[],
  candidates: readonly number[],
  forced: readonly number[],
  sc: Scaling,
): Group {
  const tooMany: Group = { status: "too-many", failing, forced, best: [] };
  const forcedSet = new Set(forced);
  const inGroup = new Set([...candidates, ...forced]);
  // The equations that read the group's cells: the constraints of every candidate system.
  const touching = new Map<number, number[]>();
  equations.forEach((e, i) => {
    if (state[i] === SKIPPED) return;
    for (const c of e.cells) {
      if (!inGroup.has(c)) continue;
      const list = touching.get(c);
      if (list) {
        if (list[list.length - 1] !== i) list.push(i);
      } else touching.set(c, [i]);
    }
  });
  const touchesForced = equations.map((e) => e.cells.some((c) => forcedSet.has(c)));

  // Failing equations the forced cells do not already reach must be hit by the chosen cells.
  const open = failing.filter((f) => !touchesForced[f]);
  if (open.length > 31) return tooMany;
  const bit = new Map(open.map((f, i) => [f, 1 << i]));
  const all = open.length === 0 ? 0 : open.length === 31 ? 0x7fffffff : (1 << open.length) - 1;
  // Figures outside the tables that read the group's cells. Only those that disagree now can make a
  // change cheaper (−1 each), which bounds how cheap a set can be before it is solved.
  // The same figure stated twice in the text (or in two phrasings of the same cells) is one piece of
  // evidence; the text and last year's report are two.
  const seen = new Map<string, true>();
  const statements = allStatements.filter((st) => {
    if (!st.cells.some((c) => inGroup.has(c))) return false;
    const key = `${"text" in st.source ? "text" : "previous"}:${st.cells.join(",")}=${st.value}`;
    if (seen.has(key)) return false;
    seen.set(key, true);
    return true;
  });
  const sumNow = (st: Statement) => st.cells.reduce((acc, c) => acc + sc.value(c), 0);
  const disagreeing = statements.filter((st) => sumNow(st) !== st.value);
  const gainOf = (c: number) => disagreeing.filter((st) => st.cells.includes(c)).length;
  const info = candidates.map((c) => {
    let hit = 0;
    for (const e of touching.get(c) ?? []) hit |= bit.get(e) ?? 0;
    return {
      cell: c,
      hit,
      gain: gainOf(c),
      base: cells[c]!.status === "blank" ? DIAGNOSIS_WEIGHTS.blank : DIAGNOSIS_WEIGHTS.written,
      holding: (touching.get(c) ?? []).filter((e) => state[e] !== FAILS),
    };
  });
  const forcedGain = forced.reduce((acc, c) => acc + gainOf(c), 0);
  const maxHit = Math.max(0, ...info.map((x) => popcount(x.hit)));

  const found: Found[] = [];
  let best = Number.POSITIVE_INFINITY;
  let examined = 0;
  let exhausted = false;

  const tryLength = (picked: number[]) => {
    const chosen = picked.map((k) => info[k]!);
    const base = chosen.reduce((acc, x) => acc + x.base, 0);
    const gain = Math.min(
      disagreeing.length,
      chosen.reduce((acc, x) => acc + x.gain, forcedGain),
    );
    if (base - gain * DIAGNOSIS_WEIGHTS.evidence > best) return;
    const set = chosen.map((x) => x.cell);
    // An equation that holds now and reads exactly one changed cell would break.
    const changing = new Set([...set, ...forced]);
    for (const x of chosen) {
      for (const e of x.holding) {
        if (touchesForced[e]) continue;
        if (!equations[e]!.cells.some((c) => c !== x.cell && changing.has(c))) return;
      }
    }
    const result = solveSet(cells, equations, touching, set, forced, sc);
    if (result === undefined) return;
    let cost = base;
    const evidence: { statement: Statement; agrees: boolean }[] = [];
    for (const s of statements) {
      if (!s.cells.some((c) => changing.has(c))) continue;
      const before = sumNow(s);
      let after = 0;
      let known = true;
      for (const c of s.cells) {
        if (changing.has(c)) {
          const v = result.get(c);
          if (v === undefined) known = false;
          else after += v;
        } else after += sc.value(c);
      }
      if (!known) continue;
      const was = before === s.value;
      const now = after === s.value;
      if (was === now) continue;
      cost += now ? -DIAGNOSIS_WEIGHTS.evidence : DIAGNOSIS_WEIGHTS.evidence;
      evidence.push({ statement: s, agrees: now });
    }
    if (cost > best) return;
    best = cost;
    found.push({ cells: set, values: result, cost, evidence });
  };

  const n = info.length;
  const pick: number[] = [];
  const walk = (from: number, left: number, covered: number): void => {
    if (exhausted) return;
    if (left === 0) {
      if (covered !== all) return;
      if (++examined > DIAGNOSIS_LIMITS.candidates) {
        exhausted = true;
        return;
      }
      tryLength(pick);
      return;
    }
    if (popcount(all & ~covered) > left * maxHit) return;
    for (let k = from; k <= n - left; k++) {
      pick.push(k);
      walk(k + 1, left - 1, covered | info[k]!.hit);
      pick.pop();
      if (exhausted) return;
    }
  };

  // The cheapest a set of s cells can be, whatever it explains.
  const lowest = (s: number) => s * DIAGNOSIS_WEIGHTS.blank - disagreeing.length * DIAGNOSIS_WEIGHTS.evidence;
  for (let s = forced.length > 0 ? 0 : 1; s <= DIAGNOSIS_LIMITS.cells; s++) {
    if (s > 0 && lowest(s) > best) break;
    walk(0, s, 0);
    if (exhausted) return tooMany;
  }
  const cheapest = found.filter((f) => f.cost === best);
  if (cheapest.length === 0) return tooMany;
  return { status: cheapest.length === 1 ? "located" : "tied", failing, forced, best: cheapest };
}

/**
 * Solves for the cells of `set` and `forced` (the others as they are): the values every solution gives
 * them (cells with several possible values are left out), or `undefined` when no solution in
 * non-negative whole numbers exists, or a cell of `set` would keep its value (then a smaller set works).
 */
function solveSet(
  cells: readonly Cell[],
  equations: readonly LinearEquation[],
  touching: ReadonlyMap<number, readonly number[]>,
  set: readonly number[],
  forced: readonly number[],
  sc: Scaling,
): Map<number, number> | undefined {
  const unknowns = [...set, ...forced];
  const position = new Map(unknowns.map((c, i) => [c, i]));
  const eqIds = new Set<number>();
  for (const c of unknowns) for (const e of touching.get(c) ?? []) eqIds.add(e);
  const rows: Row[] = [];
  for (const id of eqIds) {
    const e = equations[id]!;
    const coefs: bigint[] = new Array(unknowns.length).fill(0n);
    let rhs = 0n;
    e.cells.forEach((c, k) => {
      const a = BigInt(e.coefs[k]!);
      const j = position.get(c);
      if (j === undefined) rhs -= a * sc.scaled(c);
      else coefs[j] = coefs[j]! + a;
    });
    rows.push({ coefs, rhs });
  }
  const solved = eliminate(rows, unknowns.length);
  if (!solved.consistent) return undefined;
  const out = new Map<number, number>();
  const whole = (r: Ratio): number | undefined => {
    const [num, den] = r;
    const d = den * sc.scale;
    if (num % d !== 0n || num < 0n) return undefined;
    return Number(num / d);
  };
  for (let j = 0; j < unknowns.length; j++) {
    const r = solved.values[j];
    if (r === undefined) continue;
    const v = whole(r);
    if (v === undefined) return undefined;
    out.set(unknowns[j]!, v);
  }
  for (const c of set) {
    const v = out.get(c);
    if (v !== undefined && v === (cells[c]!.value ?? 0)) return undefined;
  }
  if (solved.free > 0) {
    const change = set
      .map((c) => [unknowns.indexOf(c), sc.value(c)] as const)
      .filter(([j]) => solved.values[j] === undefined);
    if (hasNaturalSolution(rows, unknowns.length, sc.scale, change) !== true) return undefined;
  }
  return out;
}
