// What this machine gives two worker threads at all: the same fixed work done by 1 worker and by 2,
// for a kernel that only computes and one that mostly allocates. The batch of bench/render-pdf is read
// against these: on a shared VM the two cores need not be equally fast, and memory-heavy code slows when
// both run it.
import { Worker } from "node:worker_threads";

const script = new URL("./_scaling-worker.mjs", import.meta.url);

function runWorker(kernel, units) {
  return new Promise((resolve, reject) => {
    const w = new Worker(script, { workerData: { kernel, units } });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

/** Wall-clock ms for `workers` workers splitting `units` units of `kernel`. */
async function timed(kernel, units, workers) {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, () => runWorker(kernel, units / workers)));
  return performance.now() - t0;
}

/**
 * Speed-up of 2 workers over 1 on `units` units of `kernel`, the 1-worker run first: the calibration for a
 * batch round run just before it, under the same machine load.
 */
export async function twoWorkerRatio(kernel, units = 8) {
  const one = await timed(kernel, units, 1);
  const two = await timed(kernel, units, 2);
  return one / two;
}

/** The kernels, computing-only first. */
export const KERNELS = ["arithmetic", "allocation"];
