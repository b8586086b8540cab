import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakText, breakWork, type Chain } from "../src/_lines.js";
import { resolveFonts } from "../src/fonts.js";
import { loadNodeFonts } from "../src/node.js";

const fonts = resolveFonts(await loadNodeFonts());
const serif: Chain = fonts.chains.body;
const lines = (text: string, width: number, size = 10, indent = 0) =>
  breakText(text, { width, fontSize: size, chain: serif, indent }).map((l) =>
    l.segments.map((s) => s.text).join(""),
  );

describe("breakText", () => {
  it("keeps a text that fits on one line, and breaks Chinese text between characters", () => {
    expect(lines("政府信息", 40)).toEqual(["政府信息"]);
    expect(lines("政府信息公开", 40)).toEqual(["政府信息", "公开"]);
    expect(lines("", 40)).toEqual([""]);
  });

  it("does not start a line with a closing mark: the character before it moves along", () => {
    expect(lines("政府公开，好", 40)).toEqual(["政府公", "开，好"]);
  });

  it("splits a number wider than the column at the last digit that fits", () => {
    // "1" is 0.471 em: six to a 29-point line at 10 pt.
    expect(lines("1".repeat(13), 29)).toEqual(["111111", "111111", "1"]);
  });

  it("counts the first-line indent, and ends a line at a newline", () => {
    expect(lines("政府信息", 40, 10, 20)).toEqual(["政府", "信息"]);
    expect(lines("政府\n信息", 400)).toEqual(["政府", "信息"]);
  });

  it("breaks a long URL anywhere, so the line before it is full", () => {
    const url = "https://www.binhe.example.gov.cn/col/col1229123456/art/2025/art_8f1e2d3c4b5a6978.html";
    const out = lines(`全文见${url}，欢迎查阅。`, 200);
    expect(out.length).toBeGreaterThan(2);
    expect(out[0]!.startsWith("全文见https")).toBe(true);
  });

  it("puts 28 characters of 16 pt on a GB/T 9704 line of 156 mm with −0.215 pt tracking", () => {
    const width = (156 * 72) / 25.4 - 0.02;
    const tracking = (width - 28 * 16) / 27;
    expect(tracking).toBeCloseTo(-0.215, 2);
    const text = "政".repeat(100);
    const out = breakText(text, { width, fontSize: 16, tracking, chain: serif });
    expect(out.slice(0, -1).every((l) => l.length === 28)).toBe(true);
    for (const l of out) expect(l.width).toBeLessThanOrEqual(width + 1e-6);
  });

  it("loses no character and overfills no line, for any text (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "政府信息公开",
        "，",
        "。",
        " ",
        "2025年",
        "https://www.example.gov.cn/xxgk/index.html",
        "\n",
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 30, max: 300 }), (pieces, width) => {
        const text = pieces.join("");
        const out = breakText(text, { width, fontSize: 10, chain: serif });
        const squash = (s: string) => s.replace(/\s+/g, "");
        expect(squash(out.map((l) => l.segments.map((s) => s.text).join("")).join(""))).toBe(squash(text));
        for (const l of out) if (l.length > 1) expect(l.width).toBeLessThanOrEqual(width + 1e-6);
      }),
    );
  });

  it("does work linear in the text's length: characters looked at ≤ 1 × n, 1 KB to 1 MB", () => {
    const sentence =
      "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，详见https://www.example.gov.cn/a/b/c.html。";
    for (const n of [1_000, 10_000, 100_000, 1_000_000]) {
      const text = sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n);
      const before = breakWork.chars;
      const out = breakText(text, { width: 442, fontSize: 16, chain: serif });
      expect(breakWork.chars - before).toBeLessThanOrEqual(n);
      expect(out.length).toBeGreaterThan(n / 40);
    }
  }, 60_000);
});
