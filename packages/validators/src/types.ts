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
  /** Narrative findings: the sentence, as written. */
  readonly quote?: string;
}

/** How blank cells are treated: counted as 0 (with an info finding each), or making rules not assessable. */
export type BlankPolicy = "count-as-zero" | "not-assessable";

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** Last year's report document (either edition): enables the cross-year rules. */
  previous?: unknown;
  /** Default `count-as-zero`. */
  blanks?: BlankPolicy;
}

/** Options of {@link validateReport}: like {@link ValidateOptions} but with an already parsed last year. */
export interface ValidateReportOptions {
  previous?: Report;
  blanks?: BlankPolicy;
}

/** What {@link validate} returns. */
export interface ValidationResult {
  /** The parsed report when the document fits the schema. */
  readonly report?: Report;
  /** Sorted: errors, warnings, infos; within each, official document and cell order. */
  readonly findings: readonly Finding[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
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
  /** A word every match contains: blocks without it are skipped before the regex runs. */
  readonly keyword: string;
  /** What the number is, for messages (`收到申请`, `applications received`). */
  readonly what: Message;
  /** Conservative: matches only the phrasing it names; group 1 is the number. */
  readonly regex: RegExp;
  readonly cells: Readonly<Record<EditionId, readonly CellKey[]>>;
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
