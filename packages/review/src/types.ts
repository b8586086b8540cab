import type { EditionId, Level, SectionKey } from "@xxgk/core-model";
import type { IndicatorValue, Text } from "./indicators.js";

export type { Text };

/** How serious a finding is. */
export type Severity = "error" | "warning" | "info";

/** Findings counted by severity. */
export interface Counts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

/**
 * One thing found about a report: by the importer (`source: "import"`, the importer's diagnostic code),
 * by the validators (`"validate"`, the rule id, e.g. `T3.balance`), or by the review itself (`"review"`:
 * `review.copy`, `review.similar`, `review.duplicate`).
 */
export interface ReviewFinding {
  readonly source: "import" | "validate" | "review";
  readonly code: string;
  readonly severity: Severity;
  /** JSON pointer into the report document (`""`: the whole report). */
  readonly pointer: string;
  /** The official label path of the cell the pointer names (`表三：… / 总计`), `""` for other places. */
  readonly label: string;
  readonly expected?: number;
  readonly actual?: number;
  readonly message: Text;
  /** The sentence or passage concerned, as written. */
  readonly quote?: string;
  /** Importer diagnostics: the line of the source file. */
  readonly line?: number;
  /** Summary findings (the validators' `table.blanks`, `table.blank-column`): the cells they sum up. */
  readonly cells?: readonly string[];
}

/** Whether a report was published in time (条例 第四十九条), as the `deadline` rule judged it. */
export interface DeadlineStatus {
  /** The last day for the report's level, `null` when the level is unknown. */
  readonly date: string | null;
  /** `undetermined`: the level is unknown and the date falls between the two deadlines. */
  readonly status: "on-time" | "late" | "undetermined" | "no-date";
}

/** The 行政规范性文件 现行有效件数 chain against last year (the `X.stock` rule). */
export interface StockChain {
  /** `not-applicable`: one of the two years uses the 2019 edition, which has no 现行有效件数. */
  readonly status: "ok" | "broken" | "not-applicable" | "no-previous";
  readonly expected?: number;
  readonly actual?: number;
}

/** An indicator of a report with its change against the report it was paired with. */
export interface ReportIndicator extends IndicatorValue {
  /** This year's value minus last year's (rates in their own units: 0.05 = 5 points), `null` when either is missing. */
  readonly change: number | null;
}

/** One report in the review. */
export interface ReviewedReport {
  /** Stable id made from the file name (`r` + 12 hex digits). */
  readonly id: string;
  /** The source file, as the caller named it. */
  readonly file: string;
  /** What the importer read it as (`json`, `xxgk-html`, `html`, `text`, …). */
  readonly format: string;
  /** Its own page, relative to index.html. */
  readonly page: string;
  /** The id of its body. */
  readonly body: string;
  /** The organ as the report names it. */
  readonly organ: string;
  readonly year: number;
  readonly edition: EditionId;
  readonly title: string;
  readonly published: string | null;
  readonly level: Level;
  readonly levelReason: Text;
  /** The level rule that decided (`stated` when the document gives the level). */
  readonly levelRule: string;
  readonly deadline: DeadlineStatus;
  /** `duplicate`: another file holds the same body's report for the same year and takes part in the cross-year and cross-body checks instead. */
  readonly role: "primary" | "duplicate";
  readonly duplicateOf: string | null;
  /** The id of last year's report this one was checked against (in `reports` or `previousReports`), if any. */
  readonly previous: string | null;
  readonly counts: Counts;
  /** Sorted: errors, warnings, infos; within each, the validators' order, then the review's, then the importer's. */
  readonly findings: readonly ReviewFinding[];
  /** Cells the importer placed confidently, placed with a doubt, did not find, of all cells. */
  readonly cells: {
    readonly placed: number;
    readonly unsure: number;
    readonly missing: number;
    readonly total: number;
  };
  /** The copy-of-last-year check, `null` without last year's report or with too little text. */
  readonly copy: {
    readonly ratio: number;
    readonly previous: string;
    readonly passages: readonly { readonly section: SectionKey; readonly text: string }[];
  } | null;
  /** Reports of other bodies of the same year sharing most of this one's text, most similar first. */
  readonly similar: readonly { readonly report: string; readonly jaccard: number }[];
  readonly indicators: Readonly<Record<string, ReportIndicator>>;
  readonly stock: StockChain;
}

/** One body and its reports by year. */
export interface ReviewedBody {
  /** Stable id made from its normalised name (`b` + 12 hex digits). */
  readonly id: string;
  /** Its name: the latest report's organ, or the name the mapping file gives. */
  readonly organ: string;
  /** Every name its reports use, and how each was tied to the body. */
  readonly names: readonly { readonly name: string; readonly how: "name" | "mapping" | "suffix" }[];
  /** The level of its latest report. */
  readonly level: Level;
  /** One entry per year of the review: the report taken for it and any duplicates. */
  readonly years: readonly {
    readonly year: number;
    readonly report: string | null;
    readonly duplicates: readonly string[];
  }[];
  /** Years of the review with no report of this body. */
  readonly missing: readonly number[];
}

/** A file that is not a report, and why. */
export interface NotReport {
  readonly file: string;
  readonly code: string;
  readonly reason: Text;
}

/** A report given only as last year's, to compare with: not reviewed, no page. */
export interface PreviousReport {
  readonly id: string;
  readonly file: string;
  readonly organ: string;
  readonly year: number;
}

/** The definition of an indicator as review.json records it. */
export interface IndicatorInfo {
  readonly id: string;
  readonly label: Text;
  readonly kind: "count" | "rate";
  readonly formula: string;
}

/** The whole review: plain data, the content of review.json. */
export interface Review {
  readonly version: 1;
  /** Every year from the earliest to the latest report year. */
  readonly years: readonly number[];
  readonly indicators: readonly IndicatorInfo[];
  /** By normalised name. */
  readonly bodies: readonly ReviewedBody[];
  /** By body, year, primary before duplicates, file. */
  readonly reports: readonly ReviewedReport[];
  /** Reports given only to compare with (last year's), that some reviewed report was paired with; by file. */
  readonly previousReports: readonly PreviousReport[];
  /** By file. */
  readonly notReports: readonly NotReport[];
  readonly summary: {
    readonly files: number;
    readonly reports: number;
    readonly notReports: number;
    readonly bodies: number;
    /** Body-years without a report. */
    readonly missing: number;
    readonly late: number;
    readonly copied: number;
    readonly similar: number;
    readonly withErrors: number;
    readonly counts: Counts;
  };
}
