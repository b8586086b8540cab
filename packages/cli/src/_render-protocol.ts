// The plain-data protocol between `xxgk render` and its worker threads. Kept apart from the worker so
// that loading the command (for `xxgk --help`, or any other command) does not load pdfmake and fonts.
import { resolve } from "node:path";
import type { FontRole, PdfPreset } from "@xxgk/render-pdf";
import type { PoolRequest } from "./_pool.js";
import type { Text } from "./command.js";
import type { ErrorCode } from "./errors.js";

/** What to make of one input file. Paths are absolute; `file` is the input as the user named it. */
export interface RenderJob {
  readonly file: string;
  readonly cwd: string;
  readonly pdf?: string;
  readonly html?: string;
  readonly docx?: string;
  readonly fragment: boolean;
  readonly preset: PdfPreset;
  readonly force: boolean;
  /** Where to find the office's fonts (`--font-dir`, `--system-fonts`, `--font ROLE=FILE`). */
  readonly fonts: RenderFonts;
}

/** The office-font options of `xxgk render`, as plain data for the workers. */
export interface RenderFonts {
  readonly fontDirs: readonly string[];
  readonly systemFonts: boolean;
  readonly roles: Readonly<Partial<Record<FontRole, string>>>;
}

/** Why a job, or one of its outputs, failed: a stable code and the message. */
export interface JobFailure {
  readonly code: ErrorCode | "RENDER_FAILED";
  readonly text: Text;
}

/**
 * How one job ended: the files written (as shown to the user), warnings, and what failed — the report
 * (nothing written then), or some of its outputs (each named; the others are still written).
 */
export interface JobResult {
  readonly file: string;
  readonly written: readonly string[];
  readonly warnings: readonly Text[];
  readonly failures: readonly JobFailure[];
  /** Which font file served each role of the PDF (when one was made). */
  readonly fonts?: Text;
}

/** Marks the worker threads of `xxgk render` in `workerData`. */
export const WORKER_FLAG = "xxgkRenderWorker";

/** What a worker thread starts with: the flag, and the batch's inputs (as named, relative to `cwd`), which no job may write. */
export interface RenderWorkerData {
  readonly [WORKER_FLAG]: true;
  readonly inputs: readonly string[];
  readonly cwd: string;
}

/** A job message from the main thread: a job with its sequence number, or `null` to stop. */
export type WorkerRequest = PoolRequest<RenderJob>;

/** The absolute form of a path given on the command line. */
export const absolute = (cwd: string, path: string) => resolve(cwd, path);
