import {
  BLANK,
  type Cell,
  type CellKey,
  cellPointer,
  createReport,
  defaultTitle,
  type EditionId,
  editionForYear,
  getCell,
  type Report,
  SECTIONS,
  setCell,
  toCell,
} from "@xxgk/core-model";
import { RULES } from "./rules/index.js";
import type { EditionPair, Equation, Term } from "./types.js";

/** One cell of the new report that {@link carryOver} filled (or had to leave blank) from last year's. */
export interface CarriedCell {
  /** The cross-year rule that determines it: `X.carry-over` or `X.items`. */
  readonly code: string;
  readonly key: CellKey;
  /** Its JSON pointer in the new report. */
  readonly pointer: string;
  /** Pointers into last year's report of the cells it comes from. */
  readonly previous: readonly string[];
  /** What the new cell holds, as written (`""` when left blank). */
  readonly raw: string;
  /**
   * `false` when a cell of last year's is unreadable text: the new cell is left blank rather than
   * guessed, and the caller should say so.
   */
  readonly carried: boolean;
}

/** What {@link carryOver} returns: the new report and every cell it took from last year's. */
export interface CarryOverResult {
  readonly report: Report;
  readonly cells: readonly CarriedCell[];
}

// The cells this year's report takes from last year's alone are exactly the cross-year equations whose
// terms all read last year's report (X.carry-over, X.items); X.stock also reads this year's 制发 and
// 废止, so it is checked live, not carried.
function carriedEquations(pair: EditionPair): { code: string; eq: Equation }[] {
  return RULES.flatMap((r) =>
    (r.crossYear?.[pair] ?? [])
      .filter((eq) => eq.terms.length > 0 && eq.terms.every((t) => t.previous === true))
      .map((eq) => ({ code: r.id, eq })),
  );
}

/**
 * The value of an equation over last year's cells, kept as the author would have written it: one term
 * is copied as written (`0`, `-`, blank stay what they were); a sum of terms is blank when all are blank,
 * the first not-applicable mark when all are not applicable, and otherwise the number the rule expects
 * (blank and not-applicable count as 0, as in the rule). Unreadable text gives `undefined`.
 */
function combine(terms: readonly Term[], previous: Report): Cell | undefined {
  const cells = terms.map((t) => getCell(previous, t.key));
  if (cells.some((c) => c.status === "invalid")) return undefined;
  if (terms.length === 1 && terms[0]!.sign === 1) return cells[0]!;
  if (cells.every((c) => c.status === "blank")) return BLANK;
  if (cells.every((c) => c.status === "na")) return cells[0]!;
  const sum = cells.reduce((s, c, i) => s + terms[i]!.sign * (c.value ?? 0), 0);
  return toCell(Math.round(sum * 1e6) / 1e6);
}

/** `text` with every `<from>年` made `<to>年` (titles and sub-headings name the report year). */
function nextYearText(text: string, from: number, to: number): string {
  return text.split(`${from}年`).join(`${to}年`);
}

/**
 * Starts next year's report from last year's: the edition of the new year (the 2020 → 2021 switch
 * included), the organ, level and contact, the title and every section heading and sub-heading with the
 * year moved on, and the cells last year's report determines — 二、上年结转 from last year's
 * 四、结转下年度继续办理 column by column, and in the 2019 edition table 二's 上一年项目数量 from last
 * year's 上一年项目数量 + 本年增/减. Every other cell is blank and no narrative is copied (a report that
 * repeats last year's text is 内容雷同). `validateReport(result.report, { previous })` then raises no
 * `X.carry-over` or `X.items` finding until the author changes a carried cell.
 *
 * Throws `RangeError` when `year` is not the year after last year's report.
 */
export function carryOver(previous: Report, year: number = previous.meta.year + 1): CarryOverResult {
  const from = previous.meta.year;
  if (year !== from + 1) {
    throw new RangeError(
      `a report for ${year} cannot be started from the ${from} report: use the ${year - 1} one`,
    );
  }
  const edition: EditionId = editionForYear(year);
  const { organ, level, contact, title } = previous.meta;
  const blank = createReport({
    organ,
    year,
    edition,
    title: title.includes(`${from}年`) ? nextYearText(title, from, year) : defaultTitle(organ, year),
  });
  const sections = Object.fromEntries(
    SECTIONS.map((s) => {
      const last = previous.sections[s.key];
      return [
        s.key,
        {
          heading: last.heading,
          blocks: last.blocks
            .filter((b) => b.type === "heading")
            .map((b) => ({ type: "heading" as const, text: nextYearText(b.text, from, year) })),
        },
      ];
    }),
  ) as Report["sections"];
  let report: Report = {
    ...blank,
    meta: {
      ...blank.meta,
      ...(level === undefined ? {} : { level }),
      ...(contact === undefined ? {} : { contact: { ...contact } }),
    },
    sections,
  };
  const cells: CarriedCell[] = [];
  for (const { code, eq } of carriedEquations(`${previous.edition}>${edition}`)) {
    const cell = combine(eq.terms, previous);
    if (cell !== undefined) report = setCell(report, eq.about, cell);
    cells.push({
      code,
      key: eq.about,
      pointer: cellPointer(edition, eq.about),
      previous: eq.terms.map((t) => cellPointer(previous.edition, t.key)),
      raw: cell?.raw ?? "",
      carried: cell !== undefined,
    });
  }
  return { report, cells };
}
