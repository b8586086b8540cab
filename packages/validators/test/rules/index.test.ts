import { layoutOf } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { RULES, rulesReading } from "../../src/index.js";

describe("RULES", () => {
  it("declares every rule of FORMAT.md §6 once, with zh and en descriptions", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "T3.balance",
      "T3.results-total",
      "T3.row-total",
      "T4.total",
      "counts",
      "edition",
      "X.carry-over",
      "X.stock",
      "X.items",
      "text.numbers",
      "text.year",
      "sections",
      "deadline",
      "text.percent",
      "text.upheld",
      "text.fees",
      "X.published",
      "table.blanks",
      "table.blank-column",
      "cell.too-large",
    ]) {
      expect(ids).toContain(id);
    }
    for (const r of RULES) {
      expect(r.description.zh.length).toBeGreaterThan(0);
      expect(r.description.en.length).toBeGreaterThan(0);
    }
  });

  it("declares equations only on cells the edition has: 7 balances, 7 result totals, 25 (23) row totals, 3 review totals", () => {
    const byId = new Map(RULES.map((r) => [r.id, r]));
    expect(byId.get("T3.balance")!.equations!["2021"]).toHaveLength(7);
    expect(byId.get("T3.results-total")!.equations!["2019"]).toHaveLength(7);
    expect(byId.get("T3.row-total")!.equations!["2021"]).toHaveLength(25);
    expect(byId.get("T3.row-total")!.equations!["2019"]).toHaveLength(23);
    expect(byId.get("T4.total")!.equations!["2019"]).toHaveLength(3);
    for (const r of RULES) {
      for (const e of ["2019", "2021"] as const) {
        for (const k of r.reads[e]) expect(layoutOf(e).byKey.has(k)).toBe(true);
      }
    }
  });
});

describe("rulesReading", () => {
  it("derives from the declarations: a result cell of table 三", () => {
    expect(rulesReading("2021", "applications.noCorrection.naturalPerson")).toEqual([
      "T3.results-total",
      "T3.row-total",
      "counts",
      "cell.unreadable",
      "cell.blank",
      "cell.too-large",
      "table.blanks",
      "table.blank-column",
    ]);
  });

  it("knows the narrative and cross-year readers, and the role of a cell in last year's report", () => {
    expect(rulesReading("2021", "applications.carriedOver.total")).toEqual([
      "T3.balance",
      "T3.row-total",
      "counts",
      "X.carry-over",
      "text.numbers",
      "cell.unreadable",
      "cell.blank",
      "cell.too-large",
      "table.blanks",
      "table.blank-column",
      "text.percent",
    ]);
    expect(rulesReading("2019", "applications.carriedForward.total", "previous")).toEqual(["X.carry-over"]);
    expect(rulesReading("2019", "proactive.fees.change", "any")).toContain("X.items");
    expect(rulesReading("2021", "proactive.regulations.inForce")).toContain("X.stock");
    expect(rulesReading("2021", "proactive.regulations.inForce")).toContain("text.numbers");
    expect(rulesReading("2019", "proactive.regulations.total", "any")).toContain("X.published");
  });

  it("gives nothing for a key the edition lacks", () => {
    expect(rulesReading("2019", "applications.noCorrection.total")).toEqual([]);
    expect(rulesReading("2021", "proactive.procurement.amount")).toEqual([]);
  });
});
