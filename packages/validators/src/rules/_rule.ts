import type { Cell, EditionId, Report } from "@xxgk/core-model";
import type { BlankPolicy, Equation, Finding, Message, RuleDef } from "../types.js";

/** What a rule's check sees: the report, last year's (if given and usable), the blank policy, the sink. */
export interface Context {
  readonly report: Report;
  /** The report's cells by official position (see `readCells`). */
  readonly cells: readonly Cell[];
  readonly previous: Report | undefined;
  readonly blanks: BlankPolicy;
  readonly out: Finding[];
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
  /** Other rules: the check itself, pushing findings into `ctx.out`. */
  readonly check?: (ctx: Context) => void;
}

/** Formats a number the way reports write it (no exponent, no float noise). */
export function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
