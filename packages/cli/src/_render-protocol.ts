// The plain-data protocol between `xxgk render` and its worker threads. Kept apart from the worker so
// that loading the command (for `xxgk --help`, or any other command) does not load pdfmake and fonts.
import { resolve } from "node:path";
import type { PdfPreset } from "@xxgk/render-pdf";
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
  /** Every input of the batch (absolute): never written to. */
  readonly inputs: readonly string[];
}

/** How one job ended: the files written (as shown to the user) and warnings, or why it failed. */
export type JobResult =
  | {
      readonly file: string;
      readonly ok: true;
      readonly written: readonly string[];
      readonly warnings: readonly Text[];
    }
  | {
      readonly file: string;
      readonly ok: false;
      readonly code: ErrorCode | "RENDER_FAILED";
      readonly text: Text;
    };

/** Marks the worker threads of `xxgk render` in `workerData`. */
export const WORKER_FLAG = "xxgkRenderWorker";

/** What a worker thread starts with: the flag, and the batch's inputs (sent once, not with every job). */
export interface RenderWorkerData {
  readonly [WORKER_FLAG]: true;
  readonly inputs: readonly string[];
}

/**
 * A job message from the main thread: a job (without the batch's inputs, which the worker has) with its
 * sequence number, or `null` to stop.
 */
export type WorkerRequest = { readonly id: number; readonly job: Omit<RenderJob, "inputs"> } | null;

/** The absolute form of a path given on the command line. */
export const absolute = (cwd: string, path: string) => resolve(cwd, path);
