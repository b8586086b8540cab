// A pool of worker threads running one job at a time each, jobs and results as plain data with a
// sequence number; a worker that crashes is replaced for the next job, and its job gets `onCrash`'s
// result. Each result is handed over as soon as its job ends.
import { Worker } from "node:worker_threads";

/** What the main thread sends a worker: a job with its number, or `null` to stop. */
export type PoolRequest<J> = { readonly id: number; readonly job: J } | null;

/** What a worker answers: the job's number and its result. */
export interface PoolReply<R> {
  readonly id: number;
  readonly result: R;
}

/** How to start the workers and what to make of a crash. */
export interface PoolOptions<J, R> {
  readonly script: URL;
  readonly threads: number;
  /** `workerData` of every worker. */
  readonly workerData: unknown;
  readonly resourceLimits?: import("node:worker_threads").ResourceLimits;
  /** The result of a job whose worker crashed. */
  readonly onCrash: (job: J, error: Error) => R;
}

/** Runs every job on the pool and calls `onResult` for each as it ends (in the order they end). */
export async function runPool<J, R>(
  jobs: readonly J[],
  options: PoolOptions<J, R>,
  onResult: (result: R, job: J) => void,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.threads, jobs.length) }, async () => {
      let worker: Worker | undefined;
      while (next < jobs.length) {
        const id = next++;
        const job = jobs[id]!;
        worker ??= new Worker(options.script, {
          workerData: options.workerData,
          ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
        });
        const w: Worker = worker;
        const result = await new Promise<R>((resolve) => {
          const done = (r: R) => {
            w.off("message", onMessage);
            w.off("error", onError);
            resolve(r);
          };
          const onMessage = (msg: PoolReply<R>) => {
            if (msg.id === id) done(msg.result);
          };
          const onError = (err: Error) => {
            worker = undefined;
            done(options.onCrash(job, err));
          };
          w.on("message", onMessage);
          w.on("error", onError);
          w.postMessage({ id, job } satisfies PoolRequest<J>);
        });
        onResult(result, job);
      }
      if (worker) {
        const w = worker;
        const exited = new Promise((r) => w.once("exit", r));
        w.postMessage(null satisfies PoolRequest<J>);
        await exited;
      }
    }),
  );
}
