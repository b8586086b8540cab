// One report rendered to its output files, in a worker thread of `xxgk render` (or in-process for a
// single file). Jobs and results are plain data so they cross the thread boundary unchanged.
import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { parseReport, type Report } from "@xxgk/core-model";
import { renderDocument, renderFragment } from "@xxgk/render-html";
import { renderPdf } from "@xxgk/render-pdf";
import { loadNodeFonts } from "@xxgk/render-pdf/node";
import { validate } from "@xxgk/validators";
import { readJson } from "./_json.js";
import {
  type JobResult,
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

const shown = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return rel.startsWith("..") || rel === "" ? path : rel;
};

class JobFailure extends Error {
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
  throw new JobFailure("REPORT_INVALID", {
    zh: `${job.file} 不是年度报告文档（${at(what.zh)}），请先运行 xxgk validate ${job.file}`,
    en: `${job.file} is not a report document (${at(what.en)}); run xxgk validate ${job.file}`,
  });
}

async function write(job: RenderJob, path: string, data: string | Uint8Array): Promise<string> {
  const name = shown(job.cwd, path);
  if (job.inputs.includes(path)) {
    throw new JobFailure("OUTPUT_IS_INPUT", {
      zh: `${name} 是输入文件，不能用作输出`,
      en: `${name} is an input file; it cannot also be the output`,
    });
  }
  try {
    await writeFile(path, data, { flag: job.force ? "w" : "wx" });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new JobFailure("OUTPUT_EXISTS", {
        zh: `${name} 已存在；加 --force 覆盖`,
        en: `${name} already exists; add --force to overwrite it`,
      });
    }
    throw new JobFailure("OUTPUT_WRITE", {
      zh: `无法写入 ${name}（${code ?? String(cause)}）`,
      en: `cannot write ${name} (${code ?? String(cause)})`,
    });
  }
  return name;
}

/** Renders one report to the outputs its job names. Never throws: failures come back as results. */
export async function renderJob(job: RenderJob): Promise<JobResult> {
  try {
    const report = await readReport(job);
    const written: string[] = [];
    const warnings: Text[] = [];
    if (job.html !== undefined) {
      const html = job.fragment ? renderFragment(report) : renderDocument(report);
      written.push(await write(job, job.html, html));
    }
    if (job.pdf !== undefined) {
      const { pdf, warnings: found } = await renderPdf(report, {
        fonts: await loadNodeFonts(),
        preset: job.preset,
      });
      for (const w of found)
        warnings.push({ zh: `${job.file}: ${w.message.zh}`, en: `${job.file}: ${w.message.en}` });
      written.push(await write(job, job.pdf, pdf));
    }
    if (job.docx !== undefined) {
      // Loaded on the first DOCX only: a batch of PDFs does not pay for the docx library.
      const { renderDocx } = await import("@xxgk/render-docx");
      const { docx, warnings: found } = await renderDocx(report);
      for (const w of found)
        warnings.push({ zh: `${job.file}: ${w.message.zh}`, en: `${job.file}: ${w.message.en}` });
      written.push(await write(job, job.docx, docx));
    }
    return { file: job.file, ok: true, written, warnings };
  } catch (e) {
    if (e instanceof JobFailure || e instanceof CliError)
      return { file: job.file, ok: false, code: e.code, text: e.text };
    const message = e instanceof Error ? e.message : String(e);
    return {
      file: job.file,
      ok: false,
      code: "RENDER_FAILED",
      text: { zh: `${job.file} 渲染失败：${message}`, en: `${job.file} could not be rendered: ${message}` },
    };
  }
}

/**
 * `gc` as V8 installs it with `--expose-gc`, which `xxgk render` turns on before it starts its workers
 * (see `exposeGcToWorkers` in the command). Absent when the worker was started any other way.
 */
const collect = (globalThis as { gc?: (options: { type: "minor" }) => void }).gc;

if (!isMainThread && parentPort && (workerData as Partial<RenderWorkerData> | null)?.[WORKER_FLAG] === true) {
  const port = parentPort;
  const { inputs } = workerData as RenderWorkerData;
  // Read the fonts while the first job is on its way.
  void loadNodeFonts().catch(() => {});
  port.on("message", (msg: WorkerRequest) => {
    if (msg === null) {
      port.close();
      return;
    }
    void renderJob({ ...msg.job, inputs }).then((result) => {
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
