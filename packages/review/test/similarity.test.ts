import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSimilar, jaccard, type SimilarityItem, sketchNarrative } from "../src/similarity.js";
import { normalizeSentence, type Sentence } from "../src/text.js";

/** Sentences as narrativeSentences makes them, from plain texts. */
const sentences = (texts: readonly string[]): Sentence[] =>
  texts.map((text) => ({ section: "overview", text, normalized: normalizeSentence(text), hash: 0 }));

const WORDS =
  "政府信息公开工作年度报告主动依申请办理结果平台建设监督保障政策解读回应关切营商环境基层治理教育医疗财政".split(
    "",
  );

/** A deterministic pseudo-random narrative of `n` sentences from a seed. */
function narrative(seed: number, n = 12): string[] {
  let a = seed >>> 0 || 1;
  const next = () => {
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    return (a >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () =>
    Array.from({ length: 24 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(""),
  );
}

const item = (id: string, body: string, texts: string[], group = 2023): SimilarityItem => ({
  id,
  body,
  group,
  sketch: sketchNarrative(sentences(texts))!,
});

describe("sketchNarrative and jaccard", () => {
  it("gives the same sketch for the same text, and the exact Jaccard similarity of the shingles", () => {
    const a = sketchNarrative(sentences(narrative(1)))!;
    expect(sketchNarrative(sentences(narrative(1)))).toEqual(a);
    expect(jaccard(a.shingles, a.shingles)).toBe(1);
    const b = sketchNarrative(sentences(narrative(2)))!;
    expect(jaccard(a.shingles, b.shingles)).toBeLessThan(0.1);
    expect(jaccard(new Uint32Array([1, 2, 3]), new Uint32Array([2, 3, 4]))).toBe(0.5);
  });

  it("has nothing to compare in a text that is too short", () => {
    expect(sketchNarrative(sentences(["全年无申请。"]))).toBeNull();
  });
});

describe("findSimilar", () => {
  it("finds two bodies sharing most of their text, not the same body, not another year", () => {
    const shared = narrative(7);
    const items = [
      item("a", "甲", shared),
      item("b", "乙", [...shared.slice(0, 10), ...narrative(8, 2)]),
      item("c", "丙", narrative(9)),
      item("d", "甲", shared), // the same body as a: never compared with a
      item("e", "丁", shared, 2022), // another year: never compared
    ];
    const { pairs } = findSimilar(items);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      ["a", "b"],
      ["b", "d"],
    ]);
    expect(pairs[0]!.jaccard).toBeGreaterThan(0.5);
    expect(pairs[0]!.jaccard).toBeLessThan(1);
  });

  it("does not depend on the order of the items", () => {
    const base = narrative(11);
    const items = Array.from({ length: 12 }, (_, i) =>
      item(
        `r${i}`,
        `b${i}`,
        i % 3 === 0 ? [...base.slice(0, 9), ...narrative(100 + i, 3)] : narrative(200 + i),
      ),
    );
    const reference = findSimilar(items);
    expect(reference.pairs.length).toBe(6); // r0, r3, r6, r9 pairwise
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: items.length }), (order) => {
        expect(findSimilar(order)).toEqual(reference);
      }),
      { numRuns: 20 },
    );
  });

  it("does work linear in the number of reports, also when many share one template", () => {
    const template = narrative(5);
    const work = (n: number) => {
      const items = Array.from({ length: n }, (_, i) =>
        // A quarter copy one template (each with its own few sentences), the rest are their own.
        item(
          `r${i}`,
          `b${i}`,
          i % 4 === 0 ? [...template.slice(0, 10), ...narrative(5000 + i, 2)] : narrative(9000 + i),
        ),
      );
      return findSimilar(items);
    };
    const small = work(200);
    const large = work(800);
    // 4× the reports: at most a little over 4× the work and comparisons (a quadratic search would be 16×).
    expect(large.work / small.work).toBeLessThan(5);
    expect(large.compared / Math.max(1, small.compared)).toBeLessThan(5);
    // The template's copies are still found.
    expect(large.pairs.length).toBeGreaterThan(200);
  });
});
