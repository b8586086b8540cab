// Issue #23 item 5: value columns follow what the header says. A table 三 whose header swapped 商业企业
// and 科研机构 (and its data with them) was read in the official order: 50 cells exchanged, "200 placed,
// 0 unsure", one info notice. Now the header wins, each moved column is said; where header and data
// cannot both be right by the table's arithmetic, the moved columns stay blank with an error.
import { layoutOf, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type ImportResult, importHtml, importText } from "../../src/index.js";
import { arbitraryReport } from "../_arbitrary.js";
import { example } from "../_examples.js";
import { type PageOptions, reportPage, reportText } from "../_page.js";

const readers = {
  html: (r: Report, o: PageOptions) => importHtml(reportPage(r, o)),
  text: (r: Report, o: PageOptions) => importText(reportText(r, o)),
} as const;

/** The cells read that differ from the report's, as `key: read (written)`. */
function wrongCells(result: ImportResult, report: Report): string[] {
  const out: string[] = [];
  for (const def of layoutOf(report.edition).cells) {
    const [row, col] = def.path;
    const read = result.report!.tables[def.table][row]![col]!.raw;
    const written = report.tables[def.table][row]![col]!.raw;
    if (read !== written) out.push(`${def.key}: ${read} (${written})`);
  }
  return out;
}

const about = (result: ImportResult, code: string) => result.diagnostics.filter((d) => d.code === code);

// 商业企业 and 科研机构 swapped; 未经复议直接起诉 and 复议后起诉 swapped; 行政复议's 结果维持 and 总计 swapped.
const SWAP_ORGS = [0, 2, 1, 3, 4, 5, 6];
const SWAP_SUITS = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 5, 6, 7, 8, 9];
const SWAP_TOTAL = [4, 1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

describe.each(Object.keys(readers) as (keyof typeof readers)[])("header order, %s", (format) => {
  const read = readers[format];
  const report = example("example-2021");

  test("in the official order: every cell placed, nothing said about the header", () => {
    const result = read(report, {});
    expect(wrongCells(result, report)).toEqual([]);
    expect(result.stats).toEqual({ placed: 200, unsure: 0, missing: 0, total: 200 });
    expect(result.diagnostics.filter((d) => d.code.startsWith("header"))).toEqual([]);
  });

  test("the issue's table 三 with 商业企业 / 科研机构 swapped in header and data: read by the header, 50 cells unsure", () => {
    const result = read(report, { order: { applications: SWAP_ORGS } });
    expect(wrongCells(result, report)).toEqual([]);
    expect(result.stats).toEqual({ placed: 150, unsure: 50, missing: 0, total: 200 });
    // The arithmetic cannot tell a swap of two applicant columns: each moved column is a warning.
    expect(about(result, "header-order")).toEqual([
      expect.objectContaining({
        severity: "warning",
        pointer: "/tables/applications/newlyReceived/research",
        source: expect.objectContaining({ excerpt: "科研机构" }),
      }),
      expect.objectContaining({
        severity: "warning",
        pointer: "/tables/applications/newlyReceived/commercial",
        source: expect.objectContaining({ excerpt: "商业企业" }),
      }),
    ]);
    expect(about(result, "header-order")[0]!.message.zh).toContain(
      "表头把「科研机构」列排在第 2 个数值列（官方格式为第 3 个）",
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  test("table 四 with 未经复议直接起诉 and 复议后起诉 swapped: read by the header", () => {
    const result = read(report, { order: { review: SWAP_SUITS } });
    expect(wrongCells(result, report)).toEqual([]);
    expect(about(result, "header-order").map((d) => d.pointer)).toEqual([
      ...["upheld", "corrected", "otherOutcome", "pending", "total"].map(
        (c) => `/tables/review/afterReconsideration/${c}`,
      ),
      ...["upheld", "corrected", "otherOutcome", "pending", "total"].map((c) => `/tables/review/direct/${c}`),
    ]);
    expect(about(result, "header-order")[0]!.message.zh).toContain("「复议后起诉 / 结果维持」");
    expect(result.stats.unsure).toBe(10);
  });

  test("a moved 总计 the arithmetic confirms: read by the header with a notice, the cells placed", () => {
    // 2 + 1 + 1 + 2 = 6: read the other way round, 6 + 1 + 1 + 2 ≠ 2.
    const withTotal = setCell(
      setCell(report, "review.reconsideration.upheld", "2"),
      "review.reconsideration.total",
      "6",
    );
    const result = read(withTotal, { order: { review: SWAP_TOTAL } });
    expect(wrongCells(result, withTotal)).toEqual([]);
    expect(about(result, "header-order").map((d) => [d.severity, d.pointer])).toEqual([
      ["info", "/tables/review/reconsideration/total"],
      ["info", "/tables/review/reconsideration/upheld"],
    ]);
    expect(result.stats).toEqual({ placed: 200, unsure: 0, missing: 0, total: 200 });
  });

  test("a header typed in another order over data in the official order: the arithmetic shows it, the columns stay blank", () => {
    // The header names 总计 first and 自然人 last; the data are in the official order.
    const result = read(report, { order: { applications: [6, 1, 2, 3, 4, 5, 0] }, headerOnly: true });
    const errors = about(result, "header-conflict");
    expect(errors.map((d) => [d.severity, d.pointer])).toEqual([
      ["error", "/tables/applications/newlyReceived/total"],
      ["error", "/tables/applications/newlyReceived/naturalPerson"],
    ]);
    const app = result.report!.tables.applications;
    for (const row of Object.values(app)) {
      expect(row.naturalPerson!.raw).toBe("");
      expect(row.total!.raw).toBe("");
    }
    // The columns both readings agree on are placed.
    expect(wrongCells(result, report).every((w) => /\.(naturalPerson|total): {2}\(/.test(w))).toBe(true);
    expect(result.stats).toEqual({ placed: 150, unsure: 0, missing: 50, total: 200 });
  });

  test("table 二: 2019 sub-tables whose header swaps their first two columns are read by the header", () => {
    const wulin = example("wulin-2020");
    const result = read(wulin, { order: { proactive: [1, 0, 2] } });
    expect(wrongCells(result, wulin)).toEqual([]);
    // Every sub-table of three columns has them swapped: 第（一）（五）（六）项.
    expect(about(result, "header-order").map((d) => d.pointer)).toEqual([
      "/tables/proactive/regulations/published",
      "/tables/proactive/regulations/made",
      "/tables/proactive/licensing/change",
      "/tables/proactive/licensing/previous",
      "/tables/proactive/penalties/change",
      "/tables/proactive/penalties/previous",
    ]);
  });
});

describe("never a wrong value, whatever the header's order", () => {
  // Sibling orders: the applicant groups, the five organisation columns among themselves.
  const orgOrder = fc
    .tuple(fc.shuffledSubarray([1, 2, 3, 4, 5], { minLength: 5, maxLength: 5 }), fc.boolean())
    .map(([orgs, swapEnds]) => (swapEnds ? [6, ...orgs, 0] : [0, ...orgs, 6]));

  test.each(
    Object.keys(readers) as (keyof typeof readers)[],
  )("%s: header and data moved together give every cell back, or blank with an error on its column", (format) => {
    fc.assert(
      fc.property(arbitraryReport(), orgOrder, (report, order) => {
        const result = readers[format](report, { order: { applications: order } });
        const conflicts = new Set(about(result, "header-conflict").map((d) => d.pointer!.split("/").at(-1)));
        // Table 三's cells (a text copy's table 四 row starting with a blank cell is another matter).
        for (const w of wrongCells(result, report).filter((c) => c.startsWith("applications."))) {
          const [key, rest] = w.split(": ");
          expect(rest!.startsWith(" (") || rest!.startsWith("(")).toBe(true);
          expect(conflicts.has(key!.split(".").at(-1))).toBe(true);
        }
        // Moving organisation columns among themselves never changes a sum: the header always wins.
        if (order[0] === 0) expect(conflicts.size).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  test.each(
    Object.keys(readers) as (keyof typeof readers)[],
  )("%s: a header typed in another order than its data: every cell read is right or its column is said", (format) => {
    fc.assert(
      fc.property(arbitraryReport(), orgOrder, (report, order) => {
        const result = readers[format](report, { order: { applications: order }, headerOnly: true });
        const said = new Set(
          result.diagnostics
            .filter((d) => d.code === "header-order" || d.code === "header-conflict")
            .map((d) => d.pointer!.split("/").at(-1)),
        );
        for (const w of wrongCells(result, report).filter((c) => c.startsWith("applications."))) {
          expect(said.has(w.split(": ")[0]!.split(".").at(-1))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
