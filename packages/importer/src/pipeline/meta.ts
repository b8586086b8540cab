// Pipeline step 1, title and meta: the report's title (so its year and organ), the format edition from
// the labels present, and the publication date.
import { type EditionId, editionForYear, parseCellText } from "@xxgk/core-model";
import { type Diagnostics, quote } from "../_diagnostics.js";
import { normalizeLabel, textLine, tidyText, trimSpace } from "../_normalize.js";
import { scopeOf } from "../_scope.js";
import type { SourceDocument } from "../source.js";
import type { ImportOptions, SourcePosition } from "../types.js";
import { MAYBE_HEADING, splitHeading } from "./sections.js";

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

/** The report's title and where it was found. */
export interface Title {
  readonly text: string;
  readonly pos: SourcePosition;
}

/**
 * The report's title: a text copy's first line; in a page, the last title-like line before section 一
 * (a breadcrumb or a site banner may come first), else a title the page states in its metadata.
 */
export function findTitle(doc: SourceDocument): Title | undefined {
  if (doc.titleAt === "first-line") {
    const first = doc.blocks.find((b) => b.kind === "text" && trimSpace(b.text) !== "");
    if (first?.kind !== "text" || !looksLikeTitle(trimSpace(first.text))) return undefined;
    return { text: tidyText(first.text), pos: quote(first.pos, first.text) };
  }
  let inPage: Title | undefined;
  for (const b of doc.blocks) {
    if (b.kind !== "text") continue;
    if (MAYBE_HEADING.test(b.text) && splitHeading(textLine(b.text), -1)?.match.index === 0) break;
    if (!b.text.includes("报告")) continue;
    const text = textLine(b.text);
    if (looksLikeTitle(text)) inPage = { text, pos: quote(b.pos, text) };
  }
  return inPage ?? doc.titles.find((t) => looksLikeTitle(t.text));
}

/** Meta first (the year may be needed before tables are read), from the title and the options. */
export function resolveMeta(
  title: string | undefined,
  opts: ImportOptions,
): { year: number | undefined; organ: string | undefined } {
  const parsed = title === undefined ? {} : parseTitle(title);
  return { year: opts.year ?? parsed.year, organ: opts.organ ?? parsed.organ };
}

/**
 * The cells of the tables among `blocks` that may hold a label or a date (short ones, not numbers or
 * blanks), each text once, joined with `|`: a table of a million rows repeats a few labels, so this
 * stays small however large the page.
 */
export function tableText(blocks: SourceDocument["blocks"]): string {
  const seen = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== "table") continue;
    for (const row of b.rows) {
      for (const c of row) {
        const t = c.text;
        if (t.length >= 200 || seen.has(t)) continue;
        const status = parseCellText(trimSpace(t)).status;
        if (status !== "number" && status !== "blank") seen.add(t);
      }
    }
  }
  return [...seen].join("|");
}

/**
 * The normalised text whose labels tell the edition: the tables' cells (the narrative may quote labels
 * of either edition), or every line when tables are lines of text.
 */
export function editionText(doc: SourceDocument, tables: string): string {
  if (doc.tables === "grids") return normalizeLabel(tables);
  const texts: string[] = [];
  for (const b of doc.blocks) if (b.kind === "text") texts.push(b.text);
  return normalizeLabel(`${texts.join("\n")}\n${tables}`);
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

const DATED = /发布|成文|印发/;

/**
 * The publication date: from the source's metadata, a line naming one and the lines after it (the date
 * may follow on the next line) — not the whole page with its navigation — or a table cell.
 */
export function publishedOf(doc: SourceDocument, tables: string): string | undefined {
  const texts: string[] = [];
  for (const b of doc.blocks) if (b.kind === "text") texts.push(b.text);
  const dated: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (DATED.test(texts[i]!)) dated.push(texts.slice(i, i + 4).join("\n"));
  }
  return (
    findPublished([...doc.published.map((p) => `发布日期：${p}`), ...dated, tables].join("\u0000")) ??
    signOffDate(doc)
  );
}

/**
 * The date of the report's sign-off (落款: the organ, then the date on a line of its own) at its end: the
 * date the report was issued, when nothing states a publication date.
 */
function signOffDate(doc: SourceDocument): string | undefined {
  let seen = 0;
  for (let i = doc.blocks.length - 1; i >= 0 && seen < 12; i--) {
    const b = doc.blocks[i]!;
    if (b.kind !== "text") continue;
    const text = textLine(b.text);
    if (text === "") continue;
    seen++;
    if (SIGN_OFF_DATE.test(text)) return findPublished(`成文日期：${text}`);
  }
  return undefined;
}

const SIGN_OFF_DATE = /^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;

/** Whether a short line after the article is its sign-off: the organ's name or a date. */
export function isSignOff(text: string, organ: string | undefined): boolean {
  if (text.length > 40) return false;
  return SIGN_OFF_DATE.test(text) || (organ !== undefined && organ.length >= 2 && text.includes(organ));
}
