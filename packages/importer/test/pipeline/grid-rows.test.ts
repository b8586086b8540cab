import { layoutOf, SECTIONS } from "@xxgk/core-model";
import { expect, test } from "vitest";
import { importHtml } from "../../src/index.js";

const review = layoutOf("2021").tables.review;
const leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/** A page whose table 四 has the given header rows (HTML) above its one row of 15 values. */
function page(header: string, values: readonly string[]): string {
  const td = (s: string) => `<td>${s}</td>`;
  return [
    "<html><body><h1>某某街道办事处2023年政府信息公开工作年度报告</h1>",
    ...SECTIONS.slice(0, 4).map((s) => `<p>${s.label}</p><p>无。</p>`),
    `<table>${header}<tr>${values.map(td).join("")}</tr></table>`,
    ...SECTIONS.slice(4).map((s) => `<p>${s.label}</p><p>无。</p>`),
    "</body></html>",
  ].join("\n");
}

test("table 四: a header row of label fragments (wrapped labels cut apart, as PDFs give them) is not taken for its data row", () => {
  const values = [
    "99989",
    "无",
    "1",
    "4764",
    "8",
    "74",
    "498",
    "2",
    "",
    "6",
    "824",
    "7",
    "990",
    "360",
    "82454",
  ];
  const tr = (...cells: string[]) => `<tr>${cells.join("")}</tr>`;
  const td = (n: number) => "<td></td>".repeat(n);
  // The grid a PDF's table without rules gave: 行政复议's leaf labels, each wrapped over two lines,
  // cut apart into fragments over two rows.
  const header =
    tr(td(1), '<td colspan="3">行政复议</td>', td(5), '<td colspan="2">行政诉讼</td>', td(4)) +
    tr(td(6), '<td colspan="3">未经复议直接起诉</td>', td(2), '<td colspan="3">复议后起诉</td>', td(1)) +
    tr(
      '<td rowspan="2">结果维<br>持<br>结果纠</td>',
      td(1),
      '<td colspan="2">其他结<br>尚未审<br>结</td>',
      td(11),
    ) +
    tr(
      "<td>正</td><td>果</td>",
      td(1),
      "<td>总计</td>",
      ...[0, 1].flatMap(() => leaves.map((l) => `<td>${l}</td>`)),
    );
  const r = importHtml(page(header, values));
  const got = review.cells.map((d) => r.report!.tables.review[d.path[0]]![d.path[1]]!.raw);
  expect(got).toEqual(values);
});

test("a row with far more values than columns (a table read wrongly) is left blank and said, without trying millions of placements", () => {
  const tr = (...cells: string[]) => `<tr>${cells.join("")}</tr>`;
  const header =
    tr('<td colspan="5">行政复议</td>', '<td colspan="10">行政诉讼</td>') +
    tr('<td colspan="5"></td>', '<td colspan="5">未经复议直接起诉</td>', '<td colspan="5">复议后起诉</td>') +
    tr(...[0, 1, 2].flatMap(() => leaves.map((l) => `<td>${l}</td>`)));
  // 27 values for 15 columns: C(27, 15) = 17,383,860 ways to drop 12 of them.
  const values = Array.from({ length: 27 }, (_, i) => String(i + 1));
  const r = importHtml(page(header, values));
  expect(r.diagnostics).toContainEqual(
    expect.objectContaining({
      code: "unplaced",
      severity: "error",
      pointer: "/tables/review/reconsideration/upheld",
    }),
  );
  for (const d of review.cells) expect(r.report!.tables.review[d.path[0]]![d.path[1]]!.raw).toBe("");
});
