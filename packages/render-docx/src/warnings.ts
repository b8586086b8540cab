import { type Report, renderedTexts } from "@xxgk/core-model";

/** A character that XML, and so a DOCX, cannot hold: it is left out of the document. */
export interface DocxWarning {
  readonly code: "char.invalid";
  /** `U+0007`, or `U+D800` for half of a surrogate pair. */
  readonly codePoint: string;
  /** JSON pointer of the text that holds it, e.g. `/sections/overview/blocks/2/text`. */
  readonly pointer: string;
  readonly message: { readonly zh: string; readonly en: string };
}

/**
 * What XML 1.0 cannot hold: control characters other than tab, line feed and carriage return, U+FFFE and
 * U+FFFF, and a surrogate that is not half of a pair.
 */
export const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, "0")}`;

/** One warning for a character the DOCX leaves out. */
function invalidCharWarning(unit: number, pointer: string): DocxWarning {
  const codePoint = hex(unit);
  return {
    code: "char.invalid",
    codePoint,
    pointer,
    message: {
      zh: `${pointer} 含有 Word 文档无法保存的字符 ${codePoint}（控制字符或残缺的代理字符），已在 DOCX 中略去。请核对原文，删去该字符。`,
      en: `${pointer} holds ${codePoint}, a character a Word document cannot hold (a control character or half of a surrogate pair); it is left out of the DOCX. Check the text and remove it.`,
    },
  };
}

/** Every character of the author's texts that the DOCX leaves out, once per character and place. */
export function checkCharacters(report: Report): DocxWarning[] {
  const out: DocxWarning[] = [];
  // Official labels come from core-model and hold none; every other text's source is its JSON pointer.
  for (const { source: pointer, text, kind } of renderedTexts(report)) {
    if (kind === "label") continue;
    const seen = new Set<number>();
    for (const m of text.matchAll(INVALID_XML_CHARS)) {
      const unit = m[0].charCodeAt(0);
      if (seen.has(unit)) continue;
      seen.add(unit);
      out.push(invalidCharWarning(unit, pointer));
    }
  }
  return out;
}
