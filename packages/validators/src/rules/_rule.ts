import type { Cell, EditionId, Report } from "@xxgk/core-model";
import type { BlankNotices, BlankPolicy, Equation, Finding, Message, RuleDef } from "../types.js";

/**
 * A figure outside the tables that a sum of this year's cells should equal: a number the narrative
 * states, or last year's carried-forward count. The diagnosis weighs explanations by them.
 */
export interface Statement {
  /** Positions (`CellDef.index`) of the cells whose sum the figure states. */
  readonly cells: readonly number[];
  readonly value: number;
  /**
   * Whose figure: a phrasing of the narrative (`what` of its pattern: `收到（新收）申请`), or last year's
   * report (`label` of the cell it is carried to). Words are only put together when a diagnosis cites it.
   */
  readonly source: { readonly text: Message } | { readonly previous: string };
}

/** What a rule's check sees: the report, last year's (if given and usable), the blank policy, the sink. */
export interface Context {
  readonly report: Report;
  /** The report's cells by official position (see `readCells`). */
  readonly cells: readonly Cell[];
  readonly previous: Report | undefined;
  readonly blanks: BlankPolicy;
  readonly blankNotices: BlankNotices;
  readonly out: Finding[];
  /** Figures the narrative states, collected for the diagnosis (distinct, at most a few hundred). */
  readonly statements: Statement[];
}

/** Facts about one broken equation, for its message. */
export interface Broken {
  readonly edition: EditionId;
  readonly equation: Equation;
  readonly expected: number;
  readonly actual: number;
}

/** A rule: its public declaration plus how to word a broken instance or how to check it. */
export interface RuleImpl {
  readonly def: RuleDef;
  /** `equation` and `cross-year` rules: the message of a broken instance (the engine evaluates them). */
  readonly explain?: (b: Broken) => Message;
  /**
   * `equation` rules: the relation an instance states, for findings the diagnosis re-aims at another of
   * its cells (`一＋二＝（七）总计＋四（总计列）`).
   */
  readonly relation?: (edition: EditionId, equation: Equation) => Message;
  /** Other rules: the check itself, pushing findings into `ctx.out`. */
  readonly check?: (ctx: Context) => void;
}

/** Formats a number the way reports write it (no exponent, no float noise). */
export function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** What a cell holds, quoted for a message: at most 40 characters of it, and its length beyond that. */
export function quoteRaw(raw: string, lang: "zh" | "en" = "zh"): string {
  if (raw.length <= 40) return JSON.stringify(raw);
  const head = JSON.stringify(raw.slice(0, 40)).slice(0, -1);
  return lang === "zh" ? `${head}…"（共 ${raw.length} 个字符）` : `${head}…" (${raw.length} characters)`;
}
