// The built `xxgk` as users run it: a real process, real exit codes, real pipes.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "./_helpers.js";

const root = new URL("..", import.meta.url).pathname;
const bin = new URL("../dist/bin.js", import.meta.url).pathname;

beforeAll(() => {
  // turbo builds before testing; a bare `vitest run` in a fresh clone builds here instead of failing.
  if (!existsSync(bin)) {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root });
    execFileSync(process.execPath, ["scripts/chmod-bin.mjs"], { cwd: root });
  }
});

function sh(command: string, input?: string) {
  const r = spawnSync("/bin/sh", ["-c", command], {
    input,
    encoding: "utf8",
    env: { ...process.env, LANG: "C.UTF-8" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the xxgk executable", () => {
  it("is executable and starts with a node shebang", () => {
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("prints help and validates the seed with exit 0", () => {
    expect(sh(`"${bin}" --help`)).toMatchObject({ code: 0, stderr: "" });
    const r = sh(`"${bin}" validate --lang en "${EXAMPLES.wulin}"`);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("1 file: 0 with errors (0 errors, 0 warnings, 1 notice)");
  });

  it("exits 2 for broken JSON on stdin, naming the position", () => {
    const r = sh(`"${bin}" validate -`, '{\n  "edition": 2021,\n  "meta": \n');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("xxgk: -:4:1: 不是合法的 JSON：JSON 意外结束\n");
  });

  it("stops quietly when the reader of its output goes away (| head)", () => {
    // ~0.4 MB of findings: far more than a pipe buffers, so the write fails with EPIPE once head exits.
    // Relative names keep the command line short whatever the checkout's path (bash -c has a 128 KB limit).
    const files = Array.from({ length: 2000 }, () => `"${basename(EXAMPLES.wulin)}"`).join(" ");
    const r = spawnSync(
      "bash",
      ["-c", `"${bin}" validate --details ${files} | head -n 1; exit "\${PIPESTATUS[0]}"`],
      { encoding: "utf8", cwd: dirname(EXAMPLES.wulin) },
    );
    expect(r.stdout).toBe(`${basename(EXAMPLES.wulin)}\n`);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
