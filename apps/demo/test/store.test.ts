import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseReport, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type Change, Store } from "../src/store.js";

const parsed = parseReport(
  JSON.parse(
    readFileSync(fileURLToPath(import.meta.resolve("@xxgk/core-model/examples/wulin-2020.json")), "utf8"),
  ),
);
if (!parsed.ok) throw new Error("seed must parse");
const seed = parsed.report;
const KEY = "applications.newlyReceived.naturalPerson";

/** n successive versions of the seed, each a distinct object. */
const versions = (values: number[]): Report[] => values.map((v) => setCell(seed, KEY, v));

describe("Store", () => {
  test("undo walks back through every change and redo forward again", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.nat(), (values, k) => {
        const store = new Store(seed);
        const history = [seed, ...versions(values)];
        for (const r of history.slice(1)) store.update(r, "paste");
        const back = Math.min(k, values.length);
        for (let i = 0; i < back; i++) expect(store.undo()).toBe(true);
        expect(store.report).toBe(history[history.length - 1 - back]);
        for (let i = 0; i < back; i++) expect(store.redo()).toBe(true);
        expect(store.report).toBe(history.at(-1));
        expect(store.redo()).toBe(false);
      }),
    );
  });

  test("a new change after undo drops the redo branch", () => {
    const [a, b, c] = versions([1, 2, 3]) as [Report, Report, Report];
    const store = new Store(seed);
    store.update(a, "paste");
    store.update(b, "paste");
    store.undo();
    expect(store.canRedo).toBe(true);
    store.update(c, "paste");
    expect(store.canRedo).toBe(false);
    store.undo();
    expect(store.report).toBe(a);
  });

  test("quick keystrokes in one field are one undo step; another field starts a new one", () => {
    const store = new Store(seed);
    const [a, b, c] = versions([1, 12, 123]) as [Report, Report, Report];
    store.update(a, "edit", "/tables/applications/newlyReceived/naturalPerson");
    store.update(b, "edit", "/tables/applications/newlyReceived/naturalPerson");
    const d = setCell(b, "applications.newlyReceived.total", 12);
    store.update(d, "edit", "/tables/applications/newlyReceived/total");
    store.undo();
    expect(store.report).toBe(b);
    store.undo();
    expect(store.report).toBe(seed);
    expect(store.undo()).toBe(false);
    expect(c).not.toBe(b);
  });

  test("listeners learn why the report changed, and which field is being typed in", () => {
    const store = new Store(seed);
    const seen: Change[] = [];
    store.subscribe((c) => seen.push(c));
    const [a, b] = versions([1, 2]) as [Report, Report];
    store.update(a, "edit", "/x");
    store.update(b, "paste");
    store.undo();
    expect(seen.map((c) => [c.reason, c.source])).toEqual([
      ["edit", "/x"],
      ["paste", undefined],
      ["undo", undefined],
    ]);
    store.update(store.report, "edit");
    expect(seen).toHaveLength(3);
  });

  test("a refused edit changes nothing, is announced with its reason, and leaves undo as it was", () => {
    const store = new Store(seed);
    const [a, b] = versions([1, 2]) as [Report, Report];
    store.update(a, "paste");
    store.guard = (next) => (next === b ? "too large" : undefined);
    const seen: Change[] = [];
    store.subscribe((c) => seen.push(c));
    expect(store.update(b, "edit", "/x")).toBe(false);
    expect(store.report).toBe(a);
    expect(seen).toEqual([{ report: a, reason: "refused", refusal: "too large" }]);
    expect(store.undo()).toBe(true);
    expect(store.report).toBe(seed);
  });

  test("reset opens another report and drops the undo history", () => {
    const store = new Store(seed);
    const [a, b] = versions([1, 2]) as [Report, Report];
    store.update(a, "paste");
    store.reset(b);
    expect(store.report).toBe(b);
    expect(store.canUndo).toBe(false);
    expect(store.canRedo).toBe(false);
  });
});
