import type { Outcome, Text } from "./command.js";

/** Stable codes of the CLI's operational failures. */
export type ErrorCode =
  | "USAGE"
  | "INPUT_READ"
  | "INPUT_ENCODING"
  | "INPUT_JSON"
  | "REPORT_INVALID"
  | "OUTPUT_EXISTS"
  | "OUTPUT_IS_INPUT"
  | "OUTPUT_WRITE";

/**
 * The base of every failure the CLI reports as a message rather than a crash. `text` carries the
 * message in both languages; `message` is its English form, for programmatic callers.
 */
export class CliError extends Error {
  readonly code: ErrorCode;
  readonly text: Text;

  constructor(code: ErrorCode, text: Text, options?: { cause?: unknown }) {
    super(text.en, options);
    this.name = new.target.name;
    this.code = code;
    this.text = text;
  }
}

/** The command line itself is wrong: unknown command or option, missing or bad argument. */
export class UsageError extends CliError {
  /** The command whose `--help` to point at (none for top-level mistakes). */
  readonly command: string | undefined;

  constructor(text: Text, command?: string, options?: { cause?: unknown }) {
    super("USAGE", text, options);
    this.command = command;
  }
}

/** Where in an input file a problem is: 1-based line and column (columns count characters). */
export interface Position {
  readonly line: number;
  readonly column: number;
  /** 0-based character offset. */
  readonly offset: number;
}

/** An input file cannot be used: unreadable, not UTF-8, or not JSON (then `position` says where). */
export class InputError extends CliError {
  readonly file: string;
  readonly position: Position | undefined;

  constructor(
    code: "INPUT_READ" | "INPUT_ENCODING" | "INPUT_JSON",
    file: string,
    text: Text,
    position?: Position,
    options?: { cause?: unknown },
  ) {
    super(code, text, options);
    this.file = file;
    this.position = position;
  }

  /** `file:line:column` (or just `file`), the form editors and terminals turn into links. */
  get location(): string {
    return this.position ? `${this.file}:${this.position.line}:${this.position.column}` : this.file;
  }
}

/** A schema problem of a document that is JSON but not a report: where, and what. */
export interface ReportIssue {
  readonly pointer: string;
  readonly message: Text;
}

/** The input is JSON but not a report document, so there are no cells to export. */
export class ReportInvalidError extends CliError {
  readonly file: string;
  readonly issues: readonly ReportIssue[];

  constructor(file: string, issues: readonly ReportIssue[]) {
    super("REPORT_INVALID", {
      zh: `${file} 不是年度报告文档（${issues.length} 处不符合格式），请先运行 xxgk validate ${file} 查看`,
      en: `${file} is not a report document (${issues.length} schema problems); run xxgk validate ${file} for details`,
    });
    this.file = file;
    this.issues = issues;
  }
}

/** Output cannot be written: the file exists (without `--force`), is an input, or the write failed. */
export class OutputError extends CliError {
  readonly file: string;

  constructor(
    code: "OUTPUT_EXISTS" | "OUTPUT_IS_INPUT" | "OUTPUT_WRITE",
    file: string,
    text: Text,
    options?: { cause?: unknown },
  ) {
    super(code, text, options);
    this.file = file;
  }
}

/** Exit status for an unexpected failure (a bug): `EX_SOFTWARE` from sysexits.h. */
export const EXIT_INTERNAL = 70;

const EXIT_CODES: Readonly<Record<ErrorCode | Outcome, number>> = {
  ok: 0,
  findings: 1,
  REPORT_INVALID: 1,
  unreadable: 2,
  USAGE: 2,
  INPUT_READ: 2,
  INPUT_ENCODING: 2,
  INPUT_JSON: 2,
  OUTPUT_EXISTS: 2,
  OUTPUT_IS_INPUT: 2,
  OUTPUT_WRITE: 2,
};

/**
 * The one place that turns how a command ended into the process exit status: 0 no error-level
 * finding, 1 error-level findings, 2 usage errors and unusable input or output, 70 a bug.
 */
export function exitCodeOf(end: Outcome | unknown): number {
  if (typeof end === "string" && Object.hasOwn(EXIT_CODES, end)) return EXIT_CODES[end as Outcome];
  if (end instanceof CliError) return EXIT_CODES[end.code];
  return EXIT_INTERNAL;
}
