// Shared timing helpers for the benchmark scripts: run a task for several rounds after a warm-up and
// keep the median, so one GC pause does not decide the result. Time is wall-clock time of the (single)
// JavaScript thread — what a user waits for. Process CPU time would also count V8's concurrent GC
// threads (1.2–1.8× wall time here), which run on the second core. Run benchmarks on an idle machine:
// the tasks of one comparison are interleaved so that a baseline and the code compared with it see the
// same load, but absolute numbers still move with it. No forced gc() between rounds: a full collection
// resets V8's heap sizing, so the round after it measured a cold heap (2× slower for the importer) that
// no real batch ever sees; garbage collection in steady state is part of what is measured.
import { spawnSync } from "node:child_process";

/**
 * The first render in a fresh Node process: `body` (an async module body) runs after the clock starts and
 * ends by assigning the output's bytes to `bytes`; what it imports is loaded on the clock, as a
 * one-off `xxgk render` pays it. Returns `{ ms, bytes }` (bytes: the output's length).
 */
export function firstRun(body, cwd) {
  const run = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const t0 = performance.now();
       let bytes;
       ${body}
       process.stdout.write(JSON.stringify({ ms: performance.now() - t0, bytes: bytes.length }));`,
    ],
    { encoding: "utf8", cwd },
  );
  if (run.status !== 0) throw new Error(`first run failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Median wall-clock time in ms of `rounds` runs of `task` (after `warmup` unmeasured runs). */
export function measure(task, { rounds = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) task();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    task();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Median wall-clock time in ms of each task, the tasks run round-robin (A B C, A B C, …) so that a baseline and
 * the code compared with it see the same machine load: on a shared machine, load changes by the minute.
 */
export function compare(tasks, { rounds = 5, warmup = 1 } = {}) {
  const names = Object.keys(tasks);
  for (let i = 0; i < warmup; i++) for (const n of names) tasks[n]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    for (const n of names) {
      const t0 = performance.now();
      tasks[n]();
      times[n].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const sorted = times[n].sort((a, b) => a - b);
      return [n, sorted[Math.floor(sorted.length / 2)]];
    }),
  );
}

/** {@link compare} for tasks that return promises (each awaited before the next starts). */
export async function compareAsync(tasks, { rounds = 5, warmup = 1 } = {}) {
  const names = Object.keys(tasks);
  for (let i = 0; i < warmup; i++) for (const n of names) await tasks[n]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    for (const n of names) {
      const t0 = performance.now();
      await tasks[n]();
      times[n].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const sorted = times[n].sort((a, b) => a - b);
      return [n, sorted[Math.floor(sorted.length / 2)]];
    }),
  );
}

/** Prints an aligned table of rows: [label, ms, extra columns…]. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  for (const r of all) {
    process.stdout.write(
      `${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")}\n`,
    );
  }
}
