#!/usr/bin/env node
// `npm start`, after scripts/run.mjs has installed and built everything: the main job on the built-in
// examples — check the seed report, write both examples as HTML and PDF, then serve the demo app.
// Options: --no-serve (stop after writing the files), --port N.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    serve: { type: "boolean", default: true },
    "no-serve": { type: "boolean" },
    port: { type: "string", default: process.env.PORT ?? "4173" },
  },
});
const xxgk = join(root, "packages", "cli", "dist", "bin.js");
const seed = join(root, "packages", "core-model", "examples", "wulin-2020.json");
const example2021 = join(root, "packages", "core-model", "examples", "example-2021.json");
const out = join(root, "out");

function step(title) {
  process.stdout.write(`\n\x1b[1m── ${title}\x1b[0m\n`);
}
function cli(args) {
  return spawnSync(process.execPath, [xxgk, ...args], { stdio: "inherit", cwd: root }).status ?? 1;
}

step("1. Check the seed report (杭州市下城区武林街道办事处, 2020) against every rule");
const validated = cli(["validate", relative(root, seed)]);

step("2. Its table cells, as the tidy export researchers get (first rows; `xxgk cells FILE` for all)");
const cells = spawnSync(process.execPath, [xxgk, "cells", relative(root, seed), "--format", "csv"], {
  cwd: root,
  encoding: "utf8",
});
const lines = cells.stdout.trimEnd().split("\n");
process.stdout.write(
  `${lines.slice(0, 6).join("\n")}\n…\n${lines.slice(-4).join("\n")}\n(${lines.length - 1} cells)\n`,
);

step("3. Render both examples as HTML (for the website), PDF (for the archive) and Word (for sign-off)");
mkdirSync(out, { recursive: true });
const rendered = cli([
  "render",
  relative(root, seed),
  relative(root, example2021),
  "--pdf",
  "--html",
  "--docx",
  "--force",
  "--out-dir",
  relative(root, out),
]);
process.stdout.write(`\nwritten to ${out}\n`);

if (validated > 1 || rendered !== 0 || cells.status !== 0) {
  process.stderr.write("\nsomething above failed; see the messages\n");
  process.exit(1);
}
if (values["no-serve"]) process.exit(0);

step("4. The demo app: fill in a report, see every inconsistency, publish HTML, PDF and Word");
const server = spawn(
  process.execPath,
  [join(root, "apps", "demo", "scripts", "serve.mjs"), "--port", values.port],
  {
    stdio: "inherit",
    cwd: root,
  },
);
process.stdout.write("(Ctrl+C stops the server)\n");
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
