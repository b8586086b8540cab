import type { Report } from "@xxgk/core-model";

/** Why the report changed: typing in a field, or a change made to many fields at once. */
export type ChangeReason =
  | "edit"
  | "paste"
  | "totals"
  | "fill"
  /** A diagnosis's suggested values written into its cells. */
  | "fix"
  | "load"
  | "undo"
  | "redo"
  /** Another report was opened: the editor is rebuilt and the undo history starts afresh. */
  | "open"
  /** An edit was refused (see {@link Store.guard}): every field shows the report as it still is. */
  | "refused";

/** A change notification: the new report and whether the editor must resynchronise its fields. */
export interface Change {
  readonly report: Report;
  readonly reason: ChangeReason;
  /** The field being typed into (`data-pointer`), which must not be overwritten under the caret. */
  readonly source?: string;
  /** Why an edit was refused (reason `refused`). */
  readonly refusal?: string;
}

const LIMIT = 300;
const COALESCE_MS = 1200;

/**
 * The one place the current report lives. Reports are immutable (core-model's `setCell` copies), so the
 * undo stack is just the list of previous reports. Consecutive keystrokes in one field are one step.
 */
export class Store {
  #report: Report;
  #past: Report[] = [];
  #future: Report[] = [];
  #lastTag: string | undefined;
  #lastAt = 0;
  #listeners = new Set<(c: Change) => void>();

  constructor(report: Report) {
    this.#report = report;
  }

  get report(): Report {
    return this.#report;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /**
   * Checks every edit before it is taken: a message refuses it (the report stays as it was and the
   * change is announced with reason `refused`), `undefined` accepts it.
   */
  guard: ((next: Report) => string | undefined) | undefined;

  /** Another report: the undo history of the previous one is dropped. */
  reset(report: Report): void {
    this.#report = report;
    this.#past = [];
    this.#future = [];
    this.#lastTag = undefined;
    this.#emit({ report, reason: "open" });
  }

  /**
   * Replaces the report. A `tag` (the field's pointer) merges quick successive edits of one field.
   * Returns `false` when the guard refused the edit.
   */
  update(next: Report, reason: ChangeReason, tag?: string): boolean {
    if (next === this.#report) return true;
    const refusal = this.guard?.(next);
    if (refusal !== undefined) {
      this.#lastTag = undefined;
      this.#emit({ report: this.#report, reason: "refused", refusal });
      return false;
    }
    const now = performance.now();
    const merge = tag !== undefined && tag === this.#lastTag && now - this.#lastAt < COALESCE_MS;
    if (!merge) {
      this.#past.push(this.#report);
      if (this.#past.length > LIMIT) this.#past.shift();
    }
    this.#future = [];
    this.#lastTag = tag;
    this.#lastAt = now;
    this.#report = next;
    this.#emit({ report: next, reason, ...(tag === undefined || reason !== "edit" ? {} : { source: tag }) });
    return true;
  }

  undo(): boolean {
    const prev = this.#past.pop();
    if (!prev) return false;
    this.#future.push(this.#report);
    this.#report = prev;
    this.#lastTag = undefined;
    this.#emit({ report: prev, reason: "undo" });
    return true;
  }

  redo(): boolean {
    const next = this.#future.pop();
    if (!next) return false;
    this.#past.push(this.#report);
    this.#report = next;
    this.#lastTag = undefined;
    this.#emit({ report: next, reason: "redo" });
    return true;
  }

  subscribe(fn: (c: Change) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(c: Change): void {
    for (const fn of this.#listeners) fn(c);
  }
}
