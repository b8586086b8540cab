import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, realpath, stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Review, SourceRead } from "@xxgk/review";
import { threadsOf } from "../_jobs.js";
import { makeOutputDir, ProtectedFiles, writeFileSafely } from "../_output.js";
import { runPool } from "../_pool.js";
import type { ReadJob } from "../_review-worker.js";
import type { Context, Lang, Outcome, Text } from "../command.js";
import { defineCommand } from "../command.js";
import { InputError, OutputError, UsageError } from "../errors.js";
import { progressBar } from "./render.js";

const usage = (text: Text) => new UsageError(text, "review");

/** How many files are read from the disk ahead of the one being imported (in-process reading). */
const READ_AHEAD = 8;

/** How many report pages may be on their way to the disk while the next is rendered. */
const WRITE_AHEAD = 8;

/** The files the review writes directly in `--out-dir` (report pages go to `reports/`). */
export const REVIEW_OUTPUTS = ["index.html", "review.xlsx", "review.json"] as const;

/** An input as found: its absolute path and its name in the review. */
interface Found {
  readonly path: string;
  readonly name: string;
}

/** A path as the user would write it: forward slashes, no `./`. */
const slashes = (p: string) => p.split(sep).join("/").replace(/^\.\//, "");

/**
 * Every file a positional argument names: the file itself, or every file under a folder (recursively,
 * in name order; hidden entries — names starting with "." — skipped; a folder reached twice through
 * links is read once). Names are the argument as written joined with the path inside it.
 */
async function collect(arg: string, cwd: string, folders: string[]): Promise<Found[]> {
  const top = resolve(cwd, arg);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(top);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new InputError("INPUT_READ", arg, {
      zh: `找不到或无法读取 ${arg}（${code}）`,
      en: `cannot find or read ${arg} (${code})`,
    });
  }
  if (!info.isDirectory()) return [{ path: top, name: slashes(arg) }];
  const out: Found[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string, rel: string) => {
    const real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    folders.push(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const path = join(dir, e.name);
      const name = rel === "" ? e.name : `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) await walk(path, name);
      else if (isFile) out.push({ path, name: `${slashes(arg).replace(/\/+$/, "")}/${name}` });
    }
  };
  await walk(top, "");
  return out;
}

/** The real path of `path`, also when it does not exist yet (its nearest existing parent's, plus the rest). */
async function realOrPlanned(path: string): Promise<string> {
  const rest: string[] = [];
  let at = path;
  for (;;) {
    try {
      return join(await realpath(at), ...rest.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return path;
      rest.push(at.slice(parent.length).replace(/^[\\/]/, ""));
      at = parent;
    }
  }
}

const within = (inner: string, outer: string) =>
  inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/** The built worker script; absent when running from TypeScript sources (tests): then inputs are read in-process. */
function workerScript(): URL | undefined {
  const url = new URL("../_review-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Reads every input, on `threads` workers or in-process, reporting progress. Result order = input order. */
async function readAll(
  found: readonly Found[],
  threads: number,
  onDone: (read: SourceRead) => void,
): Promise<SourceRead[]> {
  const results: SourceRead[] = new Array(found.length);
  const script = workerScript();
  const jobs: (ReadJob & { index: number })[] = found.map((f, index) => ({ ...f, index }));
  if (script !== undefined && threads > 1 && found.length > 1) {
    const { REVIEW_WORKER_FLAG } = await import("../_review-worker.js");
    await runPool<ReadJob & { index: number }, SourceRead>(
      jobs,
      {
        script,
        threads,
        workerData: { [REVIEW_WORKER_FLAG]: true },
        onCrash: (job, error) => ({
          kind: "not-report",
          name: job.name,
          code: "import-failed",
          reason: { zh: `读取时出错：${error.message}`, en: `failed while being read: ${error.message}` },
        }),
      },
      (result, job) => {
        results[job.index] = result;
        onDone(result);
      },
    );
  } else {
    // In this thread: the next files are read from the disk while one is imported.
    const { loadJob } = await import("../_review-worker.js");
    const { readSource } = await import("@xxgk/review");
    const pending: (Promise<Uint8Array | SourceRead> | undefined)[] = jobs.slice(0, READ_AHEAD).map(loadJob);
    for (let k = 0; k < jobs.length; k++) {
      const next = jobs[k + READ_AHEAD];
      if (next !== undefined) pending.push(loadJob(next));
      const loaded = await pending[k]!;
      pending[k] = undefined; // the bytes can be collected once imported
      const job = jobs[k]!;
      const result =
        loaded instanceof Uint8Array ? await readSource({ name: job.name, data: loaded }) : loaded;
      results[job.index] = result;
      onDone(result);
    }
  }
  return results;
}

/** The closing lines of a review: what was found, what was written. */
export function reviewSummary(
  review: Review,
  written: { dir: string; pages: number; failed: number },
  lang: Lang,
): string {
  const s = review.summary;
  const years =
    review.years.length === 0
      ? ""
      : lang === "zh"
        ? `，${review.years[0]}–${review.years[review.years.length - 1]} 年度`
        : `, ${review.years[0]}–${review.years[review.years.length - 1]}`;
  const dir = written.dir;
  if (lang === "zh") {
    return [
      `${s.files} 个文件：${s.reports} 份报告（${s.bodies} 个机关${years}），${s.notReports} 个不是报告；` +
        `${s.withErrors} 份有错误（${s.counts.error} 个错误，${s.counts.warning} 个警告，${s.counts.info} 个提示）；` +
        `逾期 ${s.late} 份，疑似照搬上年 ${s.copied} 份，与其他机关雷同 ${s.similar} 份，缺报 ${s.missing} 个机关年度`,
      written.failed === 0
        ? `已写入 ${dir}/index.html、${dir}/review.xlsx、${dir}/review.json 和 ${written.pages} 个报告页面（${dir}/reports/）`
        : `${dir}/ 中有 ${written.failed} 个文件未能写入（见上文），其余 ${written.pages + 3 - written.failed} 个已写入`,
      "",
    ].join("\n");
  }
  return [
    `${s.files} files: ${s.reports} reports (${s.bodies} bodies${years}), ${s.notReports} not reports; ` +
      `${s.withErrors} with errors (${s.counts.error} errors, ${s.counts.warning} warnings, ${s.counts.info} notices); ` +
      `${s.late} late, ${s.copied} copied from last year, ${s.similar} sharing text with another body, ${s.missing} body-years missing`,
    written.failed === 0
      ? `wrote ${dir}/index.html, ${dir}/review.xlsx, ${dir}/review.json and ${written.pages} report pages (${dir}/reports/)`
      : `${written.failed} files in ${dir}/ could not be written (see above); the other ${written.pages + 3 - written.failed} were`,
    "",
  ].join("\n");
}

/** `xxgk review`: a folder of a region's reports in, one verdict an evaluator can act on out. */
export const reviewCommand = defineCommand({
  name: "review",
  summary: {
    zh: "审查一个地区的全部年度报告：按机关分组、逐年比对、指标、照搬与雷同检查，输出总览网页、Excel 和 JSON",
    en: "review a region's reports together: by body and year, indicators, copy and similarity checks; a page, a workbook, JSON",
  },
  usage:
    "xxgk review <files|folders…> --out-dir DIR [--previous-dir DIR] [--organ-map FILE] [--jobs N] [--force]",
  options: {
    "out-dir": {
      type: "string",
      arg: "DIR",
      describe: {
        zh: "输出目录（必填；不能在输入目录之内）",
        en: "output directory (required; not inside an input folder)",
      },
    },
    "previous-dir": {
      type: "string",
      arg: "DIR",
      describe: {
        zh: "上一年度报告所在目录：只用于逐年比对，本身不审查",
        en: "a folder of earlier years' reports, used only to compare with, not reviewed",
      },
    },
    "organ-map": {
      type: "string",
      arg: "FILE",
      describe: {
        zh: '机关名称对照表（JSON：{"旧名称": "现名称"}），用于更名或写法不同的机关',
        en: 'organ name mapping (JSON: {"old name": "current name"}) for renamed or differently written bodies',
      },
    },
    jobs: {
      type: "string",
      arg: "N",
      describe: {
        zh: "读取文件的并行线程数（默认 CPU 核数）",
        en: "worker threads reading the files (default: one per core)",
      },
    },
    force: {
      type: "boolean",
      describe: {
        zh: "覆盖输出目录中已有的结果文件",
        en: "overwrite earlier results in the output directory",
      },
    },
  },
  details: {
    zh: [
      "读取给出的文件和目录（递归，跳过以“.”开头的文件和目录）中导入程序能读的一切：网页、文本复制件、报告 JSON；",
      "不是报告的文件在结果中列出原因。按机关分组（名称规范化，可用 --organ-map 对照更名），同一机关相邻年度自动配对",
      "做跨年校验（含 2020→2021 格式切换）。输出：index.html（总览，可离线打开）、reports/（每份报告一页，标出问题）、",
      "review.xlsx（报告、问题、指标、表二/三/四）、review.json。已有结果需加 --force 才覆盖；从不写入输入目录。",
      "退出码：0 没有错误级问题；1 有报告存在错误级问题；2 用法错误、有文件无法读取或结果无法写入。",
    ].join("\n"),
    en: [
      "Reads everything the importer reads (pages, text copies, report JSON) in the files and folders given",
      "(recursively; names starting with '.' are skipped); files that are not reports are listed with the reason.",
      "Reports are grouped by body (names normalised; --organ-map for renamed bodies) and each body's consecutive",
      "years are paired for the cross-year rules (2020→2021 included). Writes index.html (works offline), reports/",
      "(a page per report with its findings), review.xlsx and review.json; earlier results only with --force;",
      "never inside an input folder. Exit status: 0 no error-level finding; 1 a report has errors; 2 usage error,",
      "an unreadable file, or results that cannot be written.",
    ].join("\n"),
  },
  async run({ values, positionals }, ctx: Context): Promise<Outcome> {
    const { io, lang } = ctx;
    if (positionals.length === 0) {
      throw usage({ zh: "请给出要审查的报告文件或目录", en: "give the report files or folders to review" });
    }
    if (positionals.includes("-")) {
      throw usage({
        zh: "review 不读标准输入，请给出文件或目录",
        en: "review does not read standard input; give files or folders",
      });
    }
    const outDir = values["out-dir"];
    if (outDir === undefined || outDir.trim() === "") {
      throw usage({ zh: "请用 --out-dir 指定输出目录", en: "give the output directory with --out-dir" });
    }
    const threads = threadsOf(values.jobs, "review");
    // What to read: the inputs, and the earlier years' folder.
    const folders: string[] = [];
    const found: Found[] = [];
    for (const arg of positionals) found.push(...(await collect(arg, io.cwd, folders)));
    const previousDir = values["previous-dir"];
    const previousFound = previousDir === undefined ? [] : await collect(previousDir, io.cwd, folders);
    // The same file named twice (`a b a`, or a file and its folder) is read once.
    const byPath = new Map<string, Found>();
    for (const f of found) if (!byPath.has(f.path)) byPath.set(f.path, f);
    const inputs = [...byPath.values()];
    const previousInputs = previousFound.filter((f) => !byPath.has(f.path));

    // Where to write: never inside an input folder, never over an input, never over results without --force.
    const outAbs = resolve(io.cwd, outDir);
    const outReal = await realOrPlanned(outAbs);
    for (const folder of folders) {
      if (within(outReal, folder)) {
        throw usage({
          zh: `输出目录 ${outDir} 在输入目录 ${slashes(relative(io.cwd, folder)) || "."} 之内：请换一个目录，以免把结果当作输入`,
          en: `the output directory ${outDir} is inside the input folder ${slashes(relative(io.cwd, folder)) || "."}: choose another, so results never mix with inputs`,
        });
      }
    }
    // Every input, known by identity: no output may be one, whatever path or link leads to it.
    const protect = await ProtectedFiles.of(
      [...inputs, ...previousInputs].map((f) => f.path),
      io.cwd,
    );
    if ((await protect.inputAt(outAbs)) !== undefined) {
      throw usage({
        zh: `${outDir} 是输入文件，不能用作输出目录`,
        en: `${outDir} is an input file; it cannot be the output directory`,
      });
    }
    if (values.force !== true) {
      for (const name of REVIEW_OUTPUTS) {
        if (existsSync(join(outAbs, name))) {
          throw new OutputError("OUTPUT_EXISTS", join(outDir, name), {
            zh: `${slashes(join(outDir, name))} 已存在：加 --force 覆盖上次的结果，或换一个输出目录`,
            en: `${slashes(join(outDir, name))} already exists: add --force to replace the earlier results, or choose another directory`,
          });
        }
      }
    }
    let organs: Record<string, string> = {};
    const mapFile = values["organ-map"];
    if (mapFile !== undefined) organs = await readMapping(mapFile, io.cwd);

    // Read (the slow part, on the workers), then review, then write.
    const { assembleReview, renderIndexPage, renderReportPage, reviewWorkbook, stringifyReview } =
      await import("@xxgk/review");
    const total = inputs.length + previousInputs.length;
    const progress = io.stderrIsTTY && total > 1;
    let done = 0;
    const tick = (what: Text, name: string) => {
      if (progress) io.stderr.write(`\r\x1b[K${progressBar(done, total)} ${what[lang]} ${name}`);
    };
    const reading: Text = { zh: "读取", en: "reading" };
    const onDone = (r: SourceRead) => {
      done++;
      tick(reading, r.name);
    };
    const reads = await readAll(inputs, threads, onDone);
    const previousReads = await readAll(previousInputs, threads, onDone);
    if (progress) io.stderr.write(`\r\x1b[K${lang === "zh" ? "比对中……" : "comparing…"}`);
    const { review, reports } = assembleReview(reads, { organs, previous: previousReads });
    const unreadable = reads.filter(
      (r) => r.kind === "not-report" && (r.code === "unreadable" || r.code === "too-large"),
    );
    if (progress) io.stderr.write("\r\x1b[K");
    for (const r of unreadable) {
      if (r.kind === "not-report") io.stderr.write(`xxgk: ${r.name}: ${r.reason[lang]}\n`);
    }

    await makeOutputDir(outDir, io.cwd);
    await mkdir(join(outAbs, "reports"), { recursive: true }).catch((cause) => {
      throw new OutputError("OUTPUT_WRITE", join(outDir, "reports"), {
        zh: `无法创建 ${slashes(join(outDir, "reports"))}（${(cause as NodeJS.ErrnoException).code ?? cause}）`,
        en: `cannot create ${slashes(join(outDir, "reports"))} (${(cause as NodeJS.ErrnoException).code ?? cause})`,
      });
    });
    const force = values.force === true;
    // Each file whole or not at all (the one output module); a file that cannot be written is named and
    // the others are still written.
    const failed: string[] = [];
    /** Writes one file; resolves to why it failed (an OutputError), or nothing. */
    const put = async (name: string, data: string | Uint8Array): Promise<OutputError | undefined> => {
      const shown = slashes(join(outDir, name));
      try {
        await writeFileSafely(join(outAbs, name), data, { cwd: io.cwd, force, protect, shown });
        return undefined;
      } catch (error) {
        if (!(error instanceof OutputError)) throw error;
        return error;
      }
    };
    const report = (error: OutputError | undefined) => {
      if (error === undefined) return;
      failed.push(error.file);
      if (progress) io.stderr.write("\r\x1b[K");
      io.stderr.write(`xxgk: ${error.text[lang]}\n`);
    };
    const writing: Text = { zh: "写出", en: "writing" };
    done = 0;
    const pages = review.reports.length;
    // A page is rendered while the ones before it are still being flushed to the disk; failures are
    // named in page order.
    const inFlight: Promise<OutputError | undefined>[] = [];
    for (const r of review.reports) {
      if (progress) io.stderr.write(`\r\x1b[K${progressBar(done, pages)} ${writing[lang]} ${r.page}`);
      inFlight.push(put(r.page, await renderReportPage(review, r.id, reports.get(r.id)!)));
      if (inFlight.length >= WRITE_AHEAD) report(await inFlight.shift());
      done++;
    }
    for (const p of inFlight) report(await p);
    const write = async (name: string, data: () => Promise<string | Uint8Array> | string) =>
      report(await put(name, await data()));
    if (progress)
      io.stderr.write(
        `\r\x1b[K${lang === "zh" ? "写出总览和工作簿……" : "writing the overview and workbook…"}`,
      );
    await write("index.html", () => renderIndexPage(review));
    await write("review.xlsx", () => reviewWorkbook(review, reports));
    await write("review.json", () => stringifyReview(review));
    if (progress) io.stderr.write("\r\x1b[K");
    io.stdout.write(
      reviewSummary(review, { dir: slashes(outDir).replace(/\/+$/, ""), pages, failed: failed.length }, lang),
    );
    if (unreadable.length > 0 || failed.length > 0) return "unreadable";
    return review.summary.withErrors > 0 ? "findings" : "ok";
  },
});

/** Reads and checks the `--organ-map` file; a problem is an input error naming the file. */
async function readMapping(file: string, cwd: string): Promise<Record<string, string>> {
  const { OrganMappingError, parseOrganMapping } = await import("@xxgk/review");
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new InputError("INPUT_READ", file, {
      zh: `无法读取 ${file}（${code}）`,
      en: `cannot read ${file} (${code})`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new InputError("INPUT_JSON", file, {
      zh: `${file} 不是合法的 JSON：${message}`,
      en: `${file} is not valid JSON: ${message}`,
    });
  }
  try {
    return { ...parseOrganMapping(json) };
  } catch (cause) {
    if (!(cause instanceof OrganMappingError)) throw cause;
    throw new InputError("INPUT_JSON", file, {
      zh: `${file} 不是可用的机关名称对照表：${cause.text.zh}`,
      en: `${file} is not a usable organ name mapping: ${cause.text.en}`,
    });
  }
}
