#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test` and `npm run bench`.
// It makes a fresh machine (Node 20 + npm only) ready: pnpm at the pinned version, the workspace's
// dependencies, and — for tests — the Debian packages the browser and PDF tests need.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { childEnv, newTotals, painter, parseStartArgs, START_USAGE, tally } from "./_lib.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const paint = painter(process.stderr, process.env);
/** The environment of every child process; ensurePnpm() puts the pinned pnpm's folder first on its PATH. */
let env = childEnv(process.env, null);

function say(msg) {
  process.stderr.write(`${paint("36", "[xxgk]")} ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    say(`失败 / failed: ${cmd} ${args.join(" ")}（退出码 ${code}）`);
    process.exit(code);
  }
}

function versionOf(cmd) {
  try {
    return execFileSync(cmd, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/**
 * pnpm at the pinned version: the one on PATH if it matches, else a private copy under .tools/. In the
 * second case its folder goes first on the PATH of every child process, so that turbo (which looks the
 * package manager up on PATH) and every script run through pnpm find the same pnpm.
 */
function ensurePnpm() {
  if (versionOf("pnpm") === pinned) return "pnpm";
  const binDir = join(root, ".tools", "node_modules", ".bin");
  const local = join(binDir, "pnpm");
  if (versionOf(local) !== pinned) {
    say(`正在把 pnpm ${pinned} 安装到 .tools/（npm 注册表）… / installing pnpm ${pinned} into .tools/`);
    must("npm", [
      "install",
      "--prefix",
      join(root, ".tools"),
      "--no-save",
      "--no-audit",
      "--no-fund",
      "-E",
      `pnpm@${pinned}`,
    ]);
    if (versionOf(local) !== pinned) {
      say(`pnpm ${pinned} 没有装好；请手动安装：npm i -g -E pnpm@${pinned} / pnpm did not install`);
      process.exit(1);
    }
  }
  env = childEnv(process.env, binDir);
  return local;
}

const systemNeeds = [
  {
    pkg: "chromium",
    ok: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
    why: "浏览器测试和截图 / browser tests and screenshots",
  },
  {
    pkg: "fonts-noto-cjk",
    ok: () => existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    why: "Chromium 中的中文字体（否则显示方框）/ Chinese text in Chromium",
  },
  {
    pkg: "poppler-utils",
    ok: () => versionOf("pdftotext") !== null || spawnSync("pdftotext", ["-v"]).status === 0,
    why: "PDF 文本提取和 PNG 预览 / PDF text extraction and PNG previews",
  },
  {
    pkg: "fonts-arphic-ukai",
    ok: () => existsSync("/usr/share/fonts/truetype/arphic/ukai.ttc"),
    why: "真实的楷体字体集：PDF 办公字体测试，DOCX 测试中代替楷体_GB2312 / a real 楷 collection for the PDF's office-font tests; stands in for 楷体_GB2312 in the DOCX tests",
  },
  {
    pkg: "fonts-arphic-uming",
    ok: () => existsSync("/usr/share/fonts/truetype/arphic/uming.ttc"),
    why: "真实的明/宋体字体集：PDF 办公字体测试，DOCX 测试中代替仿宋_GB2312 / a real 明/宋 collection for the PDF's office-font tests; stands in for 仿宋_GB2312 in the DOCX tests",
  },
  {
    pkg: "fonts-wqy-zenhei",
    ok: () => existsSync("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    why: "真实的黑体字体集：PDF 办公字体测试，DOCX 测试中代替黑体 / a real 黑 collection for the PDF's office-font tests; stands in for 黑体 in the DOCX tests",
  },
  {
    pkg: "libreoffice-writer-nogui",
    ok: () => spawnSync(process.env.SOFFICE_PATH ?? "soffice", ["--version"]).status === 0,
    why: "LibreOffice 读取 render-docx 生成的 DOCX / LibreOffice reads the DOCX files render-docx writes",
  },
];

/** The Debian packages tests rely on: installed when we are root, otherwise a clear instruction. */
function ensureSystemPackages() {
  const missing = systemNeeds.filter((n) => !n.ok());
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    say(`正在安装 Debian 软件包 / installing Debian packages: ${names.join(" ")}…`);
    must("apt-get", ["update", "-qq"]);
    must("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], {
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return;
  }
  say("缺少以下系统软件包 / these system packages are needed and missing:");
  for (const m of missing) say(`  ${m.pkg} — ${m.why}`);
  say("请安装后再运行本命令 / install them, then run this command again (Debian/Ubuntu):");
  say(`  sudo apt-get install -y --no-install-recommends ${names.join(" ")}`);
  process.exit(1);
}

/**
 * Runs a command, echoing its output, and tallies the vitest summary lines ("Tests  3 failed | 40 passed")
 * and turbo's warnings from both streams.
 */
function runCounting(cmd, args) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["inherit", "pipe", "pipe"] });
    const totals = newTotals();
    const follow = (stream, out) => {
      let pending = "";
      stream.on("data", (chunk) => {
        out.write(chunk);
        const lines = (pending + chunk.toString("utf8")).split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) tally(totals, line);
      });
      stream.on("end", () => tally(totals, pending));
    };
    follow(child.stdout, process.stdout);
    follow(child.stderr, process.stderr);
    child.on("close", (code) => resolveRun({ code: code ?? 1, ...totals }));
  });
}

const task = process.argv[2] ?? "test";
if (!["start", "test", "bench"].includes(task)) {
  say(`未知任务 ${task}：请用 start、test 或 bench / unknown task ${task}: use start, test or bench`);
  process.exit(2);
}
if (task === "start") {
  // Options first: a typo must not cost an install and a build before it is reported.
  const parsed = parseStartArgs(process.argv.slice(3));
  if (!parsed.ok || parsed.values.help) {
    if (!parsed.ok) process.stderr.write(`npm start: ${parsed.message}\n`);
    process.stderr.write(`${START_USAGE}\n`);
    process.exit(parsed.ok ? 0 : 2);
  }
}
const pnpm = ensurePnpm();
must(pnpm, ["install", "--frozen-lockfile", "--reporter=append-only"]);

switch (task) {
  case "start":
    must(pnpm, ["turbo", "run", "build", "--output-logs=errors-only"]);
    process.exit(run("node", [join(root, "scripts", "start.mjs"), ...process.argv.slice(3)]));
    break;
  case "test": {
    ensureSystemPackages();
    const { code, passed, failed, skipped, warnings } = await runCounting(pnpm, [
      "turbo",
      "run",
      "lint",
      "typecheck",
      "build",
      "test",
      "test:build",
      "--concurrency=2",
      "--continue",
    ]);
    // One plain closing line over every package's vitest run, so a run that executed no test shows.
    process.stdout.write(
      `\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
    );
    // A warning is a check that failed quietly: name each one and fail, so that a new one is noticed.
    for (const w of warnings) say(`警告 / warning: ${w}`);
    if (code !== 0 || failed > 0 || passed === 0 || warnings.length > 0) {
      say(
        passed === 0
          ? "没有运行任何测试 / no test ran"
          : warnings.length > 0 && code === 0 && failed === 0
            ? `有 ${warnings.length} 条警告（见上文）/ ${warnings.length} warnings (see above)`
            : "有检查未通过（见上文）/ some checks failed (see above)",
      );
      process.exit(code || 1);
    }
    say("全部检查通过 / all checks passed");
    break;
  }
  case "bench":
    must(pnpm, ["turbo", "run", "build", "--output-logs=errors-only"]);
    process.exit(run(pnpm, ["--filter", "@xxgk/bench", "run", "bench", ...process.argv.slice(3)]));
    break;
}
