// The `--jobs N` option of the commands that run on worker threads.
import { availableParallelism } from "node:os";
import { UsageError } from "./errors.js";

/** The number of worker threads: `--jobs` as given (a positive integer, else a usage error of `command`), or one per core. */
export function threadsOf(jobs: string | undefined, command: string): number {
  if (jobs === undefined) return availableParallelism();
  const threads = Number(jobs);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new UsageError(
      { zh: `--jobs 应为正整数，而不是 “${jobs}”`, en: `--jobs must be a positive integer, not "${jobs}"` },
      command,
    );
  }
  return threads;
}
