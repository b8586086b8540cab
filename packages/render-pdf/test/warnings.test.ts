import {
  APPLICATIONS_CORNER_NOTE,
  EDITIONS,
  layoutOf,
  OVERVIEW_TOPICS,
  PROACTIVE_ROW_HEADER,
  SECTIONS,
} from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveFonts } from "../src/fonts.js";
import { checkGlyphs, printedTexts } from "../src/index.js";
import { loadNodeFonts } from "../src/node.js";
import { findMissingGlyphs } from "../src/warnings.js";
import { example, rareCharacters } from "./_fixtures.js";

const fonts = await loadNodeFonts();

describe("checkGlyphs", () => {
  it("warns about 𠮷 once per place, naming the character, its code point and the JSON pointer", () => {
    const warnings = checkGlyphs(rareCharacters(), fonts);
    expect(warnings.map((w) => (w.code === "glyph.missing" ? [w.char, w.codePoint, w.pointer] : []))).toEqual(
      [
        ["𠮷", "U+20BB7", "/meta/organ"],
        [
          "𠮷",
          "U+20BB7",
          `/sections/overview/blocks/${example("wulin-2020").sections.overview.blocks.length}/text`,
        ],
      ],
    );
    expect(warnings[0]!.code).toBe("glyph.missing");
    expect(warnings[0]!.message.zh).toContain("𠮷");
    expect(warnings[0]!.message.zh).toContain("/meta/organ");
    expect(warnings[0]!.message.en).toContain("U+20BB7");
  });

  it("finds nothing to warn about in the examples", () => {
    expect(checkGlyphs(example("wulin-2020"), fonts)).toEqual([]);
    expect(checkGlyphs(example("example-2021"), fonts)).toEqual([]);
  });

  it("checks table cells as written, with the cell's pointer", () => {
    const r = example("example-2021");
    const report = {
      ...r,
      tables: {
        ...r.tables,
        review: {
          ...r.tables.review,
          direct: {
            ...r.tables.review.direct!,
            upheld: { raw: "𠀀", value: null, status: "invalid" as const },
          },
        },
      },
    };
    expect(checkGlyphs(report, fonts).map((w) => w.pointer)).toEqual(["/tables/review/direct/upheld"]);
  });

  it("prints every official label of both editions with glyphs the fonts have", () => {
    const { chains } = resolveFonts(fonts);
    const serif = chains.body[0]!.face;
    const sans = chains.heading1[0]!.face;
    const labels = [
      APPLICATIONS_CORNER_NOTE,
      PROACTIVE_ROW_HEADER,
      ...OVERVIEW_TOPICS,
      ...SECTIONS.map((s) => s.label),
    ];
    for (const e of EDITIONS) {
      for (const t of Object.values(layoutOf(e).tables)) {
        for (const row of t.rows) for (const c of row.cells) labels.push(c.text);
      }
    }
    // Each face alone: a label must not need the fallback.
    for (const face of [serif, sans]) {
      const only = { face, family: "x" };
      const chain = { title: [only], body: [only], heading1: [only], heading2: [only] };
      const missing = findMissingGlyphs(
        labels.map((text) => ({ pointer: "", text, role: "body" as const })),
        chain,
      );
      expect(missing).toEqual({ warnings: [], fallback: { title: 0, body: 0, heading1: 0, heading2: 0 } });
    }
    expect(sans.has("—".codePointAt(0)!) && serif.has("—".codePointAt(0)!)).toBe(true);
  });

  it("never warns about whitespace, and warns for any character outside the font (property)", () => {
    const { chains } = resolveFonts(fonts);
    // The body's faces: Noto Serif SC, then Noto Sans SC for what it lacks.
    const drawn = (cp: number) => chains.body.some((f) => f.face.has(cp));
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (text) => {
        const { warnings } = findMissingGlyphs([{ pointer: "/x", text, role: "body" }], chains);
        const chars = new Set(warnings.map((w) => (w.code === "glyph.missing" ? w.char : "")));
        expect(chars.size).toBe(warnings.length);
        for (const ch of chars) {
          expect(/\s/.test(ch)).toBe(false);
          expect(drawn(ch.codePointAt(0)!)).toBe(false);
        }
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (!drawn(cp) && !/^(?:[\s\p{Cc}\u200b-\u200d\u2060\ufeff]|\p{Variation_Selector})$/u.test(ch)) {
            expect(chars.has(ch)).toBe(true);
          }
        }
      }),
    );
  });

  it("lists the author's texts with their pointers: title, organ, preamble, blocks and written cells", () => {
    const texts = printedTexts(example("wulin-2020"));
    const pointers = texts.map((t) => t.pointer);
    expect(pointers).toContain("/meta/title");
    expect(pointers).toContain("/preamble/0/text");
    expect(pointers).toContain("/sections/overview/blocks/0/text");
    expect(pointers).toContain("/tables/proactive/procurement/amount");
    expect(texts.find((t) => t.pointer === "/tables/proactive/procurement/amount")!.text).toBe("4359957元");
  });
});
