import type { CellKey, EditionId, Report } from "@xxgk/core-model";

/** How serious a finding is: `error` breaks the format, `warning` is suspicious, `info` is a notice. */
export type Severity = "error" | "warning" | "info";

/** A message in both languages of the project. */
export interface Message {
  readonly zh: string;
  readonly en: string;
}

/** One thing a rule found, as plain data: a stable code, where, what was expected and what was found. */
export interface Finding {
  /** The rule id (FORMAT.md §6, e.g. `T3.balance`), or `schema` / `cell.blank` / … for the added rules. */
  readonly code: string;
  readonly severity: Severity;
  /** JSON pointer of the cell or field it is about (`""` = the whole document). */
  readonly pointer: string;
  /** Pointers of every other cell of this report involved. */
  readonly related: readonly string[];
  /** Cross-year rules: pointers into last year's report of the cells read there. */
  readonly previous?: readonly string[];
  readonly expected?: number;
  readonly actual?: number;
  readonly message: Message;
  /** Narrative findings: the sentence, as written (a bounded window of it in a long paragraph). */
  readonly quote?: string;
  /** Summary findings (`table.blanks`, `table.blank-column`): the pointers of the cells they sum up. */
  readonly cells?: readonly string[];
  /** Index into {@link ValidationResult.diagnosis} of the diagnosis that explains this finding. */
  readonly diagnosis?: number;
  /** A rule's last finding in a block past its cap: how many more it found there and did not list. */
  readonly omitted?: number;
}

/** A cell a diagnosis suspects: where, what it holds now, and what it should hold if that is unique. */
export interface SuspectCell {
  readonly pointer: string;
  /** The cell's short official label: `一、本年新收政府信息公开申请数量（总计）`. */
  readonly label: string;
  /** What is written now (`""` for blank). */
  readonly raw: string;
  /** The value the equations need, when exactly one value makes them all hold. */
  readonly suggested?: number;
}

/** One way to make every equation hold: the cells to change, and how much weight that costs. */
export interface Explanation {
  readonly cells: readonly SuspectCell[];
  /**
   * The weighted number of cells changed (Fellegi–Holt): a written cell 1, a blank cell 0.75, and each
   * narrative statement (or last year's figure) the change makes agree −0.25, disagree +0.25.
   */
  readonly cost: number;
  /** The narrative statements and last year's figures that support or speak against this change. */
  readonly evidence: readonly Message[];
}

/** A column of table 三 left blank throughout, which the diagnosis assumes is to be filled in. */
export interface BlankColumn {
  readonly label: string;
  /** Its cells, each with the value the equations give it. */
  readonly cells: readonly SuspectCell[];
}

/**
 * Error localization for one group of failing equations (cells that no equation and no narrative
 * figure links are diagnosed apart): `located` — one smallest weighted set of cells explains every failure; `tied` — several sets
 * are equally good, all listed; `too-many` — no explanation within the budget (more than
 * {@link DIAGNOSIS_LIMITS}.cells changed cells, or too many candidates to try).
 */
export interface Diagnosis {
  readonly status: "located" | "tied" | "too-many";
  /** The best explanations: one when located, every tied one when tied, none when too many. */
  readonly explanations: readonly Explanation[];
  /** Whole blank columns assumed to be filled in (with the values the equations give them). */
  readonly blankColumns: readonly BlankColumn[];
  /** Indexes into the result's `findings` of the findings this diagnosis explains. */
  readonly explains: readonly number[];
  /** `最可能出错的单元格：一、本年新收政府信息公开申请数量（总计），应为 421`. */
  readonly message: Message;
}

/** How blank cells are treated: counted as 0, or making the rules that read them not assessable. */
export type BlankPolicy = "count-as-zero" | "not-assessable";

/**
 * How blank cells are reported: `table` — one `table.blanks` notice per table listing its blank cells
 * (default); `cell` — one `cell.blank` notice per cell (as before 0.2); `both`.
 */
export type BlankNotices = "table" | "cell" | "both";

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** Last year's report document (either edition): enables the cross-year rules. */
  previous?: unknown;
  /** Default `count-as-zero`. */
  blanks?: BlankPolicy;
  /** Default `table`. */
  blankNotices?: BlankNotices;
  /** Localise the cells behind failing equations (default `true`); `false` leaves findings as evaluated. */
  diagnose?: boolean;
}

/** Options of {@link validateReport}: like {@link ValidateOptions} but with an already parsed last year. */
export interface ValidateReportOptions {
  previous?: Report;
  blanks?: BlankPolicy;
  blankNotices?: BlankNotices;
  diagnose?: boolean;
}

/** What {@link validate} returns. */
export interface ValidationResult {
  /** The parsed report when the document fits the schema. */
  readonly report?: Report;
  /** Sorted: errors, warnings, infos; within each, official document and cell order. */
  readonly findings: readonly Finding[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** One diagnosis per independent group of failing equations; empty when every equation holds. */
  readonly diagnosis: readonly Diagnosis[];
}

/**
 * What a rule inspects: `equation` (cells of one report add up), `cross-year` (this year against last
 * year), `cell` (each cell on its own), `text` (the narrative), `document` (metadata and structure).
 */
export type RuleKind = "equation" | "cross-year" | "cell" | "text" | "document";

/** One summand of an {@link Equation}: a cell, added or subtracted, of this year's or last year's report. */
export interface Term {
  readonly key: CellKey;
  readonly sign: 1 | -1;
  /** `true` when the cell is read from last year's report. */
  readonly previous?: true;
}

/** `about = Σ sign × term`: the cell a finding is about, and what it must equal. */
export interface Equation {
  readonly about: CellKey;
  readonly terms: readonly Term[];
}

/** A pair of editions: last year's, then this year's (`"2019>2021"` is the 2020→2021 switch). */
export type EditionPair = `${EditionId}>${EditionId}`;

/** A number the narrative states and the table cells it must equal (their sum). */
export interface NarrativePattern {
  readonly id: string;
  /** A word every match contains: numbers whose clause lacks it are skipped before the regex runs. */
  readonly keyword: string;
  /** What the number is, for messages (`收到申请`, `applications received`). */
  readonly what: Message;
  /**
   * Conservative: the words of the phrasing right before the number (`…申请共` in `收到…申请共12件`),
   * matched against the clause before each `N件` (back to a clause boundary or another number, at most
   * 40 characters); it ends in `$`.
   */
  readonly regex: RegExp;
  /** The cells whose sum the number must equal; none in an edition that lacks them. */
  readonly cells: Readonly<Record<EditionId, readonly CellKey[]>>;
  /** A share may follow (`予以公开30件，占57.7%`), checked against the applications completed. */
  readonly share?: true;
}

/** A rule declared as data: its id, severity, kind, description, and the cells it reads per edition. */
export interface RuleDef {
  readonly id: string;
  readonly severity: Severity;
  readonly kind: RuleKind;
  readonly description: Message;
  /** The cells of this year's report the rule reads, per edition. */
  readonly reads: Readonly<Record<EditionId, readonly CellKey[]>>;
  /** The cells of last year's report it reads, per edition of last year's report (cross-year rules). */
  readonly readsPrevious?: Readonly<Record<EditionId, readonly CellKey[]>>;
  /** `equation` rules: the instances per edition. */
  readonly equations?: Readonly<Record<EditionId, readonly Equation[]>>;
  /** `cross-year` rules: the instances per pair of editions (last year's, this year's). */
  readonly crossYear?: Readonly<Record<EditionPair, readonly Equation[]>>;
  /** `text.numbers`: the phrasings it recognises. */
  readonly patterns?: readonly NarrativePattern[];
}
