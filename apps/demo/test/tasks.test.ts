import { createReport, type EditionId, getCell, layoutOf, levelOf, setCell } from "@xxgk/core-model";
import { carryOver, RULES, validateReport } from "@xxgk/validators";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { check, proposeTotals, run, summarize } from "../src/tasks.js";
import { filled } from "./_reports.js";

const TOTAL_RULES = ["T3.row-total", "T3.results-total", "T4.total"];

/** The cells the total rules compute, read from the rules' own declarations. */
function totalCells(edition: EditionId): Set<string> {
  return new Set(
    RULES.filter((r) => TOTAL_RULES.includes(r.id)).flatMap((r) =>
      (r.equations?.[edition] ?? []).map((e) => e.about),
    ),
  );
}

describe("proposeTotals", () => {
  for (const edition of ["2019", "2021"] as const) {
    test(`${edition}: fills every total so no total rule fails, and touches nothing but totals`, () => {
      const totals = totalCells(edition);
      expect(totals.size).toBeGreaterThan(0);
      fc.assert(
        fc.property(filled(edition), (report) => {
          const { changes, next } = proposeTotals(report);
          const left = validateReport(next).findings.filter((f) => TOTAL_RULES.includes(f.code));
          expect(left).toEqual([]);
          for (const c of changes) expect(totals.has(c.key)).toBe(true);
          for (const def of layoutOf(edition).cells) {
            if (!totals.has(def.key)) expect(getCell(next, def.key)).toBe(getCell(report, def.key));
          }
          // Each change is listed with what the cell held and what it will hold.
          for (const c of changes) {
            expect(c.from).toBe(getCell(report, c.key).raw);
            expect(c.to).toBe(getCell(next, c.key).raw);
          }
          expect(proposeTotals(next).changes).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });
  }

  test("a report whose totals add up needs no change", () => {
    const report = setCell(createReport({ organ: "某某街道办事处", year: 2023 }), "review.direct.upheld", 0);
    const once = proposeTotals(report).next;
    expect(proposeTotals(once).changes).toEqual([]);
  });
});

describe("check", () => {
  test("returns the validators' findings and records its duration for the benchmark", () => {
    const report = createReport({ organ: "某某街道办事处", year: 2023 });
    performance.clearMeasures("xxgk:validate");
    const r = check(report);
    expect(r.findings).toEqual(validateReport(report).findings);
    expect(performance.getEntriesByName("xxgk:validate")).toHaveLength(1);
  });

  test("gives the level the deadline rule takes: inferred from the organ when the report states none", () => {
    const office = createReport({ organ: "某某市某某区人民政府办公室", year: 2023 });
    expect(check(office).level).toMatchObject({ level: "agency", rule: "office", source: "inferred" });
    expect(check(office).level).toEqual(levelOf(office));
    const stated = { ...office, meta: { ...office.meta, level: "government" as const } };
    expect(check(stated).level).toMatchObject({ level: "government", source: "document" });
    // What the name alone gives stays in view beside a stated level (the field shows it for `unknown`).
    expect(check(stated).inferredLevel).toEqual(levelOf(office));
    expect(check(office).inferredLevel).toEqual(check(office).level);
  });
});

describe("run", () => {
  test("answers each task as the validators do, on the worker or the page alike", () => {
    const report = setCell(createReport({ organ: "某某街道办事处", year: 2023 }), "review.direct.upheld", 3);
    const { counts } = validateReport(report, { diagnose: false });
    expect(run({ kind: "summarize", report })).toEqual({ errors: counts.error, warnings: counts.warning });
    expect(summarize(report)).toEqual({ errors: counts.error, warnings: counts.warning });
    expect(run({ kind: "totals", report })).toEqual(proposeTotals(report));
    expect(run({ kind: "carryOver", report })).toEqual(carryOver(report));
    expect((run({ kind: "check", report }) as ReturnType<typeof check>).findings).toEqual(
      validateReport(report).findings,
    );
    // Everything it answers crosses to the page by structured cloning, unchanged.
    for (const kind of ["summarize", "totals", "carryOver"] as const) {
      const value = run({ kind, report });
      expect(structuredClone(value)).toEqual(value);
    }
  });
});
