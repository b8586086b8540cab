// Issue 23 item 3: the narrative rules were quadratic in a paragraph's length, and so was their output (a
// 32 KB paragraph of "办结1件" took 5.4 s and gave 258 MB of findings; 1 MB did not finish). The scan is now
// one pass with bounded windows: the work it does, counted by `WORK` (characters scanned, candidate
// matches tried), grows at most linearly from 1 KB to 1 MB, and so many findings never grow unbounded.
import type { Report } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { resetWork, WORK } from "../src/_scan.js";
import { validateReport } from "../src/index.js";
import { CAP_PER_BLOCK } from "../src/rules/text.js";
import { exampleReport } from "./_generate.js";

const r2021 = await exampleReport("example-2021");

function withParagraph(text: string): Report {
  const blocks = [{ type: "paragraph" as const, text }];
  return {
    ...r2021,
    preamble: blocks,
    sections: {
      ...r2021.sections,
      overview: { ...r2021.sections.overview, blocks },
      review: { ...r2021.sections.review, blocks },
      other: { ...r2021.sections.other, blocks },
    },
  };
}

/** A paragraph of about `bytes` bytes of UTF-8 made of `unit`. */
const paragraph = (unit: string, bytes: number) =>
  unit.repeat(Math.max(1, Math.round(bytes / Buffer.byteLength(unit))));

// The reproduction, and the worst cases for each rule's look-around: every phrase a candidate.
const UNITS = {
  "办结1件 (the issue's reproduction)": "办结1件",
  "办结1件。": "办结1件。",
  "予以公开1件，占9%": "予以公开1件，占9%",
  均获维持: "行政复议均获维持",
  "2019年政府信息公开工作": "2019年政府信息公开工作",
  自2019年1月1日至2019年12月31日: "自2019年1月1日至2019年12月31日",
  "收取信息处理费1元，未收取": "收取信息处理费1元，未收取费用",
  "digits only": "1234567890",
  "no digits": "政府信息公开工作",
};
const SIZES = [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20];
/** Work allowed per character of text (every block is scanned by a fixed number of rules). */
const PER_CHAR = 120;

describe("narrative rules scan in linear time with bounded output", () => {
  for (const [name, unit] of Object.entries(UNITS)) {
    it(`${name}: work ≤ ${PER_CHAR}·n and bounded findings, 1 KB → 1 MB`, () => {
      const perChar: number[] = [];
      for (const bytes of SIZES) {
        const text = paragraph(unit, bytes);
        const report = withParagraph(text);
        resetWork();
        const started = performance.now();
        const { findings } = validateReport(report);
        // A generous watchdog only (timings are measured in bench/narrative.mjs).
        expect(performance.now() - started).toBeLessThan(30_000);
        const n = text.length * 4; // the paragraph stands in four places
        expect(WORK.chars + WORK.candidates).toBeLessThanOrEqual(PER_CHAR * n + 10_000);
        perChar.push((WORK.chars + WORK.candidates) / n);
        for (const f of findings) expect(JSON.stringify(f).length).toBeLessThan(2_000);
        // Per rule and block at most CAP_PER_BLOCK findings and one summary.
        const perBlock = new Map<string, number>();
        for (const f of findings) {
          const k = `${f.code} ${f.pointer}`;
          perBlock.set(k, (perBlock.get(k) ?? 0) + 1);
        }
        for (const [k, count] of perBlock) {
          if (k.startsWith("text.")) expect(count).toBeLessThanOrEqual(CAP_PER_BLOCK + 1);
        }
        expect(JSON.stringify(findings).length).toBeLessThan(200_000);
      }
      // Linear, not merely bounded at the sizes tried: the work per character does not grow.
      expect(Math.max(...perChar.slice(2))).toBeLessThanOrEqual(perChar[1]! * 1.25 + 1);
    });
  }

  it("the issue's 32 KB paragraph of 办结1件: 11 findings for the block, the last one counting the rest", () => {
    const text = paragraph("办结1件", 32 * 1024);
    const report = {
      ...r2021,
      sections: {
        ...r2021.sections,
        overview: { ...r2021.sections.overview, blocks: [{ type: "paragraph" as const, text }] },
      },
    };
    const found = validateReport(report).findings.filter((f) => f.code === "text.numbers");
    expect(found).toHaveLength(CAP_PER_BLOCK + 1);
    expect(found[CAP_PER_BLOCK]!.omitted).toBe(text.length / 4 - CAP_PER_BLOCK);
    expect(found[0]!.quote!.length).toBeLessThanOrEqual(60 + 40 + 40 + 2);
  });
});
