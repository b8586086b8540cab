import { readFileSync } from "node:fs";
import { COMMON_OPTIONS, commandHelp, langIn, mainHelp, parseCommandArgs } from "./_args.js";
import type { Command, Io, Lang } from "./command.js";
import { commands as registry } from "./commands/index.js";
import { CliError, exitCodeOf, ReportInvalidError, UsageError } from "./errors.js";

/** The package version, read from package.json (one level above both src/ and dist/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  }
  return d[a.length]![b.length]!;
}

const MAX_ISSUES_SHOWN = 20;

function report(err: unknown, io: Io, lang: Lang): number {
  if (err instanceof CliError) {
    const lines = [`xxgk: ${err.text[lang]}`];
    if (err instanceof ReportInvalidError) {
      for (const issue of err.issues.slice(0, MAX_ISSUES_SHOWN)) {
        const message = issue.message[lang];
        // Schema messages usually start with their pointer already.
        lines.push(
          `  ${message.includes(issue.pointer || "/") ? message : `${issue.pointer || "/"}: ${message}`}`,
        );
      }
      const more = err.issues.length - MAX_ISSUES_SHOWN;
      if (more > 0) lines.push(lang === "zh" ? `  ……另有 ${more} 处` : `  … and ${more} more`);
    }
    if (err instanceof UsageError) {
      lines.push(
        lang === "zh"
          ? `运行 xxgk ${err.command ? `${err.command} ` : ""}--help 查看用法`
          : `Run xxgk ${err.command ? `${err.command} ` : ""}--help for usage.`,
      );
    }
    io.stderr.write(`${lines.join("\n")}\n`);
  } else {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr.write(
      lang === "zh"
        ? `xxgk: 内部错误，这是 xxgk 的缺陷，请连同下面的信息报告给我们：\n${detail}\n`
        : `xxgk: internal error — a bug in xxgk; please report it with the details below:\n${detail}\n`,
    );
  }
  return exitCodeOf(err);
}

/**
 * Runs the `xxgk` command line (argv without `node` and the script) and resolves to the exit status.
 * Never throws and never exits the process: tests call it in-process with their own {@link Io}.
 */
export async function run(
  argv: readonly string[],
  io: Io,
  commands: readonly Command[] = registry,
): Promise<number> {
  let lang: Lang = langIn(argv) ?? "zh";
  try {
    // Global options may come before the command: --lang, --help, --version.
    let k = 0;
    for (; k < argv.length && argv[k]!.startsWith("-"); k++) {
      const a = argv[k]!;
      if (a === "--help" || a === "-h") {
        io.stdout.write(mainHelp(commands, version(), lang));
        return exitCodeOf("ok");
      }
      if (a === "--version" || a === "-v") {
        io.stdout.write(`${version()}\n`);
        return exitCodeOf("ok");
      }
      if (a === "--lang") k++;
      else if (!a.startsWith("--lang=")) {
        throw new UsageError({ zh: `未知选项 ${a}`, en: `unknown option ${a}` });
      }
    }
    const name = argv[k];
    if (name === undefined) {
      io.stderr.write(mainHelp(commands, version(), lang));
      return exitCodeOf("USAGE");
    }
    if (name === "help") {
      // `xxgk help` and `xxgk help <command>`, as git and npm have it.
      const topic = argv[k + 1];
      const about = topic === undefined ? undefined : commands.find((c) => c.name === topic);
      if (topic === undefined) io.stdout.write(mainHelp(commands, version(), lang));
      else if (about) io.stdout.write(commandHelp(about, lang));
      else throw new UsageError({ zh: `未知命令 “${topic}”`, en: `unknown command "${topic}"` });
      return exitCodeOf("ok");
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      const near = commands.find((c) => distance(c.name, name) <= 2);
      throw new UsageError({
        zh: `未知命令 “${name}”${near ? `，是否想用 ${near.name}？` : ""}`,
        en: `unknown command "${name}"${near ? `; did you mean ${near.name}?` : ""}`,
      });
    }
    const global = argv.slice(0, k);
    const args = parseCommandArgs(command, [...global, ...argv.slice(k + 1)]);
    lang = args.lang ?? COMMON_OPTIONS.lang.choices[0];
    if (args.help) {
      io.stdout.write(commandHelp(command, lang));
      return exitCodeOf("ok");
    }
    return exitCodeOf(
      await command.run({ values: args.values, positionals: args.positionals }, { io, lang }),
    );
  } catch (err) {
    return report(err, io, lang);
  }
}
