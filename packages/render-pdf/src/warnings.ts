import { listCells, pointerOf, type Report } from "@xxgk/core-model";
import type { Chain } from "./_lines.js";
import { type FontRole, type FontUse, type PdfFonts, type ResolvedFonts, resolveFonts } from "./fonts.js";

/** Something the reader of the PDF should know: a character no font can draw, or a cell set small. */
export type PdfWarning =
  | {
      readonly code: "glyph.missing";
      /** The character as written (one code point, e.g. `𠮷`). */
      readonly char: string;
      /** `U+20BB7`. */
      readonly codePoint: string;
      /** JSON pointer of the text that holds it, e.g. `/meta/organ`, `/sections/overview/blocks/2/text`. */
      readonly pointer: string;
      readonly message: { readonly zh: string; readonly en: string };
    }
  | {
      readonly code: "cell.shrunk";
      /** JSON pointer of the cell. */
      readonly pointer: string;
      readonly message: { readonly zh: string; readonly en: string };
    };

/** A piece of the author's text that the PDF prints, where it comes from and in which role's faces. */
export interface PrintedText {
  readonly pointer: string;
  readonly text: string;
  readonly role: FontRole;
}

/**
 * Every text of the report that the PDF prints, with its JSON pointer. Official labels are not listed:
 * they come from core-model and are covered by the bundled fonts (the tests check that).
 */
export function printedTexts(report: Report): PrintedText[] {
  const out: PrintedText[] = [
    { pointer: "/meta/title", text: report.meta.title, role: "title" },
    { pointer: "/meta/organ", text: report.meta.organ, role: "body" },
  ];
  report.preamble.forEach((b, i) => {
    out.push({
      pointer: pointerOf(["preamble", i, "text"]),
      text: b.text,
      role: b.type === "heading" ? "heading2" : "body",
    });
  });
  for (const [key, section] of Object.entries(report.sections)) {
    out.push({ pointer: pointerOf(["sections", key, "heading"]), text: section.heading, role: "heading1" });
    section.blocks.forEach((b, i) => {
      out.push({
        pointer: pointerOf(["sections", key, "blocks", i, "text"]),
        text: b.text,
        role: b.type === "heading" ? "heading2" : "body",
      });
    });
  }
  for (const { def, cell } of listCells(report)) {
    if (cell.raw !== "") out.push({ pointer: def.pointer, text: cell.raw, role: "body" });
  }
  for (const [key, value] of Object.entries(report.meta.contact ?? {})) {
    if (value !== undefined)
      out.push({ pointer: pointerOf(["meta", "contact", key]), text: value, role: "body" });
  }
  return out;
}

// Whitespace, controls, joiners and variation selectors are not drawn as glyphs of their own.
const INVISIBLE = /^(?:[\s\p{Cc}\u200b-\u200d\u2060\ufeff]|\p{Variation_Selector})$/u;

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** One warning for a character missing from every font at a pointer. */
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

/** A warning for a cell whose long text was set smaller than its table's size to keep its row on the page. */
export function shrunkCellWarning(pointer: string): PdfWarning {
  return {
    code: "cell.shrunk",
    pointer,
    message: {
      zh: `${pointer} 的文字过长，已在表格单元格内缩小字号排印；表格单元格通常只填数字，请核对。`,
      en: `The text at ${pointer} is long and was set in a smaller size inside its table cell; table cells normally hold numbers, so check it.`,
    },
  };
}

/**
 * Lists, once per character and place, every character of `texts` that no face of its role can draw,
 * and counts per role the characters a later face of the chain draws because the first lacks them.
 */
export function findMissingGlyphs(
  texts: readonly PrintedText[],
  chains: Readonly<Record<FontRole, Chain>>,
): { warnings: PdfWarning[]; fallback: Record<FontRole, number> } {
  const warnings: PdfWarning[] = [];
  const fallback: Record<FontRole, number> = { title: 0, body: 0, heading1: 0, heading2: 0 };
  for (const { pointer, text, role } of texts) {
    const chain = chains[role];
    const seen = new Set<string>();
    for (const ch of text) {
      if (INVISIBLE.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      if (chain[0]!.face.has(cp)) continue;
      if (chain.some((f) => f.face.has(cp))) {
        fallback[role]++;
        continue;
      }
      if (seen.has(ch)) continue;
      seen.add(ch);
      warnings.push(missingGlyphWarning(ch, pointer));
    }
  }
  return { warnings, fallback };
}

/** Which file and face served each role, with the characters drawn by a fallback face. */
export function fontUses(fonts: ResolvedFonts, fallback: Record<FontRole, number>): FontUse[] {
  return (Object.keys(fonts.chains) as FontRole[]).map((role) => {
    const first = fonts.chains[role][0]!;
    const { source, face } = fonts.families.get(first.family)!;
    return {
      role,
      file: source.file ?? "(unnamed)",
      face: face.postscriptName,
      fallbackChars: fallback[role],
    };
  });
}

/**
 * The characters of a report that no face of their role can draw, each with the JSON pointer of the
 * text it occurs in. {@link renderPdf} returns the same list; this runs without making a PDF.
 */
export function checkGlyphs(report: Report, fonts: PdfFonts): PdfWarning[] {
  return findMissingGlyphs(printedTexts(report), resolveFonts(fonts).chains).warnings;
}
