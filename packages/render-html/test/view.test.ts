import { layoutOf, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceTableHtml } from "../src/_view.js";
import { type FindingMark, renderTable } from "../src/index.js";
import { fixtures, TABLES } from "./_fixtures.js";

// Tables are rendered from a cached skeleton with only the values put in per call; it must give exactly
// what rendering every cell through the plain `table` template gives.
describe("the fast table path", () => {
  it("equals the plain template for every fixture, table and id prefix", () => {
    for (const f of fixtures) {
      for (const t of TABLES) {
        for (const prefix of ["xxgk-", "", "b:"]) {
          expect(renderTable(f.report, t, { idPrefix: prefix })).toBe(
            referenceTableHtml(f.report, t, prefix, []),
          );
        }
      }
    }
  });

  it("equals the plain template for any cell texts and findings", () => {
    const f = fixtures[1]!;
    const cells = layoutOf(f.report.edition).cells;
    const finding = fc.record({
      pointer: fc.oneof(
        fc.constantFrom(...cells.map((c) => c.pointer)),
        fc.constantFrom("/tables/review", "/tables/applications/disclosed", "/sections/other", "", "/x"),
      ),
      severity: fc.constantFrom("error", "warning", "info"),
      message: fc.string(),
      cells: fc.option(
        fc.subarray(
          cells.map((c) => c.pointer),
          { maxLength: 5 },
        ),
        { nil: undefined },
      ),
    }) as fc.Arbitrary<FindingMark>;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...cells.map((c) => c.key)),
            fc.string({ unit: "grapheme", maxLength: 8 }),
          ),
          {
            maxLength: 12,
          },
        ),
        fc.array(finding, { maxLength: 6 }),
        fc.constantFrom(...TABLES),
        (edits, findings, t) => {
          const report = edits.reduce((r: Report, [k, v]) => setCell(r, k, v), f.report);
          expect(renderTable(report, t, { findings })).toBe(referenceTableHtml(report, t, "xxgk-", findings));
        },
      ),
      { numRuns: 150 },
    );
  });
});
