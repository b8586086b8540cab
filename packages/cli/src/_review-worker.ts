// Reading one input of `xxgk review`: the file's bytes through the importer (by @xxgk/review's
// readSource), in a worker thread of the pool or in-process. Jobs and results are plain data.
import { readFile, stat } from "node:fs/promises";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { type ReadFailure, readSource, type SourceRead } from "@xxgk/review";
import type { PoolReply, PoolRequest } from "./_pool.js";

/** One input: its absolute path and its name in the review (as the user's arguments spell it). */
export interface ReadJob {
  readonly path: string;
  readonly name: string;
}

/** Marks the worker threads of `xxgk review` in `workerData`. */
export const REVIEW_WORKER_FLAG = "xxgkReviewWorker";

/** Files larger than this are not read (no report comes near it; a video in the folder would). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of one input, or why it is not read: never rejects. A file that cannot be read, or is too
 * large, comes back as not a report with code `unreadable` / `too-large`.
 */
export async function loadJob(job: ReadJob): Promise<Uint8Array | ReadFailure> {
  try {
    const size = (await stat(job.path)).size;
    if (size > MAX_INPUT_BYTES) {
      return {
        kind: "not-report",
        name: job.name,
        code: "too-large",
        reason: {
          zh: `文件过大（${Math.round(size / 1048576)} MB，上限 ${MAX_INPUT_BYTES / 1048576} MB），未读取`,
          en: `too large (${Math.round(size / 1048576)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB): not read`,
        },
      };
    }
    return new Uint8Array(await readFile(job.path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return {
      kind: "not-report",
      name: job.name,
      code: "unreadable",
      reason: { zh: `无法读取（${code}）`, en: `cannot be read (${code})` },
    };
  }
}

/**
 * Reads one input ({@link loadJob}, then the importer): never rejects. With `profile`, the report's
 * profile is computed here too (the part of the review that can run on a worker).
 */
export async function readJob(job: ReadJob, profile: boolean): Promise<SourceRead> {
  const loaded = await loadJob(job);
  return loaded instanceof Uint8Array ? readSource({ name: job.name, data: loaded }, { profile }) : loaded;
}

if (
  !isMainThread &&
  parentPort &&
  (workerData as Record<string, unknown> | null)?.[REVIEW_WORKER_FLAG] === true
) {
  const port = parentPort;
  port.on("message", (msg: PoolRequest<ReadJob>) => {
    if (msg === null) {
      port.close();
      return;
    }
    void readJob(msg.job, true).then((result) =>
      port.postMessage({ id: msg.id, result } satisfies PoolReply<SourceRead>),
    );
  });
}
