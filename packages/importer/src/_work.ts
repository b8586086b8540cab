// The work the table readers do, counted: lines and tokens scanned, candidate placements and splits
// tried. Tests assert that it grows linearly with the input (a count, not a timing, so the assertion is
// deterministic); every search it counts is bounded by a documented budget besides.

/** Steps done since the counter was last reset (see {@link resetWork}). */
export const work = { steps: 0 };

/** Counts `n` steps of work. */
export function tick(n = 1): void {
  work.steps += n;
}

/** Resets the counter and returns what it held. */
export function resetWork(): number {
  const was = work.steps;
  work.steps = 0;
  return was;
}
