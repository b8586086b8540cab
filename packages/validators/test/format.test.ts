import { describe, expect, it } from "vitest";
import { type Finding, formatFinding } from "../src/index.js";

const balance: Finding = {
  code: "T3.balance",
  severity: "error",
  pointer: "/tables/applications/carriedForward/total",
  related: [],
  expected: 3,
  actual: 4,
  message: {
    zh: "四、结转下年度继续办理（总计）不平衡",
    en: "四、结转下年度继续办理（总计） does not balance",
  },
};

describe("formatFinding", () => {
  it("prints severity, code, pointer, message and the numbers on one line", () => {
    expect(formatFinding(balance, "en")).toBe(
      "error T3.balance /tables/applications/carriedForward/total 四、结转下年度继续办理（总计） does not balance (expected 3, actual 4)",
    );
    expect(formatFinding(balance, "zh")).toBe(
      "error T3.balance /tables/applications/carriedForward/total 四、结转下年度继续办理（总计）不平衡（应为 3，实为 4）",
    );
  });

  it("writes the whole document as / and appends the quoted sentence", () => {
    const f: Finding = {
      code: "text.year",
      severity: "warning",
      pointer: "",
      related: [],
      message: { zh: "年份不符", en: "wrong year" },
      quote: "2019年政府信息公开工作。",
    };
    expect(formatFinding(f, "en")).toBe("warning text.year / wrong year: “2019年政府信息公开工作。”");
    expect(formatFinding({ ...f, expected: 0.1 + 0.2, actual: 1 }, "en")).toContain(
      "(expected 0.3, actual 1)",
    );
  });
});
