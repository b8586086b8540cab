import { num } from "./rules/_rule.js";
import type { Diagnosis, Finding } from "./types.js";

/**
 * One line for a terminal or a log: `error T3.balance /tables/… message (expected 3, actual 4)`, with the
 * quoted sentence of narrative findings appended.
 */
export function formatFinding(f: Finding, lang: "zh" | "en"): string {
  let line = `${f.severity} ${f.code} ${f.pointer === "" ? "/" : f.pointer} ${f.message[lang]}`;
  if (f.expected !== undefined && f.actual !== undefined) {
    const values =
      lang === "zh"
        ? `应为 ${num(f.expected)}，实为 ${num(f.actual)}`
        : `expected ${num(f.expected)}, actual ${num(f.actual)}`;
    // A localised finding's message already says both values; say them once.
    if (!f.message[lang].includes(values)) line += lang === "zh" ? `（${values}）` : ` (${values})`;
  }
  if (f.quote !== undefined) line += lang === "zh" ? `：“${f.quote}”` : `: “${f.quote}”`;
  return line;
}

const STATUS = {
  zh: { located: "诊断", tied: "诊断（多种可能）", "too-many": "诊断（无法定位）" },
  en: { located: "diagnosis", tied: "diagnosis (tied)", "too-many": "diagnosis (not localised)" },
} as const;

/**
 * One line for a diagnosis: `诊断 最可能出错的单元格：一、本年新收政府信息公开申请数量（总计），应为 421`,
 * followed by the evidence of its explanation when there is exactly one.
 */
export function formatDiagnosis(d: Diagnosis, lang: "zh" | "en"): string {
  let line = `${STATUS[lang][d.status]} ${d.message[lang]}`;
  const only = d.status === "located" ? d.explanations[0] : undefined;
  if (only && only.evidence.length > 0) {
    const sep = lang === "zh" ? "；" : "; ";
    line +=
      lang === "zh"
        ? `（依据：${only.evidence.map((e) => e.zh).join(sep)}）`
        : ` (evidence: ${only.evidence.map((e) => e.en).join(sep)})`;
  }
  return line;
}
