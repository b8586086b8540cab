// The author's reports: a list kept in the browser, each report with its edit history. Every change is
// one transaction, a save made on an outdated version is refused (two tabs), and nothing that fails to
// read is ever dropped: it is set aside with its date and offered back.
import { parseReport, type Report, toDocument } from "@xxgk/core-model";
import type { Summary } from "./checks.js";
import {
  type Backend,
  type EntryRecord,
  type SnapshotRecord,
  StorageError,
  type Tx,
  type UnreadableRecord,
} from "./db.js";
import { pruneSnapshots } from "./history.js";

/** What a new entry may say about where it came from. */
export interface CreateOptions {
  readonly origin?: string;
  readonly previousId?: string;
  readonly name?: string;
}

/** What opening a report found: the report, or (when it no longer reads) what was done about it. */
export type Loaded =
  | {
      readonly kind: "report";
      readonly entry: EntryRecord;
      readonly report: Report;
      readonly recovered?: number;
    }
  | { readonly kind: "missing" }
  | { readonly kind: "unreadable"; readonly reason: string };

/** The backup file: every report with its history, and everything set aside. */
export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: 1;
  readonly exportedAt: string;
  readonly reports: readonly {
    readonly entry: EntryRecord;
    readonly document: unknown;
    readonly history: readonly {
      readonly at: number;
      readonly savedAt: number;
      readonly errors: number;
      readonly document: unknown;
    }[];
  }[];
  readonly unreadable: readonly Omit<UnreadableRecord, "key">[];
}

/** What restoring a backup did. */
export interface RestoreSummary {
  readonly added: number;
  /** Reports already here with identical content. */
  readonly unchanged: number;
  /** Reports in the file that do not read as reports: set aside, not lost. */
  readonly setAside: number;
}

export const BACKUP_FORMAT = "xxgk-demo-backup";
/** The keys the app used before the list existed: one autosaved report, one rescued unreadable text. */
export const LEGACY_KEYS = { report: "xxgk-demo:report", unreadable: "xxgk-demo:unreadable" } as const;
/** How long a deleted report stays in 最近删除. */
export const TRASH_DAYS = 30;

const ALL = ["entries", "docs", "snapshots", "unreadable", "settings"] as const;

/** A fresh id that needs no secure context (crypto.randomUUID does). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${Date.now().toString(36)}-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The error and warning counts of a report, for its entry. The app asks its validation worker; the
 * counts are taken before a transaction opens, since an IndexedDB transaction does not outlive a wait
 * for anything else.
 */
export type Summarize = (report: Report) => Promise<Summary>;

/** The entry fields that follow the report itself. */
function describe(report: Report, summary: Summary) {
  return {
    title: report.meta.title,
    organ: report.meta.organ,
    year: report.meta.year,
    edition: report.edition,
    errors: summary.errors,
    warnings: summary.warnings,
  };
}

function reasonOf(doc: unknown): string | undefined {
  const parsed = parseReport(doc);
  if (parsed.ok) return undefined;
  const first = parsed.issues[0];
  return first ? `${first.pointer || "/"}：${first.message}` : "不符合报告格式";
}

const textOf = (doc: unknown) => (typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));

/** The reports of this browser, over a {@link Backend}. */
export class Library {
  readonly #db: Backend;
  readonly #summarize: Summarize;
  /** The clock, replaceable in tests. */
  readonly #now: () => number;

  constructor(backend: Backend, summarize: Summarize, now: () => number = Date.now) {
    this.#db = backend;
    this.#summarize = summarize;
    this.#now = now;
  }

  /** `false` when the reports live only in this page (the browser refused IndexedDB). */
  get persistent(): boolean {
    return this.#db.persistent;
  }

  /** Every entry, deleted ones included (they have `deletedAt`), newest change first. */
  async list(): Promise<EntryRecord[]> {
    const all = await this.#db.run(["entries"], "readonly", (tx) => tx.entries.all());
    return all.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Adds a report as a new entry; never replaces another. */
  async create(report: Report, opts: CreateOptions = {}): Promise<EntryRecord> {
    const summary = await this.#summarize(report);
    const now = this.#now();
    const entry: EntryRecord = {
      id: newId(),
      ...describe(report, summary),
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...(opts.name ? { name: opts.name } : {}),
      ...(opts.origin ? { origin: opts.origin } : {}),
      ...(opts.previousId ? { previousId: opts.previousId } : {}),
    };
    const doc = toDocument(report);
    await this.#db.run(["entries", "docs", "snapshots"], "readwrite", async (tx) => {
      await tx.entries.put(entry);
      await tx.docs.put({ id: entry.id, doc });
      await tx.snapshots.put({ id: entry.id, at: now, savedAt: now, doc, errors: entry.errors });
    });
    return entry;
  }

  /**
   * Opens a report. A stored document that no longer reads is set aside (kept, dated) and the report
   * falls back to its newest readable version from the history; with none, the entry is removed — its
   * text stays among the unreadable items.
   */
  async load(id: string): Promise<Loaded> {
    const loaded = await this.#db.run(ALL, "readwrite", async (tx): Promise<Loaded> => {
      const entry = await tx.entries.get(id);
      const stored = await tx.docs.get(id);
      if (!entry || !stored) return { kind: "missing" };
      const parsed = parseReport(stored.doc);
      if (parsed.ok) return { kind: "report", entry, report: parsed.report };
      const reason = reasonOf(stored.doc)!;
      await tx.unreadable.add({
        at: entry.updatedAt,
        name: entry.name ?? entry.title,
        reason,
        text: textOf(stored.doc),
      });
      const history = (await tx.snapshots.all(id)).sort((a, b) => b.savedAt - a.savedAt);
      for (const s of history) {
        const p = parseReport(s.doc);
        if (!p.ok) continue;
        // Counted again below, outside this transaction; until then the snapshot's own error count.
        const counts = { errors: s.errors, warnings: entry.warnings };
        const next = {
          ...entry,
          ...describe(p.report, counts),
          version: entry.version + 1,
          updatedAt: this.#now(),
        };
        await tx.docs.put({ id, doc: s.doc });
        await tx.entries.put(next);
        return { kind: "report", entry: next, report: p.report, recovered: s.savedAt };
      }
      await tx.entries.delete(id);
      await tx.docs.delete(id);
      await tx.snapshots.deleteAll(id);
      return { kind: "unreadable", reason };
    });
    if (loaded.kind !== "report" || loaded.recovered === undefined) return loaded;
    const summary = await this.#summarize(loaded.report);
    const entry = await this.#db.run(["entries"], "readwrite", async (tx) => {
      const e = await tx.entries.get(id);
      // Saved again meanwhile (another tab): that save counted its own report.
      if (!e || e.version !== loaded.entry.version) return loaded.entry;
      const next = { ...e, errors: summary.errors, warnings: summary.warnings };
      await tx.entries.put(next);
      return next;
    });
    return { ...loaded, entry };
  }

  /** The report of an entry, or `undefined` if it is gone or unreadable (used for last year's report). */
  async peek(id: string): Promise<{ entry: EntryRecord; report: Report } | undefined> {
    return this.#db.run(["entries", "docs"], "readonly", async (tx) => {
      const entry = await tx.entries.get(id);
      const stored = await tx.docs.get(id);
      if (!entry || !stored || entry.deletedAt !== undefined) return undefined;
      const parsed = parseReport(stored.doc);
      return parsed.ok ? { entry, report: parsed.report } : undefined;
    });
  }

  /**
   * Saves the open report. `baseVersion` is the version it was loaded or last saved at: if another tab
   * saved since (or deleted the report), nothing is written and a `CONFLICT` error says so. `slot` is
   * the history snapshot this sitting writes (see `snapshotSlot`).
   */
  async save(id: string, report: Report, baseVersion: number | "force", slot: number): Promise<EntryRecord> {
    const summary = await this.#summarize(report);
    const now = this.#now();
    const doc = toDocument(report);
    return this.#db.run(["entries", "docs", "snapshots"], "readwrite", async (tx) => {
      const entry = await tx.entries.get(id);
      if (!entry) throw new StorageError("CONFLICT", "这份报告已在另一个标签页中被永久删除");
      if (baseVersion !== "force" && entry.version !== baseVersion) {
        throw new StorageError(
          "CONFLICT",
          entry.deletedAt !== undefined
            ? "这份报告已在另一个标签页中删除"
            : "这份报告已在另一个标签页中修改并保存",
        );
      }
      const next: EntryRecord = {
        ...entry,
        ...describe(report, summary),
        updatedAt: now,
        version: entry.version + 1,
      };
      await tx.docs.put({ id, doc });
      await tx.entries.put(next);
      await tx.snapshots.put({ id, at: slot, savedAt: now, doc, errors: next.errors });
      const history = await tx.snapshots.all(id);
      for (const at of pruneSnapshots(history, now)) await tx.snapshots.delete([id, at]);
      return next;
    });
  }

  /** The version of an entry now stored (after another tab's message), or `undefined` if it is gone. */
  async entry(id: string): Promise<EntryRecord | undefined> {
    return this.#db.run(["entries"], "readonly", (tx) => tx.entries.get(id));
  }

  /** Renames an entry (an empty name shows the title again) or links last year's report. */
  async update(id: string, patch: { name?: string; previousId?: string | null }): Promise<EntryRecord> {
    return this.#db.run(["entries"], "readwrite", async (tx) => {
      const entry = await tx.entries.get(id);
      if (!entry) throw new StorageError("CONFLICT", "这份报告已不存在");
      const { name: _n, previousId: _p, ...rest } = entry;
      const name = patch.name === undefined ? entry.name : patch.name.trim() || undefined;
      const previousId = patch.previousId === undefined ? entry.previousId : (patch.previousId ?? undefined);
      const next: EntryRecord = {
        ...rest,
        ...(name ? { name } : {}),
        ...(previousId ? { previousId } : {}),
      };
      await tx.entries.put(next);
      return next;
    });
  }

  /** A copy of a report as a new entry (its history starts afresh). */
  async duplicate(id: string): Promise<EntryRecord> {
    const found = await this.peek(id);
    if (!found) throw new StorageError("CONFLICT", "这份报告已不存在");
    const label = found.entry.name ?? found.entry.title;
    return this.create(found.report, {
      name: `${label}（副本）`,
      origin: `复制自“${label}”`,
      ...(found.entry.previousId ? { previousId: found.entry.previousId } : {}),
    });
  }

  /** Moves a report to 最近删除 (recoverable for {@link TRASH_DAYS} days). */
  async trash(id: string): Promise<void> {
    await this.#db.run(["entries"], "readwrite", async (tx) => {
      const entry = await tx.entries.get(id);
      if (entry) await tx.entries.put({ ...entry, deletedAt: this.#now(), version: entry.version + 1 });
    });
  }

  /** Brings a report back from 最近删除. */
  async untrash(id: string): Promise<void> {
    await this.#db.run(["entries"], "readwrite", async (tx) => {
      const entry = await tx.entries.get(id);
      if (!entry) return;
      const { deletedAt: _, ...rest } = entry;
      await tx.entries.put({ ...rest, version: entry.version + 1 });
    });
  }

  /** Deletes a report for good, history included. */
  async purge(id: string): Promise<void> {
    await this.#db.run(["entries", "docs", "snapshots"], "readwrite", async (tx) => {
      await tx.entries.delete(id);
      await tx.docs.delete(id);
      await tx.snapshots.deleteAll(id);
    });
  }

  /** Purges what has been in 最近删除 longer than {@link TRASH_DAYS} days; returns how many. */
  async purgeExpired(): Promise<number> {
    const limit = this.#now() - TRASH_DAYS * 86_400_000;
    const old = (await this.list()).filter((e) => e.deletedAt !== undefined && e.deletedAt < limit);
    for (const e of old) await this.purge(e.id);
    return old.length;
  }

  /** A report's history, newest first. */
  async history(id: string): Promise<SnapshotRecord[]> {
    const all = await this.#db.run(["snapshots"], "readonly", (tx) => tx.snapshots.all(id));
    return all.sort((a, b) => b.savedAt - a.savedAt);
  }

  /** Everything set aside because it did not read as a report, newest first. */
  async unreadable(): Promise<UnreadableRecord[]> {
    const all = await this.#db.run(["unreadable"], "readonly", (tx) => tx.unreadable.all());
    return all.sort((a, b) => b.at - a.at);
  }

  /** Keeps text that does not read as a report, dated, so the author can have it back. */
  async setAside(record: Omit<UnreadableRecord, "key">): Promise<void> {
    await this.#db.run(["unreadable"], "readwrite", async (tx) => {
      await tx.unreadable.add(record);
    });
  }

  async removeUnreadable(key: number): Promise<void> {
    await this.#db.run(["unreadable"], "readwrite", (tx) => tx.unreadable.delete(key));
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const r = await this.#db.run(["settings"], "readonly", (tx) => tx.settings.get(key));
    return r?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.#db.run(["settings"], "readwrite", (tx) => tx.settings.put({ key, value }));
  }

  /** Every report (deleted ones too) with its history, and everything set aside, as one value. */
  async backup(): Promise<Backup> {
    return this.#db.run(["entries", "docs", "snapshots", "unreadable"], "readonly", async (tx: Tx) => {
      const entries = (await tx.entries.all()).sort((a, b) => a.createdAt - b.createdAt);
      const reports = [];
      for (const entry of entries) {
        const stored = await tx.docs.get(entry.id);
        const history = (await tx.snapshots.all(entry.id)).map((s) => ({
          at: s.at,
          savedAt: s.savedAt,
          errors: s.errors,
          document: s.doc,
        }));
        reports.push({ entry, document: stored?.doc ?? null, history });
      }
      const unreadable = (await tx.unreadable.all()).map(({ key: _, ...u }) => u);
      return {
        format: BACKUP_FORMAT,
        version: 1 as const,
        exportedAt: new Date(this.#now()).toISOString(),
        reports,
        unreadable,
      };
    });
  }

  /**
   * Adds the reports of a backup. A report already here with the same content is left alone; one whose
   * id is taken by different content comes in as a new entry; none replaces another. Documents that do
   * not read as reports are set aside. Throws a plain `Error` for a file that is not a backup.
   */
  async restore(backup: unknown): Promise<RestoreSummary> {
    const b = backup as Partial<Backup> | null;
    if (!b || typeof b !== "object" || b.format !== BACKUP_FORMAT || !Array.isArray(b.reports)) {
      throw new Error("这不是本工具的备份文件（应为“备份全部报告”下载的 .json 文件）");
    }
    if (b.version !== 1) throw new Error(`备份文件的版本 ${String(b.version)} 无法识别，请使用新版工具`);
    let added = 0;
    let unchanged = 0;
    let setAside = 0;
    // Parsed and counted first: the transaction below must not wait for anything but the database.
    const items: {
      item: Backup["reports"][number];
      parsed: ReturnType<typeof parseReport>;
      summary?: Summary;
    }[] = [];
    for (const item of b.reports) {
      const parsed = parseReport(item?.document);
      items.push(
        parsed.ok ? { item, parsed, summary: await this.#summarize(parsed.report) } : { item, parsed },
      );
    }
    await this.#db.run(["entries", "docs", "snapshots", "unreadable"], "readwrite", async (tx) => {
      const ids = new Map<string, string>();
      const restored: EntryRecord[] = [];
      for (const { item, parsed, summary } of items) {
        const entry = item?.entry as EntryRecord | undefined;
        const label = entry?.name ?? entry?.title ?? "备份中的报告";
        if (!entry || typeof entry.id !== "string" || !parsed.ok || summary === undefined) {
          await tx.unreadable.add({
            at: typeof entry?.updatedAt === "number" ? entry.updatedAt : this.#now(),
            name: `${label}（备份文件中）`,
            reason: reasonOf(item?.document) ?? "备份记录不完整",
            text: textOf(item?.document ?? item),
          });
          setAside++;
          continue;
        }
        const here = await tx.docs.get(entry.id);
        if (here && JSON.stringify(here.doc) === JSON.stringify(toDocument(parsed.report))) {
          ids.set(entry.id, entry.id);
          unchanged++;
          continue;
        }
        const id = here ? newId() : entry.id;
        ids.set(entry.id, id);
        const next: EntryRecord = { ...entry, ...describe(parsed.report, summary), id };
        restored.push(next);
        await tx.docs.put({ id, doc: toDocument(parsed.report) });
        for (const s of Array.isArray(item.history) ? item.history : []) {
          if (typeof s?.at !== "number" || parseReport(s.document).ok === false) continue;
          await tx.snapshots.put({
            id,
            at: s.at,
            savedAt: typeof s.savedAt === "number" ? s.savedAt : s.at,
            errors: typeof s.errors === "number" ? s.errors : 0,
            doc: s.document,
          });
        }
        added++;
      }
      for (const e of restored) {
        const previousId = e.previousId === undefined ? undefined : (ids.get(e.previousId) ?? e.previousId);
        await tx.entries.put(previousId === undefined ? e : { ...e, previousId });
      }
      for (const u of Array.isArray(b.unreadable) ? b.unreadable : []) {
        if (typeof u?.text !== "string") continue;
        await tx.unreadable.add({
          at: typeof u.at === "number" ? u.at : this.#now(),
          name: String(u.name ?? "备份中的内容"),
          reason: String(u.reason ?? ""),
          text: u.text,
        });
      }
    });
    return { added, unchanged, setAside };
  }

  /**
   * Brings the single autosave slot of earlier versions of the app into the list (once), and its rescued
   * unreadable text among the unreadable items. The old keys are removed only after the move committed.
   */
  async migrateLegacy(storage: Pick<Storage, "getItem" | "removeItem">): Promise<EntryRecord | undefined> {
    let text: string | null;
    let rescued: string | null;
    try {
      text = storage.getItem(LEGACY_KEYS.report);
      rescued = storage.getItem(LEGACY_KEYS.unreadable);
    } catch {
      return undefined;
    }
    if (text === null && rescued === null) return undefined;
    let entry: EntryRecord | undefined;
    if (rescued !== null) {
      await this.setAside({
        at: this.#now(),
        name: "旧版自动保存中无法读取的内容",
        reason: "旧版已判定无法读取",
        text: rescued,
      });
    }
    if (text !== null) {
      let doc: unknown;
      let reason: string | undefined;
      try {
        doc = JSON.parse(text);
        reason = reasonOf(doc);
      } catch (err) {
        reason = `JSON：${(err as Error).message}`;
      }
      const parsed = reason === undefined ? parseReport(doc) : undefined;
      if (parsed?.ok) {
        entry = await this.create(parsed.report, { origin: "旧版自动保存" });
        // Opened next, even if the page reloads before the app has routed to it.
        await this.setSetting("lastOpened", entry.id);
      } else await this.setAside({ at: this.#now(), name: "旧版自动保存的报告", reason: reason ?? "", text });
    }
    try {
      storage.removeItem(LEGACY_KEYS.report);
      storage.removeItem(LEGACY_KEYS.unreadable);
    } catch {
      // Left in place, they would be moved again next time: harmless duplicates, never a loss.
    }
    return entry;
  }
}
