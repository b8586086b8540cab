// Shared timing helpers for the benchmark scripts: run a task for several rounds after a warm-up and
// keep the median, so one GC pause does not decide the result. Time is this process's CPU time (user +
// system), not wall-clock time: the machine is shared, and CPU time is what "on one core" means.

/** Median CPU time in ms of `rounds` runs of `task` (after `warmup` unmeasured runs). */
export function measure(task, { rounds = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) task();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    const t0 = process.cpuUsage();
    task();
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Median CPU time in ms of each task, the tasks run round-robin (A B C, A B C, …) so that a baseline and
 * the code compared with it see the same machine load: on a shared machine, load changes by the minute.
 */
export function compare(tasks, { rounds = 5, warmup = 1 } = {}) {
  const names = Object.keys(tasks);
  for (let i = 0; i < warmup; i++) for (const n of names) tasks[n]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    for (const n of names) {
      globalThis.gc?.();
      const t0 = process.cpuUsage();
      tasks[n]();
      const d = process.cpuUsage(t0);
      times[n].push((d.user + d.system) / 1000);
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
