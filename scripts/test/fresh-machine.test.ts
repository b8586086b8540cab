// The fresh-machine path of `npm start` / `npm run bench`, run for real in a throw-away copy of the
// scripts: a PATH holding only node and npm (no pnpm, turbo, tsx, vite), a stub pnpm in .tools/ that
// records every call and fails the way turbo does when no package manager is on PATH. Nothing is
// installed and the working tree under test is never touched.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pinned = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).packageManager.split("@")[1];

let box: string;
let bin: string;
let log: string;
let stubDir: string;

function which(cmd: string): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const p = join(dir, cmd);
    if (spawnSync("test", ["-x", p]).status === 0) return p;
  }
  throw new Error(`${cmd} not on PATH`);
}

beforeAll(() => {
  box = mkdtempSync(join(tmpdir(), "xxgk-fresh-"));
  cpSync(join(repo, "package.json"), join(box, "package.json"));
  cpSync(join(repo, "scripts"), join(box, "scripts"), {
    recursive: true,
    filter: (src) => !src.includes("node_modules") && !src.includes(`${join("scripts", "test")}`),
  });
  log = join(box, "calls.log");
  writeFileSync(log, "");
  // The only folder on PATH: node and npm, as on a machine that has nothing else.
  bin = join(box, "path-bin");
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, "node"));
  symlinkSync(which("npm"), join(bin, "npm"));
  // The pinned pnpm, as ensurePnpm() leaves it in .tools/: a stub that records how it was called.
  stubDir = join(box, ".tools", "node_modules", ".bin");
  mkdirSync(stubDir, { recursive: true });
  const stub = join(stubDir, "pnpm");
  writeFileSync(
    stub,
    [
      "#!/bin/sh",
      `if [ "$1" = "--version" ]; then echo ${pinned}; exit 0; fi`,
      "found=$(command -v pnpm || echo none)",
      `echo "$found|$*" >> '${log}'`,
      'if [ "$1" = "turbo" ] && [ "$found" = none ]; then',
      '  echo "x Unable to find package manager binary: cannot find binary path" >&2; exit 1',
      "fi",
      "exit 0",
      "",
    ].join("\n"),
  );
  chmodSync(stub, 0o755);
  // The built CLI that start.mjs calls: records its arguments, prints a cells table.
  const cli = join(box, "packages", "cli", "dist", "bin.js");
  mkdirSync(dirname(cli), { recursive: true });
  writeFileSync(
    cli,
    `require("node:fs").appendFileSync(${JSON.stringify(log)}, "xxgk|" + process.argv.slice(2).join(" ") + "\\n");\n` +
      `if (process.argv[2] === "cells") process.stdout.write("table,row,column,raw\\n" + "二,a,b,0\\n".repeat(8));\n`,
  );
  writeFileSync(join(box, "packages", "cli", "package.json"), '{"type":"commonjs"}\n');
});

afterAll(() => rmSync(box, { recursive: true, force: true }));

function runScript(args: string[]) {
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, [join(box, "scripts", "run.mjs"), ...args], {
    cwd: box,
    env: { PATH: bin, HOME: box, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });
  const calls = readFileSync(log, "utf8").trim().split("\n").filter(Boolean);
  return { ...r, calls };
}

describe("on a machine with only node and npm on PATH", () => {
  it("npm start -- --no-serve installs, builds through turbo with the pinned pnpm on PATH, and writes the examples", () => {
    const r = runScript(["start", "--no-serve"]);
    expect(r.stderr).not.toContain("Unable to find package manager");
    expect(r.status).toBe(0);
    const pnpmCalls = r.calls.filter((c) => !c.startsWith("xxgk|"));
    expect(pnpmCalls).toEqual([
      `${join(stubDir, "pnpm")}|install --frozen-lockfile --reporter=append-only`,
      `${join(stubDir, "pnpm")}|turbo run build --output-logs=errors-only`,
    ]);
    const cliCalls = r.calls.filter((c) => c.startsWith("xxgk|")).map((c) => c.split(" ")[0]);
    expect(cliCalls).toEqual(["xxgk|validate", "xxgk|cells", "xxgk|render"]);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it("npm run bench reaches the bench package through the same pnpm", () => {
    const r = runScript(["bench"]);
    expect(r.status).toBe(0);
    expect(r.calls.at(-1)).toBe(`${join(stubDir, "pnpm")}|--filter @xxgk/bench run bench`);
  });

  it("a mistyped option is reported in one line with the usage, before anything is installed or built", () => {
    const r = runScript(["start", "--prot", "8080"]);
    expect(r.status).toBe(2);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toMatch(/^npm start: 未知或不完整的选项：--prot/);
    expect(r.stderr).toContain("用法：npm start");
    expect(r.stderr).not.toMatch(/\bat .*\.mjs:\d+/); // no stack trace
  });
});
