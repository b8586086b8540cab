#!/usr/bin/env node
// Initial JavaScript budget: the entry chunk and everything it imports statically, and the validation
// worker the page starts at once (parsed off the page's thread, but downloaded with it), gzipped, must
// stay within 200 KB together. Lazy chunks (the PDF engine) and fonts are not initial and are listed
// separately.
// Usage: node scripts/budget.mjs [--json]   (exit 1 when over budget)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 200 * 1024;
const dist = fileURLToPath(new URL("../dist", import.meta.url));

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
} catch (err) {
  process.stderr.write(`budget: no build manifest in ${dist} (${err.message}); run vite build first\n`);
  process.exit(1);
}

const gz = (file) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
const initial = new Set();
const visit = (id) => {
  const chunk = manifest[id];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
for (const [id] of entries) visit(id);

// Workers are emitted as assets of the chunk that starts them (`new Worker(new URL(…))`).
const workers = new Set(
  [...initial].flatMap((file) =>
    Object.values(manifest)
      .filter((c) => c.file === file)
      .flatMap((c) => (c.assets ?? []).filter((a) => a.endsWith(".js"))),
  ),
);
const allJs = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith(".js"));
const initialFiles = [...initial].filter((f) => f.endsWith(".js")).map(gz);
const workerFiles = [...workers].map(gz);
const lazyFiles = allJs.filter((f) => !initial.has(f)).map(gz);
const sum = (files) => files.reduce((n, f) => n + f.gzip, 0);
const total = sum(initialFiles);
const workerTotal = sum(workerFiles);
const result = {
  budget: BUDGET,
  /** The page's own initial JavaScript. */
  initialGzip: total,
  /** The workers the page starts at once. */
  workerGzip: workerTotal,
  /** Everything downloaded before the app is ready: what the budget applies to. */
  startGzip: total + workerTotal,
  ok: total + workerTotal <= BUDGET,
  initial: initialFiles,
  worker: workerFiles,
  lazy: lazyFiles,
};

if (process.argv.includes("--json")) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `initial JS (gzip): ${kb(total)} page + ${kb(workerTotal)} worker = ${kb(total + workerTotal)} of ${kb(BUDGET)} budget ${result.ok ? "✓" : "✗ OVER"}\n`,
  );
  for (const f of initialFiles)
    process.stdout.write(`  initial ${f.file}  ${kb(f.raw)} → ${kb(f.gzip)} gz\n`);
  for (const f of workerFiles) process.stdout.write(`  worker  ${f.file}  ${kb(f.raw)} → ${kb(f.gzip)} gz\n`);
  for (const f of lazyFiles) process.stdout.write(`  lazy    ${f.file}  ${kb(f.raw)} → ${kb(f.gzip)} gz\n`);
}
process.exit(result.ok ? 0 : 1);
