/**
 * Who a report belongs to decides its deadline. 《政府信息公开条例》第四十九条: 县级以上人民政府部门
 * publish by 1月31日; 县级以上地方人民政府 publish their 本级 report (often compiled by their 办公室 and
 * aggregating the departments) by 3月31日. 乡镇 and 街道 are covered by neither date, so for them — and
 * for any organ whose name does not tell — the level is unknown, never silently "department".
 */

import type { Report } from "./schema.js";

/** `agency`: a department or office (deadline 1月31日); `government`: a people's government's 本级 report (3月31日); `unknown`: neither can be told. */
export type Level = "agency" | "government" | "unknown";

/** A text in the project's two languages. */
export interface LevelText {
  readonly zh: string;
  readonly en: string;
}

/** One line of {@link LEVEL_RULES}: when it applies (the organ's name, the report's text) and what it concludes. */
export interface LevelRule {
  /** Stable id, recorded with the conclusion. */
  readonly id: string;
  /** Matched against the organ's name with spaces removed and full-width letters and digits made half-width. */
  readonly organ: RegExp;
  /** When given, the report's text (title, preamble, narrative) must match it too. */
  readonly text?: RegExp;
  readonly level: Level;
  readonly reason: LevelText;
}

/**
 * What an aggregate (本级) report says of itself: it 汇总 (sums up) the reports of 各 部门 / 单位 / 乡镇 /
 * 街道, or calls itself the 本级 report. Within one sentence, in either order.
 */
const AGGREGATE =
  /汇总[^。；;\n]{0,40}各[^。；;\n]{0,16}(?:部门|单位|乡镇|街道|机关)|各[^。；;\n]{0,16}(?:部门|单位|乡镇|街道|机关)[^。；;\n]{0,40}汇总|本级(?:政府)?(?:政府信息公开)?(?:工作)?年度报告/;

const TOWNSHIP = /(?:[乡镇]|街道|苏木)(?:人民政府|政府|办事处)?$|街道办$/;
const OFFICE = /政府办公[室厅]$|政府办$/;
const COMMITTEE = /管(?:理)?委(?:员)?会$/;

/**
 * The rules {@link inferLevel} applies, first match wins. Data, like the validators' rules: each names
 * what it reads and says why in both languages.
 */
export const LEVEL_RULES: readonly LevelRule[] = [
  {
    id: "township",
    organ: TOWNSHIP,
    level: "unknown",
    reason: {
      zh: "乡镇、街道不在《条例》第四十九条两个期限的适用范围内，除非地方另有规定",
      en: "条例 art. 49 sets no date for 乡镇 and 街道 unless local rules do",
    },
  },
  {
    id: "office-aggregate",
    organ: OFFICE,
    text: AGGREGATE,
    level: "government",
    reason: {
      zh: "人民政府办公室汇总编制的本级政府年度报告（文中写明汇总各部门、单位）",
      en: "the government's 本级 report compiled by its office (the text says it aggregates the departments)",
    },
  },
  {
    id: "office",
    organ: OFFICE,
    level: "agency",
    reason: {
      zh: "人民政府办公室报告本机关工作，属县级以上人民政府部门",
      en: "a government's office reporting on its own work: a department",
    },
  },
  {
    id: "committee-aggregate",
    organ: COMMITTEE,
    text: AGGREGATE,
    level: "government",
    reason: {
      zh: "管委会汇总编制的本级年度报告（文中写明汇总各部门、单位）",
      en: "a 管委会's 本级 aggregate report (the text says it aggregates the departments)",
    },
  },
  {
    id: "committee",
    organ: COMMITTEE,
    level: "unknown",
    reason: {
      zh: "管委会未写明汇总本级报告，层级无法判断",
      en: "a 管委会 that does not say it aggregates a 本级 report: the level cannot be told",
    },
  },
  {
    id: "government",
    organ: /(?:人民)?政府$|行政公署$/,
    level: "government",
    reason: {
      zh: "县级以上地方人民政府的本级年度报告",
      en: "a county-level or higher people's government's 本级 report",
    },
  },
  {
    id: "department",
    organ: /(?:局|委员会|委|办公室|办|厅|部|署|中心|院|所|处|队|站|馆)$/,
    level: "agency",
    reason: {
      zh: "机关名称为部门（局、委、办、中心等），属县级以上人民政府部门",
      en: "the organ is named as a department (局, 委, 办, 中心 …)",
    },
  },
];

const UNKNOWN: LevelText = {
  zh: "从机关名称无法判断是政府本级报告还是部门报告",
  en: "the organ's name does not tell a government's 本级 report from a department's",
};

/** How a report's level was decided: the level, why, which rule, and whether the document stated it. */
export interface LevelInference {
  readonly level: Level;
  readonly reason: LevelText;
  /** The {@link LEVEL_RULES} id, `stated` when the document gives the level, `none` when no rule applied. */
  readonly rule: string;
  readonly source: "document" | "inferred";
}

const FULL_WIDTH = /[\uff01-\uff5e]/g;

/** An organ's name as the rules read it: no whitespace, full-width letters and digits made half-width. */
export function organForLevel(organ: string): string {
  return organ
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * The level of a report by {@link LEVEL_RULES}, from the organ's name and the report's text (title,
 * preamble, narrative: where an aggregate report says it 汇总 the departments' reports).
 */
export function inferLevel(organ: string, texts: readonly string[] = []): LevelInference {
  const name = organForLevel(organ);
  for (const rule of LEVEL_RULES) {
    if (!rule.organ.test(name)) continue;
    if (rule.text !== undefined && !texts.some((t) => rule.text!.test(t))) continue;
    return { level: rule.level, reason: rule.reason, rule: rule.id, source: "inferred" };
  }
  return { level: "unknown", reason: UNKNOWN, rule: "none", source: "inferred" };
}

const STATED: Readonly<Record<Level, LevelText>> = {
  agency: { zh: "报告数据注明为部门报告", en: "the document states a department's report" },
  government: { zh: "报告数据注明为政府本级报告", en: "the document states a government's 本级 report" },
  unknown: { zh: "报告数据注明层级未定", en: "the document states that the level is unknown" },
};

/**
 * The level of a report: as its document states it (`meta.level`, with `meta.levelReason` when given),
 * otherwise inferred by {@link inferLevel} from the organ and the report's own text.
 */
export function levelOf(report: Report): LevelInference {
  const { level, levelReason, organ, title } = report.meta;
  if (level !== undefined) {
    const stated = STATED[level];
    const reason =
      levelReason === undefined || levelReason.trim() === ""
        ? stated
        : { zh: `${stated.zh}：${levelReason}`, en: `${stated.en}: ${levelReason}` };
    return { level, reason, rule: "stated", source: "document" };
  }
  const texts = [title, ...report.preamble.map((b) => b.text)];
  for (const s of Object.values(report.sections)) for (const b of s.blocks) texts.push(b.text);
  return inferLevel(organ, texts);
}
