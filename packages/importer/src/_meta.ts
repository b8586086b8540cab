// The title says the year and the organ; sections are recognised by their numeral and wording.
import { SECTIONS, type SectionKey } from "@xxgk/core-model";
import { normalizeLabel } from "./_normalize.js";
import { HEADING_KEYWORDS, HEADING_VARIANTS } from "./_variants.js";

const YEAR = /((?:19|20)\d{2}|2100)\s*年度?/;
const REPORT_TITLE = /(?:19|20)\d{2}\s*年.*报告/;
// What follows the organ in a title: "(政府)信息公开(工作)年度(工作)报告", "政务公开…报告".
const TITLE_TAIL = /(?:关于)?(?:政府|政务)?(?:信息)?公开.*报告.*$|(?:年度)?(?:工作)?报告.*$/;

/** Whether a line reads like a report title (a year and 报告). */
export function looksLikeTitle(text: string): boolean {
  return text.length <= 80 && REPORT_TITLE.test(text) && /公开/.test(text);
}

/** Year and organ from a title; organ before or after the year. */
export function parseTitle(title: string): { year?: number; organ?: string } {
  const t = title.replace(/\s+/g, "");
  const m = YEAR.exec(t);
  if (!m) return {};
  const year = Number(m[1]);
  const before = t.slice(0, m.index).replace(/^关于/, "");
  const after = t.slice(m.index + m[0].length).replace(TITLE_TAIL, "");
  const organ = (before.length >= 2 ? before : after).replace(/[（(【[].*$/, "").replace(/的$/, "");
  return organ.length >= 2 ? { year, organ } : { year };
}

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

const DATE = String.raw`[:：]?[\s|]*((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})`;
const PUBLISHED = [
  new RegExp(`发布(?:时间|日期)\\s*${DATE}`),
  new RegExp(`(?:成文|印发)(?:时间|日期)\\s*${DATE}`),
];

/** A publication date stated on the page (`发布日期：2021-01-20`, preferred over 成文日期), as `YYYY-MM-DD`. */
export function findPublished(text: string): string | undefined {
  for (const re of PUBLISHED) {
    const m = re.exec(text);
    if (!m) continue;
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  return undefined;
}

const SIGN_OFF_DATE = /^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;

/** Whether a short line after the article is its sign-off: the organ's name or a date. */
export function isSignOff(text: string, organ: string | undefined): boolean {
  if (text.length > 40) return false;
  return SIGN_OFF_DATE.test(text) || (organ !== undefined && organ.length >= 2 && text.includes(organ));
}

// Page furniture inside the article: "发布日期：…", "来源：…", "【打印本页】【关闭窗口】".
const CHROME_FIELD =
  /^[【[]?(?:发布(?:时间|日期|机构|单位)|来源|信息来源|作者|字号|浏览(?:次数|量)?|访问(?:次数|量)|点击(?:数|量|率)?|阅读(?:数|量)|索引号|主题分类|文号|成文日期|发文机关)\s*[:：]/;
const CHROME_ACTIONS = /^(?:[【[]?(?:打印|关闭|返回|分享|收藏)[^。，,]{0,6}[】\]]?[\s|]*)+$/;
/** Whether a short line is page furniture rather than report text. */
export const isChrome = (text: string): boolean =>
  text.length <= 60 && (CHROME_FIELD.test(text) || CHROME_ACTIONS.test(text) || text === "扫一扫");
