import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createReport, getCell, layoutOf, parseReport, setCell } from "@xxgk/core-model";
import { validateReport } from "@xxgk/validators";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applySuggestions, blankCells, fillBlanks, REPORT_TEXT_LIMIT, textSize } from "../src/checks.js";
import { filled } from "./_reports.js";

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

describe("applySuggestions", () => {
  const example = (() => {
    const p = parseReport(
      JSON.parse(
        readFileSync(
          fileURLToPath(import.meta.resolve("@xxgk/core-model/examples/example-2021.json")),
          "utf8",
        ),
      ),
    );
    if (!p.ok) throw new Error("the 2021 example must parse");
    return p.report;
  })();
  const numeric = layoutOf("2021").cells.filter(
    (d) => d.table !== "proactive" && getCell(example, d.key).value !== null,
  );

  test("writes exactly a located diagnosis's suggested values, which settle every equation it explains", () => {
    let fixed = 0;
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.integer({ min: 1, max: 30 }), (def, delta) => {
        const broken = setCell(example, def.key, (getCell(example, def.key).value as number) + delta);
        const { diagnosis } = validateReport(broken);
        for (const d of diagnosis) {
          const cells = d.status === "located" ? d.explanations[0]!.cells : [];
          if (cells.length === 0 || cells.some((c) => c.suggested === undefined)) continue;
          const next = applySuggestions(broken, cells)!;
          const changed = layoutOf("2021").cells.filter(
            (c) => getCell(next, c.key) !== getCell(broken, c.key),
          );
          expect(changed.map((c) => c.pointer).sort()).toEqual(cells.map((c) => c.pointer).sort());
          for (const c of cells) {
            expect(getCell(next, layoutOf("2021").byPointer.get(c.pointer)!.key).raw).toBe(
              String(c.suggested),
            );
          }
          expect(validateReport(next).diagnosis).toEqual([]);
          fixed++;
        }
      }),
      { numRuns: 60 },
    );
    expect(fixed).toBeGreaterThan(0);
  });

  test("writes nothing once a cell holds something else than the diagnosis saw", () => {
    const total = "applications.newlyReceived.total";
    const broken = setCell(example, total, 423);
    const [d] = validateReport(broken).diagnosis;
    const cells = d!.explanations[0]!.cells;
    expect(cells).toMatchObject([{ raw: "423", suggested: 421 }]);
    expect(getCell(applySuggestions(broken, cells)!, total).raw).toBe("421");
    expect(applySuggestions(setCell(broken, total, 424), cells)).toBeUndefined();
    expect(applySuggestions(broken, [{ ...cells[0]!, suggested: undefined }] as never)).toBeUndefined();
  });
});
