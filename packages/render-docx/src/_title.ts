// Where the title breaks. GB/T 9704-2012 7.3.3: a title of several lines breaks where the words allow
// (回行时，要做到词意完整). Word breaks a line wherever the characters run out ("…2025年政府信 / 息公开…"),
// so a title that needs two lines is given its break: after the organ's name, when the organ and the
// rest ("2025年政府信息公开工作年度报告") each fit a line. Any other title is left to Word.

import { widthInChars } from "./_text.js";
import { PAGE, SIZES } from "./page.js";

/** Characters of 2号 (with the body's condensed spacing) on a line of the text block. */
const TITLE_CHARS = Math.floor(PAGE.block.width / (SIZES.title * 20 + PAGE.charSpacing));

/** The title's lines: one, or the organ and the rest when the title needs two and each part fits a line. */
export function titleLines(title: string, organ: string): string[] {
  if (widthInChars(title) <= TITLE_CHARS || organ === "" || !title.startsWith(organ)) return [title];
  const rest = title.slice(organ.length);
  if (rest === "" || widthInChars(organ) > TITLE_CHARS || widthInChars(rest) > TITLE_CHARS) return [title];
  return [organ, rest];
}
