import { listCells, pointerOf, type Report } from "@xxgk/core-model";
import { coverageOf, type FontCoverage } from "./_glyphs.js";
import type { PdfFonts } from "./fonts.js";

/** A character the PDF's font cannot draw: it would print as an empty box. */
export interface PdfWarning {
  readonly code: "glyph.missing";
  /** The character as written (one code point, e.g. `𠮷`). */
  readonly char: string;
  /** `U+20BB7`. */
  readonly codePoint: string;
  /** JSON pointer of the text that holds it, e.g. `/meta/organ`, `/sections/overview/blocks/2/text`. */
  readonly pointer: string;
  readonly message: { readonly zh: string; readonly en: string };
}

/** Which of the two faces prints a text. */
export type Face = "serif" | "sans";

/** A piece of the author's text that the PDF prints, where it comes from and in which face. */
export interface PrintedText {
  readonly pointer: string;
  readonly text: string;
  readonly face: Face;
}

/**
 * Every text of the report that the PDF prints, with its JSON pointer. Official labels are not listed:
 * they come from core-model and are covered by the fonts (the tests check that).
 */
export function printedTexts(report: Report): PrintedText[] {
  const out: PrintedText[] = [
    { pointer: "/meta/title", text: report.meta.title, face: "serif" },
    { pointer: "/meta/organ", text: report.meta.organ, face: "serif" },
  ];
  report.preamble.forEach((b, i) => {
    out.push({ pointer: pointerOf(["preamble", i, "text"]), text: b.text, face: "serif" });
  });
  for (const [key, section] of Object.entries(report.sections)) {
    out.push({ pointer: pointerOf(["sections", key, "heading"]), text: section.heading, face: "sans" });
    section.blocks.forEach((b, i) => {
      out.push({ pointer: pointerOf(["sections", key, "blocks", i, "text"]), text: b.text, face: "serif" });
    });
  }
  for (const { def, cell } of listCells(report)) {
    if (cell.raw !== "") out.push({ pointer: def.pointer, text: cell.raw, face: "serif" });
  }
  return out;
}

// Whitespace, controls, joiners and variation selectors are not drawn as glyphs of their own.
const INVISIBLE = /^(?:[\s\p{Cc}\u200b-\u200d\u2060\ufeff]|\p{Variation_Selector})$/u;

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** One warning for a character missing from the font at a pointer. */
export function missingGlyphWarning(char: string, pointer: string): PdfWarning {
  const codePoint = hex(char.codePointAt(0)!);
  return {
    code: "glyph.missing",
    char,
    codePoint,
    pointer,
    message: {
      zh: `字体中没有字符“${char}”（${codePoint}），位于 ${pointer}，在 PDF 中会显示为方框。请核对原文，必要时改用常用字或加注说明。`,
      en: `The font has no glyph for "${char}" (${codePoint}) at ${pointer}; it would print as an empty box. Check the text, and use a common character or add a note if needed.`,
    },
  };
}

/** Lists, once per character and place, every character of `texts` that its face cannot draw. */
export function findMissingGlyphs(
  texts: readonly PrintedText[],
  coverage: Record<Face, FontCoverage>,
): PdfWarning[] {
  const out: PdfWarning[] = [];
  for (const { pointer, text, face } of texts) {
    const cov = coverage[face];
    const seen = new Set<string>();
    for (const ch of text) {
      if (seen.has(ch) || INVISIBLE.test(ch) || cov.has(ch.codePointAt(0)!)) continue;
      seen.add(ch);
      out.push(missingGlyphWarning(ch, pointer));
    }
  }
  return out;
}

/**
 * The characters of a report that the given fonts cannot draw, each with the JSON pointer of the text
 * it occurs in. {@link renderPdf} returns the same list; this runs without making a PDF.
 */
export function checkGlyphs(report: Report, fonts: PdfFonts): PdfWarning[] {
  return findMissingGlyphs(printedTexts(report), {
    serif: coverageOf(fonts.serif),
    sans: coverageOf(fonts.sans),
  });
}
