// Known ways published reports deviate from the official wording. Data only: each entry rewrites a
// fragment of a normalised label (see _normalize.ts) before it is compared again. Add new sightings here.

/** Typos and re-wordings seen in published tables: `[as written, official]` (normalised forms). */
export const LABEL_VARIANTS: readonly (readonly [string, string])[] = [
  ["只计这一情况", "只计这一情形"],
  ["只计这一种情形", "只计这一情形"],
  ["三类内容事务信息", "三类内部事务信息"],
  ["三类内部事物信息", "三类内部事务信息"],
  ["四类过程信息", "四类过程性信息"],
  ["其他法律法规禁止公开", "其他法律行政法规禁止公开"],
  ["危及三安全一稳定", '危及"三安全一稳定"'],
  ["本机关不掌握相关的政府信息", "本机关不掌握相关政府信息"],
  ["信访举报投诉类", "信访举报投诉类申请"],
  ["行政事业收费", "行政事业性收费"],
  ["本年增减", "本年增/减"],
  ["本年增(减)", "本年增/减"],
  ["法人和其他组织", "法人或其他组织"],
  ["本年新收政府信息公开申请数", "本年新收政府信息公开申请数量"],
  ["上年结转政府信息公开申请数", "上年结转政府信息公开申请数量"],
  ["本年度办理的结果", "本年度办理结果"],
  ["结转下年度继续办", "结转下年度继续办理"],
  ["合计", "总计"],
];

/** Section headings as published: `[as written, official]` fragments after the numeral (normalised). */
export const HEADING_VARIANTS: readonly (readonly [string, string])[] = [
  ["总体概述", "总体情况"],
  ["总体概况", "总体情况"],
  ["基本情况", "总体情况"],
  ["存在主要问题", "存在的主要问题"],
  ["存在问题及改进情况", "存在的主要问题及改进情况"],
  ["主要问题及改进情况", "存在的主要问题及改进情况"],
  ["其他需报告的事项", "其他需要报告的事项"],
  ["其它需要报告的事项", "其他需要报告的事项"],
  ["主动公开政府信息的情况", "主动公开政府信息情况"],
  ["收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请情况"],
  ["政府信息公开行政复议、行政诉讼的情况", "政府信息公开行政复议、行政诉讼情况"],
];

/** Words that identify a section heading when its wording differs beyond the variants above. */
export const HEADING_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  一: ["总体", "概述", "概况"],
  二: ["主动公开"],
  三: ["申请"],
  四: ["复议", "诉讼"],
  五: ["问题", "改进"],
  六: ["其他", "其它", "事项"],
};
