// Writing results: to stdout, or to a file given with -o that is never an input and never silently
// replaced (the `wx` flag makes "does it exist?" and "create it" one atomic step); and the --out-dir
// folder that batch commands write into.
import { realpathSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Io } from "./command.js";
import { OutputError } from "./errors.js";

function same(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}

/** Where and how to write a command's result. */
export interface OutputTarget {
  /** `-o FILE`; stdout when absent or `-`. */
  readonly file: string | undefined;
  readonly force: boolean;
  /** Input files of the command: never overwritten, even with `--force`. */
  readonly inputs: readonly string[];
}

/** Writes `data` (text, or bytes for a file) to the target; every failure is an {@link OutputError} naming the file. */
export async function writeOutput(data: string | Uint8Array, target: OutputTarget, io: Io): Promise<void> {
  if (target.file === undefined || target.file === "-") {
    io.stdout.write(typeof data === "string" ? data : new TextDecoder().decode(data));
    return;
  }
  const file = target.file;
  const path = resolve(io.cwd, file);
  if (target.inputs.some((input) => input !== "-" && same(resolve(io.cwd, input), path))) {
    throw new OutputError("OUTPUT_IS_INPUT", file, {
      zh: `${file} 是输入文件，不能用作输出`,
      en: `${file} is an input file; it cannot also be the output`,
    });
  }
  try {
    await writeFile(path, data, { flag: target.force ? "w" : "wx" });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      throw new OutputError(
        "OUTPUT_EXISTS",
        file,
        { zh: `${file} 已存在；加 --force 覆盖`, en: `${file} already exists; add --force to overwrite it` },
        { cause },
      );
    }
    throw new OutputError(
      "OUTPUT_WRITE",
      file,
      {
        zh: `无法写入 ${file}（${code ?? String(cause)}）`,
        en: `cannot write ${file} (${code ?? String(cause)})`,
      },
      { cause },
    );
  }
}

/**
 * Creates the `--out-dir` folder `dir` (relative to `cwd`) with its parents, if missing; every failure is an
 * {@link OutputError} naming the folder — a path that is a file is said to be one.
 */
export async function makeOutputDir(dir: string, cwd: string): Promise<void> {
  try {
    await mkdir(resolve(cwd, dir), { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new OutputError(
      "OUTPUT_WRITE",
      dir,
      // A recursive mkdir fails with EEXIST / ENOTDIR when the path or one of its parents is a file.
      code === "EEXIST" || code === "ENOTDIR"
        ? {
            zh: `${dir} 是文件而不是目录；--out-dir 请给一个目录`,
            en: `${dir} is a file, not a directory; give --out-dir a directory`,
          }
        : {
            zh: `无法创建输出目录 ${dir}（${code}）`,
            en: `cannot create the output directory ${dir} (${code})`,
          },
      { cause },
    );
  }
}

/** The `-o` / `--force` options shared by commands that write a file. */
export const OUTPUT_OPTIONS = {
  output: {
    type: "string",
    short: "o",
    arg: "FILE",
    describe: { zh: "写入文件（默认写到标准输出）", en: "write to FILE (default: standard output)" },
  },
  force: {
    type: "boolean",
    describe: {
      zh: "允许覆盖已存在的输出文件（输入文件永不覆盖）",
      en: "overwrite an existing output file (never an input)",
    },
  },
} as const;
