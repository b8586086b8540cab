// Saving the open report: shortly after every change, at once when the page is hidden, never over a
// version another tab saved meanwhile, and with the last second of typing kept in localStorage when the
// page closes before IndexedDB has finished.
import { parseReport, type Report, stringifyReport } from "@xxgk/core-model";
import { classify, type EntryRecord, type StorageError } from "./db.js";
import { snapshotSlot } from "./history.js";
import { type Library, newId } from "./library.js";
import type { Store } from "./store.js";

const DELAY_MS = 300;
const MAX_WAIT_MS = 1000;
/** localStorage key prefix of a report's edits written while the page was closing. */
export const UNSAVED_PREFIX = "xxgk-demo:unsaved:";

/** Where saving stands, for the status line and the banners. */
export type SaveState =
  | { readonly kind: "idle" }
  /** Edits not yet in IndexedDB; the save is on its way (within a second). */
  | { readonly kind: "pending" }
  | { readonly kind: "saved"; readonly at: Date }
  | { readonly kind: "error"; readonly error: StorageError }
  | { readonly kind: "conflict"; readonly message: string; readonly deleted: boolean };

/** What tabs tell each other. */
export type SyncMessage =
  | { readonly type: "saved"; readonly id: string; readonly version: number; readonly tab: string }
  | { readonly type: "list"; readonly tab: string };

/** The tabs of this app in this browser, over a BroadcastChannel (absent in very old browsers). */
export class Sync {
  readonly tab = newId();
  readonly #channel: BroadcastChannel | undefined;
  readonly #listeners = new Set<(m: SyncMessage) => void>();

  constructor() {
    this.#channel = typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel("xxgk-demo");
    this.#channel?.addEventListener("message", (ev: MessageEvent<SyncMessage>) => {
      if (ev.data?.tab === this.tab) return;
      for (const fn of this.#listeners) fn(ev.data);
    });
  }

  post(
    message:
      | { readonly type: "saved"; readonly id: string; readonly version: number }
      | { readonly type: "list" },
  ): void {
    this.#channel?.postMessage({ ...message, tab: this.tab });
  }

  listen(fn: (m: SyncMessage) => void): void {
    this.#listeners.add(fn);
  }
}

/** The open report's saving. */
export class Session {
  readonly #library: Library;
  readonly #store: Store;
  readonly #sync: Sync;
  readonly #onState: (s: SaveState) => void;
  #entry: EntryRecord | undefined;
  #base = 0;
  #slot: number | undefined;
  #dirty = false;
  #dirtySince = 0;
  /** Counts changes, so a change made while a save is under way is not marked saved. */
  #rev = 0;
  #saving: Promise<boolean> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #state: SaveState = { kind: "idle" };

  constructor(library: Library, store: Store, sync: Sync, onState: (s: SaveState) => void) {
    this.#library = library;
    this.#store = store;
    this.#sync = sync;
    this.#onState = onState;
    store.subscribe((c) => {
      if (c.reason === "open" || c.reason === "refused" || !this.#entry) return;
      this.#rev++;
      const now = performance.now();
      if (!this.#dirty) this.#dirtySince = now;
      this.#dirty = true;
      // "已保存" must never stand beside an edit that is not (an error or a conflict keeps its own say).
      if (this.#state.kind === "saved" || this.#state.kind === "idle") this.#setState({ kind: "pending" });
      clearTimeout(this.#timer);
      // Typing without pause must not postpone saving forever.
      if (now - this.#dirtySince >= MAX_WAIT_MS) void this.flush();
      else this.#timer = setTimeout(() => void this.flush(), DELAY_MS);
    });
    addEventListener("pagehide", () => this.#closing());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.#closing();
    });
  }

  get entry(): EntryRecord | undefined {
    return this.#entry;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  get state(): SaveState {
    return this.#state;
  }

  /** Starts editing a report (the undo history of the previous one is dropped). */
  open(entry: EntryRecord, report: Report): void {
    clearTimeout(this.#timer);
    this.#entry = entry;
    this.#base = entry.version;
    this.#slot = undefined;
    this.#dirty = false;
    this.#setState({ kind: "idle" });
    this.#store.reset(report);
  }

  /** Stops editing (after a successful {@link flush}). */
  close(): void {
    clearTimeout(this.#timer);
    this.#entry = undefined;
    this.#dirty = false;
  }

  /** The entry changed without the report changing (renamed, linked): keep the newer record. */
  refreshEntry(entry: EntryRecord): void {
    if (entry.id === this.#entry?.id) this.#entry = entry;
  }

  /** The next save starts a new version in the history (after a restore, so the one before stays). */
  newSitting(): void {
    this.#slot = undefined;
  }

  /** Saves now if anything changed. Resolves `true` when everything is saved. */
  async flush(): Promise<boolean> {
    clearTimeout(this.#timer);
    // One save at a time: two saves from one base version would refuse each other as a conflict.
    while (this.#saving) await this.#saving;
    if (!this.#dirty || !this.#entry) return !this.#dirty;
    if (this.#state.kind === "conflict") return false;
    return this.#run("check");
  }

  #run(mode: "check" | "force"): Promise<boolean> {
    const saving = this.#save(mode).finally(() => {
      if (this.#saving === saving) this.#saving = undefined;
    });
    this.#saving = saving;
    return saving;
  }

  async #save(mode: "check" | "force"): Promise<boolean> {
    const entry = this.#entry!;
    const rev = this.#rev;
    const report = this.#store.report;
    this.#slot = snapshotSlot(this.#slot, Date.now());
    try {
      const next = await this.#library.save(
        entry.id,
        report,
        mode === "force" ? "force" : this.#base,
        this.#slot,
      );
      if (this.#entry?.id !== entry.id) return true;
      this.#entry = next;
      this.#base = next.version;
      if (this.#rev === rev) this.#dirty = false;
      forgetUnsaved(entry.id);
      this.#sync.post({ type: "saved", id: entry.id, version: next.version });
      // Typing went on during the save: those edits are the next save's.
      this.#setState(this.#dirty ? { kind: "pending" } : { kind: "saved", at: new Date() });
      return !this.#dirty;
    } catch (err) {
      const e = classify(err);
      if (e.code === "CONFLICT") {
        const current = await this.#library.entry(entry.id).catch(() => undefined);
        this.#setState({
          kind: "conflict",
          message: e.message,
          deleted: !current || current.deletedAt !== undefined,
        });
      } else {
        this.#setState({ kind: "error", error: e });
      }
      return false;
    }
  }

  /** Tries a failed save again (after space was freed). */
  retry(): Promise<boolean> {
    if (this.#state.kind === "error") this.#setState({ kind: "idle" });
    this.#dirty = true;
    return this.flush();
  }

  /**
   * Another tab saved this report. Without unsaved edits here, its version is loaded (undoable);
   * with them, the conflict is shown and nothing is saved until the author chooses.
   */
  async remoteSaved(id: string, version: number): Promise<"loaded" | "conflict" | "ignored"> {
    if (id !== this.#entry?.id || version <= this.#base) return "ignored";
    if (this.#dirty || this.#saving) {
      this.#setState({ kind: "conflict", message: "这份报告已在另一个标签页中修改并保存", deleted: false });
      return "conflict";
    }
    return (await this.takeTheirs()) ? "loaded" : "ignored";
  }

  /** Conflict: load the stored version; this page's version stays one Ctrl+Z away. */
  async takeTheirs(): Promise<boolean> {
    const id = this.#entry?.id;
    if (!id) return false;
    const loaded = await this.#library.load(id);
    if (loaded.kind !== "report" || this.#entry?.id !== id) return false;
    this.#entry = loaded.entry;
    this.#base = loaded.entry.version;
    this.#store.update(loaded.report, "load");
    this.#dirty = false;
    this.#setState({ kind: "saved", at: new Date(loaded.entry.updatedAt) });
    return true;
  }

  /** Conflict: write this page's version over the other (a deleted report is brought back first). */
  async overwrite(): Promise<boolean> {
    const id = this.#entry?.id;
    if (!id) return false;
    this.#setState({ kind: "idle" });
    await this.#library.untrash(id).catch(() => undefined);
    this.#dirty = true;
    while (this.#saving) await this.#saving;
    return this.#run("force");
  }

  /** Conflict resolved elsewhere (this page's version went to a new entry): stop showing it. */
  clearConflict(): void {
    if (this.#state.kind === "conflict") this.#setState({ kind: "idle" });
  }

  #setState(s: SaveState): void {
    this.#state = s;
    this.#onState(s);
  }

  /** The page is going away: start the save, and keep a synchronous copy in case it does not finish. */
  #closing(): void {
    if (!this.#dirty || !this.#entry) return;
    try {
      localStorage.setItem(
        UNSAVED_PREFIX + this.#entry.id,
        JSON.stringify({ base: this.#base, at: Date.now(), doc: stringifyReport(this.#store.report) }),
      );
    } catch {
      // No room there either: the IndexedDB save below is the only chance, and the banner already says.
    }
    void this.flush();
  }
}

function forgetUnsaved(id: string): void {
  try {
    localStorage.removeItem(UNSAVED_PREFIX + id);
  } catch {
    // Nothing was kept there.
  }
}

/**
 * Edits kept in localStorage by a page that closed before its save finished: each is saved now if its
 * report was not saved since, kept as a new entry if it was changed elsewhere, set aside if unreadable.
 * Returns what it did, for a notice.
 */
export async function recoverUnsaved(library: Library): Promise<string[]> {
  const done: string[] = [];
  let keys: string[];
  try {
    keys = Object.keys(localStorage).filter((k) => k.startsWith(UNSAVED_PREFIX));
  } catch {
    return done;
  }
  for (const key of keys) {
    const id = key.slice(UNSAVED_PREFIX.length);
    const text = localStorage.getItem(key) ?? "";
    let kept: { base: number; at: number; doc: string } | undefined;
    try {
      kept = JSON.parse(text);
    } catch {
      kept = undefined;
    }
    const parsed = kept ? parseReport(JSON.parse(kept.doc)) : undefined;
    if (!kept || !parsed?.ok) {
      await library.setAside({
        at: kept?.at ?? Date.now(),
        name: "关闭页面前未保存的修改",
        reason: "无法读取",
        text,
      });
      localStorage.removeItem(key);
      continue;
    }
    const entry = await library.entry(id);
    const stored = entry ? await library.peek(id) : undefined;
    if (stored && stringifyReport(stored.report) === kept.doc) {
      // The save did finish after all.
    } else if (entry && entry.version === kept.base && entry.deletedAt === undefined) {
      await library.save(id, parsed.report, kept.base, kept.at);
      done.push(`已找回“${entry.name ?? entry.title}”关闭页面前最后的修改`);
    } else {
      const copy = await library.create(parsed.report, {
        name: `${parsed.report.meta.title}（关闭页面前未保存的版本）`,
        origin: "关闭页面前未保存的修改",
      });
      done.push(`关闭页面前未保存的修改已另存为“${copy.name}”`);
    }
    localStorage.removeItem(key);
  }
  return done;
}
