import type { Block, SectionKey } from "@xxgk/core-model";
import { labelOf, perEdition, slotOf } from "../_cells.js";
import type { Finding, NarrativePattern } from "../types.js";
import type { Context, RuleImpl } from "./_rule.js";

// Conservative on purpose: each pattern names one phrasing; the gap before the number may not cross a
// clause boundary or hold another number, so "行政复议、行政诉讼共3件" matches neither.
const GAP = "[^，。；,;：:\\d]";
const NOT_AFTER_AND = "(?<![、和及与或])";

/** The numbers the narrative of sections 一, 三 and 四 may state, with the table cells they must equal. */
export const NARRATIVE_PATTERNS: readonly NarrativePattern[] = [
  {
    id: "received",
    keyword: "申请",
    what: { zh: "收到（新收）申请", en: "applications received" },
    regex: new RegExp(`(?:收到|新收|受理)(?:(?!复议|诉讼)${GAP}){0,20}?申请${GAP}{0,6}?(\\d+)\\s*件`, "g"),
    cells: perEdition(() => ["applications.newlyReceived.total"]),
  },
  {
    id: "carried-over",
    keyword: "结转",
    what: { zh: "上年结转申请", en: "applications carried over" },
    regex: new RegExp(`上一?年度?结转${GAP}{0,20}?(\\d+)\\s*件`, "g"),
    cells: perEdition(() => ["applications.carriedOver.total"]),
  },
  {
    id: "completed",
    keyword: "办结",
    what: { zh: "办结申请", en: "applications completed" },
    regex: new RegExp(`办结${GAP}{0,10}?(\\d+)\\s*件`, "g"),
    cells: perEdition(() => ["applications.resultsTotal.total"]),
  },
  {
    id: "carried-forward",
    keyword: "结转",
    what: { zh: "结转下年度继续办理", en: "applications carried forward" },
    regex: new RegExp(`(?<!上一?年度?)结转(?:至|到)?(?:下一?年度?)?${GAP}{0,10}?(\\d+)\\s*件`, "g"),
    cells: perEdition(() => ["applications.carriedForward.total"]),
  },
  {
    id: "reconsideration",
    keyword: "行政复议",
    what: { zh: "行政复议", en: "administrative reconsiderations" },
    regex: new RegExp(`${NOT_AFTER_AND}行政复议(?:(?![、和及与或])${GAP}){0,8}?(\\d+)\\s*件`, "g"),
    cells: perEdition(() => ["review.reconsideration.total"]),
  },
  {
    id: "litigation",
    keyword: "行政诉讼",
    what: { zh: "行政诉讼", en: "administrative lawsuits" },
    regex: new RegExp(`${NOT_AFTER_AND}行政诉讼(?:(?![、和及与或])${GAP}){0,8}?(\\d+)\\s*件`, "g"),
    cells: perEdition(() => ["review.direct.total", "review.afterReconsideration.total"]),
  },
  {
    id: "normative-documents",
    keyword: "规范性文件",
    what: { zh: "制发规范性文件", en: "normative documents issued" },
    regex: new RegExp(`制发(?:行政)?规范性文件${GAP}{0,6}?(\\d+)\\s*件`, "g"),
    cells: { "2019": ["proactive.normativeDocuments.made"], "2021": ["proactive.normativeDocuments.issued"] },
  },
];

/** Sections whose narrative states table numbers (一, 三, 四). */
const NUMBER_SECTIONS: readonly SectionKey[] = ["overview", "applications", "review"];
const ALL_SECTIONS: readonly SectionKey[] = [
  "overview",
  "proactive",
  "applications",
  "review",
  "problems",
  "other",
];
const STOP = /[。！？；!?;\n]/;

/** The sentence of `text` around `index`, as written (its final stop included). */
export function sentenceAt(text: string, index: number): string {
  let start = index;
  while (start > 0 && !STOP.test(text[start - 1]!)) start--;
  let end = index;
  while (end < text.length && !STOP.test(text[end]!)) end++;
  return text.slice(start, end < text.length ? end + 1 : end).trim();
}

/** text.numbers [S]: numbers the narrative states equal the table. */
export const textNumbers: RuleImpl = {
  def: {
    id: "text.numbers",
    severity: "warning",
    kind: "text",
    description: {
      zh: "第一、三、四部分正文中的数字（收到申请N件、上年结转N件、办结N件、结转N件、行政复议N件、行政诉讼N件、制发规范性文件N件）应与表格一致",
      en: "Numbers stated in sections 一, 三, 四 (applications received, carried over, completed, carried forward, reconsiderations, lawsuits, normative documents) equal the tables",
    },
    reads: perEdition((e) => [...new Set(NARRATIVE_PATTERNS.flatMap((p) => p.cells[e]))]),
    patterns: NARRATIVE_PATTERNS,
  },
  check: (ctx: Context) => {
    const { report, out } = ctx;
    const e = report.edition;
    for (const section of NUMBER_SECTIONS) {
      const blocks = report.sections[section].blocks;
      for (let b = 0; b < blocks.length; b++) {
        const text = blocks[b]!.text;
        if (!text.includes("件")) continue;
        for (const p of NARRATIVE_PATTERNS) {
          if (!text.includes(p.keyword)) continue;
          p.regex.lastIndex = 0;
          for (let m = p.regex.exec(text); m !== null; m = p.regex.exec(text)) {
            const stated = Number(m[1]);
            let table = 0;
            let assessable = true;
            for (const key of p.cells[e]) {
              const cell = ctx.cells[slotOf(e, key).def.index]!;
              if (cell.status === "invalid" || (cell.status === "blank" && ctx.blanks === "not-assessable")) {
                assessable = false;
              }
              table += cell.value ?? 0;
            }
            if (!assessable || stated === table) continue;
            const labels = p.cells[e].map((k) => labelOf(e, k)).join("＋");
            out.push({
              code: "text.numbers",
              severity: "warning",
              pointer: `/sections/${section}/blocks/${b}/text`,
              related: p.cells[e].map((k) => slotOf(e, k).def.pointer),
              expected: table,
              actual: stated,
              message: {
                zh: `正文称${p.what.zh} ${stated} 件，表格${labels}为 ${table}`,
                en: `The text states ${stated} ${p.what.en}; the table (${labels}) says ${table}`,
              },
              quote: sentenceAt(text, m.index),
            });
          }
        }
      }
    }
  },
};

const TITLE_YEAR = /(\d{4})\s*年/;
const PERIOD = /自\s*(\d{4})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*至\s*(\d{4})\s*年\s*12\s*月\s*31\s*日/g;
// "2019年政府信息公开工作…" in a 2020 report; next year's plans ("2021年政务公开工作要点") are fine.
const WORK_YEAR = /(\d{4})\s*年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|工作)/g;

function yearFinding(pointer: string, year: number, stated: number, quote: string): Finding {
  return {
    code: "text.year",
    severity: "warning",
    pointer,
    related: ["/meta/year"],
    expected: year,
    actual: stated,
    message: {
      zh: `正文写的是 ${stated} 年，报告年度为 ${year} 年：是否沿用了往年的文字？`,
      en: `The text says ${stated} but the report year is ${year}: copied from an earlier report?`,
    },
    quote,
  };
}

function scanYears(blocks: readonly Block[], base: string, year: number, out: Finding[]): void {
  for (let b = 0; b < blocks.length; b++) {
    const text = blocks[b]!.text;
    if (!text.includes("年")) continue;
    const pointer = `${base}/${b}/text`;
    PERIOD.lastIndex = 0;
    const period = text.includes("至");
    for (let m = period ? PERIOD.exec(text) : null; m !== null; m = PERIOD.exec(text)) {
      for (const y of [Number(m[1]), Number(m[2])]) {
        if (y !== year) {
          out.push(yearFinding(pointer, year, y, sentenceAt(text, m.index)));
          break;
        }
      }
    }
    WORK_YEAR.lastIndex = 0;
    const work = text.includes("公开");
    for (let m = work ? WORK_YEAR.exec(text) : null; m !== null; m = WORK_YEAR.exec(text)) {
      const y = Number(m[1]);
      if (y !== year && y !== year + 1) out.push(yearFinding(pointer, year, y, sentenceAt(text, m.index)));
    }
  }
}

/** text.year [S]: the year in the title and obvious years in the text match the report year. */
export const textYear: RuleImpl = {
  def: {
    id: "text.year",
    severity: "warning",
    kind: "text",
    description: {
      zh: "标题中的年份、统计期限以及“××××年政府信息公开工作”等表述应与报告年度一致",
      en: "The year in the title, the statistics period and phrases like “××××年政府信息公开工作” match the report year",
    },
    reads: perEdition(() => []),
  },
  check: ({ report, out }: Context) => {
    const year = report.meta.year;
    const t = TITLE_YEAR.exec(report.meta.title);
    if (t && Number(t[1]) !== year) {
      out.push({
        code: "text.year",
        severity: "warning",
        pointer: "/meta/title",
        related: ["/meta/year"],
        expected: year,
        actual: Number(t[1]),
        message: {
          zh: `标题中的年份 ${t[1]} 与报告年度 ${year} 不一致`,
          en: `The title says ${t[1]} but the report year is ${year}`,
        },
        quote: report.meta.title,
      });
    }
    scanYears(report.preamble, "/preamble", year, out);
    for (const s of ALL_SECTIONS) scanYears(report.sections[s].blocks, `/sections/${s}/blocks`, year, out);
  },
};
