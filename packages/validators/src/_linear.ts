// Exact linear algebra for the diagnosis: whether changing a set of cells can make a set of equations
// hold, and with which values. The equations have small integer coefficients and the cells hold exact
// decimals, so everything is scaled to integers and eliminated in BigInt: no rounding anywhere. Only a
// system with free unknowns (several solutions) needs an integer programme to tell whether one of its
// solutions is a non-negative whole number for every cell; yalps, a small pure-JavaScript solver, does
// that (no WebAssembly, so the demo's strict CSP holds).
import { solve as solveLp } from "yalps";

/** `Σ coefs[j] · x[j] = rhs` over the unknowns, all integers (values scaled by a power of ten). */
export interface Row {
  readonly coefs: readonly bigint[];
  readonly rhs: bigint;
}

/** A rational `num / den`, `den > 0`, in lowest terms. */
export type Ratio = readonly [bigint, bigint];

/** What elimination tells about a system. */
export interface Solved {
  readonly consistent: boolean;
  /** Per unknown, its value when every solution gives it the same one. */
  readonly values: readonly (Ratio | undefined)[];
  /** How many unknowns are free (0: at most one solution). */
  readonly free: number;
}

const abs = (a: bigint) => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function normalise(row: bigint[]): void {
  let g = 0n;
  for (const v of row) if (v !== 0n) g = g === 0n ? abs(v) : gcd(g, v);
  if (g > 1n) for (let i = 0; i < row.length; i++) row[i]! /= g;
}

/** Reduced row echelon form over the integers (fraction-free), then the determined unknowns. */
export function eliminate(rows: readonly Row[], unknowns: number): Solved {
  // Counts are small: the same elimination in doubles is exact while every intermediate stays a safe
  // integer, and far cheaper than BigInt. Any step that would leave that range redoes it in BigInt.
  const small = 2n ** 40n;
  if (rows.every((r) => abs(r.rhs) < small && r.coefs.every((c) => abs(c) < small))) {
    const fast = eliminateSafe(
      rows.map((r) => [...r.coefs.map(Number), Number(r.rhs)]),
      unknowns,
    );
    if (fast !== undefined) return fast;
  }
  return eliminateBig(rows, unknowns);
}

function gcdN(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** {@link eliminate} in doubles; `undefined` as soon as a value would leave the safe integers. */
function eliminateSafe(m: number[][], unknowns: number): Solved | undefined {
  const pivots: number[] = [];
  let rank = 0;
  for (let col = 0; col < unknowns && rank < m.length; col++) {
    let p = rank;
    while (p < m.length && m[p]![col] === 0) p++;
    if (p === m.length) continue;
    [m[rank], m[p]] = [m[p]!, m[rank]!];
    const pivot = m[rank]!;
    const b = pivot[col]!;
    for (let i = 0; i < m.length; i++) {
      const row = m[i]!;
      const a = row[col]!;
      if (i === rank || a === 0) continue;
      let g = 0;
      for (let j = 0; j <= unknowns; j++) {
        const x = row[j]! * b;
        const y = pivot[j]! * a;
        if (Math.abs(x) > Number.MAX_SAFE_INTEGER || Math.abs(y) > Number.MAX_SAFE_INTEGER) return undefined;
        const v = x - y;
        if (!Number.isSafeInteger(v)) return undefined;
        row[j] = v;
        if (v !== 0) g = g === 0 ? Math.abs(v) : gcdN(g, v);
      }
      if (g > 1) for (let j = 0; j <= unknowns; j++) row[j]! /= g;
    }
    pivots.push(col);
    rank++;
  }
  for (let i = rank; i < m.length; i++)
    if (m[i]![unknowns] !== 0) return { consistent: false, values: [], free: 0 };
  const values: (Ratio | undefined)[] = new Array(unknowns).fill(undefined);
  const isPivot = new Set(pivots);
  pivots.forEach((col, i) => {
    const row = m[i]!;
    for (let j = 0; j < unknowns; j++) if (j !== col && row[j] !== 0 && !isPivot.has(j)) return;
    let num = row[unknowns]!;
    let den = row[col]!;
    if (den < 0) {
      num = -num;
      den = -den;
    }
    const g = gcdN(num, den) || 1;
    values[col] = [BigInt(num / g), BigInt(den / g)];
  });
  return { consistent: true, values, free: unknowns - rank };
}

/** {@link eliminate} in BigInt: exact for any size of value. */
function eliminateBig(rows: readonly Row[], unknowns: number): Solved {
  const m = rows.map((r) => [...r.coefs, r.rhs]);
  const pivots: number[] = [];
  let rank = 0;
  for (let col = 0; col < unknowns && rank < m.length; col++) {
    const p = m.findIndex((r, i) => i >= rank && r[col] !== 0n);
    if (p < 0) continue;
    [m[rank], m[p]] = [m[p]!, m[rank]!];
    const pivot = m[rank]!;
    for (let i = 0; i < m.length; i++) {
      const row = m[i]!;
      if (i === rank || row[col] === 0n) continue;
      const a = row[col]!;
      const b = pivot[col]!;
      for (let j = 0; j <= unknowns; j++) row[j] = row[j]! * b - pivot[j]! * a;
      normalise(row);
    }
    pivots.push(col);
    rank++;
  }
  for (let i = rank; i < m.length; i++)
    if (m[i]![unknowns] !== 0n) return { consistent: false, values: [], free: 0 };
  const values: (Ratio | undefined)[] = new Array(unknowns).fill(undefined);
  const isPivot = new Set(pivots);
  pivots.forEach((col, i) => {
    const row = m[i]!;
    for (let j = 0; j < unknowns; j++) if (j !== col && row[j] !== 0n && !isPivot.has(j)) return;
    let num = row[unknowns]!;
    let den = row[col]!;
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den) || 1n;
    values[col] = [num / g, den / g];
  });
  return { consistent: true, values, free: unknowns - rank };
}

/**
 * Whether the system has a solution in non-negative whole numbers of the unscaled values (`x / scale`)
 * in which each unknown listed in `change` differs from its current (unscaled) value — asked when
 * elimination left free unknowns. Each such unknown is either below or above its value: every one of the
 * 2^k combinations is a small integer programme. `undefined` when the solver cannot decide in its limits.
 */
export function hasNaturalSolution(
  rows: readonly Row[],
  unknowns: number,
  scale: bigint,
  change: readonly (readonly [number, number])[],
): boolean | undefined {
  const big = 2n ** 50n;
  const base: [string, { equal?: number; min?: number; max?: number }][] = [];
  const coefficients: [string, number][][] = [];
  for (let j = 0; j < unknowns; j++) coefficients.push([]);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    // x = scale · y with y whole: Σ (coef · scale) y = rhs.
    if (abs(r.rhs) > big || r.coefs.some((c) => abs(c * scale) > big)) return undefined;
    base.push([`c${i}`, { equal: Number(r.rhs) }]);
    r.coefs.forEach((c, j) => {
      if (c !== 0n) coefficients[j]!.push([`c${i}`, Number(c * scale)]);
    });
  }
  for (const [j] of change) coefficients[j]!.push([`b${j}`, 1]);
  let undecided = false;
  for (let pattern = 0; pattern < 1 << change.length; pattern++) {
    const bounds = change.map(([j, v], k): [string, { min?: number; max?: number }] =>
      pattern & (1 << k) ? [`b${j}`, { min: Math.floor(v) + 1 }] : [`b${j}`, { max: Math.ceil(v) - 1 }],
    );
    if (bounds.some(([, b]) => b.max !== undefined && b.max < 0)) continue;
    const solution = solveLp(
      {
        direction: "minimize",
        constraints: [...base, ...bounds],
        variables: coefficients.map((c, j): [string, [string, number][]] => [`x${j}`, c]),
        integers: true,
      },
      { maxIterations: 2000, timeout: 50 },
    );
    if (solution.status === "optimal") return true;
    if (solution.status !== "infeasible") undecided = true;
  }
  return undecided ? undefined : false;
}
