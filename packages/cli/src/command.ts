/** A text in both languages the CLI speaks. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

/** The language of messages: Chinese (the default) or English. */
export type Lang = "zh" | "en";

/** Where a command writes: anything with a `write(text)` (process streams, or a buffer in tests). */
export interface Output {
  write(text: string): void;
}

/**
 * Everything a command may touch besides the file system, injected so that tests run commands
 * in-process and can pretend to be a terminal.
 */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Whether stderr is a terminal: progress is shown only then. */
  readonly stderrIsTTY: boolean;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** Reads all of standard input as bytes (for the file name `-`). */
  readStdin?(): Promise<Uint8Array>;
}

/** One command-line option, described for `--help` in both languages. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** Placeholder shown in help (`FILE`, `YEAR`). */
  readonly arg?: string;
  /** The accepted values; anything else is a usage error (exit 2) before the command runs. */
  readonly choices?: readonly string[];
  readonly describe: Text;
}

/** A command's options by long name. */
export type Options = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S["choices"] extends readonly (infer C)[]
    ? C
    : string;

/** The parsed values of a command's options: absent when not given. */
export type Values<O extends Options> = {
  readonly [K in keyof O]?: O[K]["multiple"] extends true ? ValueOf<O[K]>[] : ValueOf<O[K]>;
};

/** What a command receives: its parsed options and positional arguments. */
export interface Args<O extends Options = Options> {
  readonly values: Values<O>;
  readonly positionals: readonly string[];
}

/** What a command runs with besides its arguments. */
export interface Context {
  readonly io: Io;
  readonly lang: Lang;
}

/**
 * How a command ended when it did not throw: `ok` (exit 0), `findings` (exit 1: an input has
 * error-level problems) or `unreadable` (exit 2: some inputs of a batch could not be read, the others
 * were still checked). Failures of the whole command are thrown as `CliError`s; `exitCodeOf` maps both.
 */
export type Outcome = "ok" | "findings" | "unreadable";

/** One `xxgk` sub-command. Register it with one line in `src/commands/index.ts`. */
export interface Command<O extends Options = Options> {
  readonly name: string;
  /** One line for `xxgk --help`. */
  readonly summary: Text;
  /** The synopsis, e.g. `xxgk cells <file> [options]`. */
  readonly usage: string;
  readonly options: O;
  /** Extra help paragraphs after the options (exit codes, output shapes). */
  readonly details?: Text;
  run(args: Args<O>, ctx: Context): Promise<Outcome>;
}

/** Identity helper that infers a command's option types from its `options` object. */
export function defineCommand<const O extends Options>(command: Command<O>): Command<O> {
  return command;
}
