// How much edit history a report keeps: every editing session of the last week, then the last version of
// each day, at most MAX versions. Pure functions, so the policy is tested on its own.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The history policy's numbers. */
export const HISTORY = {
  /** A snapshot is rewritten by the saves of one sitting, for at most this long. */
  sessionMs: HOUR,
  /** Every snapshot younger than this is kept. */
  recentDays: 7,
  /** At most this many snapshots per report. */
  max: 100,
} as const;

/** The local calendar day of a time, `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Which snapshot a save writes: the sitting's current one (`current`, its key) while it is from today
 * and less than an hour old, otherwise a new one keyed `now`. So each day of editing leaves at least one
 * dated version, and a long day several.
 */
export function snapshotSlot(current: number | undefined, now: number): number {
  return current !== undefined && dayOf(current) === dayOf(now) && now - current < HISTORY.sessionMs
    ? current
    : now;
}

/**
 * The snapshots to delete (their keys) so that what remains follows the policy: all of the last
 * `recentDays`, the newest of each earlier day, and no more than `max` in all (the newest kept).
 */
export function pruneSnapshots(
  snapshots: readonly { readonly at: number; readonly savedAt: number }[],
  now: number,
): number[] {
  const newestFirst = [...snapshots].sort((a, b) => b.savedAt - a.savedAt);
  const keep: number[] = [];
  const days = new Set<string>();
  for (const s of newestFirst) {
    const day = dayOf(s.savedAt);
    const recent = now - s.savedAt < HISTORY.recentDays * DAY;
    if (recent || !days.has(day)) keep.push(s.at);
    days.add(day);
  }
  const kept = new Set(keep.slice(0, HISTORY.max));
  return newestFirst.filter((s) => !kept.has(s.at)).map((s) => s.at);
}
