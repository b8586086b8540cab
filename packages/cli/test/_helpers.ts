// In-process runs of the CLI with captured output, and scratch directories.
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
