// Where the reports live: the browser's IndexedDB (through `idb`), or — when the browser refuses it
// (private windows of some browsers, storage disabled) — memory for this page only, which the app says.
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from "idb";

/** One report in the list: what the list shows, without the report itself (kept in `docs`). */
export interface EntryRecord {
  readonly id: string;
  /** A name the author gave in the list (重命名); the report's title is shown when there is none. */
  readonly name?: string;
  readonly title: string;
  readonly organ: string;
  readonly year: number;
  readonly edition: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Incremented by every save: a save made on an older version is refused (two tabs, one report). */
  readonly version: number;
  readonly errors: number;
  readonly warnings: number;
  /** How the report came to be: `示例`, `导入 a.html`, `由 2024 年报告结转`, `复制自 …`, `备份恢复`. */
  readonly origin?: string;
  /** Last year's report in the list, for the cross-year rules. */
  readonly previousId?: string;
  /** Set when deleted: the report stays recoverable in 最近删除 until purged. */
  readonly deletedAt?: number;
}

/** A report document (core-model's `toDocument`), stored apart so the list reads only entries. */
export interface DocRecord {
  readonly id: string;
  readonly doc: unknown;
}

/** A dated copy of a report, for its edit history (restoring yesterday's version). */
export interface SnapshotRecord {
  readonly id: string;
  /** When the sitting that wrote it began (ms since epoch); with `id`, its key. */
  readonly at: number;
  /** When it was last written. */
  readonly savedAt: number;
  readonly doc: unknown;
  readonly errors: number;
}

/** Saved text that does not read as a report any more, kept aside with its date and offered back. */
export interface UnreadableRecord {
  readonly key?: number;
  /** When the text was saved (or found, if that is unknown). */
  readonly at: number;
  /** What it was: the report's name, or where it came from. */
  readonly name: string;
  readonly reason: string;
  readonly text: string;
}

export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

interface Schema extends DBSchema {
  entries: { key: string; value: EntryRecord };
  docs: { key: string; value: DocRecord };
  snapshots: { key: [string, number]; value: SnapshotRecord };
  unreadable: { key: number; value: UnreadableRecord };
  settings: { key: string; value: SettingRecord };
}

/** The object stores. */
export type StoreName = "entries" | "docs" | "snapshots" | "unreadable" | "settings";
type Value<S extends StoreName> = Schema[S]["value"];
type Key<S extends StoreName> = Schema[S]["key"];

/** One store inside a transaction. `prefix` selects the records whose key starts with it (snapshots). */
export interface Table<S extends StoreName> {
  get(key: Key<S>): Promise<Value<S> | undefined>;
  all(prefix?: string): Promise<Value<S>[]>;
  put(value: Value<S>): Promise<void>;
  /** Adds a record with a generated key (the `unreadable` store) and returns it. */
  add(value: Value<S>): Promise<IDBValidKey>;
  delete(key: Key<S>): Promise<void>;
  deleteAll(prefix?: string): Promise<void>;
}

export type Tx = { readonly [S in StoreName]: Table<S> };

/** A place to keep the stores: `run` is one atomic transaction (all of it is written, or nothing). */
export interface Backend {
  /** `true` when the data outlives the page (IndexedDB), `false` for the memory fallback. */
  readonly persistent: boolean;
  run<R>(
    stores: readonly StoreName[],
    mode: "readonly" | "readwrite",
    fn: (tx: Tx) => Promise<R>,
  ): Promise<R>;
  close(): void;
}

/** Why storing failed: the quota is used up, storage is unavailable, or another tab saved first. */
export type StorageErrorCode = "QUOTA" | "UNAVAILABLE" | "CONFLICT" | "FAILED";

/** A storage operation failed; `code` says why in a way the app can explain. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageError";
    this.code = code;
  }
}

/** Turns what IndexedDB threw (or aborted with) into a {@link StorageError}. */
export function classify(err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  const name = (err as { name?: string } | null)?.name ?? "";
  const message = (err as { message?: string } | null)?.message ?? String(err);
  if (name === "QuotaExceededError" || /quota/i.test(message)) {
    return new StorageError("QUOTA", `浏览器存储空间已满（${message}）`, { cause: err });
  }
  if (name === "SecurityError" || name === "InvalidStateError" || name === "UnknownError") {
    return new StorageError("UNAVAILABLE", `浏览器不允许使用本地存储（${name}：${message}）`, { cause: err });
  }
  return new StorageError("FAILED", `存储出错（${name || "Error"}：${message}）`, { cause: err });
}

const DB_NAME = "xxgk-demo";
const DB_VERSION = 1;

function range(prefix: string | undefined): IDBKeyRange | undefined {
  return prefix === undefined ? undefined : IDBKeyRange.bound([prefix, -Infinity], [prefix, Infinity]);
}

/**
 * Opens the app's IndexedDB database. `onBlocking` is called when another page wants to delete or
 * upgrade it (the connection is closed then; the page should be reloaded).
 */
export async function openIndexedDb(onBlocking: () => void): Promise<Backend> {
  if (typeof indexedDB === "undefined") {
    throw new StorageError("UNAVAILABLE", "此浏览器没有 IndexedDB");
  }
  let db: IDBPDatabase<Schema>;
  try {
    db = await openDB<Schema>(DB_NAME, DB_VERSION, {
      upgrade(d) {
        d.createObjectStore("entries", { keyPath: "id" });
        d.createObjectStore("docs", { keyPath: "id" });
        d.createObjectStore("snapshots", { keyPath: ["id", "at"] });
        d.createObjectStore("unreadable", { keyPath: "key", autoIncrement: true });
        d.createObjectStore("settings", { keyPath: "key" });
      },
      blocking() {
        db.close();
        onBlocking();
      },
      terminated: onBlocking,
    });
  } catch (err) {
    const e = classify(err);
    throw e.code === "FAILED" ? new StorageError("UNAVAILABLE", e.message, { cause: err }) : e;
  }
  return {
    persistent: true,
    async run(stores, mode, fn) {
      let tx: IDBPTransaction<Schema, StoreName[], "readonly" | "readwrite">;
      try {
        tx = db.transaction([...stores], mode);
      } catch (err) {
        throw classify(err);
      }
      const table = <S extends StoreName>(name: S): Table<S> => {
        // Typed loosely here: idb's store types are per name, the Table interface is per name too.
        const store = () =>
          tx.objectStore(name as StoreName) as unknown as {
            get(k: unknown): Promise<unknown>;
            getAll(r?: IDBKeyRange): Promise<unknown[]>;
            put(v: unknown): Promise<unknown>;
            add(v: unknown): Promise<IDBValidKey>;
            delete(k: unknown): Promise<void>;
            clear(): Promise<void>;
          };
        return {
          get: (k) => store().get(k) as Promise<Value<S> | undefined>,
          all: (p) => store().getAll(range(p)) as Promise<Value<S>[]>,
          put: async (v) => {
            await store().put(v);
          },
          add: (v) => store().add(v),
          delete: (k) => store().delete(k),
          deleteAll: (p) => (p === undefined ? store().clear() : store().delete(range(p)!)),
        };
      };
      const t = Object.fromEntries(stores.map((s) => [s, table(s)])) as unknown as Tx;
      try {
        const result = await fn(t);
        await tx.done;
        return result;
      } catch (err) {
        tx.done.catch(() => undefined);
        try {
          tx.abort();
        } catch {
          // Already finished or aborted: nothing was committed by this failure either way.
        }
        // An abort reports the request's error, or the transaction's (QuotaExceededError at commit).
        throw classify(tx.error ?? err);
      }
    },
    close: () => db.close(),
  };
}

const KEY_PATHS: Record<StoreName, (v: never) => string> = {
  entries: (v: EntryRecord) => v.id,
  docs: (v: DocRecord) => v.id,
  snapshots: (v: SnapshotRecord) => JSON.stringify([v.id, v.at]),
  unreadable: (v: UnreadableRecord) => String(v.key),
  settings: (v: SettingRecord) => v.key,
} as Record<StoreName, (v: never) => string>;

/**
 * The same stores in memory, for a browser that refuses IndexedDB: the app still works on this page,
 * and says that nothing outlives it. Transactions are atomic (a failed one is rolled back).
 */
export function memoryBackend(): Backend {
  const data = new Map<StoreName, Map<string, unknown>>(
    (Object.keys(KEY_PATHS) as StoreName[]).map((s) => [s, new Map()]),
  );
  let nextKey = 1;
  const keyOf = (k: unknown) => (Array.isArray(k) ? JSON.stringify(k) : String(k));
  const starts = (p: string | undefined) => (k: string) =>
    p === undefined || k.startsWith(JSON.stringify([p]).slice(0, -1) + ",");
  return {
    persistent: false,
    async run(stores, mode, fn) {
      const before = new Map([...data].map(([s, m]) => [s, new Map(m)]));
      const table = <S extends StoreName>(name: S): Table<S> => {
        const m = data.get(name)!;
        const writable = () => {
          if (mode !== "readwrite") throw new StorageError("FAILED", "read-only transaction");
        };
        return {
          get: async (k) => structuredClone(m.get(keyOf(k))) as Value<S> | undefined,
          all: async (p) =>
            [...m.entries()]
              .filter(([k]) => starts(p)(k))
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([, v]) => structuredClone(v)) as Value<S>[],
          put: async (v) => {
            writable();
            m.set((KEY_PATHS[name] as (x: Value<S>) => string)(v), structuredClone(v));
          },
          add: async (v) => {
            writable();
            const key = nextKey++;
            m.set(String(key), structuredClone({ ...(v as object), key }));
            return key;
          },
          delete: async (k) => {
            writable();
            m.delete(keyOf(k));
          },
          deleteAll: async (p) => {
            writable();
            for (const k of [...m.keys()]) if (starts(p)(k)) m.delete(k);
          },
        };
      };
      const t = Object.fromEntries(stores.map((s) => [s, table(s)])) as unknown as Tx;
      try {
        return await fn(t);
      } catch (err) {
        for (const [s, m] of before) data.set(s, m);
        throw classify(err);
      }
    },
    close() {},
  };
}
