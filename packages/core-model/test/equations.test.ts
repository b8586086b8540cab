import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  EDITIONS,
  getCell,
  layoutOf,
  parseReport,
  sumValue,
  type TABLE_RULES,
  tableEquations,
} from "../src/index.js";

const example = (name: string) => {
  const parsed = parseReport(
    JSON.parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), "utf8")),
  );
  if (!parsed.ok) throw new Error(name);
  return parsed.report;
};

describe("table equations", () => {
  it("count per edition: 7 balance, 7 results-total, one row total per row of table 三, 3 for table 四", () => {
    for (const e of EDITIONS) {
      const rows = Object.keys(layoutOf(e).tables.applications.shape).length;
      const count = (r: (typeof TABLE_RULES)[number]) => tableEquations(e, r).length;
      expect([
        count("T3.balance"),
        count("T3.results-total"),
        count("T3.row-total"),
        count("T4.total"),
      ]).toEqual([7, 7, rows, 3]);
      expect(tableEquations(e)).toHaveLength(17 + rows);
    }
  });

  it("name only cells of their edition; the results total sums every result row but itself", () => {
    for (const e of EDITIONS) {
      const keys = layoutOf(e).byKey;
      for (const q of tableEquations(e)) {
        expect(keys.has(q.about)).toBe(true);
        for (const t of q.terms) expect(keys.has(t.key)).toBe(true);
      }
      const results = tableEquations(e, "T3.results-total")[0]!;
      expect(results.terms.map((t) => t.key.split(".")[1])).not.toContain("resultsTotal");
      expect(results.terms).toHaveLength(e === "2021" ? 21 : 19);
    }
  });

  it("hold in both examples", () => {
    for (const report of [example("wulin-2020.json"), example("example-2021.json")]) {
      for (const q of tableEquations(report.edition)) {
        const sum = q.terms.reduce((s, t) => s + t.sign * sumValue(getCell(report, t.key)), 0);
        expect(sum, `${q.rule} ${q.about}`).toBe(sumValue(getCell(report, q.about)));
      }
    }
  });
});
