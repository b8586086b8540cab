// The 落款 of a report without a seal, GB/T 9704-2012 7.3.5.2: the organ one blank line below the text,
// two characters from the right; the date on the next line, its first character two characters right
// of the organ's first. A date longer than that allows stands two characters from the right, and the
// organ moves left to keep the two-character step.

import { widthInChars } from "./_text.js";
import { PAGE } from "./page.js";

/** Right indents of the organ and the date lines, in characters of body text. */
export interface SignatureIndents {
  readonly organ: number;
  readonly date: number;
}

/** The right indents for an organ and a date (as printed); both 2 when the organ fills a line. */
export function signatureIndents(organ: string, date: string): SignatureIndents {
  const o = widthInChars(organ);
  const d = widthInChars(date);
  if (o > PAGE.chars - 2) return { organ: 2, date: 2 };
  if (d <= o - 2) return { organ: 2, date: o - d };
  return { organ: Math.min(4 + d - o, PAGE.chars - o), date: 2 };
}
