import { layoutOf } from "./grid.js";
import { SECTIONS } from "./layout.js";
import { pointerOf } from "./pointer.js";
import type { Contact, Report } from "./schema.js";

/** The contact block's fields in the order a rendered report prints them, each with its label. */
export const CONTACT_FIELDS: readonly { readonly key: keyof Contact; readonly label: string }[] = [
  { key: "office", label: "联系机构" },
  { key: "address", label: "地址" },
  { key: "postcode", label: "邮编" },
  { key: "phone", label: "电话" },
  { key: "email", label: "电子邮箱" },
  { key: "website", label: "网址" },
];

/** The contact lines a report gives, in print order: `{ label, value }` for each field written. */
export function contactLines(report: Report): { label: string; value: string }[] {
  const contact = report.meta.contact;
  if (contact === undefined) return [];
  return CONTACT_FIELDS.flatMap(({ key, label }) => {
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

/** A text the author wrote, where it is in the report document. */
export interface AuthorText {
  /** JSON pointer, e.g. `/meta/organ`, `/sections/overview/blocks/2/text`, `/tables/review/direct/upheld`. */
  readonly pointer: string;
  readonly text: string;
}

/**
 * Every text of the report that a rendering prints, in reading order, with its JSON pointer: title,
 * preamble, section headings and blocks, table cells (non-blank), organ, contact values. Official labels
 * are not listed: they come from the layout. A renderer checks these for what its format cannot hold.
 */
export function authorTexts(report: Report): AuthorText[] {
  const out: AuthorText[] = [{ pointer: "/meta/title", text: report.meta.title }];
  report.preamble.forEach((b, i) => {
    out.push({ pointer: pointerOf(["preamble", i, "text"]), text: b.text });
  });
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    out.push({ pointer: pointerOf(["sections", s.key, "heading"]), text: section.heading });
    section.blocks.forEach((b, i) => {
      out.push({ pointer: pointerOf(["sections", s.key, "blocks", i, "text"]), text: b.text });
    });
    if (s.table === undefined) continue;
    const cells = report.tables[s.table];
    for (const def of layoutOf(report.edition).tables[s.table].cells) {
      const raw = cells[def.path[0]]?.[def.path[1]]?.raw ?? "";
      if (raw !== "") out.push({ pointer: def.pointer, text: raw });
    }
  }
  out.push({ pointer: "/meta/organ", text: report.meta.organ });
  const contact = report.meta.contact;
  for (const { key } of CONTACT_FIELDS) {
    const value = contact?.[key];
    if (value !== undefined) out.push({ pointer: pointerOf(["meta", "contact", key]), text: value });
  }
  return out;
}
