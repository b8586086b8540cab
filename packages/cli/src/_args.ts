// Command-line parsing on node:util parseArgs, plus the checks every command shares (choices), with
// parseArgs' English errors turned into bilingual usage errors.
import { parseArgs } from "node:util";
import type { Args, Command, Lang, OptionSpec, Options, Text } from "./command.js";
import { UsageError } from "./errors.js";

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  lang: {
    type: "string",
    arg: "zh|en",
    choices: ["zh", "en"],
    describe: { zh: "消息语言（默认 zh）", en: "language of messages (default zh)" },
  },
  help: { type: "boolean", short: "h", describe: { zh: "显示帮助", en: "show this help" } },
} as const satisfies Options;

const flag = (name: string, spec: OptionSpec) =>
  `--${name}${spec.type === "string" ? ` ${spec.arg ?? "VALUE"}` : ""}`;

function usageError(err: unknown, command: string): UsageError {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return new UsageError({ zh: `未知选项 ${option}`, en: `unknown option ${option}` }, command, {
      cause: err,
    });
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return message.includes("does not take an argument")
      ? new UsageError({ zh: `选项 ${option} 不带值`, en: `option ${option} takes no value` }, command, {
          cause: err,
        })
      : new UsageError(
          {
            zh: `选项 ${option} 需要一个值（以 - 开头的值请写成 ${option}=值）`,
            en: `option ${option} needs a value (write ${option}=VALUE for a value starting with -)`,
          },
          command,
          { cause: err },
        );
  }
  return new UsageError({ zh: message, en: message }, command, { cause: err });
}

/** Parses a command's argv (after the command name). Throws {@link UsageError} for anything wrong. */
export function parseCommandArgs(
  command: Command,
  argv: readonly string[],
): Args & { lang?: Lang; help?: boolean } {
  const specs: Options = { ...command.options, ...COMMON_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(specs).map(([name, s]) => [
          name,
          { type: s.type, ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw usageError(err, command.name);
  }
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  for (const [name, spec] of Object.entries(specs)) {
    const v = values[name];
    if (v === undefined || !spec.choices) continue;
    for (const one of Array.isArray(v) ? v : [v]) {
      if (typeof one === "string" && !spec.choices.includes(one)) {
        throw new UsageError(
          {
            zh: `--${name} 应为 ${spec.choices.join("、")} 之一，而不是 “${one}”`,
            en: `--${name} must be one of ${spec.choices.join(", ")}, not "${one}"`,
          },
          command.name,
        );
      }
    }
  }
  const { lang, help, ...rest } = values;
  return {
    // parseArgs built `rest` from exactly these specs, so it has the shape Values<> describes.
    values: rest as Args["values"],
    positionals: parsed.positionals,
    ...(lang === "en" || lang === "zh" ? { lang } : {}),
    ...(help === true ? { help: true } : {}),
  };
}

/** `--lang` as given anywhere in argv (so even an early usage error speaks the user's language). */
export function langIn(argv: readonly string[]): Lang | undefined {
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === "--") break;
    const v = a === "--lang" ? argv[k + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (v === "zh" || v === "en") return v;
  }
  return undefined;
}

const pad = (s: string, n: number) => s + " ".repeat(Math.max(1, n - [...s].length));

/** The `--help` text of a command. */
export function commandHelp(command: Command, lang: Lang): string {
  const specs: Options = { ...command.options, ...COMMON_OPTIONS };
  const rows = Object.entries(specs).map(([name, s]) => [
    `${s.short ? `-${s.short}, ` : "    "}${flag(name, s)}`,
    s.describe[lang],
  ]);
  const width = Math.max(...rows.map(([f]) => [...f!].length)) + 2;
  const head: Text = { zh: "用法：", en: "Usage: " };
  const opts: Text = { zh: "选项：", en: "Options:" };
  return [
    `${command.summary[lang]}`,
    "",
    `${head[lang]}${command.usage}`,
    "",
    opts[lang],
    ...rows.map(([f, d]) => `  ${pad(f!, width)}${d}`),
    ...(command.details ? ["", command.details[lang]] : []),
    "",
  ].join("\n");
}

/** The `xxgk --help` text. */
export function mainHelp(commands: readonly Command[], version: string, lang: Lang): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const t = {
    zh: {
      what: "xxgk — 政府信息公开工作年度报告工具",
      usage: "用法：xxgk <命令> [选项]",
      commands: "命令：",
      global: "通用选项：",
      more: "运行 xxgk <命令> --help 查看各命令的用法。",
      exit: "退出码：0 没有错误级问题；1 有错误级问题；2 用法错误或输入无法读取、不是 JSON。",
      version: "显示版本",
    },
    en: {
      what: "xxgk — tools for 政府信息公开工作年度报告 (government information disclosure annual reports)",
      usage: "Usage: xxgk <command> [options]",
      commands: "Commands:",
      global: "Global options:",
      more: "Run xxgk <command> --help for a command's options.",
      exit: "Exit status: 0 no error-level finding; 1 error-level findings; 2 usage error or unreadable / non-JSON input.",
      version: "show the version",
    },
  }[lang];
  return [
    `${t.what} ${version}`,
    "",
    t.usage,
    "",
    t.commands,
    ...commands.map((c) => `  ${pad(c.name, width)}${c.summary[lang]}`),
    "",
    t.global,
    `  ${pad("--lang zh|en", 16)}${COMMON_OPTIONS.lang.describe[lang]}`,
    `  ${pad("-h, --help", 16)}${COMMON_OPTIONS.help.describe[lang]}`,
    `  ${pad("-v, --version", 16)}${t.version}`,
    "",
    t.more,
    t.exit,
    "",
  ].join("\n");
}
