import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type CellInput, parseReport, type Report, setCell } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { change, expandTerm, formulaOf, INDICATORS, indicatorsOf, indicatorValue } from "../src/index.js";

const example = (name: string): Report => {
  const path = createRequire(import.meta.url).resolve(`@xxgk/core-model/examples/${name}.json`);
  const r = parseReport(JSON.parse(readFileSync(path, "utf8")));
  if (!r.ok) throw new Error(name);
  return r.report;
};
const r2021 = example("example-2021");
const seed = example("wulin-2020");
const withCells = (report: Report, cells: Record<string, CellInput>) =>
  Object.entries(cells).reduce((r, [k, v]) => setCell(r, k, v), report);
const def = (id: string) => INDICATORS.find((d) => d.id === id)!;

describe("the indicator table", () => {
  it("has each indicator once, every term a cell (or a group of table 三) of both editions", () => {
    expect(INDICATORS.map((d) => d.id)).toEqual([
      "newlyReceived",
      "concluded",
      "disclosureRate",
      "withheldShare",
      "unavailableShare",
      "notHeldShare",
      "notProcessedShare",
      "carryForwardRate",
      "reconsiderationCorrection",
      "litigationCorrection",
    ]);
    for (const d of INDICATORS) {
      expect(d.kind === "rate").toBe(d.denominator !== undefined);
      for (const edition of ["2019", "2021"] as const) {
        for (const term of [...d.numerator, ...(d.denominator ?? [])])
          expect(expandTerm(edition, term).length).toBeGreaterThan(0);
      }
    }
  });

  it("expands a group of table 三 into its items, per edition", () => {
    expect(expandTerm("2021", "applications.withheld.total")).toHaveLength(8);
    expect(expandTerm("2021", "applications.otherHandling.total")).toEqual([
      "applications.noCorrection.total",
      "applications.unpaidFees.total",
      "applications.otherReasons.total",
    ]);
    expect(expandTerm("2019", "applications.otherHandling.total")).toEqual([
      "applications.otherHandling.total",
    ]);
    expect(() => expandTerm("2021", "applications.nothing.total")).toThrow(RangeError);
  });

  it("words each formula with the official labels", () => {
    expect(formulaOf(def("disclosureRate"))).toBe("（（一）予以公开 + （二）部分公开） ÷ （七）总计");
    expect(formulaOf(def("newlyReceived"))).toBe("一、本年新收政府信息公开申请数量（“总计”列）");
    expect(formulaOf(def("withheldShare"))).toBe("Σ（三）不予公开 ÷ （七）总计");
    expect(formulaOf(def("reconsiderationCorrection"))).toBe(
      "行政复议·结果纠正 ÷ （行政复议·结果维持 + 行政复议·结果纠正 + 行政复议·其他结果）",
    );
    expect(formulaOf(def("litigationCorrection"))).toContain(
      "未经复议直接起诉·结果纠正 + 复议后起诉·结果纠正",
    );
  });
});

describe("indicator values", () => {
  it("computes each indicator of the 2021 example", () => {
    const v = indicatorsOf(r2021);
    const t = (row: string) => r2021.tables.applications[row]!.total!.value!;
    expect(v.newlyReceived).toEqual({ value: 421, status: "ok", blanks: 0 });
    expect(v.concluded!.value).toBe(t("resultsTotal"));
    expect(v.disclosureRate!.value).toBeCloseTo(
      (t("disclosed") + t("partiallyDisclosed")) / t("resultsTotal"),
      12,
    );
    const withheld = [
      "stateSecret",
      "prohibitedByLaw",
      "endangersSecurity",
      "thirdPartyRights",
      "internalAffairs",
      "processInformation",
      "enforcementFiles",
      "queryMatters",
    ];
    expect(v.withheldShare!.value).toBeCloseTo(
      withheld.reduce((n, r) => n + t(r), 0) / t("resultsTotal"),
      12,
    );
    expect(v.notHeldShare!.value).toBeCloseTo(t("notHeld") / t("resultsTotal"), 12);
    expect(v.carryForwardRate!.value).toBeCloseTo(
      t("carriedForward") / (t("newlyReceived") + t("carriedOver")),
      12,
    );
    const rec = r2021.tables.review.reconsideration!;
    expect(v.reconsiderationCorrection!.value).toBeCloseTo(
      rec.corrected!.value! / (rec.upheld!.value! + rec.corrected!.value! + rec.otherOutcome!.value!),
      12,
    );
  });

  it("counts a blank as 0 and says so; gives no value when every cell read is blank", () => {
    const blank = withCells(r2021, { "applications.partiallyDisclosed.total": "" });
    const v = indicatorValue(def("disclosureRate"), blank);
    expect(v.blanks).toBe(1);
    expect(v.value).toBeCloseTo(124 / r2021.tables.applications.resultsTotal!.total!.value!, 12);
    // The seed received no application: its （七）总计 is 0, so it has no rate.
    const seedRate = indicatorValue(def("disclosureRate"), seed);
    expect(seedRate).toEqual({ value: null, status: "no-denominator", blanks: 0 });
    const nothing = withCells(r2021, { "applications.newlyReceived.total": "" });
    expect(indicatorValue(def("newlyReceived"), nothing)).toEqual({
      value: null,
      status: "no-data",
      blanks: 1,
    });
    const na = withCells(r2021, { "applications.newlyReceived.total": "-" });
    expect(indicatorValue(def("newlyReceived"), na)).toEqual({ value: null, status: "no-data", blanks: 1 });
  });

  it("gives no value when a cell read is unreadable, never a guess", () => {
    const bad = withCells(r2021, { "applications.resultsTotal.total": "四百" });
    expect(indicatorValue(def("disclosureRate"), bad)).toEqual({
      value: null,
      status: "unreadable",
      blanks: 0,
    });
    expect(indicatorValue(def("newlyReceived"), bad).status).toBe("ok");
  });

  it("changes: this year minus last year, none when either is missing", () => {
    const a = { value: 0.5, status: "ok" as const, blanks: 0 };
    expect(change(a, { value: 0.4, status: "ok", blanks: 0 })).toBeCloseTo(0.1, 12);
    expect(change(a, undefined)).toBeNull();
    expect(change(a, { value: null, status: "no-data", blanks: 2 })).toBeNull();
  });
});
