// The one module every command writes files through (STYLE.md, *Writing files*): an output that is, or
// points to, one of the command's inputs is refused, whatever path spelling, symlink, hard link or case
// leads to it; the data goes to a temporary file in the target's folder, is flushed to the disk and only
// then renamed into place, so a full disk or a killed process never leaves a truncated file under the
// output's name; a failure names the file and the operating system's reason. Also: stdout-or-file for
// `-o`, and the `--out-dir` folder that batch commands write into.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { chmod, link, lstat, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Io, Text } from "./command.js";
import { OutputError } from "./errors.js";

/** The identity of a file: device and inode, the same for every path, link or spelling that reaches it. */
const identity = (s: { dev: bigint; ino: bigint }) => `${s.dev}:${s.ino}`;

async function identityOf(path: string): Promise<string | undefined> {
  try {
    return identity(await stat(path, { bigint: true }));
  } catch {
    return undefined; // nothing there (yet): nothing to protect, nothing to collide with
  }
}

/**
 * The files a command must never write: its inputs, known by identity (device and inode), so that
 * `../in/a.json`, `A.JSON` on a case-insensitive file system, a hard link or a symlink to the input all
 * count as the input. Built once per command (or per worker thread) and asked for every output.
 */
export class ProtectedFiles {
  private constructor(private readonly names: ReadonlyMap<string, { name: string; path: string }>) {}

  /** The inputs `paths` (relative to `cwd`; `-`, standard input, is skipped), as named on the command line. */
  static async of(paths: readonly string[], cwd: string): Promise<ProtectedFiles> {
    const names = new Map<string, { name: string; path: string }>();
    for (const p of paths) {
      if (p === "-") continue;
      const path = resolve(cwd, p);
      const id = await identityOf(path);
      if (id !== undefined && !names.has(id)) names.set(id, { name: p, path });
    }
    return new ProtectedFiles(names);
  }

  /** No file is protected (for commands without inputs, such as `xxgk new`). */
  static readonly none = new ProtectedFiles(new Map());

  /** The input (as named, and its absolute path) that the file at the absolute `path` is or points to. */
  async inputAt(path: string): Promise<{ name: string; path: string } | undefined> {
    if (this.names.size === 0) return undefined;
    const id = await identityOf(path);
    return id === undefined ? undefined : this.names.get(id);
  }
}

/** How {@link writeFileSafely} writes. */
export interface WriteFileOptions {
  /** Relative paths are resolved against it. */
  readonly cwd: string;
  /** Replace an existing file (never a protected one, never a folder). */
  readonly force: boolean;
  /** Files that must not be written: the command's inputs. */
  readonly protect: ProtectedFiles;
  /** The file's name in messages; default the path as given. */
  readonly shown?: string;
}

/** The operating system's reason for a failed write, in words, for the codes a user can act on. */
const REASONS: Readonly<Record<string, Text>> = {
  ENOSPC: { zh: "磁盘空间不足", en: "no space left on the device" },
  EDQUOT: { zh: "超出磁盘配额", en: "disk quota exceeded" },
  EACCES: { zh: "没有写入权限", en: "permission denied" },
  EPERM: { zh: "操作不被允许", en: "operation not permitted" },
  EROFS: { zh: "文件系统只读", en: "read-only file system" },
  ENOENT: { zh: "所在目录不存在", en: "its folder does not exist" },
  ENOTDIR: { zh: "路径中有一部分不是目录", en: "part of the path is not a folder" },
  EISDIR: { zh: "这是一个目录", en: "it is a folder" },
  EIO: { zh: "输入输出错误", en: "input/output error" },
  EMFILE: { zh: "打开的文件过多", en: "too many open files" },
  ENAMETOOLONG: { zh: "文件名过长", en: "file name too long" },
};

/** `ENOSPC` → "no space left on the device (ENOSPC)"; an error without a code by its message. */
function reasonOf(cause: unknown): Text {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { zh: message, en: message };
  }
  const words = REASONS[code];
  return words ? { zh: `${words.zh}（${code}）`, en: `${words.en} (${code})` } : { zh: code, en: code };
}

function writeFailed(name: string, cause: unknown): OutputError {
  const why = reasonOf(cause);
  return new OutputError(
    "OUTPUT_WRITE",
    name,
    {
      zh: `无法写入 ${name}：${why.zh}；没有留下写了一半的文件`,
      en: `cannot write ${name}: ${why.en}; nothing half-written was left`,
    },
    { cause },
  );
}

const exists = (name: string, cause?: unknown) =>
  new OutputError(
    "OUTPUT_EXISTS",
    name,
    { zh: `${name} 已存在；加 --force 覆盖`, en: `${name} already exists; add --force to overwrite it` },
    cause === undefined ? undefined : { cause },
  );

/** A file system that cannot make hard links answers `link` with one of these. */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS"]);

/** Flushes a folder's entries (the rename) to the disk; not possible on every platform, so best effort. */
async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Windows cannot open a folder; some file systems refuse fsync on one. The file itself is synced.
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * Writes `data` (text as UTF-8) to the file at `path`, or throws an {@link OutputError} naming the file:
 * `OUTPUT_IS_INPUT` when it is, or is a link to, a protected file; `OUTPUT_EXISTS` when something is
 * there and `force` is not set; `OUTPUT_WRITE` with the operating system's reason otherwise. The data
 * is written to a temporary file in the same folder, flushed to the disk, and renamed into place (without
 * `force`, hard-linked, which fails if a file appeared meanwhile): the file is either whole or untouched,
 * and a failure leaves no temporary file behind. An existing file replaced with `force` keeps its
 * permissions; a symlink at `path` is replaced by the file, never written through.
 */
export async function writeFileSafely(
  path: string,
  data: string | Uint8Array,
  options: WriteFileOptions,
): Promise<void> {
  const target = resolve(options.cwd, path);
  const name = options.shown ?? path;
  const input = await options.protect.inputAt(target);
  if (input !== undefined) {
    const isLink = await lstat(target).then(
      (s) => s.isSymbolicLink(),
      () => false,
    );
    throw new OutputError(
      "OUTPUT_IS_INPUT",
      name,
      isLink
        ? {
            zh: `${name} 是指向输入文件 ${input.name} 的链接，不能用作输出`,
            en: `${name} is a link to the input file ${input.name}; it cannot be the output`,
          }
        : input.name === path
          ? {
              zh: `${name} 是输入文件，不能用作输出`,
              en: `${name} is an input file; it cannot also be the output`,
            }
          : {
              // Another name for the same file: another spelling of its path, a hard link, or another
              // case on a case-insensitive disk.
              zh: `${name} 就是输入文件 ${input.name}，不能用作输出`,
              en: `${name} is the input file ${input.name}; it cannot also be the output`,
            },
    );
  }
  const present = await lstat(target).catch(() => undefined);
  if (present?.isDirectory()) {
    throw new OutputError("OUTPUT_WRITE", name, {
      zh: `${name} 是一个目录，不能写成文件`,
      en: `${name} is a folder; it cannot be written as a file`,
    });
  }
  if (present !== undefined && !options.force) throw exists(name);

  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  let created = false;
  try {
    const handle = await open(temp, "wx");
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (present?.isFile()) await chmod(temp, present.mode & 0o7777).catch(() => {});
    if (options.force) {
      await rename(temp, target);
    } else {
      // A hard link is "create it unless it exists" in one step; the temporary name then goes.
      try {
        await link(temp, target);
        await unlink(temp);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw exists(name, e);
        if (code === undefined || !NO_HARD_LINKS.has(code)) throw e;
        if (
          await lstat(target).then(
            () => true,
            () => false,
          )
        )
          throw exists(name);
        await rename(temp, target);
      }
    }
    created = false;
  } catch (e) {
    if (created) await unlink(temp).catch(() => {});
    if (e instanceof OutputError) throw e;
    throw writeFailed(name, e);
  }
  await syncFolder(dirname(target));
}

/** Where and how to write a command's result. */
export interface OutputTarget {
  /** `-o FILE`; stdout when absent or `-`. */
  readonly file: string | undefined;
  readonly force: boolean;
  /** Input files of the command: never overwritten, even with `--force`. */
  readonly inputs: readonly string[] | ProtectedFiles;
}

/** Writes `text` to the target (stdout, or a file by {@link writeFileSafely}); failures are {@link OutputError}s. */
export async function writeOutput(text: string, target: OutputTarget, io: Io): Promise<void> {
  if (target.file === undefined || target.file === "-") {
    io.stdout.write(text);
    return;
  }
  const protect =
    target.inputs instanceof ProtectedFiles ? target.inputs : await ProtectedFiles.of(target.inputs, io.cwd);
  await writeFileSafely(target.file, text, { cwd: io.cwd, force: target.force, protect });
}

/**
 * Creates the `--out-dir` folder `dir` (relative to `cwd`) with its parents, if missing; every failure is an
 * {@link OutputError} naming the folder — a path that is a file is said to be one.
 */
export async function makeOutputDir(dir: string, cwd: string): Promise<void> {
  try {
    await mkdir(resolve(cwd, dir), { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = reasonOf(cause);
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
            zh: `无法创建输出目录 ${dir}：${why.zh}`,
            en: `cannot create the output directory ${dir}: ${why.en}`,
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
