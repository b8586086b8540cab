#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test` and `npm run bench`.
// It makes a fresh machine (Node 20 + npm only) ready: pnpm at the pinned version, the workspace's
// dependencies, and — for tests — the Debian packages the browser and PDF tests need.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

function say(msg) {
  process.stderr.write(`\x1b[36m[xxgk]\x1b[0m ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(cmd, args, opts) {
  const code = run(cmd, args, opts);
  if (code !== 0) {
    say(`failed: ${cmd} ${args.join(" ")} (exit ${code})`);
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

/** pnpm at the pinned version: the one on PATH if it matches, else a private copy under .tools/. */
function ensurePnpm() {
  if (versionOf("pnpm") === pinned) return "pnpm";
  const local = join(root, ".tools", "node_modules", ".bin", "pnpm");
  if (versionOf(local) === pinned) return local;
  say(`installing pnpm ${pinned} into .tools/ (npm registry)…`);
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
    say(`pnpm ${pinned} did not install; install it with: npm i -g -E pnpm@${pinned}`);
    process.exit(1);
  }
  return local;
}

const systemNeeds = [
  {
    pkg: "chromium",
    ok: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
    why: "browser tests and screenshots",
  },
  {
    pkg: "fonts-noto-cjk",
    ok: () => existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    why: "Chinese text in Chromium (without it pages show boxes)",
  },
  {
    pkg: "poppler-utils",
    ok: () => versionOf("pdftotext") !== null || spawnSync("pdftotext", ["-v"]).status === 0,
    why: "PDF text extraction and PNG previews",
  },
  {
    pkg: "libreoffice-writer-nogui",
    ok: () => spawnSync(process.env.SOFFICE_PATH ?? "soffice", ["--version"]).status === 0,
    why: "LibreOffice reads the DOCX files render-docx writes (converted to PDF headless)",
  },
  {
    pkg: "fonts-arphic-uming",
    ok: () => existsSync("/usr/share/fonts/truetype/arphic/uming.ttc"),
    why: "stands in for 仿宋_GB2312 when LibreOffice renders a DOCX in tests",
  },
  {
    pkg: "fonts-arphic-ukai",
    ok: () => existsSync("/usr/share/fonts/truetype/arphic/ukai.ttc"),
    why: "stands in for 楷体_GB2312 when LibreOffice renders a DOCX in tests",
  },
  {
    pkg: "fonts-wqy-zenhei",
    ok: () => existsSync("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    why: "stands in for 黑体 when LibreOffice renders a DOCX in tests",
  },
];

/** The Debian packages tests rely on: installed when we are root, otherwise a clear instruction. */
function ensureSystemPackages() {
  const missing = systemNeeds.filter((n) => !n.ok());
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    say(`installing Debian packages: ${names.join(" ")}…`);
    must("apt-get", ["update", "-qq"]);
    must("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], {
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return;
  }
  say("these system packages are needed and missing:");
  for (const m of missing) say(`  ${m.pkg} — ${m.why}`);
  say(`install them (Debian/Ubuntu): sudo apt-get install -y --no-install-recommends ${names.join(" ")}`);
  say("then run this command again.");
  process.exit(1);
}

/** Runs a command, echoing its output, and adds up the vitest summary lines ("Tests  3 failed | 40 passed"). */
function runCounting(cmd, args) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["inherit", "pipe", "inherit"] });
    let pending = "";
    const totals = { passed: 0, failed: 0, skipped: 0 };
    const count = (line) => {
      const plain = line.replace(/\x1b\[[0-9;]*m/g, "");
      if (!/\bTests\s+\d/.test(plain)) return;
      for (const key of ["passed", "failed", "skipped"]) {
        const m = new RegExp(`(\\d+) ${key}`).exec(plain);
        if (m) totals[key] += Number(m[1]);
      }
    };
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      lines.forEach(count);
    });
    child.on("close", (code) => {
      count(pending);
      resolveRun({ code: code ?? 1, ...totals });
    });
  });
}

const task = process.argv[2] ?? "test";
const pnpm = ensurePnpm();
must(pnpm, ["install", "--frozen-lockfile", "--reporter=append-only"]);

switch (task) {
  case "start":
    must(pnpm, ["turbo", "run", "build", "--output-logs=errors-only"]);
    process.exit(run("node", [join(root, "scripts", "start.mjs"), ...process.argv.slice(3)]));
    break;
  case "test": {
    ensureSystemPackages();
    const { code, passed, failed, skipped } = await runCounting(pnpm, [
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
    if (code !== 0 || failed > 0 || passed === 0) {
      say(passed === 0 ? "no test ran" : "some checks failed (see above)");
      process.exit(code || 1);
    }
    say("all checks passed");
    break;
  }
  case "bench":
    must(pnpm, ["turbo", "run", "build", "--output-logs=errors-only"]);
    process.exit(run(pnpm, ["--filter", "@xxgk/bench", "run", "bench", ...process.argv.slice(3)]));
    break;
  default:
    say(`unknown task ${task}: use start, test or bench`);
    process.exit(2);
}
