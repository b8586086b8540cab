// One report rendered to its output files, in a worker thread of `xxgk render` (or in-process for a
// single file). Jobs and results are plain data so they cross the thread boundary unchanged.
import { relative, resolve } from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { parseReport, type Report } from "@xxgk/core-model";
import { renderDocument, renderFragment } from "@xxgk/render-html";
import { type FontRole, type FontUse, type PdfFonts, renderPdf } from "@xxgk/render-pdf";
import { loadNodeFonts } from "@xxgk/render-pdf/node";
import { validate } from "@xxgk/validators";
import { readJson } from "./_json.js";
import { ProtectedFiles, writeFileSafely } from "./_output.js";
import {
  type JobFailure,
  type JobResult,
  type RenderFonts,
  type RenderJob,
  type RenderWorkerData,
  WORKER_FLAG,
  type WorkerRequest,
} from "./_render-protocol.js";
import type { Io, Text } from "./command.js";
import { CliError, type ErrorCode } from "./errors.js";

const quietIo = (cwd: string): Io => ({
  stdout: { write: () => {} },
  stderr: { write: () => {} },
  stderrIsTTY: false,
  cwd,
});

/** A path as the user sees it: relative to the working folder when inside it. */
const shownPath = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return rel.startsWith("..") || rel === "" ? path : rel;
};

/** The input is not a report: said with the first problem and where it is. */
class ReportFailure extends Error {
  constructor(
    readonly code: ErrorCode | "RENDER_FAILED",
    readonly text: Text,
  ) {
    super(text.en);
  }
}

async function readReport(job: RenderJob): Promise<Report> {
  const doc = await readJson(job.file, quietIo(job.cwd));
  const parsed = parseReport(doc);
  if (parsed.ok) return parsed.report;
  const first = validate(doc).findings.find((f) => f.severity === "error");
  const pointer = (first ? first.pointer : parsed.issues[0]?.pointer) ?? "";
  const what = first?.message ?? { zh: parsed.issues[0]?.message ?? "", en: parsed.issues[0]?.message ?? "" };
  // Schema findings already begin with their pointer (or say "the document" for the root); the others
  // get it put in front.
  const at = (text: string) =>
    first?.code === "schema" || text.startsWith(pointer) ? text : `${pointer || "/"}: ${text}`;
  throw new ReportFailure("REPORT_INVALID", {
    zh: `${job.file} 不是年度报告文档（${at(what.zh)}），请先运行 xxgk validate ${job.file}`,
    en: `${job.file} is not a report document (${at(what.en)}); run xxgk validate ${job.file}`,
  });
}

const failureOf = (file: string, e: unknown): JobFailure => {
  if (e instanceof ReportFailure || e instanceof CliError) return { code: e.code, text: e.text };
  const message = e instanceof Error ? e.message : String(e);
  return {
    code: "RENDER_FAILED",
    text: { zh: `${file} 渲染失败：${message}`, en: `${file} could not be rendered: ${message}` },
  };
};

/**
 * Renders one report to the outputs its job names. Never throws: failures come back in the result.
 * Everything is made before anything is written, so a report that cannot be rendered leaves no file;
 * each output is then written on its own, so one that cannot be written does not keep the other back.
 */
export async function renderJob(job: RenderJob, protect: ProtectedFiles): Promise<JobResult> {
  const written: string[] = [];
  const warnings: Text[] = [];
  const failures: JobFailure[] = [];
  const outputs: Array<{ path: string; data: string | Uint8Array }> = [];
  let fonts: Text | undefined;
  try {
    const report = await readReport(job);
    if (job.html !== undefined) {
      outputs.push({ path: job.html, data: job.fragment ? renderFragment(report) : renderDocument(report) });
    }
    if (job.pdf !== undefined) {
      const {
        pdf,
        warnings: found,
        fonts: used,
      } = await renderPdf(report, {
        fonts: await fontsOf(job.fonts, job.cwd),
        preset: job.preset,
      });
      for (const w of found)
        warnings.push({ zh: `${job.file}: ${w.message.zh}`, en: `${job.file}: ${w.message.en}` });
      outputs.push({ path: job.pdf, data: pdf });
      fonts = fontsLine(used, job.cwd);
    }
    if (job.docx !== undefined) {
      // Loaded on the first DOCX only: a batch of PDFs does not pay for the docx library.
      const { renderDocx } = await import("@xxgk/render-docx");
      const { docx, warnings: found } = await renderDocx(report);
      for (const w of found)
        warnings.push({ zh: `${job.file}: ${w.message.zh}`, en: `${job.file}: ${w.message.en}` });
      outputs.push({ path: job.docx, data: docx });
    }
  } catch (e) {
    return { file: job.file, written, warnings, failures: [failureOf(job.file, e)] };
  }
  for (const { path, data } of outputs) {
    const shown = shownPath(job.cwd, path);
    try {
      await writeFileSafely(path, data, { cwd: job.cwd, force: job.force, protect, shown });
      written.push(shown);
    } catch (e) {
      failures.push(failureOf(job.file, e));
    }
  }
  return { file: job.file, written, warnings, failures, ...(fonts === undefined ? {} : { fonts }) };
}

const ROLE_NAMES: Readonly<Record<FontRole, Text>> = {
  title: { zh: "标题", en: "title" },
  body: { zh: "正文", en: "body" },
  heading1: { zh: "一级标题", en: "heading 1" },
  heading2: { zh: "二级标题", en: "heading 2" },
};

/** `字体：标题 ← a.ttc（UMingCN），正文 ← …` — which file served each role. */
function fontsLine(used: readonly FontUse[], cwd: string): Text {
  const part = (lang: "zh" | "en") =>
    used
      .map((u) => {
        const file = u.file.startsWith("/") || /^[A-Za-z]:\\/.test(u.file) ? shownPath(cwd, u.file) : u.file;
        return lang === "zh"
          ? `${ROLE_NAMES[u.role].zh} ← ${file}（${u.face}${u.fallbackChars > 0 ? `，${u.fallbackChars} 个字符由后备字体补齐` : ""}）`
          : `${ROLE_NAMES[u.role].en} ← ${file} (${u.face}${u.fallbackChars > 0 ? `, ${u.fallbackChars} characters from the fallback face` : ""})`;
      })
      .join(lang === "zh" ? "；" : "; ");
  return { zh: `字体：${part("zh")}`, en: `fonts: ${part("en")}` };
}

const loaded = new Map<string, Promise<PdfFonts>>();

/** The fonts a job asks for, loaded once per set of options in this thread. */
function fontsOf(options: RenderFonts, cwd: string): Promise<PdfFonts> {
  const key = JSON.stringify([options, cwd]);
  let fonts = loaded.get(key);
  if (fonts === undefined) {
    fonts = loadNodeFonts({
      fontDirs: options.fontDirs.map((d) => resolve(cwd, d)),
      systemFonts: options.systemFonts,
      roles: Object.fromEntries(Object.entries(options.roles).map(([r, f]) => [r, resolve(cwd, f)])),
    });
    fonts.catch(() => loaded.delete(key));
    loaded.set(key, fonts);
  }
  return fonts;
}

/**
 * `gc` as V8 installs it with `--expose-gc`, which `xxgk render` turns on before it starts its workers
 * (see `exposeGcToWorkers` in the command). Absent when the worker was started any other way.
 */
const collect = (globalThis as { gc?: (options: { type: "minor" }) => void }).gc;

if (!isMainThread && parentPort && (workerData as Partial<RenderWorkerData> | null)?.[WORKER_FLAG] === true) {
  const port = parentPort;
  const { inputs, cwd } = workerData as RenderWorkerData;
  // The batch's inputs, known by identity once for all its jobs.
  const protect = ProtectedFiles.of(inputs, cwd);
  // Read the fonts while the first job is on its way.
  void loadNodeFonts().catch(() => {});
  port.on("message", (msg: WorkerRequest) => {
    if (msg === null) {
      port.close();
      return;
    }
    void protect
      .then((p) => renderJob(msg.job, p))
      .then((result) => {
        port.postMessage({ id: msg.id, result });
        // Between two reports almost nothing is alive, so collecting the young generation then costs ~1 ms
        // and keeps nothing. Left to V8, the collection comes in the middle of the next report's layout,
        // copies what pdfmake holds at that moment (10–20 ms) and moves it to the old generation, which
        // then fills up every ~35 reports; each full collection also drops the optimized code of pdfmake's
        // per-call closures, which V8 then compiles again. See WORKER_YOUNG_GENERATION_MB.
        // After setImmediate, not at once: pdfkit's finished stream still holds the whole document until
        // its end-of-stream callbacks (process.nextTick) have run; collected before, ~2 MB survived every
        // report, the collection took 5–7 ms, and V8 then took the survivors' allocation sites for
        // long-lived and allocated them in the old generation from the start (~1.8 MB per report again).
        if (collect) setImmediate(() => collect({ type: "minor" }));
      });
  });
}
