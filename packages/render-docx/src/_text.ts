// The author's text as Word runs: line breaks and tabs as Word's own elements, characters XML cannot
// hold left out (each is reported by checkCharacters).
import { type IRunOptions, Tab, TextRun } from "docx";
import { INVALID_XML_CHARS } from "./warnings.js";

/** Run properties without the text itself. */
export type RunProps = Omit<IRunOptions, "text" | "children" | "break">;

/** The text with the characters XML cannot hold removed, and `\r\n` / `\r` as `\n`. */
export function cleanText(text: string): string {
  return text.replace(INVALID_XML_CHARS, "").replace(/\r\n?/g, "\n");
}

/**
 * A text as runs with the given properties: a line feed becomes a line break (`w:br`) and a tab a tab
 * (`w:tab`), where a raw one inside `w:t` would print as a space. An empty text gives no run at all, so
 * a blank cell stays an empty paragraph.
 */
export function textRuns(text: string, props: RunProps = {}): TextRun[] {
  const out: TextRun[] = [];
  cleanText(text)
    .split("\n")
    .forEach((line, i) => {
      const pieces = line.split("\t");
      pieces.forEach((piece, j) => {
        const breakBefore = i > 0 && j === 0;
        if (j > 0) out.push(new TextRun({ ...props, children: [new Tab()] }));
        if (piece !== "" || breakBefore) {
          out.push(new TextRun({ ...props, text: piece, ...(breakBefore ? { break: 1 } : {}) }));
        }
      });
    });
  return out;
}

/**
 * The width of a text in characters of its size: CJK and full-width characters take one, the others
 * (digits, Latin, half-width punctuation) half of one, as Word counts characters.
 */
export function widthInChars(text: string): number {
  let w = 0;
  for (const ch of cleanText(text)) {
    w +=
      /[\u1100-\u115f\u2014\u2018\u2019\u201c\u201d\u2026\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 1
        : 0.5;
  }
  return w;
}
