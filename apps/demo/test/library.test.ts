import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseReport, type Report, setCell, stringifyReport } from "@xxgk/core-model";
import { validateReport } from "@xxgk/validators";
import { IDBFactory, IDBObjectStore } from "fake-indexeddb";
import fc from "fast-check";
import { beforeEach, describe, expect, test } from "vitest";
import { type Backend, memoryBackend, openIndexedDb, StorageError } from "../src/db.js";
import { dayOf, HISTORY, pruneSnapshots, snapshotSlot } from "../src/history.js";
import { LEGACY_KEYS, Library } from "../src/library.js";
import { summarize } from "../src/tasks.js";

/** What the worker answers the app, here in the same thread. */
const summarizeNow = async (report: Report) => summarize(report);

const load = (name: string): Report => {
  const p = parseReport(
    JSON.parse(
      readFileSync(fileURLToPath(import.meta.resolve(`@xxgk/core-model/examples/${name}.json`)), "utf8"),
    ),
  );
  if (!p.ok) throw new Error(`${name} must parse`);
  return p.report;
};
const seed = load("wulin-2020");
const example = load("example-2021");
const KEY = "applications.newlyReceived.naturalPerson";

const backends: [string, () => Promise<Backend>][] = [
  ["IndexedDB", () => openIndexedDb(() => undefined)],
  ["memory", async () => memoryBackend()],
];

beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
});

describe.each(backends)("Library on %s", (_name, open) => {
  test("new reports are new entries; none replaces another", async () => {
    const lib = new Library(await open(), summarizeNow);
    const a = await lib.create(setCell(seed, KEY, 7), { origin: "示例" });
    const b = await lib.create(example);
    expect((await lib.list()).map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    const got = await lib.load(a.id);
    expect(got.kind === "report" && stringifyReport(got.report)).toBe(stringifyReport(setCell(seed, KEY, 7)));
    // The list shows what the validators say of the report: the 7 unbalances table 三.
    const { counts } = validateReport(setCell(seed, KEY, 7));
    expect(counts.error).toBeGreaterThan(0);
    expect(a).toMatchObject({
      organ: seed.meta.organ,
      year: 2020,
      edition: "2019",
      errors: counts.error,
      origin: "示例",
    });
  });

  test("a save made on an outdated version is refused and writes nothing (two tabs)", async () => {
    const lib = new Library(await open(), summarizeNow);
    const e = await lib.create(seed);
    const first = await lib.save(e.id, setCell(seed, KEY, 1), e.version, 1);
    expect(first.version).toBe(e.version + 1);
    // The other tab still holds version 1.
    const stale = lib.save(e.id, setCell(seed, KEY, 2), e.version, 1);
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT" });
    const got = await lib.load(e.id);
    expect(got.kind === "report" && got.report.tables.applications.newlyReceived!.naturalPerson!.raw).toBe(
      "1",
    );
    // A deleted report refuses saves too, until it is restored.
    await lib.trash(e.id);
    await expect(lib.save(e.id, seed, first.version, 1)).rejects.toBeInstanceOf(StorageError);
    await lib.untrash(e.id);
    expect((await lib.entry(e.id))?.deletedAt).toBeUndefined();
  });

  test("rename, duplicate, trash, untrash and purge", async () => {
    const lib = new Library(await open(), summarizeNow);
    const e = await lib.create(seed);
    await lib.update(e.id, { name: "武林 2020 定稿" });
    const copy = await lib.duplicate(e.id);
    expect(copy.name).toBe("武林 2020 定稿（副本）");
    await lib.update(e.id, { name: "  " });
    expect((await lib.entry(e.id))?.name).toBeUndefined();
    await lib.trash(copy.id);
    expect((await lib.list()).find((x) => x.id === copy.id)?.deletedAt).toBeTypeOf("number");
    await lib.purge(copy.id);
    expect((await lib.list()).map((x) => x.id)).toEqual([e.id]);
    expect(await lib.history(copy.id)).toEqual([]);
  });

  test("backup, then restore into an empty store, gives identical reports; restoring again adds nothing", async () => {
    const lib = new Library(await open(), summarizeNow);
    const a = await lib.create(setCell(seed, KEY, 3), { name: "甲" });
    const b = await lib.create(example, { previousId: a.id });
    await lib.save(b.id, setCell(example, KEY, "+5"), b.version, 2);
    await lib.setAside({ at: 5, name: "坏的", reason: "JSON", text: "{" });
    const backup = JSON.parse(JSON.stringify(await lib.backup()));

    globalThis.indexedDB = new IDBFactory();
    const fresh = new Library(await open(), summarizeNow);
    expect(await fresh.restore(backup)).toEqual({ added: 2, unchanged: 0, setAside: 0 });
    const again = JSON.parse(JSON.stringify(await fresh.backup()));
    expect(again.reports).toEqual(backup.reports);
    expect(again.unreadable).toEqual(backup.unreadable);
    expect(await fresh.restore(backup)).toMatchObject({ added: 0, unchanged: 2 });
  });

  test("a backup entry whose id is taken by another report comes in as a new entry", async () => {
    const lib = new Library(await open(), summarizeNow);
    const a = await lib.create(seed);
    const backup = JSON.parse(JSON.stringify(await lib.backup()));
    await lib.save(a.id, setCell(seed, KEY, 9), a.version, 1);
    expect(await lib.restore(backup)).toMatchObject({ added: 1, unchanged: 0 });
    expect((await lib.list()).length).toBe(2);
  });

  test("a backup's unreadable reports are set aside, and a file that is no backup is refused", async () => {
    const lib = new Library(await open(), summarizeNow);
    const backup = {
      format: "xxgk-demo-backup",
      version: 1,
      exportedAt: "",
      reports: [
        { entry: { id: "x", title: "坏", updatedAt: 9 }, document: { edition: "2030" }, history: [] },
      ],
      unreadable: [],
    };
    expect(await lib.restore(backup)).toEqual({ added: 0, unchanged: 0, setAside: 1 });
    expect((await lib.unreadable())[0]).toMatchObject({ at: 9, name: "坏（备份文件中）" });
    await expect(lib.restore({ edition: "2021" })).rejects.toThrow(/备份文件/);
  });

  test("a stored report that no longer reads is set aside and the newest readable version opens", async () => {
    const backend = await open();
    const lib = new Library(backend, summarizeNow, () => 1000);
    const e = await lib.create(setCell(seed, KEY, 4));
    await backend.run(["docs"], "readwrite", (tx) =>
      tx.docs.put({ id: e.id, doc: { edition: "2019", meta: 1 } }),
    );
    const got = await lib.load(e.id);
    expect(got.kind).toBe("report");
    expect(got.kind === "report" && got.recovered).toBe(1000);
    // The entry counts the version that opened, as the list shows it.
    expect(got.kind === "report" && got.entry).toMatchObject(summarize(setCell(seed, KEY, 4)));
    expect((await lib.list())[0]).toMatchObject(summarize(setCell(seed, KEY, 4)));
    const aside = await lib.unreadable();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({ at: e.updatedAt, name: seed.meta.title });
    expect(JSON.parse(aside[0]!.text)).toEqual({ edition: "2019", meta: 1 });
    // With no readable version left, the entry goes and its text stays aside — a second one, not replacing the first.
    await backend.run(["docs", "snapshots"], "readwrite", async (tx) => {
      await tx.docs.put({ id: e.id, doc: "garbage" });
      await tx.snapshots.deleteAll(e.id);
    });
    expect((await lib.load(e.id)).kind).toBe("unreadable");
    expect((await lib.unreadable()).map((u) => u.text)).toContain("garbage");
    expect(await lib.unreadable()).toHaveLength(2);
    expect(await lib.list()).toEqual([]);
  });

  test("the old single autosave slot becomes an entry, and its rescued text an unreadable item", async () => {
    const lib = new Library(await open(), summarizeNow);
    const storage = new Map<string, string>([
      [LEGACY_KEYS.report, stringifyReport(setCell(seed, KEY, 8))],
      [LEGACY_KEYS.unreadable, "{ broken"],
    ]);
    const api = {
      getItem: (k: string) => storage.get(k) ?? null,
      removeItem: (k: string) => void storage.delete(k),
    };
    const entry = await lib.migrateLegacy(api);
    expect(entry?.origin).toBe("旧版自动保存");
    const got = await lib.load(entry!.id);
    expect(got.kind === "report" && stringifyReport(got.report)).toBe(stringifyReport(setCell(seed, KEY, 8)));
    expect((await lib.unreadable()).map((u) => u.text)).toEqual(["{ broken"]);
    expect(storage.size).toBe(0);
    expect(await lib.migrateLegacy(api)).toBeUndefined();
  });
});

describe("storage errors", () => {
  test("quota exceeded in the middle of a save writes nothing, and says QUOTA", async () => {
    const lib = new Library(await openIndexedDb(() => undefined), summarizeNow);
    const e = await lib.create(seed);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      // The document goes in, then the entry fails: the transaction must not keep the document alone.
      if (++calls === 2) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
    try {
      await expect(lib.save(e.id, setCell(seed, KEY, 5), e.version, 1)).rejects.toMatchObject({
        code: "QUOTA",
      });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    const got = await lib.load(e.id);
    expect(got.kind === "report" && stringifyReport(got.report)).toBe(stringifyReport(seed));
    expect((await lib.entry(e.id))?.version).toBe(e.version);
    // Space again: the same save succeeds.
    await expect(lib.save(e.id, setCell(seed, KEY, 5), e.version, 1)).resolves.toMatchObject({ version: 2 });
  });
});

describe("history policy", () => {
  const DAY = 86_400_000;
  test("one sitting rewrites its snapshot the same day for up to an hour, then starts another", () => {
    const t = new Date(2025, 0, 20, 9).getTime();
    expect(snapshotSlot(undefined, t)).toBe(t);
    expect(snapshotSlot(t, t + 10 * 60_000)).toBe(t);
    expect(snapshotSlot(t, t + HISTORY.sessionMs)).toBe(t + HISTORY.sessionMs);
    const late = new Date(2025, 0, 20, 23, 50).getTime();
    expect(snapshotSlot(late, late + 20 * 60_000)).toBe(late + 20 * 60_000);
  });

  test("for any history: the last week stays whole, every earlier day keeps its newest, at most max", () => {
    const now = new Date(2025, 5, 1, 12).getTime();
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 * DAY }), { maxLength: 300 }), (ages) => {
        const snaps = ages.map((age) => ({ at: now - age, savedAt: now - age }));
        const dropped = new Set(pruneSnapshots(snaps, now));
        const kept = snaps.filter((s) => !dropped.has(s.at));
        expect(kept.length).toBeLessThanOrEqual(HISTORY.max);
        const newest = [...snaps].sort((a, b) => b.savedAt - a.savedAt);
        if (snaps.length <= HISTORY.max) {
          for (const s of snaps)
            if (now - s.savedAt < HISTORY.recentDays * DAY) expect(dropped.has(s.at)).toBe(false);
          const days = new Set(snaps.map((s) => dayOf(s.savedAt)));
          for (const d of days) {
            // The newest version of each day of editing is kept.
            expect(dropped.has(newest.find((s) => dayOf(s.savedAt) === d)!.at)).toBe(false);
          }
        } else {
          // Over the cap, what is kept is the newest of what the day rule keeps.
          expect(kept.length).toBe(Math.min(HISTORY.max, kept.length));
          expect(dropped.has(newest[0]!.at)).toBe(false);
        }
      }),
    );
  });
});
