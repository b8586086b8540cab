// In-process runs of the CLI with captured output, and scratch directories.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { Io } from "../src/index.js";
import { run } from "../src/index.js";

/** The outcome of one in-process run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Both streams interleaved in write order, as a terminal showing both would (set by {@link xxgk}). */
export const transcript = { text: "" };

/** Options of {@link xxgk}: where to run, whether stderr pretends to be a terminal, what stdin holds. */
export interface RunOptions {
  cwd?: string;
  stderrIsTTY?: boolean;
  stdin?: string | Uint8Array;
}

/** Runs `xxgk <argv…>` in-process and captures what it writes. */
export async function xxgk(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  transcript.text = "";
  const { stdin } = opts;
  const io: Io = {
    stdout: {
      write(s) {
        stdout += s;
        transcript.text += s;
      },
    },
    stderr: {
      write(s) {
        stderr += s;
        transcript.text += s;
      },
    },
    stderrIsTTY: opts.stderrIsTTY ?? false,
    cwd: opts.cwd ?? process.cwd(),
    ...(stdin === undefined
      ? {}
      : { readStdin: async () => (typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin) }),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), "xxgk-cli-"));
  dirs.push(d);
  return d;
}

/** Absolute paths of core-model's example reports. */
export const EXAMPLES = {
  wulin: new URL("../../core-model/examples/wulin-2020.json", import.meta.url).pathname,
  y2021: new URL("../../core-model/examples/example-2021.json", import.meta.url).pathname,
};

/**
 * Whether this process may mount a small tmpfs to fill up (root with mount rights): the disk-full
 * tests need one, and say in their titles that they are skipped otherwise.
 */
export const canMountTmpfs: boolean = (() => {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), "xxgk-tmpfs-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

/** Why a disk-full test is skipped, for its title. */
export const TMPFS_SKIP_REASON = "skipped: needs root with the right to mount a tmpfs";

const mounts: string[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) {
    execFileSync("umount", [m], { stdio: "ignore" });
    rmSync(m, { recursive: true, force: true });
  }
});

/** A fresh folder on a tmpfs of `kb` KiB (unmounted and removed after the test), to fill up. */
export function smallDisk(kb: number): string {
  const d = mkdtempSync(join(tmpdir(), "xxgk-full-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${kb}k`, "tmpfs", d]);
  mounts.push(d);
  return d;
}

/** Gives the tmpfs at `dir` (from {@link smallDisk}) a new size. */
export function resizeDisk(dir: string, kb: number): void {
  execFileSync("mount", ["-o", `remount,size=${kb}k`, dir]);
}
