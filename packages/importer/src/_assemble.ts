// What both readers share: the narrative under construction, label diagnostics, edition detection and
// turning it all into a checked report.
import {
  type Block,
  defaultTitle,
  type EditionId,
  editionForYear,
  parseReport,
  type Report,
  SECTIONS,
  type Section,
  type SectionKey,
  type TableId,
  toDocument,
} from "@xxgk/core-model";
import { type Diagnostics, excerpt } from "./_diagnostics.js";
import type { LabelMatch } from "./_labels.js";
import { type HeadingMatch, isSubHeading, parseTitle } from "./_meta.js";
import type { Placer } from "./_place.js";
import { scopeOf } from "./_scope.js";
import type { ImportOptions, ImportResult, SourcePosition } from "./types.js";

/** Says how a label was matched when it was not matched exactly. */
export function labelDiagnostic(
  diag: Diagnostics,
  m: LabelMatch<unknown>,
  written: string,
  pos: SourcePosition,
  pointer?: string,
): void {
  if (m.kind === "exact") return;
  const matched = { written: excerpt(written), label: m.label };
  const extra = pointer === undefined ? { matched } : { matched, pointer };
  if (m.kind === "approximate") {
    diag.add(
      "label-approximate",
      "warning",
      `「${matched.written}」与官方标签不完全一致，按近似匹配视为「${m.label}」，请核对`,
      `"${matched.written}" only approximately matches an official label; taken as "${m.label}" — check it`,
      pos,
      extra,
    );
  } else if (m.kind === "extended") {
    diag.add(
      "label-extended",
      "info",
      `「${matched.written}」是官方标签「${m.label}」加上说明文字`,
      `"${matched.written}" is the official label "${m.label}" with an appended explanation`,
      pos,
      extra,
    );
  } else {
    diag.add(
      "label-variant",
      "info",
      `「${matched.written}」是官方标签「${m.label}」的常见变体（错字、编号或措辞不同）`,
      `"${matched.written}" is a known variant of the official label "${m.label}"`,
      pos,
      extra,
    );
  }
}

/** Detects the edition from the labels present; the year decides only when no label does. */
export function detectEdition(
  normalizedText: string,
  year: number | undefined,
  diag: Diagnostics,
  pos: SourcePosition,
): EditionId {
  const hits = (e: EditionId) => scopeOf(e).markers.filter((m) => normalizedText.includes(m)).length;
  const h2019 = hits("2019");
  const h2021 = hits("2021");
  if (h2019 === 0 && h2021 === 0) {
    const edition = year === undefined ? "2021" : editionForYear(year);
    diag.add(
      "edition-from-year",
      "warning",
      `表格标签无法判断格式版本，按${year === undefined ? "默认" : `年份 ${year}`}采用 ${edition} 版格式`,
      `the table labels do not tell the format edition; using ${edition} from ${year === undefined ? "the default" : `the year ${year}`}`,
      pos,
      { pointer: "/edition" },
    );
    return edition;
  }
  const edition: EditionId =
    h2021 === h2019 ? (year === undefined ? "2021" : editionForYear(year)) : h2021 > h2019 ? "2021" : "2019";
  if (h2019 > 0 && h2021 > 0) {
    diag.add(
      "edition-mixed",
      "warning",
      `页面同时含有 2019 版（${h2019} 处）和 2021 版（${h2021} 处）格式的标签，按 ${edition} 版读取`,
      `the page has labels of both the 2019 (${h2019}) and 2021 (${h2021}) editions; read as ${edition}`,
      pos,
      { pointer: "/edition" },
    );
  }
  return edition;
}

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

/** Everything a reader found, ready to become a report. */
export interface Assembly {
  readonly edition: EditionId;
  readonly title: { text: string; pos: SourcePosition } | undefined;
  readonly published?: string | undefined;
  readonly narrative: Narrative;
  readonly placer: Placer;
  readonly tablePos: Partial<Record<TableId, SourcePosition>>;
  readonly diag: Diagnostics;
  readonly format: ImportResult["format"];
}

/** Meta first (the year may be needed before tables are read), from the title and the options. */
export function resolveMeta(
  title: string | undefined,
  opts: ImportOptions,
): { year: number | undefined; organ: string | undefined } {
  const parsed = title === undefined ? {} : parseTitle(title);
  return { year: opts.year ?? parsed.year, organ: opts.organ ?? parsed.organ };
}

/** Builds and checks the report. A report that cannot be made valid is `null`, with an error saying why. */
export function finishReport(a: Assembly, opts: ImportOptions): ImportResult {
  const { diag } = a;
  const { tables, stats } = a.placer.finish(a.tablePos);
  const { year, organ } = resolveMeta(a.title?.text, opts);
  const where = a.title?.pos ?? { line: 1 };
  if (a.title === undefined) {
    diag.add(
      "title-missing",
      year !== undefined && organ !== undefined ? "warning" : "error",
      "未找到报告标题（如「2020年××街道办事处政府信息公开工作年度报告」）",
      'no report title found (like "2020年××街道办事处政府信息公开工作年度报告")',
      where,
      { pointer: "/meta/title" },
    );
  }
  if (year === undefined) {
    diag.add(
      "year-missing",
      "error",
      "无法从标题中读出报告年份，请指定年份（--year）",
      "the report year cannot be read from the title: give it (--year)",
      where,
      { pointer: "/meta/year" },
    );
  }
  if (organ === undefined) {
    diag.add(
      "organ-missing",
      "error",
      "无法从标题中读出发布机关，请指定机关名称（--organ）",
      "the publishing organ cannot be read from the title: give it (--organ)",
      where,
      { pointer: "/meta/organ" },
    );
  }
  const sections = {} as Record<SectionKey, Section>;
  for (const s of SECTIONS) {
    const got = a.narrative.sections.get(s.key);
    if (!got) {
      diag.add(
        "section-missing",
        "warning",
        `未找到「${s.label}」部分，已用官方标题并留空`,
        `section "${s.label}" was not found; it has the official heading and no text`,
        where,
        { pointer: `/sections/${s.key}` },
      );
    }
    sections[s.key] = got ?? { heading: s.label, blocks: [] };
  }
  if (year !== undefined && editionForYear(year) !== a.edition) {
    diag.add(
      "edition-year-mismatch",
      "warning",
      `${year} 年度的报告应使用 ${editionForYear(year)} 版格式，但表格是 ${a.edition} 版`,
      `a ${year} report should use the ${editionForYear(year)} edition, but its tables are the ${a.edition} edition`,
      where,
      { pointer: "/edition" },
    );
  }
  if (year === undefined || organ === undefined)
    return { report: null, diagnostics: diag.list, stats, format: a.format };
  const report: Report = {
    edition: a.edition,
    meta: {
      organ,
      year,
      title: a.title?.text ?? defaultTitle(organ, year),
      ...(a.published === undefined ? {} : { published: a.published }),
    },
    preamble: a.narrative.preamble,
    sections,
    tables,
  };
  const checked = parseReport(toDocument(report));
  if (!checked.ok) {
    for (const issue of checked.issues) {
      diag.add(
        "invalid-report",
        "error",
        `读出的报告不符合数据格式：${issue.message}`,
        `the report read does not fit the schema: ${issue.message}`,
        where,
        { pointer: issue.pointer },
      );
    }
    return { report: null, diagnostics: diag.list, stats, format: a.format };
  }
  return { report: checked.report, diagnostics: diag.list, stats, format: a.format };
}
