import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createReport,
  getCell,
  layoutOf,
  listCells,
  parseReport,
  reportSchema,
  resolvePointer,
  setCell,
  stringifyReport,
} from "../src/index.js";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), "utf8"));

describe("reports", () => {
  it("both examples parse, and writing them back loses nothing", () => {
    for (const name of ["wulin-2020", "example-2021"]) {
      const doc = load(name);
      const r = parseReport(doc);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(JSON.parse(stringifyReport(r.report))).toEqual(doc);
    }
  });

  it("the seed keeps -, 4359957元 and the three blank cells of 四、结转下年度继续办理", () => {
    const r = parseReport(load("wulin-2020"));
    if (!r.ok) throw new Error("seed does not parse");
    const rep = r.report;
    expect(getCell(rep, "proactive.regulations.made")).toMatchObject({ raw: "-", status: "na" });
    expect(getCell(rep, "proactive.procurement.amount")).toMatchObject({
      raw: "4359957元",
      value: 4359957,
      unit: "元",
    });
    const fwd = listCells(rep).filter((e) => e.def.path[0] === "carriedForward");
    expect(fwd.map((e) => e.cell.raw)).toEqual(["0", "0", "0", "0", "", "", ""]);
  });

  it("createReport makes a blank report of the year's edition that the schema accepts", () => {
    for (const [year, edition] of [
      [2020, "2019"],
      [2021, "2021"],
    ] as const) {
      const r = createReport({ organ: "某街道办事处", year });
      expect(r.edition).toBe(edition);
      expect(listCells(r).every((e) => e.cell.status === "blank")).toBe(true);
      expect(reportSchema.safeParse(JSON.parse(stringifyReport(r))).success).toBe(true);
    }
  });

  it("setCell returns a new report and leaves the old one alone", () => {
    const a = createReport({ organ: "某局", year: 2023 });
    const b = setCell(a, "applications.stateSecret.naturalPerson", "3");
    expect(getCell(b, "applications.stateSecret.naturalPerson").value).toBe(3);
    expect(getCell(a, "applications.stateSecret.naturalPerson").status).toBe("blank");
    expect(() => setCell(a, "proactive.procurement.amount", 1)).toThrow(RangeError);
  });

  it("every cell's pointer resolves in the document to the cell as written", () => {
    const doc = load("example-2021");
    for (const def of layoutOf("2021").cells) expect(resolvePointer(doc, def.pointer)).not.toBeUndefined();
  });

  it("bad documents give issues with pointers, never a throw", () => {
    const doc = load("example-2021");
    doc.tables.applications.stateSecret.naturalPerson = true;
    delete doc.meta.organ;
    doc.tables.proactive.procurement = { count: 1, amount: 2 };
    const r = parseReport(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const pointers = r.issues.map((i) => i.pointer);
    expect(pointers).toContain("/tables/applications/stateSecret/naturalPerson");
    expect(pointers).toContain("/meta/organ");
    expect(r.issues.find((i) => i.code === "unrecognized_keys")).toMatchObject({
      pointer: "/tables/proactive",
      keys: ["procurement"],
    });
    for (const v of [null, 1, "x", [], {}, { edition: "2030" }]) expect(parseReport(v).ok).toBe(false);
  });
});
