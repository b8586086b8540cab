// Pipeline step 5, assembly: meta, sections and placed cells into a report checked against the schema,
// with what is missing said once.
import {
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
import type { Diagnostics } from "../_diagnostics.js";
import type { ImportOptions, ImportResult, SourcePosition } from "../types.js";
import { parseTitle, resolveMeta, type Title } from "./meta.js";
import type { Placer } from "./place.js";
import type { Narrative } from "./sections.js";

/** Everything a reader found, ready to become a report. */
export interface Assembly {
  readonly edition: EditionId;
  readonly title: Title | undefined;
  /** The year the text states, when the title states none. */
  readonly textYear?: { readonly year: number; readonly pos: SourcePosition } | undefined;
  readonly published?: string | undefined;
  readonly narrative: Narrative;
  readonly placer: Placer;
  readonly tablePos: Partial<Record<TableId, SourcePosition>>;
  readonly diag: Diagnostics;
  readonly format: ImportResult["format"];
  /** Where the source begins. */
  readonly start: SourcePosition;
  /** The first picture in each table's section (a table pasted as an image, where the table is missing). */
  readonly pictured?: Partial<Record<TableId, SourcePosition>>;
}

/** Builds and checks the report. A report that cannot be made valid is `null`, with an error saying why. */
export function finishReport(a: Assembly, opts: ImportOptions): ImportResult {
  const { diag } = a;
  const meta = resolveMeta(a.title?.text, opts);
  const { organ } = meta;
  const year = meta.year ?? a.textYear?.year;
  const where = a.title?.pos ?? a.start;
  // Nothing of a report at all (no title, no section heading, no table): say that once, not what each
  // part lacks.
  if (a.title === undefined && a.narrative.sections.size === 0 && !a.placer.placedAny()) {
    // Which format edition it would be does not matter then.
    const edition = diag.list.findIndex((d) => d.code === "edition-from-year");
    if (edition >= 0) diag.list.splice(edition, 1);
    diag.add(
      "not-a-report",
      "error",
      "这不是政府信息公开工作年度报告：没有找到报告标题、“一、总体情况”等部分或报告的三个表格",
      'this is not a government information disclosure annual report: no report title, no section such as "一、总体情况", none of the report\'s three tables',
      a.start,
    );
    return {
      report: null,
      diagnostics: diag.list,
      stats: a.placer.finish(a.tablePos, a.start, {}, false).stats,
      format: a.format,
    };
  }
  if (meta.year === undefined && a.textYear !== undefined) {
    diag.add(
      "year-from-text",
      "info",
      `标题中没有年份，已按正文所述采用 ${a.textYear.year} 年度`,
      `the title states no year; the text's ${a.textYear.year} was taken`,
      a.textYear.pos,
      { pointer: "/meta/year" },
    );
  }
  const rejected =
    a.title === undefined || opts.organ !== undefined ? undefined : parseTitle(a.title.text).rejected;
  if (rejected !== undefined) {
    diag.add(
      "organ-unsure",
      "warning",
      `标题中机关名称的位置是「${rejected}」，不像机关名称，未采用`,
      `where the title names the organ it says "${rejected}", which is not an organ's name; not taken`,
      where,
      { pointer: "/meta/organ" },
    );
  }
  const { tables, stats } = a.placer.finish(a.tablePos, a.start, a.pictured ?? {});
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
  // Every table missing and pictures where they belong: the tables are images; no report without them.
  if (stats.missing === stats.total && Object.keys(a.pictured ?? {}).length > 0) {
    return { report: null, diagnostics: diag.list, stats, format: a.format };
  }
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
