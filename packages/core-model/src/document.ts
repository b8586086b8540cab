import { layoutOf } from "./grid.js";
import type { Report } from "./schema.js";
import { CONTACT_FIELDS } from "./texts.js";

/** The contact lines a report gives, in print order: `{ label, value }` for each field written. */
export function contactLines(report: Report): { label: string; value: string }[] {
  const contact = report.meta.contact;
  if (contact === undefined) return [];
  return CONTACT_FIELDS.flatMap(([key, label]) => {
    const value = contact[key];
    return value === undefined ? [] : [{ label, value }];
  });
}

/** A `YYYY-MM-DD` date as a 公文 writes it: `2026年1月20日` (no leading zeros). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * What a rendered file says about itself (PDF info, DOCX core properties): title, author (the organ),
 * subject (the edition and its 文号), keywords, language, and a date. The date is the publication date,
 * else 1 January after the report year — never the clock, so the same report gives the same file.
 */
export interface DocumentProperties {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly language: "zh-CN";
  readonly date: Date;
}

/** The {@link DocumentProperties} of a report. */
export function documentProperties(report: Report): DocumentProperties {
  const { meta } = report;
  const layout = layoutOf(report.edition);
  return {
    title: meta.title,
    author: meta.organ,
    subject: `${meta.organ}${meta.year}年政府信息公开工作年度报告（${layout.name}，${layout.issuedBy}）`,
    keywords: ["政府信息公开", "年度报告", `${meta.year}年`, meta.organ],
    language: "zh-CN",
    date: new Date(`${meta.published ?? `${meta.year + 1}-01-01`}T00:00:00Z`),
  };
}
