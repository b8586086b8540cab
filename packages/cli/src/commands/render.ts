import { existsSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import type { FontRole } from "@xxgk/render-pdf";
import { threadsOf } from "../_jobs.js";
import { makeOutputDir, ProtectedFiles } from "../_output.js";
import { runPool as runWorkers } from "../_pool.js";
import {
  absolute,
  type JobResult,
  type RenderJob,
  type RenderWorkerData,
  WORKER_FLAG,
} from "../_render-protocol.js";
import type { Context, Lang, Outcome, Text } from "../command.js";
import { defineCommand } from "../command.js";
import { UsageError } from "../errors.js";

const PDF = /\.pdf$/i;
const HTML = /\.html?$/i;
const DOCX = /\.docx$/i;
/** An output name and the option it goes after. */
const OUTPUTS = [
  { pattern: PDF, option: "pdf" },
  { pattern: HTML, option: "html" },
  { pattern: DOCX, option: "docx" },
] as const;
const optionOf = (name: string) => OUTPUTS.find((o) => o.pattern.test(name))?.option;

/** How many reports, how many rendered, how many failed, how many files were written in all. */
export interface RenderSummary {
  readonly reports: number;
  readonly rendered: number;
  readonly files: number;
  readonly failed: number;
}

/**
 * The closing line: `3 reports: 2 rendered, 1 failed; 5 files written`. Files count every file written,
 * also one of a report whose other output then failed (each is named on stdout as it is written).
 */
export function renderSummaryLine(s: RenderSummary, lang: Lang): string {
  return lang === "zh"
    ? `${s.reports} 份报告：${s.rendered} 份已生成，${s.failed} 份失败；共写入 ${s.files} 个文件`
    : `${s.reports} report${s.reports === 1 ? "" : "s"}: ${s.rendered} rendered, ${s.failed} failed; ${s.files} file${s.files === 1 ? "" : "s"} written`;
}

/** A progress bar for stderr: `[██████░░░░░░░░] 12/40`. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((width * done) / total);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}`;
}

const usage = (text: Text) => new UsageError(text, "render");

/** `--font` role names, in English and as the 公文 calls them. */
const ROLE_ALIASES: Readonly<Record<string, FontRole>> = {
  title: "title",
  body: "body",
  heading1: "heading1",
  heading2: "heading2",
  标题: "title",
  正文: "body",
  一级标题: "heading1",
  二级标题: "heading2",
};

/** The built worker script; absent when running from TypeScript sources (tests), then jobs run in-process. */
function workerScript(): URL | undefined {
  const url = new URL("../_render-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Young-generation size of a worker, in MB: large enough (V8 makes semi-spaces of a third of it) that a
 * whole report's short-lived objects fit, so that the worker's collection between two reports (see
 * `_render-worker.ts`) is the only one. Measured on the 200-report bench batch with that collection:
 * 96 MB still left scavenges in the middle of reports; 128, 192, 256 and 384 MB were within the machine's
 * noise of each other, 256 MB the fastest in three interleaved rounds (--jobs 2: 6.7 s, was 8.6 s at
 * 96 MB without the collection). The workers use less memory than before, not more: the old generation
 * no longer fills with pdfmake's objects (peak RSS of --jobs 2 ~330 MB, was ~490 MB).
 */
const WORKER_YOUNG_GENERATION_MB = 256;

/**
 * Lets the workers started after this call collect their young generation between reports: V8 installs
 * `gc` in every context created once `--expose-gc` is set. The flag is V8's, so it is process-wide: in
 * the `xxgk` command nothing else sees it; a program that runs a batch `render` in-process through
 * `run()` finds `gc` in the contexts it creates afterwards (said in the package README).
 */
function exposeGcToWorkers(): void {
  setFlagsFromString("--expose-gc");
}

/** Runs jobs on `threads` worker threads (one job at a time each), reporting each result as it ends. */
async function runPool(
  jobs: readonly RenderJob[],
  batch: { readonly inputs: readonly string[]; readonly cwd: string },
  threads: number,
  script: URL,
  onResult: (r: JobResult) => void,
): Promise<void> {
  exposeGcToWorkers();
  await runWorkers<RenderJob, JobResult>(
    jobs,
    {
      script,
      threads,
      workerData: { [WORKER_FLAG]: true, ...batch } satisfies RenderWorkerData,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      onCrash: (job, err) => ({
        file: job.file,
        written: [],
        warnings: [],
        failures: [
          {
            code: "RENDER_FAILED",
            text: {
              zh: `${job.file} 渲染失败：${err.message}`,
              en: `${job.file} could not be rendered: ${err.message}`,
            },
          },
        ],
      }),
    },
    onResult,
  );
}

/** `xxgk render`: reports to PDF (GB/T 9704 layout), Word (DOCX) and/or HTML, many at once on every core. */
export const renderCommand = defineCommand({
  name: "render",
  summary: {
    zh: "把年度报告生成 PDF（公文格式）、Word（DOCX）和/或 HTML",
    en: "render reports to PDF (official layout), Word (DOCX) and/or HTML",
  },
  usage:
    "xxgk render <files…> --pdf [--docx] [--html] [--out-dir DIR] | xxgk render <file> --pdf out.pdf --docx out.docx --html out.html [--fragment]",
  options: {
    pdf: { type: "boolean", describe: { zh: "生成 PDF", en: "write a PDF" } },
    html: { type: "boolean", describe: { zh: "生成 HTML", en: "write an HTML page" } },
    docx: {
      type: "boolean",
      describe: {
        zh: "生成 Word 文档（DOCX，公文格式，使用公文字体名）",
        en: "write a Word document (DOCX, official layout)",
      },
    },
    fragment: {
      type: "boolean",
      describe: { zh: "HTML 只输出可嵌入网页的片段", en: "HTML: write a fragment to embed in a page" },
    },
    "out-dir": {
      type: "string",
      arg: "DIR",
      describe: {
        zh: "输出目录（默认与输入文件相同）",
        en: "output directory (default: next to each input)",
      },
    },
    preset: {
      type: "string",
      arg: "official|compact",
      choices: ["official", "compact"],
      describe: {
        zh: "PDF 版式：official 公文格式（默认），compact 紧凑版",
        en: "PDF layout: official (GB/T 9704, default) or compact",
      },
    },
    jobs: {
      type: "string",
      arg: "N",
      describe: { zh: "并行线程数（默认 CPU 核数）", en: "worker threads (default: one per core)" },
    },
    force: {
      type: "boolean",
      describe: { zh: "覆盖已存在的输出文件", en: "overwrite existing output files" },
    },
    "font-dir": {
      type: "string",
      multiple: true,
      arg: "DIR",
      describe: {
        zh: "PDF 使用该目录中的公文字体（按字体名识别：小标宋、仿宋、黑体、楷体），可重复",
        en: "PDF: use the office fonts in DIR (recognised by name: 小标宋, 仿宋, 黑体, 楷体); repeatable",
      },
    },
    "system-fonts": {
      type: "boolean",
      describe: {
        zh: "PDF 使用系统字体目录中的公文字体",
        en: "PDF: look for the office fonts in the system's font folders",
      },
    },
    font: {
      type: "string",
      multiple: true,
      arg: "ROLE=FILE[#FACE]",
      describe: {
        zh: "PDF 某一角色的字体文件：title|body|heading1|heading2（.ttc 可用 # 指定字体名），可重复",
        en: "PDF: the font file of a role, title|body|heading1|heading2 (a .ttc face after #); repeatable",
      },
    },
  },
  details: {
    zh: [
      "每个 a.json 生成 a.pdf / a.docx / a.html。只给一个输入时，--pdf / --docx / --html 后可跟输出文件名（以 .pdf / .docx / .html 结尾）。",
      "从不覆盖输入文件；已存在的输出文件需加 --force。某个文件失败时照常处理其余文件。",
      "PDF 默认使用随附的思源宋体/黑体；有公文字体时用 --font-dir、--system-fonts 或 --font 指定，并在标准错误中说明各角色所用字体文件。",
      "退出码：0 全部生成；2 用法错误或有文件失败。",
    ].join("\n"),
    en: [
      "Each a.json gives a.pdf / a.docx / a.html. With one input, --pdf / --docx / --html may be followed by the output file name.",
      "Inputs are never overwritten; existing outputs need --force. A failing file does not stop the others.",
      "PDFs use the bundled Noto faces unless --font-dir, --system-fonts or --font give the office's fonts; stderr then says which file served each role.",
      "Exit status: 0 all rendered; 2 usage error or some file failed.",
    ].join("\n"),
  },
  async run({ values, positionals }, ctx: Context): Promise<Outcome> {
    const { io, lang } = ctx;
    const pdfOut = positionals.filter((p) => PDF.test(p));
    const htmlOut = positionals.filter((p) => HTML.test(p));
    const docxOut = positionals.filter((p) => DOCX.test(p));
    const inputs = positionals.filter((p) => optionOf(p) === undefined);
    const wantPdf = values.pdf === true;
    const wantHtml = values.html === true;
    const wantDocx = values.docx === true;
    const unclaimed = positionals.find((p) => {
      const option = optionOf(p);
      return option !== undefined && values[option] !== true;
    });
    if (unclaimed !== undefined) {
      throw usage({
        zh: `${unclaimed} 看起来是输出文件名，请写在 --${optionOf(unclaimed)} 之后`,
        en: `${unclaimed} looks like an output name; put it after --${optionOf(unclaimed)}`,
      });
    }
    if (!wantPdf && !wantHtml && !wantDocx)
      throw usage({
        zh: "请用 --pdf、--docx 和/或 --html 指明输出",
        en: "say what to write: --pdf, --docx and/or --html",
      });
    if (inputs.length === 0)
      throw usage({ zh: "请给出要生成的报告文件", en: "give the report files to render" });
    if (inputs.includes("-")) {
      throw usage({
        zh: "render 不读标准输入，请给出文件名",
        en: "render does not read standard input; give file names",
      });
    }
    const named = [pdfOut, htmlOut, docxOut];
    if (named.some((n) => n.length > 1) || (named.some((n) => n.length > 0) && inputs.length > 1)) {
      throw usage({
        zh: "指定输出文件名时只能有一个输入文件；多个文件请用 --out-dir",
        en: "an output file name goes with exactly one input; use --out-dir for many",
      });
    }
    if (values.fragment && !wantHtml)
      throw usage({ zh: "--fragment 只用于 --html", en: "--fragment applies to --html only" });
    const threads = threadsOf(values.jobs, "render");
    const roles: Partial<Record<FontRole, string>> = {};
    for (const spec of values.font ?? []) {
      const eq = spec.indexOf("=");
      const name = spec.slice(0, Math.max(0, eq)).trim();
      const role = Object.hasOwn(ROLE_ALIASES, name) ? ROLE_ALIASES[name] : undefined;
      if (eq < 0 || role === undefined || spec.slice(eq + 1).trim() === "") {
        throw usage({
          zh: `--font 应写成 角色=字体文件（角色：title、body、heading1、heading2），而不是 “${spec}”`,
          en: `--font takes ROLE=FILE (roles: title, body, heading1, heading2), not "${spec}"`,
        });
      }
      roles[role] = spec.slice(eq + 1).trim();
    }
    const fonts = { fontDirs: values["font-dir"] ?? [], systemFonts: values["system-fonts"] === true, roles };
    const officeFonts = fonts.fontDirs.length > 0 || fonts.systemFonts || Object.keys(roles).length > 0;
    if (officeFonts && !wantPdf)
      throw usage({ zh: "字体选项只用于 --pdf", en: "font options apply to --pdf only" });
    const outDir = values["out-dir"] === undefined ? undefined : absolute(io.cwd, values["out-dir"]);
    if (outDir !== undefined) await makeOutputDir(values["out-dir"]!, io.cwd);
    const target = (input: string, ext: string, named: string | undefined) => {
      if (named !== undefined) return absolute(io.cwd, outDir === undefined ? named : join(outDir, named));
      const path = absolute(io.cwd, input);
      const stem = basename(path, extname(path));
      return join(outDir ?? join(path, ".."), `${stem}${ext}`);
    };
    const jobs: RenderJob[] = inputs.map((file) => ({
      file,
      cwd: io.cwd,
      ...(wantPdf ? { pdf: target(file, ".pdf", pdfOut[0]) } : {}),
      ...(wantHtml ? { html: target(file, ".html", htmlOut[0]) } : {}),
      ...(wantDocx ? { docx: target(file, ".docx", docxOut[0]) } : {}),
      fragment: values.fragment === true,
      preset: values.preset ?? "official",
      force: values.force === true,
      fonts,
    }));
    // Two inputs must not write the same output (a.json and a.report.json are fine; a/x.json and b/x.json with --out-dir are not).
    const seen = new Map<string, string>();
    for (const j of jobs) {
      for (const out of [j.pdf, j.html, j.docx]) {
        if (out === undefined) continue;
        const other = seen.get(out);
        if (other !== undefined) {
          throw usage({
            zh: `${other} 和 ${j.file} 会写入同一个输出文件 ${out}`,
            en: `${other} and ${j.file} would both write ${out}`,
          });
        }
        seen.set(out, j.file);
      }
    }

    const progress = io.stderrIsTTY && jobs.length > 1;
    let done = 0;
    let fontsSaid = false;
    let rendered = 0;
    let files = 0;
    const onResult = (r: JobResult) => {
      done++;
      if (progress) io.stderr.write("\r\x1b[K");
      files += r.written.length;
      if (officeFonts && !fontsSaid && r.fonts !== undefined) {
        // The same fonts serve every report of the batch: said once.
        fontsSaid = true;
        io.stderr.write(`xxgk: ${r.fonts[lang]}\n`);
      }
      for (const name of r.written) io.stdout.write(`${name}\n`);
      for (const w of r.warnings) io.stderr.write(`xxgk: ${w[lang]}\n`);
      for (const f of r.failures) io.stderr.write(`xxgk: ${f.text[lang]}\n`);
      if (r.failures.length === 0) rendered++;
      if (progress) io.stderr.write(`${progressBar(done, jobs.length)} ${r.file}`);
    };
    const script = workerScript();
    // A batch runs on worker threads even with --jobs 1: a worker has the heap settings above, and the
    // main thread stays free to draw progress. One report is rendered here, without a worker's start-up.
    if (script !== undefined && jobs.length > 1) {
      await runPool(jobs, { inputs, cwd: io.cwd }, Math.min(threads, jobs.length), script, onResult);
    } else {
      // Loaded here, not at the top: pdfmake and the fonts cost a second that other commands must not pay.
      const { renderJob } = await import("../_render-worker.js");
      const protect = await ProtectedFiles.of(inputs, io.cwd);
      for (const job of jobs) onResult(await renderJob(job, protect));
    }
    if (progress) io.stderr.write("\r\x1b[K");
    const failed = jobs.length - rendered;
    io.stdout.write(`${renderSummaryLine({ reports: jobs.length, rendered, files, failed }, lang)}\n`);
    return failed > 0 ? "unreadable" : "ok";
  },
});
