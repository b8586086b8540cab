import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { linesOf, widthOf } from "../src/_lines.js";
import { nodeFontPaths } from "../src/node.js";

// fontkit is what pdfkit measures text with; reached the way pdfmake reaches it.
const require = createRequire(import.meta.url);
const fromPdfkit = createRequire(require.resolve("pdfkit", { paths: [require.resolve("pdfmake")] }));
const fontkit = fromPdfkit("fontkit") as {
  create(buffer: Buffer): {
    unitsPerEm: number;
    layout(text: string): { glyphs: Array<{ advanceWidth: number }> };
  };
};

describe("widthOf", () => {
  for (const face of ["serif", "sans"] as const) {
    it(`gives the ${face} font's own advance widths for ASCII and common Chinese text`, () => {
      const font = fontkit.create(readFileSync(nodeFontPaths()[face]));
      const texts = [
        ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)),
        "政府信息公开",
        "（三）不予公开，“三安全一稳定”、。",
      ];
      const advance = (t: string) =>
        font.layout(t).glyphs.reduce((a, g) => a + g.advanceWidth, 0) / font.unitsPerEm;
      for (const t of texts) expect(widthOf(t, face), JSON.stringify(t)).toBeCloseTo(advance(t), 3);
      // The few narrow marks outside ASCII take the wider of the two faces' widths.
      for (const t of ["—", "–", "−"]) {
        expect(widthOf(t, face)).toBeGreaterThanOrEqual(advance(t));
        expect(widthOf(t, face) - advance(t)).toBeLessThan(0.03);
      }
    });
  }
});

describe("linesOf", () => {
  it("counts one line for a text that fits, and breaks Chinese text between characters", () => {
    expect(linesOf("政府信息", 40, 10, "serif")).toBe(1);
    expect(linesOf("政府信息公开", 40, 10, "serif")).toBe(2);
    expect(linesOf("", 40, 10, "serif")).toBe(1);
  });

  it("does not start a line with a closing mark: the character before it moves along", () => {
    // Four characters fit; "，" may not begin the second line, so "开" goes down with it.
    expect(linesOf("政府公开，好", 40, 10, "serif")).toBe(2);
    expect(linesOf("政府公开，好好好好", 40, 10, "serif")).toBe(3);
  });

  it("splits a number wider than the column at the last digit that fits", () => {
    // 7 digits ≈ 3.9 em in a 2.9 em column: 5 digits, then "57元".
    expect(linesOf("4359957元", 29, 10, "serif")).toBe(2);
    // "1" is 0.471 em: six to a 29-point line at 10 pt, so fifty take nine lines.
    expect(linesOf("1".repeat(50), 29, 10, "serif")).toBe(9);
  });

  it("counts the first-line indent", () => {
    expect(linesOf("政府信息", 40, 10, "sans")).toBe(1);
    expect(linesOf("政府信息", 40, 10, "sans", 20)).toBe(2);
  });
});
