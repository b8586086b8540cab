import {
  type Diagnosis,
  type Finding,
  formatDiagnosis,
  formatFinding,
  type Severity,
  validate,
} from "@xxgk/validators";
import { readJson } from "../_json.js";
import type { Context, Lang, Outcome } from "../command.js";
import { defineCommand } from "../command.js";
import { InputError, UsageError } from "../errors.js";

/** Progress goes to stderr only when it is a terminal and the batch is larger than this. */
export const PROGRESS_THRESHOLD = 20;
/** Beyond this many files, each file gets one summary line instead of its findings (unless --details). */
export const DETAILS_THRESHOLD = 10;
/** How many files are read ahead while one is being validated. */
const READ_AHEAD = 8;

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** Whether a finding of severity `s` is shown under `--min-severity min` (error ≥ warning ≥ info). */
export function atLeast(s: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
}

/**
 * The findings at or above `min`, and the diagnoses with `explains` pointing into that list (a finding's
 * own `diagnosis` index is unchanged: the diagnoses are all kept).
 */
function listed(
  findings: readonly Finding[],
  diagnosis: readonly Diagnosis[],
  min: Severity,
): { findings: Finding[]; diagnosis: Diagnosis[] } {
  const kept = findings.filter((f) => atLeast(f.severity, min));
  if (kept.length === findings.length || diagnosis.length === 0)
    return { findings: kept, diagnosis: [...diagnosis] };
  const at = new Map(kept.map((f, i) => [f, i]));
  return {
    findings: kept,
    diagnosis: diagnosis.map((d) => ({
      ...d,
      explains: d.explains.flatMap((i) => {
        const k = at.get(findings[i]!);
        return k === undefined ? [] : [k];
      }),
    })),
  };
}

/** One file's result in `--format json` output. */
export type FileResult =
  | {
      readonly file: string;
      readonly status: "ok" | "errors";
      readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
      /** Errors first; each finding a diagnosis explains has `diagnosis`, an index into `diagnosis`. */
      readonly findings: readonly Finding[];
      /** The validators' error localization: one entry per group of failing equations. */
      readonly diagnosis: readonly Diagnosis[];
    }
  | {
      readonly file: string;
      readonly status: "unreadable";
      readonly error: {
        readonly code: string;
        readonly message: { readonly zh: string; readonly en: string };
        readonly line?: number;
        readonly column?: number;
      };
    };

/** The whole `--format json` document (version 1). */
export interface ValidateOutput {
  readonly version: 1;
  readonly files: readonly FileResult[];
  readonly summary: {
    readonly files: number;
    readonly withErrors: number;
    readonly unreadable: number;
    readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  };
}

const words = {
  zh: {
    heading: { error: "错误", warning: "警告", info: "提示" } as Record<Severity, string>,
    other: { error: "其余错误", warning: "其余警告", info: "其余提示" } as Record<Severity, string>,
    progress: (done: number, total: number) => `校验中 ${done}/${total}`,
  },
  en: {
    heading: { error: "errors", warning: "warnings", info: "notices" } as Record<Severity, string>,
    other: { error: "other errors", warning: "other warnings", info: "other notices" } as Record<
      Severity,
      string
    >,
    progress: (done: number, total: number) => `validating ${done}/${total}`,
  },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The summary line: `3 files: 1 with errors (4 errors, 2 warnings, 7 notices)`. */
export function summaryLine(s: ValidateOutput["summary"], lang: Lang): string {
  const { error, warning, info } = s.counts;
  if (lang === "zh") {
    const unreadable = s.unreadable > 0 ? `${s.unreadable} 个无法读取，` : "";
    return `${s.files} 个文件：${unreadable}${s.withErrors} 个有错误（${error} 个错误，${warning} 个警告，${info} 个提示）`;
  }
  const unreadable = s.unreadable > 0 ? `${s.unreadable} unreadable, ` : "";
  return (
    `${plural(s.files, "file", "files")}: ${unreadable}${s.withErrors} with errors ` +
    `(${plural(error, "error", "errors")}, ${plural(warning, "warning", "warnings")}, ${plural(info, "notice", "notices")})`
  );
}

/** A file's one-line summary in a large batch: `a.json：1 个错误，2 个警告，7 个提示`. */
export function fileLine(r: FileResult & { status: "ok" | "errors" }, lang: Lang): string {
  const { error, warning, info } = r.counts;
  return lang === "zh"
    ? `${r.file}：${error} 个错误，${warning} 个警告，${info} 个提示`
    : `${r.file}: ${plural(error, "error", "errors")}, ${plural(warning, "warning", "warnings")}, ${plural(info, "notice", "notices")}`;
}

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((l) => `${by}${l}`)
    .join("\n");

/**
 * One file's findings for a terminal: each diagnosis first, with the findings it explains under it
 * (they are one problem, not several), then the other findings by severity.
 */
function textBlock(r: FileResult, lang: Lang): string {
  if (r.status === "unreadable") return "";
  if (r.findings.length === 0) return "";
  const lines = [r.file];
  r.diagnosis.forEach((d, i) => {
    lines.push(indent(formatDiagnosis(d, lang), "  "));
    for (const f of r.findings) if (f.diagnosis === i) lines.push(indent(formatFinding(f, lang), "    "));
  });
  const rest = r.findings.filter((f) => f.diagnosis === undefined);
  for (const severity of SEVERITIES) {
    const group = rest.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const heading = (r.diagnosis.length > 0 ? words[lang].other : words[lang].heading)[severity];
    lines.push(lang === "zh" ? `  ${heading}（${group.length}）` : `  ${heading} (${group.length})`);
    for (const f of group) lines.push(indent(formatFinding(f, lang), "    "));
  }
  return `${lines.join("\n")}\n\n`;
}

type Read = { readonly file: string } & (
  | { readonly ok: true; readonly doc: unknown }
  | { readonly ok: false; readonly error: unknown }
);

/** Reads files in order with a few reads in flight, so validation does not wait on the disk. */
async function* readAll(files: readonly string[], ctx: Context): AsyncGenerator<Read> {
  const settle = (file: string): Promise<Read> =>
    readJson(file, ctx.io).then(
      (doc) => ({ file, ok: true, doc }),
      (error: unknown) => ({ file, ok: false, error }),
    );
  const pending: (Promise<Read> | undefined)[] = files.slice(0, READ_AHEAD).map(settle);
  for (let k = 0; k < files.length; k++) {
    const next = files[k + READ_AHEAD];
    if (next !== undefined) pending.push(settle(next));
    const read = await pending[k]!;
    pending[k] = undefined; // the document can be collected once validated
    yield read;
  }
}

/** `xxgk validate`: checks reports against the format's 勾稽关系 and the document rules. */
export const validateCommand = defineCommand({
  name: "validate",
  summary: {
    zh: "校验年度报告（勾稽关系、格式、跨年度衔接）",
    en: "check reports: table arithmetic, structure, year-to-year",
  },
  usage:
    "xxgk validate <files…> [--previous FILE] [--format text|json] [--min-severity error|warning|info] [-q] [--details] [--blanks count-as-zero|not-assessable]",
  options: {
    previous: {
      type: "string",
      arg: "FILE",
      describe: {
        zh: "上一年度的报告，用于核对结转数等跨年度关系（对所有文件适用）",
        en: "last year's report, for the year-to-year checks (applies to every file)",
      },
    },
    format: {
      type: "string",
      arg: "text|json",
      choices: ["text", "json"],
      describe: { zh: "输出格式（默认 text）", en: "output format (default text)" },
    },
    "min-severity": {
      type: "string",
      arg: "LEVEL",
      choices: SEVERITIES,
      describe: {
        zh: "只列出不低于该级别的问题：error、warning 或 info（默认 info，全部列出；汇总行照常计数）",
        en: "list only findings at or above LEVEL: error, warning or info (default info; the summary counts all)",
      },
    },
    quiet: {
      type: "boolean",
      short: "q",
      describe: {
        zh: "不列出问题，只输出汇总行（无法读取的文件照常报告）",
        en: "list no findings, only the summary line (unreadable files are still reported)",
      },
    },
    details: {
      type: "boolean",
      describe: {
        zh: `文件多于 ${DETAILS_THRESHOLD} 个时也逐条列出每个文件的问题（默认每个文件一行）`,
        en: `list each file's findings even with more than ${DETAILS_THRESHOLD} files (default: one line per file)`,
      },
    },
    blanks: {
      type: "string",
      arg: "MODE",
      choices: ["count-as-zero", "not-assessable"],
      describe: {
        zh: "空白单元格在求和中计为 0（默认）或使该规则无法判断",
        en: "blank cells count as 0 in sums (default) or make the rule not assessable",
      },
    },
  },
  details: {
    zh: [
      `文件名 - 表示标准输入。文件多于 ${DETAILS_THRESHOLD} 个时，每个有问题的文件输出一行计数（--details 逐条列出）。`,
      "--min-severity 和 -q 只影响列出哪些问题，不影响计数和退出码；--format json 中 findings 同样按 --min-severity 筛选。",
      "勾稽关系不成立时先给出诊断（最可能出错的单元格及应填数值），其说明的问题列在其下。",
      "退出码：0 没有错误级问题；1 有错误级问题；2 用法错误，或有文件无法读取、不是 JSON（其余文件照常校验）。",
      "--format json 的输出结构见 README（含 diagnosis；空白单元格既有每表一条汇总，也有逐格的 cell.blank）。",
    ].join("\n"),
    en: [
      `The file name - reads standard input. With more than ${DETAILS_THRESHOLD} files each file with findings gets`,
      "one line of counts (--details lists them). --min-severity and -q change what is listed, not the counts or",
      "the exit status; --format json filters findings by --min-severity too. When equations fail, the diagnosis",
      "(the cells most likely wrong, and their values) comes first, the findings it explains under it. Exit status:",
      "0 no error-level finding; 1 error-level findings; 2 usage error, or a file is unreadable / not JSON (the",
      "others are still checked). --format json: see README (with diagnosis; blank cells both as per-table",
      "summaries and per-cell cell.blank).",
    ].join("\n"),
  },
  async run({ values, positionals }, ctx): Promise<Outcome> {
    const { io, lang } = ctx;
    if (positionals.length === 0) {
      throw new UsageError({ zh: "请给出要校验的文件", en: "give the files to validate" }, "validate");
    }
    const previous = values.previous === undefined ? undefined : await readJson(values.previous, io);
    const options = {
      ...(previous === undefined ? {} : { previous }),
      ...(values.blanks === undefined ? {} : { blanks: values.blanks }),
    };
    const json = values.format === "json";
    const min: Severity = values["min-severity"] ?? "info";
    const quiet = values.quiet === true;
    const perFileLine = !values.details && positionals.length > DETAILS_THRESHOLD;
    const progress = io.stderrIsTTY && positionals.length > PROGRESS_THRESHOLD;
    const results: FileResult[] = [];
    const counts = { error: 0, warning: 0, info: 0 };
    let withErrors = 0;
    let unreadable = 0;
    let shown = -1;
    let done = 0;
    for await (const read of readAll(positionals, ctx)) {
      if (read.ok) {
        // JSON keeps the per-cell cell.blank notices beside the per-table summaries, for consumers
        // that read them; the text shows the summaries.
        const v = validate(read.doc, { ...options, blankNotices: json ? "both" : "table" });
        const result: FileResult = {
          file: read.file,
          status: v.counts.error > 0 ? "errors" : "ok",
          counts: v.counts,
          ...listed(v.findings, v.diagnosis, min),
        };
        counts.error += v.counts.error;
        counts.warning += v.counts.warning;
        counts.info += v.counts.info;
        if (v.counts.error > 0) withErrors++;
        if (json) results.push(result);
        else if (!quiet) {
          const block =
            result.findings.length === 0
              ? ""
              : perFileLine
                ? `${fileLine(result, lang)}\n`
                : textBlock(result, lang);
          if (block !== "" && progress && shown >= 0) {
            // stdout is often the same terminal: clear the progress line first, redraw it after.
            io.stderr.write("\r\x1b[K");
            shown = -1;
          }
          io.stdout.write(block);
        }
      } else {
        // One unusable file does not stop the batch: say so, check the rest, exit 2 at the end.
        if (!(read.error instanceof InputError)) throw read.error;
        unreadable++;
        const pos = read.error.position;
        if (json) {
          results.push({
            file: read.file,
            status: "unreadable",
            error: {
              code: read.error.code,
              message: read.error.text,
              ...(pos ? { line: pos.line, column: pos.column } : {}),
            },
          });
        } else {
          if (progress && shown >= 0) io.stderr.write("\r\x1b[K");
          shown = -1;
          io.stderr.write(`xxgk: ${read.error.text[lang]}\n`);
        }
      }
      done++;
      if (progress) {
        const pct = Math.floor((100 * done) / positionals.length);
        if (pct !== shown) {
          shown = pct;
          io.stderr.write(`\r${words[lang].progress(done, positionals.length)}`);
        }
      }
    }
    if (progress) io.stderr.write("\r\x1b[K");
    const summary = { files: positionals.length, withErrors, unreadable, counts };
    if (json) {
      const out: ValidateOutput = { version: 1, files: results, summary };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout.write(`${summaryLine(summary, lang)}\n`);
    }
    return unreadable > 0 ? "unreadable" : withErrors > 0 ? "findings" : "ok";
  },
});
