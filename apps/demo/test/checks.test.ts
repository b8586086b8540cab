import { createReport, type EditionId, getCell, layoutOf, type Report, setCell } from "@xxgk/core-model";
import { RULES, validateReport } from "@xxgk/validators";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { blankCells, check, fillBlanks, proposeTotals, REPORT_TEXT_LIMIT, textSize } from "../src/checks.js";

const TOTAL_RULES = ["T3.row-total", "T3.results-total", "T4.total"];

/** The cells the total rules compute, read from the rules' own declarations. */
function totalCells(edition: EditionId): Set<string> {
  return new Set(
    RULES.filter((r) => TOTAL_RULES.includes(r.id)).flatMap((r) =>
      (r.equations?.[edition] ?? []).map((e) => e.about),
    ),
  );
}

/** A report of the edition with random counts in tables 三 and 四 (totals random or blank too). */
const filled = (edition: EditionId) => {
  const cells = [...layoutOf(edition).tables.applications.cells, ...layoutOf(edition).tables.review.cells];
  return fc
    .array(fc.option(fc.nat({ max: 40 }), { nil: undefined, freq: 6 }), {
      minLength: cells.length,
      maxLength: cells.length,
    })
    .map((values) =>
      cells.reduce<Report>(
        (r, def, i) => setCell(r, def.key, values[i] === undefined ? "" : values[i]!),
        createReport({ organ: "某某街道办事处", year: edition === "2019" ? 2020 : 2023 }),
      ),
    );
};

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
});

describe("空白填 0", () => {
  for (const edition of ["2019", "2021"] as const) {
    test(`${edition}: fills exactly the blank cells of one table with 0, nothing else`, () => {
      fc.assert(
        fc.property(
          filled(edition),
          fc.constantFrom("applications", "review") as fc.Arbitrary<"applications" | "review">,
          (report, table) => {
            const blanks = new Set(blankCells(report, table).map((d) => d.key));
            const next = fillBlanks(report, table);
            for (const def of layoutOf(edition).cells) {
              if (blanks.has(def.key)) expect(getCell(next, def.key).raw).toBe("0");
              else expect(getCell(next, def.key)).toBe(getCell(report, def.key));
            }
            expect(blankCells(next, table)).toEqual([]);
          },
        ),
        { numRuns: 30 },
      );
    });
  }

  test("a '-' is not blank and stays", () => {
    const report = setCell(
      createReport({ organ: "某某街道办事处", year: 2023 }),
      "review.direct.upheld",
      "-",
    );
    expect(getCell(fillBlanks(report, "review"), "review.direct.upheld").raw).toBe("-");
  });
});

describe("textSize", () => {
  test("counts every character the report holds, cells and narrative", () => {
    const base = createReport({ organ: "某某街道办事处", year: 2023 });
    const withText = {
      ...base,
      sections: {
        ...base.sections,
        problems: { heading: "五", blocks: [{ type: "paragraph" as const, text: "很".repeat(500) }] },
      },
    };
    expect(textSize(setCell(withText, "review.direct.upheld", "123")) - textSize(base)).toBe(
      500 + 3 + "五".length - base.sections.problems.heading.length,
    );
    expect(REPORT_TEXT_LIMIT).toBeGreaterThan(100 * textSize(base));
  });
});
