import { describe, expect, it } from "vitest";
import { validateReport } from "../../src/index.js";
import { exampleReport } from "../_generate.js";
import { of, problems, withCells } from "../_helpers.js";

const r2021 = await exampleReport("example-2021");
const seed = await exampleReport("wulin-2020");

describe("T3.balance", () => {
  it("passes when 一 + 二 = （七）总计 + 四 in every column", () => {
    expect(of(validateReport(r2021), "T3.balance")).toEqual([]);
    expect(of(validateReport(seed), "T3.balance")).toEqual([]);
  });

  it("fails in the broken column, about 四、结转下年度继续办理, with all four cells involved", () => {
    // 自然人: 187 + 9 = 184 + 12; write 13 instead of 12 and fix the row total so only the balance breaks.
    const r = withCells(r2021, {
      "applications.carriedForward.naturalPerson": 13,
      "applications.carriedForward.total": 22,
    });
    const found = of(validateReport(r, { diagnose: false }), "T3.balance");
    expect(found).toEqual([
      {
        code: "T3.balance",
        severity: "error",
        pointer: "/tables/applications/carriedForward/naturalPerson",
        related: [
          "/tables/applications/newlyReceived/naturalPerson",
          "/tables/applications/carriedOver/naturalPerson",
          "/tables/applications/resultsTotal/naturalPerson",
        ],
        expected: 12,
        actual: 13,
        message: {
          zh: "四、结转下年度继续办理（自然人）应为 一＋二－（七）总计 = 12，实为 13：第一项加第二项之和应等于第三项加第四项之和",
          en: "四、结转下年度继续办理（自然人） should be 一 + 二 − （七）总计 = 12 but is 13: items 一 + 二 must equal 三 + 四",
        },
      },
      expect.objectContaining({
        pointer: "/tables/applications/carriedForward/total",
        expected: 21,
        actual: 22,
      }),
    ]);
  });

  it("with the diagnosis, names the two cells that explain both failures, and the findings point there", () => {
    const r = withCells(r2021, {
      "applications.carriedForward.naturalPerson": 13,
      "applications.carriedForward.total": 22,
    });
    const result = validateReport(r);
    expect(result.diagnosis).toHaveLength(1);
    expect(result.diagnosis[0]).toMatchObject({
      status: "located",
      explanations: [
        {
          cells: [
            { pointer: "/tables/applications/carriedForward/naturalPerson", raw: "13", suggested: 12 },
            { pointer: "/tables/applications/carriedForward/total", raw: "22", suggested: 21 },
          ],
          cost: 1.75,
        },
      ],
      message: {
        zh: "最可能出错的单元格：四、结转下年度继续办理（自然人），应为 12；四、结转下年度继续办理（总计），应为 21",
      },
    });
    const found = of(result, "T3.balance");
    expect(found.map((f) => [f.pointer, f.expected, f.actual, f.diagnosis])).toEqual([
      ["/tables/applications/carriedForward/naturalPerson", 12, 13, 0],
      ["/tables/applications/carriedForward/total", 21, 22, 0],
    ]);
    expect(found[0]!.message.zh).toBe(
      "四、结转下年度继续办理（自然人）应为 12，实为 13（“自然人”列：一＋二＝（七）总计＋四）",
    );
  });
});

describe("T3.results-total", () => {
  it("passes when （七）总计 is the sum of the result rows (2019: one （六） row; 2021: three)", () => {
    expect(of(validateReport(r2021), "T3.results-total")).toEqual([]);
    expect(of(validateReport(seed), "T3.results-total")).toEqual([]);
  });

  it("fails when a 2021 （六） sub-item is not counted in （七）总计", () => {
    const r = withCells(r2021, {
      "applications.otherReasons.research": 3,
      "applications.otherReasons.total": 11,
    });
    const found = of(validateReport(r, { diagnose: false }), "T3.results-total");
    expect(found.map((f) => [f.pointer, f.expected, f.actual])).toEqual([
      ["/tables/applications/resultsTotal/research", 44, 43],
      ["/tables/applications/resultsTotal/total", 416, 415],
    ]);
    expect(found[0]!.related).toContain("/tables/applications/otherReasons/research");
    expect(found[0]!.related).toHaveLength(21);
  });

  it("fails in a 2019 report when the single （六）其他处理 row is not counted", () => {
    const r = withCells(seed, {
      "applications.otherHandling.otherOrg": 1,
      "applications.otherHandling.total": 1,
    });
    const found = of(validateReport(r, { diagnose: false }), "T3.results-total");
    expect(found.map((f) => f.pointer)).toEqual([
      "/tables/applications/resultsTotal/otherOrg",
      "/tables/applications/resultsTotal/total",
    ]);
    expect(found[0]!.related).toHaveLength(19);
  });
});

describe("T3.row-total", () => {
  it("passes when each row's 总计 is the sum of its six applicant columns", () => {
    expect(of(validateReport(r2021), "T3.row-total")).toEqual([]);
  });

  it("fails on the row whose 总计 is wrong, and only that rule when the column still balances", () => {
    const r = withCells(r2021, { "applications.stateSecret.total": 15 });
    const result = validateReport(r, { diagnose: false });
    expect(
      of(result, "T3.row-total").map((f) => [f.pointer, f.expected, f.actual, f.related.length]),
    ).toEqual([["/tables/applications/stateSecret/total", 14, 15, 6]]);
    expect(problems(result)).toEqual(["T3.results-total", "T3.row-total"]);
  });
});

describe("blank cells", () => {
  it("count as 0 by default: a blank 总计 that should hold a number fails the sums, and is diagnosed", () => {
    const r = withCells(r2021, { "applications.disclosed.total": "" });
    const result = validateReport(r);
    expect(of(result, "T3.row-total")[0]).toMatchObject({
      pointer: "/tables/applications/disclosed/total",
      expected: 124,
      actual: 0,
      message: {
        zh: "（一）予以公开（总计）为空白，应为 124（“（一）予以公开”行：总计＝自然人＋各类法人或其他组织）",
      },
    });
    expect(of(result, "table.blanks")).toMatchObject([
      {
        cells: ["/tables/applications/disclosed/total"],
        message: { zh: "表三有 1 个空白单元格，按 0 计算；是 0 请填 0，不适用请填“-”" },
      },
    ]);
    expect(result.diagnosis.map((d) => d.message.zh)).toEqual([
      "最可能出错的单元格：（一）予以公开（总计），应为 124",
    ]);
  });

  it("make the rules reading them not assessable with blanks: not-assessable", () => {
    const r = withCells(r2021, { "applications.disclosed.total": "" });
    const result = validateReport(r, { blanks: "not-assessable", blankNotices: "both" });
    expect(problems(result)).toEqual([]);
    expect(result.diagnosis).toEqual([]);
    expect(of(result, "cell.blank")[0]!.message.en).toBe(
      "（一）予以公开（总计） is blank, so these rules are not assessed: T3.results-total, T3.row-total, text.numbers",
    );
    expect(of(result, "table.blanks")[0]!.message.en).toBe(
      "Table 三 has 1 blank cell; the rules reading them are not assessed (T3.results-total, T3.row-total, text.numbers); write 0 for zero, - for not applicable",
    );
  });
});
