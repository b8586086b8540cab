import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { widthInChars } from "../src/_text.js";
import { titleLines } from "../src/_title.js";

describe("the title's break (GB/T 9704: words kept whole)", () => {
  it("breaks a two-line title after the organ, never inside a word", () => {
    expect(
      titleLines("江南市滨河区人民政府办公室2025年政府信息公开工作年度报告", "江南市滨河区人民政府办公室"),
    ).toEqual(["江南市滨河区人民政府办公室", "2025年政府信息公开工作年度报告"]);
    expect(titleLines("某某局2025年政府信息公开工作年度报告", "某某局")).toEqual([
      "某某局2025年政府信息公开工作年度报告",
    ]);
  });

  it("leaves a title alone unless both lines fit, and never changes its characters", () => {
    const name = fc.string({
      unit: fc.constantFrom(..."某市区县人民政府办公室街道办事处"),
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(name, fc.integer({ min: 2008, max: 2100 }), (organ, year) => {
        const title = `${organ}${year}年政府信息公开工作年度报告`;
        const lines = titleLines(title, organ);
        expect(lines.join("")).toBe(title);
        if (lines.length === 2) {
          expect(lines).toEqual([organ, `${year}年政府信息公开工作年度报告`]);
          for (const l of lines) expect(widthInChars(l)).toBeLessThanOrEqual(20);
          expect(widthInChars(title)).toBeGreaterThan(20);
        }
      }),
    );
  });
});
