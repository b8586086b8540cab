#!/usr/bin/env node
// `npm start`, after scripts/run.mjs has installed and built everything: the main job on the built-in
// examples — check the seed report, write both examples as HTML and PDF, then serve the demo app.
// Options: --no-serve (stop after writing the files), --port N (checked by run.mjs before installing).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { painter, parseStartArgs, START_USAGE } from "./_lib.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const parsed = parseStartArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`npm start: ${parsed.message}\n${START_USAGE}\n`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(`${START_USAGE}\n`);
  process.exit(0);
}
const paint = painter(process.stdout, process.env);
const xxgk = join(root, "packages", "cli", "dist", "bin.js");
const seed = join(root, "packages", "core-model", "examples", "wulin-2020.json");
const example2021 = join(root, "packages", "core-model", "examples", "example-2021.json");
const out = join(root, "out");

function step(title) {
  process.stdout.write(`\n${paint("1", `── ${title}`)}\n`);
}
function cli(args) {
  return spawnSync(process.execPath, [xxgk, ...args], { stdio: "inherit", cwd: root }).status ?? 1;
}

step(
  "1. 按全部规则校验示例报告（杭州市下城区武林街道办事处，2020 年度）/ check the seed report against every rule",
);
const validated = cli(["validate", relative(root, seed)]);

step("2. 它的表格单元格，即导出给研究者的整齐数据（前几行；全部请用 `xxgk cells 文件`）/ its table cells");
const cells = spawnSync(process.execPath, [xxgk, "cells", relative(root, seed), "--format", "csv"], {
  cwd: root,
  encoding: "utf8",
});
const lines = cells.stdout.trimEnd().split("\n");
process.stdout.write(
  `${lines.slice(0, 6).join("\n")}\n…\n${lines.slice(-4).join("\n")}\n（共 ${lines.length - 1} 个单元格 / cells）\n`,
);

step(
  "3. 把两份示例生成 HTML（用于网站）、PDF（用于归档）和 Word（用于审签）/ render both examples as HTML, PDF and Word",
);
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
process.stdout.write(`\n已写入 / written to ${out}\n`);

if (validated > 1 || rendered !== 0 || cells.status !== 0) {
  process.stderr.write("\n以上有步骤失败，请看上面的信息 / something above failed; see the messages\n");
  process.exit(1);
}
if (values["no-serve"]) process.exit(0);

step("4. 演示网站：填写报告，查看所有不一致之处，发布 HTML、PDF 和 Word / the demo app");
const port = values.port ?? process.env.PORT;
const server = spawn(
  process.execPath,
  [join(root, "apps", "demo", "scripts", "serve.mjs"), ...(port === undefined ? [] : ["--port", port])],
  {
    stdio: "inherit",
    cwd: root,
  },
);
process.stdout.write("（按 Ctrl+C 停止 / Ctrl+C stops the server）\n");
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
