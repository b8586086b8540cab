// Pipeline step 2, sections: headings recognised by their numeral and wording, the article found among
// a page's chrome, and the narrative of each section collected in source order.
import { type Block, SECTIONS, type Section, type SectionKey, type TableId } from "@xxgk/core-model";
import type { Diagnostics } from "../_diagnostics.js";
import { normalizeLabel, textLine } from "../_normalize.js";
import { HEADING_KEYWORDS, HEADING_VARIANTS } from "../_variants.js";
import type { BlockRange, SourceDocument } from "../source.js";
import type { SourcePosition } from "../types.js";

const NUMERALS = ["一", "二", "三", "四", "五", "六"] as const;
const HEAD = /^([一二三四五六])\s*[、．.，,\s]\s*(.+)$/;

/** A recognised section heading: which section, and whether its wording differs from the official one. */
export interface HeadingMatch {
  readonly key: SectionKey;
  readonly index: number;
  readonly exact: boolean;
  /** Recognised by a keyword only (`五、…问题…`), not by its wording. */
  readonly keyword?: true;
}

/**
 * Recognises a section heading (`五、存在主要问题及改进情况`). Only sections after `after` count, so
 * table row labels such as `三、本年度办理结果` inside section 三 are not taken for headings.
 */
export function matchHeading(text: string, after: number): HeadingMatch | null {
  if (text.length > 40) return null;
  const m = HEAD.exec(text.trim());
  if (!m) return null;
  const index = NUMERALS.indexOf(m[1] as (typeof NUMERALS)[number]);
  if (index <= after) return null;
  const section = SECTIONS[index]!;
  const official = normalizeLabel(section.label.slice(2));
  let written = normalizeLabel(m[2]!).replace(/[:：。]$/, "");
  if (written === official) return { key: section.key, index, exact: true };
  for (const [w, o] of HEADING_VARIANTS) {
    const [nw, no] = [normalizeLabel(w), normalizeLabel(o)];
    if (written.includes(nw) && !written.includes(no)) written = written.replace(nw, no);
  }
  if (written === official) return { key: section.key, index, exact: false };
  if (written.length <= 24 && HEADING_KEYWORDS[m[1]!]!.some((k) => written.includes(k))) {
    return { key: section.key, index, exact: false, keyword: true };
  }
  return null;
}

/**
 * A heading, possibly with the section's first sentence run into the same line (`一、总体情况2021年，…`,
 * a CMS that lost the line break): the longest prefix worded as a heading, and the rest.
 */
export function splitHeading(
  text: string,
  after: number,
): { match: HeadingMatch; heading: string; rest: string } | null {
  const whole = matchHeading(text, after);
  if (whole && !whole.keyword) return { match: whole, heading: text, rest: "" };
  if (text.length > 6 && HEAD.test(text)) {
    for (let k = Math.min(32, text.length - 1); k >= 4; k--) {
      const m = matchHeading(text.slice(0, k), after);
      if (m && !m.keyword) {
        return { match: m, heading: text.slice(0, k).trim(), rest: text.slice(k).replace(/^[\s:：]+/, "") };
      }
    }
  }
  return whole ? { match: whole, heading: text, rest: "" } : null;
}

const SUBHEADING =
  /^(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}\s*[、.．]|[一二三四五六七八九十]{1,3}、)/;

/** Whether a narrative line is a sub-heading (`1、主动公开情况`, `（一）主动公开`) rather than a paragraph. */
export function isSubHeading(text: string): boolean {
  return text.length <= 30 && SUBHEADING.test(text) && !/[。；;]$/.test(text);
}

// Page furniture inside the article: "发布日期：…", "来源：…", "【打印本页】【关闭窗口】".
const CHROME_FIELD =
  /^[【[]?(?:发布(?:时间|日期|机构|单位)|来源|信息来源|作者|字号|浏览(?:次数|量)?|访问(?:次数|量)|点击(?:数|量|率)?|阅读(?:数|量)|索引号|主题分类|文号|成文日期|发文机关)\s*[:：]/;
const CHROME_ACTIONS = /^(?:[【[]?(?:打印|关闭|返回|分享|收藏)[^。，,]{0,6}[】\]]?[\s|]*)+$/;
/** Whether a short line is page furniture rather than report text. */
export const isChrome = (text: string): boolean =>
  text.length <= 60 && (CHROME_FIELD.test(text) || CHROME_ACTIONS.test(text) || text === "扫一扫");

/** The narrative and headings read so far, in source order. */
export class Narrative {
  readonly preamble: Block[] = [];
  readonly sections = new Map<SectionKey, Section>();
  /** Index of the current section in SECTIONS (-1 before section 一). */
  index = -1;

  start(m: HeadingMatch, written: string, pos: SourcePosition, diag: Diagnostics): void {
    this.index = m.index;
    this.sections.set(m.key, { heading: written, blocks: [] });
    if (!m.exact) {
      diag.add(
        "heading-variant",
        "info",
        `标题「${written}」与官方写法「${SECTIONS[m.index]!.label}」不同，已按原文保留`,
        `the heading "${written}" differs from the official "${SECTIONS[m.index]!.label}"; kept as written`,
        pos,
        { pointer: `/sections/${m.key}/heading`, matched: { written, label: SECTIONS[m.index]!.label } },
      );
    }
  }

  /** The table of the current section, if it has one. */
  get table(): TableId | undefined {
    return this.index < 0 ? undefined : SECTIONS[this.index]!.table;
  }

  add(text: string, kind?: Block["type"]): void {
    const block: Block = { type: kind ?? (isSubHeading(text) ? "heading" : "paragraph"), text };
    if (this.index < 0) this.preamble.push(block);
    else this.sections.get(SECTIONS[this.index]!.key)!.blocks.push(block);
  }
}

/** A cheap test before {@link splitHeading}: a heading starts with its numeral. */
export const MAYBE_HEADING = /^[\s\u00a0\u3000]*[一二三四五六]/;

/**
 * The article: the blocks of the innermost element holding every section heading, so that a page's
 * navigation, sidebars and footers are left out. `framed` when such an element was found (a sign-off
 * just after it may still belong to the report); otherwise the whole document.
 */
export function findArticle(doc: SourceDocument): BlockRange & { framed: boolean } {
  const whole = { from: 0, to: doc.blocks.length, framed: false };
  if (doc.containers.length === 0) return whole;
  let index = -1;
  let first = -1;
  let last = -1;
  let count = 0;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== "text" || !MAYBE_HEADING.test(b.text)) return;
    const m = splitHeading(textLine(b.text), index)?.match;
    if (!m) return;
    index = m.index;
    if (first < 0) first = i;
    last = i;
    count++;
  });
  if (count < 2) return whole;
  // Containers come outer before inner: the last one holding both ends is the innermost.
  let found: BlockRange | undefined;
  for (const c of doc.containers) if (c.from <= first && last < c.to) found = c;
  return found ? { from: found.from, to: found.to, framed: true } : { ...whole, framed: true };
}
