import { layoutOf, SECTIONS } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importText } from "../../src/index.js";
import { consistentApplications } from "../_arbitrary.js";

const layout = layoutOf("2021");
const app = layout.tables.applications;
const cols = app.shape.newlyReceived!;
const rows = Object.keys(app.shape);

/** A 2021 applications table whose arithmetic holds (T3.balance, T3.results-total, T3.row-total). */
const consistentTable = consistentApplications({ max: 9 });

/** A plain-text copy in the seed's style, where the cells of `gappy` listed in `omit` were left empty. */
function textCopy(t: Record<string, number[]>, gappy: string, omit: ReadonlySet<number>): string {
  const lines = [
    "2023年某某街道办事处政府信息公开工作年度报告",
    SECTIONS[0]!.label,
    "概述。",
    SECTIONS[1]!.label,
  ];
  for (const [row, cs] of Object.entries(layout.tables.proactive.shape)) {
    const def = layout.tables.proactive.cells.find((d) => d.path[0] === row)!;
    lines.push(def.rowLabels.at(-1)!, ...cs.map(() => "0"));
  }
  lines.push(SECTIONS[2]!.label);
  for (const r of rows) {
    const def = app.cells.find((d) => d.path[0] === r)!;
    lines.push(`\t${def.rowLabels.at(-1)}`);
    t[r]!.forEach((v, c) => {
      if (r !== gappy || !omit.has(c)) lines.push(`\t${v}`);
    });
    lines.push("");
  }
  lines.push(
    SECTIONS[3]!.label,
    ...Array.from({ length: 15 }, () => "0"),
    SECTIONS[4]!.label,
    "无。",
    SECTIONS[5]!.label,
    "无。",
  );
  return lines.join("\n");
}

describe("values of a row with empty cells", () => {
  test("are never silently put in a neighbour's cell: right, or said", () => {
    fc.assert(
      fc.property(
        consistentTable,
        fc.constantFrom(...rows),
        fc.uniqueArray(fc.nat({ max: 6 }), { minLength: 1, maxLength: 6 }),
        (t, gappy, omitted) => {
          const omit = new Set(omitted);
          const result = importText(textCopy(t, gappy, omit));
          const got = result.report!.tables.applications;
          for (const r of rows) {
            const written = cols.map((_c, i) => (r === gappy && omit.has(i) ? "" : String(t[r]![i])));
            const read = cols.map((c) => got[r]![c]!.raw);
            if (r !== gappy) {
              expect(read).toEqual(written);
              continue;
            }
            const said = result.diagnostics.filter((d) =>
              d.pointer?.startsWith(`/tables/applications/${r}/`),
            );
            expect(said.length).toBe(1);
            if (said[0]!.code === "placed-by-arithmetic") expect(read).toEqual(written);
            else if (said[0]!.code === "lone-value") expect(read).toEqual(cols.map(() => ""));
            else expect(said[0]!.code).toBe("missing-cells");
            // Trailing cells left empty read left to right are always right — but a lone value could be
            // any column's and is not read at all.
            const trailing = [...omit].every((i) => i >= 7 - omit.size);
            if (trailing && omit.size < 6) expect(read).toEqual(written);
            if (omit.size === 6 && said[0]!.code !== "placed-by-arithmetic")
              expect(said[0]!.code).toBe("lone-value");
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test("the arithmetic settles a row whose middle cells were left empty", () => {
    const t: Record<string, number[]> = {};
    for (const r of rows) t[r] = [0, 0, 0, 0, 0, 0, 0];
    t.newlyReceived = [5, 0, 0, 0, 0, 1, 6];
    t.disclosed = [5, 0, 0, 0, 0, 1, 6];
    t.resultsTotal = [5, 0, 0, 0, 0, 1, 6];
    const text = textCopy(t, "newlyReceived", new Set([1, 2, 3, 4]));
    const result = importText(text);
    const got = result.report!.tables.applications.newlyReceived!;
    expect(cols.map((c) => got[c]!.raw)).toEqual(["5", "", "", "", "", "1", "6"]);
    const line = text.split("\n").findIndex((l) => l.includes("一、本年新收政府信息公开申请数量")) + 1;
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "placed-by-arithmetic",
        severity: "warning",
        source: expect.objectContaining({ line }),
      }),
    );
    expect(result.stats).toEqual({ placed: 193, unsure: 3, missing: 4, total: 200 });
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toHaveLength(1);
  });

  test("the columns whose balance needs the values get them, even far from the left", () => {
    const t: Record<string, number[]> = {};
    for (const r of rows) t[r] = [0, 0, 0, 0, 0, 0, 0];
    t.carriedOver = [3, 0, 0, 3, 0, 0, 6];
    t.disclosed = [3, 0, 0, 3, 0, 0, 6];
    t.resultsTotal = [3, 0, 0, 3, 0, 0, 6];
    const result = importText(textCopy(t, "resultsTotal", new Set([1, 2, 4, 5])));
    const said = result.diagnostics.filter((d) =>
      d.pointer?.startsWith("/tables/applications/resultsTotal/"),
    );
    expect(said).toEqual([expect.objectContaining({ code: "placed-by-arithmetic" })]);
    expect(cols.map((c) => result.report!.tables.applications.resultsTotal![c]!.raw)).toEqual([
      "3",
      "",
      "",
      "3",
      "",
      "",
      "6",
    ]);
  });

  test("when no placement adds up, the values are read left to right with an error, not a guess", () => {
    const t: Record<string, number[]> = {};
    for (const r of rows) t[r] = [0, 0, 0, 0, 0, 0, 0];
    t.carriedOver = [3, 3, 7, 0, 0, 0, 0];
    const result = importText(textCopy(t, "carriedOver", new Set([3, 4, 5, 6])));
    const said = result.diagnostics.filter((d) => d.pointer?.startsWith("/tables/applications/carriedOver/"));
    expect(said).toEqual([expect.objectContaining({ code: "missing-cells", severity: "error" })]);
    expect(cols.map((c) => result.report!.tables.applications.carriedOver![c]!.raw)).toEqual([
      "3",
      "3",
      "7",
      "",
      "",
      "",
      "",
    ]);
  });

  test("an extra value the arithmetic shows to be foreign is dropped; if it cannot tell, the row stays blank", () => {
    const t: Record<string, number[]> = {};
    for (const r of rows) t[r] = [0, 0, 0, 0, 0, 0, 0];
    t.carriedOver = [3, 0, 0, 0, 0, 0, 3];
    t.disclosed = [3, 0, 0, 0, 0, 0, 3];
    t.resultsTotal = [3, 0, 0, 0, 0, 0, 3];
    const withExtra = textCopy(t, "", new Set()).replace(
      /(二、上年结转政府信息公开申请数量\n(?:\t\d+\n){6})/,
      "$1\t9\n",
    );
    expect(withExtra).toContain("\t0\n\t9\n\t3\n");
    const settled = importText(withExtra);
    expect(cols.map((c) => settled.report!.tables.applications.carriedOver![c]!.raw)).toEqual([
      "3",
      "0",
      "0",
      "0",
      "0",
      "0",
      "3",
    ]);
    expect(settled.diagnostics).toContainEqual(expect.objectContaining({ code: "placed-by-arithmetic" }));

    const zeros = textCopy(t, "", new Set()).replace(/(四、结转下年度继续办理\n)/, "$1\t0\n");
    const open = importText(zeros);
    expect(cols.map((c) => open.report!.tables.applications.carriedForward![c]!.raw)).toEqual([
      "",
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
    expect(open.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "unplaced",
        severity: "error",
        pointer: "/tables/applications/carriedForward/naturalPerson",
      }),
    );
    expect(open.stats.missing).toBe(7);
  });
});
