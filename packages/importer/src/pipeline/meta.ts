// Pipeline step 1, title and meta: the report's title (so its year and organ), the format edition from
// the labels present, and the publication date.
import { type EditionId, editionForYear, parseCellText } from "@xxgk/core-model";
import { type Diagnostics, quote } from "../_diagnostics.js";
import { normalizeLabel, textLine, tidyText, trimSpace } from "../_normalize.js";
import { scopeOf } from "../_scope.js";
import type { SourceDocument } from "../source.js";
import type { ImportOptions, SourcePosition } from "../types.js";
import { splitAtHeadings } from "./flat.js";
import { isChrome, MAYBE_HEADING, splitHeading } from "./sections.js";

const YEAR = /((?:19|20)\d{2}|2100)\s*年度?/;
const REPORT_TITLE = /(?:19|20)\d{2}\s*年.*报告/;
// What follows the organ in a title: "(政府)信息公开(工作)年度(工作)报告", "政务公开…报告".
const TITLE_TAIL = /(?:关于)?(?:政府|政务)?(?:信息)?公开.*报告.*$|(?:年度)?(?:工作)?报告.*$/;
// A title that states no year: "淮安市人民政府政府信息公开工作年度报告".
const TITLE_NO_YEAR = /(?:政府|政务)?(?:信息)?公开[^，。；]{0,10}报告$/;
// "标题：", "标 题:", "题目：" — a field label a copy kept before the title.
const TITLE_LABEL = /^[\s\u3000]*(?:标\s*题|题\s*目|文\s*章\s*标\s*题|名\s*称)\s*[:：]\s*/;
// A sentence, not a title: clause punctuation, or the words a preamble opens with.
const SENTENCE = /[，。；！？,;!?]|^(?:根据|按照|依据|依照|现将|本报告)|现将|如下|特此|予以公布/;
// What an organ's name never holds (a sentence, a breadcrumb, a quoted law).
const NOT_ORGAN = /[，。；！？,;!?《》“”「」:：]|^(?:根据|按照|依据|依照|现将|本|我)|公开|报告|首页|当前位置/;
const CN_DIGITS = "〇一二三四五六七八九";

/** Full-width digits made ASCII, a year in Chinese numerals (二〇二一年) in digits. */
function digits(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(
      /([〇零一二三四五六七八九]{4})(\s*年)/g,
      (_, y: string, nian: string) =>
        [...y].map((c) => String(Math.max(0, CN_DIGITS.indexOf(c === "零" ? "〇" : c)))).join("") + nian,
    );
}

/** A title without the field label a copy may have kept before it (`标题：`). */
export function stripTitleLabel(text: string): string {
  return text.replace(TITLE_LABEL, "");
}

/** Whether a line reads like a report title (a year and 报告, not a sentence). */
export function looksLikeTitle(text: string): boolean {
  const t = digits(text);
  return t.length <= 80 && REPORT_TITLE.test(t) && /公开/.test(t) && !SENTENCE.test(t);
}

/** Whether a line reads like a report title that states no year. */
function looksLikeYearlessTitle(text: string): boolean {
  return text.length <= 60 && TITLE_NO_YEAR.test(text) && !SENTENCE.test(text) && !YEAR.test(digits(text));
}

/** Whether a name can be an organ's: no sentence, no breadcrumb, no quoted law. */
export function looksLikeOrgan(name: string): boolean {
  return name.length >= 2 && name.length <= 40 && !NOT_ORGAN.test(name);
}

/**
 * Year and organ from a title; organ before or after the year. An organ that cannot be an organ's name
 * (a sentence the title was taken from) is not returned but said in `rejected`.
 */
export function parseTitle(title: string): { year?: number; organ?: string; rejected?: string } {
  const t = digits(stripTitleLabel(title)).replace(/\s+/g, "");
  const m = YEAR.exec(t);
  let organ: string;
  let year: number | undefined;
  if (m) {
    year = Number(m[1]);
    const before = t.slice(0, m.index).replace(/^关于/, "");
    const after = t.slice(m.index + m[0].length).replace(TITLE_TAIL, "");
    organ = (before.length >= 2 ? before : after).replace(/[（(【[].*$/, "").replace(/的$/, "");
  } else {
    if (!TITLE_NO_YEAR.test(t)) return {};
    organ = t.replace(/^关于/, "").replace(TITLE_TAIL, "").replace(/的$/, "");
  }
  const out: { year?: number; organ?: string; rejected?: string } = year === undefined ? {} : { year };
  if (organ.length < 2) return out;
  if (!looksLikeOrgan(organ)) return { ...out, rejected: organ };
  return { ...out, organ };
}

/** The report's title, where it was found, and the lines it was made of (a title over two or three lines). */
export interface Title {
  readonly text: string;
  readonly pos: SourcePosition;
  /** The source lines (tidied, as written) the title was read from: not narrative. */
  readonly parts: readonly string[];
}

/** A title held in `text`: the text itself when short, or a title found at its start or inside it when long. */
function titleIn(text: string): string | undefined {
  const t = stripTitleLabel(text);
  if (t.length <= 80) return looksLikeTitle(t) || looksLikeYearlessTitle(t) ? t : undefined;
  // A page flattened onto one line: its title runs into what follows it.
  const d = digits(t);
  const start = /^.{0,40}?(?:19|20)\d{2}\s*年度?[^，。；]{0,30}?公开[^，。；]{0,12}?报告/.exec(d);
  if (start && !SENTENCE.test(start[0]) && parseTitle(start[0]).organ) return t.slice(0, start[0].length);
  const inside =
    /(?:19|20)\d{2}\s*年度?[\u4e00-\u9fff（）()]{2,40}?(?:政府|政务)?(?:信息)?公开[\u4e00-\u9fff]{0,10}?报告/.exec(
      d,
    );
  return inside && parseTitle(inside[0]).organ
    ? t.slice(inside.index, inside.index + inside[0].length)
    : undefined;
}

/** A line that can be (part of) an organ's name standing above the rest of a title. */
const isOrganPiece = (t: string): boolean =>
  /^[\u4e00-\u9fff（）()·]{2,30}$/.test(t) && !NOT_ORGAN.test(t) && !t.includes("年");

/** A line that can end a title broken over lines: short, no year, no sentence (`工作年度报告`). */
const isTitleTail = (t: string): boolean => t.length <= 20 && !SENTENCE.test(t) && !YEAR.test(digits(t));

/**
 * The report's title. In a text copy: among the lines before section 一 (a copy may start with a site's
 * breadcrumb, a field label, the title over two or three lines), the first that makes a title with an
 * organ, else the first that makes one at all; in a page, the last title-like line before section 一
 * (a breadcrumb or a site banner may come first), else a title the page states in its metadata.
 */
export function findTitle(doc: SourceDocument): Title | undefined {
  if (doc.titleAt === "first-line") return titleOfCopy(doc);
  let inPage: Title | undefined;
  for (const b of doc.blocks) {
    if (b.kind !== "text") continue;
    if (MAYBE_HEADING.test(b.text) && splitHeading(textLine(b.text), -1)?.match.index === 0) break;
    if (!b.text.includes("报告")) continue;
    const text = stripTitleLabel(textLine(b.text));
    if (looksLikeTitle(text)) inPage = { text, pos: quote(b.pos, text), parts: [textLine(b.text)] };
  }
  if (inPage) return inPage;
  const stated = doc.titles.find((t) => looksLikeTitle(t.text));
  return stated && { ...stated, parts: [stated.text] };
}

const MAX_TITLE_LINES = 30;

function titleOfCopy(doc: SourceDocument): Title | undefined {
  const lines: { text: string; pos: SourcePosition }[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== "text") continue;
    const t = tidyText(b.text);
    if (t === "" || isChrome(t)) continue;
    if (MAYBE_HEADING.test(t) && splitHeading(textLine(t), -1)?.match.index === 0) break;
    const pieces = splitAtHeadings(t);
    if (pieces) {
      if (!pieces[0]!.heading) lines.push({ text: tidyText(pieces[0]!.text), pos: b.pos });
      break;
    }
    lines.push({ text: t, pos: b.pos });
    if (lines.length >= MAX_TITLE_LINES) break;
  }
  let fallback: Title | undefined;
  const make = (from: number, to: number, text: string): Title => ({
    text,
    pos: quote(lines[from]!.pos, text),
    parts: lines.slice(from, to).map((l) => l.text),
  });
  const joined = (from: number, to: number) =>
    titleIn(
      lines
        .slice(from, to)
        .map((l) => stripTitleLabel(l.text))
        .join(""),
    );
  for (let e = 0; e < lines.length; e++) {
    const single = titleIn(lines[e]!.text);
    if (single && parseTitle(single).organ) return make(e, e + 1, single);
    // The organ on a line (or two) of its own above the rest of the title.
    if (single) {
      for (const up of [2, 1]) {
        if (e - up < 0 || !lines.slice(e - up, e).every((l) => isOrganPiece(l.text))) continue;
        const text = joined(e - up, e + 1);
        if (text && parseTitle(text).organ) return make(e - up, e + 1, text);
      }
      fallback ??= make(e, e + 1, single);
      continue;
    }
    // The title broken after its organ and year (`2021年某某局政府信息公开` / `工作年度报告`).
    for (const down of [1, 2]) {
      if (e + down >= lines.length || !lines.slice(e + 1, e + down + 1).every((l) => isTitleTail(l.text)))
        continue;
      const text = joined(e, e + down + 1);
      if (text && parseTitle(text).organ) return make(e, e + down + 1, text);
    }
  }
  return fallback;
}

/** Meta first (the year may be needed before tables are read), from the title and the options. */
export function resolveMeta(
  title: string | undefined,
  opts: ImportOptions,
): { year: number | undefined; organ: string | undefined } {
  const parsed = title === undefined ? {} : parseTitle(title);
  return { year: opts.year ?? parsed.year, organ: opts.organ ?? parsed.organ };
}

// "统计期限自2024年1月1日起至2024年12月31日止", "数据统计期限为2021年1月1日至12月31日".
const PERIOD =
  /统计(?:期限|时限|时间|区间|周期|范围)[^。；]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^。；]{0,6}?(?:至|到|—|-|~)\s*(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日/;
// A year of report, not the end of a range (`2020—2023年度`).
const YEAR_OF_REPORT = /(?<![—–\-~～至到]\s*)((?:19|20)\d{2})\s*年度/g;

/**
 * The report year stated in the text when the title states none: the statistical period (统计期限
 * 1月1日–12月31日 of one year), else the one year the preamble calls 本年度 (`YYYY年度`, every mention
 * alike). `undefined` when the text does not say or says several.
 */
export function yearFromText(doc: SourceDocument): { year: number; pos: SourcePosition } | undefined {
  let preamble = true;
  const years = new Set<number>();
  let first: SourcePosition | undefined;
  let seen = 0;
  for (const b of doc.blocks) {
    if (b.kind !== "text" || ++seen > 400) continue;
    const t = digits(textLine(b.text));
    const period = PERIOD.exec(t);
    if (period && (period[2] === undefined || period[2] === period[1])) {
      return { year: Number(period[1]), pos: quote(b.pos, period[0]) };
    }
    if (MAYBE_HEADING.test(t) && splitHeading(t, -1)?.match.index === 0) preamble = false;
    if (!preamble || t.length > 2000) continue;
    for (const m of t.matchAll(YEAR_OF_REPORT)) {
      years.add(Number(m[1]));
      first ??= quote(b.pos, m[0]);
    }
  }
  return years.size === 1 && first ? { year: [...years][0]!, pos: first } : undefined;
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
