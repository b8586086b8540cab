/**
 * @xxgk/cli — the `xxgk` command as a library: run it in-process, reuse its tidy cell export, or
 * add commands.
 */
export {
  type Args,
  type Command,
  type Context,
  defineCommand,
  type Io,
  type Lang,
  type OptionSpec,
  type Options,
  type Outcome,
  type Output,
  type Text,
  type Values,
} from "./command.js";
export { commands } from "./commands/index.js";
export { type FileResult, summaryLine, type ValidateOutput } from "./commands/validate.js";
export { BOM, type CsvField, csvField, toCsv } from "./csv.js";
export {
  CliError,
  type ErrorCode,
  EXIT_INTERNAL,
  exitCodeOf,
  InputError,
  OutputError,
  type Position,
  ReportInvalidError,
  type ReportIssue,
  UsageError,
} from "./errors.js";
export { run, version } from "./main.js";
export { CELL_RECORD_FIELDS, type CellRecord, cellRecords, LABEL_SEPARATOR } from "./records.js";
