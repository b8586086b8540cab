/**
 * The title broken as a person would break it: never inside a word (words from `Intl.Segmenter`, the
 * CJK word segmenter built into Node and browsers) nor inside the organ's name, the organ on its own
 * line(s) before "YYYY年政府信息公开工作年度报告" when that part fits a line, and lines of similar length
 * otherwise.
 */
import { breakText, type Chain, faceFor, type Line } from "./_lines.js";

/** How wide the title may be, and in which faces and size. */
export interface TitleOptions {
  readonly width: number;
  readonly fontSize: number;
  readonly chain: Chain;
}

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

/** The positions between words of `text` (0 and its length excluded). */
export function wordBoundaries(text: string): number[] {
  const out: number[] = [];
  for (const s of segmenter.segment(text)) if (s.index > 0) out.push(s.index);
  return out;
}

/**
 * Splits `text` at some of `cuts` into the fewest parts no wider than `width`, the widest part as narrow
 * as possible (balanced lines). `undefined` when a single word is wider than the line.
 */
function balanced(
  text: string,
  cuts: readonly number[],
  widthOf: (a: number, b: number) => number,
  width: number,
) {
  const points = [0, ...cuts.filter((c) => c > 0 && c < text.length), text.length];
  const m = points.length;
  // best[j][k]: the narrowest "widest part" splitting points[0..j] into k parts.
  for (let parts = 1; parts < m; parts++) {
    const best: number[][] = Array.from({ length: m }, () => Array(parts + 1).fill(Number.POSITIVE_INFINITY));
    const from: number[][] = Array.from({ length: m }, () => Array(parts + 1).fill(-1));
    best[0]![0] = 0;
    for (let j = 1; j < m; j++) {
      for (let k = 1; k <= parts; k++) {
        for (let i = 0; i < j; i++) {
          const w = widthOf(points[i]!, points[j]!);
          if (w > width || best[i]![k - 1] === Number.POSITIVE_INFINITY) continue;
          const worst = Math.max(best[i]![k - 1]!, w);
          if (worst < best[j]![k]!) {
            best[j]![k] = worst;
            from[j]![k] = i;
          }
        }
      }
    }
    if (best[m - 1]![parts] !== Number.POSITIVE_INFINITY) {
      const out: string[] = [];
      let j = m - 1;
      for (let k = parts; k > 0; k--) {
        const i = from[j]![k]!;
        out.unshift(text.slice(points[i]!, points[j]!));
        j = i;
      }
      return out;
    }
  }
  return undefined;
}

/** The title's lines (each ends a line; they are centred). */
export function titleLines(title: string, organ: string, options: TitleOptions): Line[] {
  const { width, fontSize, chain } = options;
  const adv: number[] = [];
  for (let i = 0; i < title.length; i++) {
    const cp = title.codePointAt(i)!;
    adv.push(faceFor(chain, cp).face.advance(cp) * fontSize);
    if (cp > 0xffff) {
      adv.push(0);
      i++;
    }
  }
  const prefix = [0];
  for (const a of adv) prefix.push(prefix[prefix.length - 1]! + a);
  const widthOf = (a: number, b: number) => {
    let end = b;
    while (end > a && /\s/.test(title[end - 1]!)) end--;
    return prefix[end]! - prefix[a]!;
  };
  const asLines = (parts: readonly string[]): Line[] =>
    parts.flatMap((part) => breakText(part.trim(), { width, fontSize, chain }));
  // Beyond a few lines' worth of characters a title is text, not a heading: it breaks as text does.
  if (widthOf(0, title.length) <= width || title.length > 160) return asLines([title]);
  // The organ as the title names it — the whole organ, or its tail ("下城区武林街道办事处" in
  // "2020年下城区武林街道办事处信息公开…", which the segmenter cuts as 办事|处) — is one unit: no break
  // inside it, the preferred break after it.
  let organStart = -1;
  let organEnd = -1;
  for (let k = 0; k + 4 <= organ.length && organEnd < 0; k++) {
    const at = title.indexOf(organ.slice(k));
    if (at >= 0) {
      organStart = at;
      organEnd = at + organ.length - k;
    }
  }
  // (An organ name longer than a line still breaks between its words.)
  const whole = organEnd > 0 && widthOf(organStart, organEnd) <= width;
  const cuts = wordBoundaries(title).filter((c) => !whole || c <= organStart || c >= organEnd);
  const organCut = organEnd > 0 && organEnd < title.length ? organEnd : -1;
  if (organCut > 0 && widthOf(organCut, title.length) <= width) {
    // The organ (and what precedes it) on its own line(s), balanced among themselves; "…报告" on the last.
    const head = balanced(
      title.slice(0, organCut),
      cuts.filter((c) => c < organCut),
      widthOf,
      width,
    );
    if (head !== undefined) return asLines([...head, title.slice(organCut)]);
  }
  const parts = balanced(
    title,
    organCut > 0 ? [...cuts, organCut].sort((a, b) => a - b) : cuts,
    widthOf,
    width,
  );
  // A single word wider than the line (a 40-character name the segmenter cannot split) breaks as text does.
  return parts === undefined ? breakText(title, { width, fontSize, chain }) : asLines(parts);
}
