import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signatureIndents } from "../src/_signature.js";
import { widthInChars } from "../src/_text.js";

const cjk = fc.string({
  unit: fc.constantFrom(..."某市区县人民政府办公室街道办事处"),
  minLength: 1,
  maxLength: 40,
});
const date = fc
  .date({ min: new Date("2009-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
  .map((d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`);

describe("the 落款 (GB/T 9704-2012 7.3.5.2, no seal)", () => {
  it("counts CJK as one character and digits as half", () => {
    expect(widthInChars("2026年1月20日")).toBe(6.5);
    expect(widthInChars("某某街道办事处")).toBe(7);
  });

  it("puts the date's first character two right of the organ's, both at least two from the right, within the line", () => {
    fc.assert(
      fc.property(cjk, date, (organ, d) => {
        const { organ: o, date: t } = signatureIndents(organ, d);
        const wo = widthInChars(organ);
        const wd = widthInChars(d);
        expect(o).toBeGreaterThanOrEqual(2);
        expect(t).toBeGreaterThanOrEqual(2);
        if (wo <= 26) {
          // Distance of each line's first character from the right edge of the text block.
          expect(o + wo - (t + wd)).toBeCloseTo(2);
          expect(Math.min(o, t)).toBe(2);
          expect(o + wo).toBeLessThanOrEqual(28);
        } else {
          expect([o, t]).toEqual([2, 2]);
        }
      }),
    );
  });

  it("moves a short organ left rather than push the date past two characters from the right", () => {
    expect(signatureIndents("某某局", "2026年12月31日")).toEqual({ organ: 4 + 7 - 3, date: 2 });
    expect(signatureIndents("江南市滨河区人民政府办公室", "2026年1月20日")).toEqual({ organ: 2, date: 6.5 });
  });
});
