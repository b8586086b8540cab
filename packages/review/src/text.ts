/**
 * The narrative as the copy checks compare it: sections 一, 五 and 六 cut into sentences, each normalised
 * (NFKC, no spaces or punctuation) with years and numbers masked — a report copied from last year usually
 * changes only the year — and the format's own standard sentences left out, since every report may say
 * them.
 */
import { OVERVIEW_TOPICS, type Report, SECTIONS, type SectionKey } from "@xxgk/core-model";
import { fnv1a } from "./_hash.js";

/** The narrative sections the copy checks read: 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项. */
export const NARRATIVE_SECTIONS: readonly SectionKey[] = SECTIONS.filter((s) => s.table === undefined).map(
  (s) => s.key,
);

/**
 * Sentences that the format itself or common practice puts in every report, as written (any year): they
 * are left out of both copy checks. The section headings and the usual sub-topics of section 一 come from
 * core-model's layout.
 */
export const STANDARD_SENTENCES: readonly string[] = [
  "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。",
  "本报告根据《中华人民共和国政府信息公开条例》要求编制。",
  "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
  "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
  "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
  "本年度未收取信息处理费。",
  "本年度没有收取信息处理费。",
  "本机关未收取信息处理费。",
  "本年度无其他需要报告的事项。",
  "无其他需要报告的事项。",
  "无。",
  ...SECTIONS.map((s) => s.label),
  ...OVERVIEW_TOPICS,
];

/** Sentences shorter than this (normalised) say too little to count as copied ("无", "一是"). */
export const MIN_SENTENCE = 8;

const SPLIT = /(?<=[。！？!?；;])|\n+/;
const YEAR_CN = /[〇零一二三四五六七八九]{4}年/g;
const DIGITS = /\d+/g;
const NOISE = /[\s\p{P}\p{S}]/gu;

/** A sentence as compared: NFKC, years and numbers masked as `#`, without spaces, punctuation and symbols. */
export function normalizeSentence(text: string): string {
  return text.normalize("NFKC").replace(NOISE, "").replace(YEAR_CN, "#年").replace(DIGITS, "#");
}

const STANDARD = new Set(STANDARD_SENTENCES.map(normalizeSentence));

/** Whether a normalised sentence is one of {@link STANDARD_SENTENCES}. */
export function isStandard(normalized: string): boolean {
  return STANDARD.has(normalized);
}

/** One sentence of the narrative: where, as written, as compared, and its hash. */
export interface Sentence {
  readonly section: SectionKey;
  readonly text: string;
  readonly normalized: string;
  readonly hash: number;
}

/**
 * The sentences of sections 一, 五, 六 that the copy checks count: paragraphs only (sub-headings are the
 * format's), cut after 。！？；, normalised; standard and very short sentences left out.
 */
export function narrativeSentences(report: Report): Sentence[] {
  const out: Sentence[] = [];
  for (const key of NARRATIVE_SECTIONS) {
    for (const block of report.sections[key].blocks) {
      if (block.type !== "paragraph") continue;
      for (const piece of block.text.split(SPLIT)) {
        const text = piece.trim();
        if (text === "") continue;
        const normalized = normalizeSentence(text);
        if (normalized.length < MIN_SENTENCE || STANDARD.has(normalized)) continue;
        out.push({ section: key, text, normalized, hash: fnv1a(normalized) });
      }
    }
  }
  return out;
}

/** Below this many characters (normalised) a narrative is too short to call copied. */
export const MIN_NARRATIVE = 60;

/** How much of this year's narrative repeats last year's: the share and the longest repeated passages. */
export interface CopyCheck {
  /** Characters of repeated sentences ÷ characters of all counted sentences (normalised), 0–1. */
  readonly ratio: number;
  /** Counted characters of this year's narrative. */
  readonly characters: number;
  /** The longest runs of consecutive repeated sentences, as this year's report writes them, longest first. */
  readonly passages: readonly { readonly section: SectionKey; readonly text: string }[];
}

/** How many passages a copy check quotes, and how long each may be. */
export const COPY_PASSAGES = 3;
const PASSAGE_CHARS = 160;

/**
 * The share of `current`'s narrative sentences that also appear in `previous`'s (both from
 * {@link narrativeSentences}), or `null` when `current` has fewer than {@link MIN_NARRATIVE} characters.
 */
export function copyCheck(current: readonly Sentence[], previous: readonly Sentence[]): CopyCheck | null {
  const characters = current.reduce((n, s) => n + s.normalized.length, 0);
  if (characters < MIN_NARRATIVE) return null;
  const before = new Set(previous.map((s) => s.normalized));
  let repeated = 0;
  const runs: { section: SectionKey; parts: string[]; length: number }[] = [];
  let run: (typeof runs)[number] | undefined;
  for (const s of current) {
    if (!before.has(s.normalized)) {
      run = undefined;
      continue;
    }
    repeated += s.normalized.length;
    if (run === undefined || run.section !== s.section) {
      run = { section: s.section, parts: [], length: 0 };
      runs.push(run);
    }
    run.parts.push(s.text);
    run.length += s.normalized.length;
  }
  const passages = runs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.length - a.r.length || a.i - b.i)
    .slice(0, COPY_PASSAGES)
    .map(({ r }) => {
      const text = r.parts.join("");
      return {
        section: r.section,
        text: text.length > PASSAGE_CHARS ? `${text.slice(0, PASSAGE_CHARS)}…` : text,
      };
    });
  return { ratio: repeated / characters, characters, passages };
}
