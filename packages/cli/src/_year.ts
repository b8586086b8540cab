import { EDITION_DEFS, EDITION_YEARS, EDITIONS, FIRST_FORMAT_YEAR } from "@xxgk/core-model";
import { UsageError } from "./errors.js";

const LAST_YEAR = 2100;

/** Which years each edition covers, for messages: `2019 版（…）：2019–2020 年度；2021 版（…）：2021 年度起`. */
function coverage(lang: "zh" | "en"): string {
  return EDITIONS.map((id) => {
    const { from, to } = EDITION_YEARS[id];
    const { issuedBy } = EDITION_DEFS[id];
    if (lang === "zh")
      return `${id} 版（${issuedBy}）用于 ${to === undefined ? `${from} 年度起` : `${from}–${to} 年度`}`;
    return `the ${id} edition (${issuedBy}) covers ${to === undefined ? `${from} on` : `${from}–${to}`}`;
  }).join(lang === "zh" ? "；" : "; ");
}

/**
 * A `--year` option's value as a report year one of the editions covers, or a usage error of `command`
 * that says which years each edition covers (a 2018 report followed the 2008 format, not ours).
 */
export function parseReportYear(text: string, command: string): number {
  const year = /^\d{4}$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(year >= FIRST_FORMAT_YEAR && year <= LAST_YEAR)) {
    const early = year < FIRST_FORMAT_YEAR;
    throw new UsageError(
      {
        zh: early
          ? `${year} 年度早于现行的两种报告格式：${coverage("zh")}`
          : `--year 应为 ${FIRST_FORMAT_YEAR}–${LAST_YEAR} 之间的年份，而不是 “${text}”`,
        en: early
          ? `${year} predates both report formats: ${coverage("en")}`
          : `--year must be a year from ${FIRST_FORMAT_YEAR} to ${LAST_YEAR}, not "${text}"`,
      },
      command,
    );
  }
  return year;
}
