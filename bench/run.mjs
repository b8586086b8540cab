#!/usr/bin/env node
// Runs benchmarks: `node run.mjs` runs every bench/<name>.mjs (not run.mjs, not _-prefixed helpers),
// `node run.mjs validate render-pdf` runs the named ones. Each runs in its own Node process, one after
// the other, so that one benchmark's heap and JIT state do not colour the next.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs" && !f.startsWith("_"))
  .map((f) => f.slice(0, -4))
  .sort();

const asked = process.argv.slice(2).filter((a) => a !== "--");
const unknown = asked.filter((a) => !existsSync(join(here, `${a}.mjs`)) || a === "run" || a.startsWith("_"));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark: ${unknown.join(", ")}\navailable: ${available.join(", ")}\n`);
  process.exit(2);
}

let failed = 0;
for (const name of asked.length > 0 ? asked : available) {
  process.stdout.write(`\n== ${name} ==\n`);
  const r = spawnSync(process.execPath, ["--expose-gc", join(here, `${name}.mjs`)], {
    stdio: "inherit",
    cwd: here,
  });
  if (r.status !== 0) {
    process.stderr.write(`${name} failed (exit ${r.status ?? r.signal})\n`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
