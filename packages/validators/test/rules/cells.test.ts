import { createReport, layoutOf } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { validateReport } from "../../src/index.js";
import { exampleReport } from "../_generate.js";
import { of, problems, withCells } from "../_helpers.js";

const r2021 = await exampleReport("example-2021");
const seed = await exampleReport("wulin-2020");

describe("counts", () => {
  it("passes whole counts, signed 2019 本年增/减 (+19, -18), decimal amounts and 元 in 采购总金额", () => {
    expect(of(validateReport(r2021), "counts")).toEqual([]);
    const r = withCells(seed, {
      "proactive.licensing.change": "-18",
      "proactive.otherServices.change": "+19",
      "proactive.procurement.amount": "4359957.5元",
    });
    expect(of(validateReport(r), "counts")).toEqual([]);
  });

  it("fails a negative count, a fractional count, a negative amount and a money unit on a count", () => {
    const r = withCells(r2021, {
      "proactive.licensing.decisions": "-3",
      "proactive.penalties.decisions": "2.5",
      "proactive.fees.amount": "-1.5",
      "proactive.coercion.decisions": "47元",
    });
    expect(of(validateReport(r), "counts").map((f) => [f.pointer, f.message.en])).toEqual([
      [
        "/tables/proactive/licensing/decisions",
        '行政许可（本年处理决定数量） is a count and cannot be negative (written "-3")',
      ],
      [
        "/tables/proactive/penalties/decisions",
        '行政处罚（本年处理决定数量） is a count and must be a whole number (written "2.5")',
      ],
      [
        "/tables/proactive/coercion/decisions",
        '行政强制（本年处理决定数量） is a count and cannot carry a money unit (written "47元")',
      ],
      [
        "/tables/proactive/fees/amount",
        '行政事业性收费（本年收费金额（单位：万元）） is an amount and cannot be negative (written "-1.5")',
      ],
    ]);
  });

  it("fails a 2019 本年增/减 that is not whole, and a 2021 收费金额 in 元 under a 万元 header", () => {
    const seedBad = withCells(seed, { "proactive.otherServices.change": "+1.5" });
    expect(of(validateReport(seedBad), "counts").map((f) => f.pointer)).toEqual([
      "/tables/proactive/otherServices/change",
    ]);
    const modernBad = withCells(r2021, { "proactive.fees.amount": "91163600元" });
    expect(of(validateReport(modernBad), "counts")[0]!.message.zh).toBe(
      '行政事业性收费（本年收费金额（单位：万元））的表头单位为万元，单元格却写作 "91163600元"：请换算为万元',
    );
  });
});

describe("cell.unreadable", () => {
  it("passes numbers and every not-applicable mark", () => {
    const r = withCells(r2021, {
      "proactive.regulations.issued": "—",
      "proactive.regulations.repealed": "不适用",
    });
    expect(of(validateReport(r), "cell.unreadable")).toEqual([]);
  });

  it("fails text that is neither, and the sums reading it are not assessed rather than cascading", () => {
    const r = withCells(r2021, { "applications.stateSecret.research": "两件" });
    const result = validateReport(r);
    expect(problems(result)).toEqual(["cell.unreadable"]);
    expect(of(result, "cell.unreadable")[0]).toMatchObject({
      severity: "error",
      pointer: "/tables/applications/stateSecret/research",
      message: { zh: expect.stringContaining("“两件”".replace(/[“”]/g, '"')) },
    });
  });
});

describe("blank cells: table.blanks, and cell.blank on request", () => {
  it("gives nothing when no cell is blank", () => {
    expect(of(validateReport(r2021, { blankNotices: "both" }), "cell.blank")).toEqual([]);
    expect(of(validateReport(r2021, { blankNotices: "both" }), "table.blanks")).toEqual([]);
  });

  it("gives one notice per table listing its blank cells: the seed's three cells of 四、结转下年度继续办理", () => {
    const result = validateReport(seed);
    expect(of(result, "cell.blank")).toEqual([]);
    expect(of(result, "table.blanks")).toEqual([
      {
        code: "table.blanks",
        severity: "info",
        pointer: "/tables/applications",
        related: [],
        cells: [
          "/tables/applications/carriedForward/legalServices",
          "/tables/applications/carriedForward/otherOrg",
          "/tables/applications/carriedForward/total",
        ],
        message: {
          zh: "表三有 3 个空白单元格，按 0 计算；是 0 请填 0，不适用请填“-”",
          en: "Table 三 has 3 blank cells, counted as 0; write 0 for zero, - for not applicable",
        },
      },
    ]);
  });

  it("a blank report: one notice per table instead of one per cell, every cell listed", () => {
    const blank = createReport({ organ: "某某街道办事处", year: 2025 });
    const result = validateReport(blank);
    const notices = of(result, "table.blanks");
    expect(notices.map((f) => [f.pointer, f.cells!.length])).toEqual([
      ["/tables/proactive", layoutOf("2021").tables.proactive.cells.length],
      ["/tables/applications", layoutOf("2021").tables.applications.cells.length],
      ["/tables/review", layoutOf("2021").tables.review.cells.length],
    ]);
    expect(notices[1]!.message.zh).toBe("表三有 175 个空白单元格，按 0 计算；是 0 请填 0，不适用请填“-”");
    expect(result.counts.info).toBe(3);
  });

  it("gives one cell.blank per blank cell with blankNotices: cell (and both kinds with both)", () => {
    const found = of(validateReport(seed, { blankNotices: "cell" }), "cell.blank");
    expect(found.map((f) => [f.severity, f.pointer])).toEqual([
      ["info", "/tables/applications/carriedForward/legalServices"],
      ["info", "/tables/applications/carriedForward/otherOrg"],
      ["info", "/tables/applications/carriedForward/total"],
    ]);
    expect(of(validateReport(seed, { blankNotices: "cell" }), "table.blanks")).toEqual([]);
    expect(problems(validateReport(seed, { blankNotices: "both" }))).toEqual([]);
    expect(validateReport(seed, { blankNotices: "both" }).counts.info).toBe(4);
  });

  it("does not treat - (not applicable) as blank", () => {
    const r = withCells(r2021, { "proactive.regulations.issued": "-" });
    expect(of(validateReport(r, { blankNotices: "both" }), "cell.blank")).toEqual([]);
    expect(of(validateReport(r), "table.blanks")).toEqual([]);
  });
});

// Issue 23 item 11: a 400-digit cell gave "expected": null and "= Infinity", and a 17-digit run lost its
// last digit. core-model now keeps such a number as written, without a value; here it gets its own error
// and no sum reads it.
describe("cell.too-large", () => {
  it("a 400-digit count: one clear error, no sum over it, no null or Infinity anywhere", () => {
    const r = withCells(r2021, { "applications.disclosed.naturalPerson": "9".repeat(400) });
    const result = validateReport(r);
    expect(of(result, "cell.too-large")).toEqual([
      {
        code: "cell.too-large",
        severity: "error",
        pointer: "/tables/applications/disclosed/naturalPerson",
        related: [],
        message: {
          zh: `（一）予以公开（自然人）填写为 "${"9".repeat(40)}…"（共 400 个字符），超出可精确计算的范围（最大 9007199254740991）：已按原文保留，不参与求和，请核对`,
          en: `（一）予以公开（自然人） says "${"9".repeat(40)}…" (400 characters), beyond exact arithmetic (at most 9007199254740991): kept as written and left out of every sum; check it`,
        },
      },
    ]);
    // The equations reading it are not assessed: nothing cascades, nothing is diagnosed.
    expect(result.findings.map((f) => f.code)).toEqual(["cell.too-large"]);
    expect(result.diagnosis).toEqual([]);
    expect(JSON.stringify(result.findings)).not.toMatch(/null|Infinity|NaN/);
    expect(result.report!.tables.applications.disclosed!.naturalPerson!.raw).toBe("9".repeat(400));
  });

  it("a 17-digit run keeps its last digit: it stays as written and is reported, not rounded", () => {
    const r = withCells(r2021, { "proactive.fees.amount": "21317000001324019" });
    const result = validateReport(r);
    expect(result.report!.tables.proactive.fees!.amount).toEqual({
      raw: "21317000001324019",
      value: null,
      status: "invalid",
      problem: "too-large",
    });
    expect(of(result, "cell.too-large")[0]!.message.zh).toContain('"21317000001324019"');
  });

  it("too many decimals for a number: too-precise, worded as such", () => {
    const r = withCells(r2021, { "proactive.fees.amount": "9116.3612345678901" });
    expect(of(validateReport(r), "cell.too-large")[0]!.message.en).toContain(
      "more than 15 significant digits",
    );
  });

  it("unreadable text is quoted in a bounded window too", () => {
    const r = withCells(r2021, { "applications.disclosed.naturalPerson": "十".repeat(100_000) });
    const f = of(validateReport(r), "cell.unreadable")[0]!;
    expect(JSON.stringify(f).length).toBeLessThan(600);
    expect(f.message.zh).toContain("（共 100000 个字符）");
  });
});

describe("table.blank-column", () => {
  it("is not raised for a report being filled in: one number typed into a blank report", () => {
    const r = withCells(createReport({ organ: "某某街道办事处", year: 2025 }), {
      "applications.newlyReceived.naturalPerson": 1,
    });
    const result = validateReport(r);
    expect(of(result, "table.blank-column")).toEqual([]);
    expect(result.diagnosis.every((d) => d.blankColumns.length === 0)).toBe(true);
  });
});
