/**
 * LibreOffice as the real reader of the documents our writers make, for tests and benchmarks: Debian's
 * `soffice` (`SOFFICE_PATH` or `soffice` on PATH) converts files headless. LibreOffice allows one running
 * instance per user profile, so every call gets a fresh profile of its own in a temporary folder and
 * calls can run in parallel (vitest runs test files at once).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** The `soffice` executable: `SOFFICE_PATH` or `soffice` on PATH. */
export function sofficeExecutable(): string {
  return process.env.SOFFICE_PATH ?? "soffice";
}

/** What {@link convertWithLibreOffice} converts to, and how. */
export interface LibreOfficeOptions {
  /** A `--convert-to` target: `pdf`, `docx:"MS Word 2007 XML"`, `png` … */
  readonly to: string;
  /** Extra environment, e.g. `FONTCONFIG_FILE` for a fontconfig file that maps font names to installed fonts. */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before the conversion is killed (default 180 s: a fresh profile takes a few seconds). */
  readonly timeoutMs?: number;
}

/**
 * Converts files with one `soffice --headless --convert-to` run in a profile of its own, and returns each
 * output by the input's name with the target's extension (`a.docx` → `a.pdf`). Throws, with what
 * LibreOffice printed, when it fails or leaves an output out.
 */
export async function convertWithLibreOffice(
  inputs: Readonly<Record<string, Uint8Array>>,
  options: LibreOfficeOptions,
): Promise<Record<string, Uint8Array>> {
  const dir = await mkdtemp(join(tmpdir(), "xxgk-soffice-"));
  try {
    const files: string[] = [];
    for (const [name, bytes] of Object.entries(inputs)) {
      if (basename(name) !== name) throw new Error(`input name "${name}" must be a plain file name`);
      const path = join(dir, name);
      await writeFile(path, bytes);
      files.push(path);
    }
    const out = join(dir, "out");
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--norestore",
      "--nologo",
      "--convert-to",
      options.to,
      "--outdir",
      out,
      ...files,
    ];
    const printed = await new Promise<string>((resolve, reject) => {
      const child = spawn(sofficeExecutable(), args, {
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      child.stdout.on("data", (c: Buffer) => {
        text += c.toString("utf8");
      });
      child.stderr.on("data", (c: Buffer) => {
        text += c.toString("utf8");
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 180_000);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(
          new Error(`cannot run ${sofficeExecutable()}: ${e.message} (install libreoffice-writer-nogui)`),
        );
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve(text);
        else reject(new Error(`soffice exited with ${code ?? signal}:\n${text}`));
      });
    });
    const ext = options.to.split(":")[0]!;
    const result: Record<string, Uint8Array> = {};
    for (const name of Object.keys(inputs)) {
      const target = `${basename(name, extname(name))}.${ext}`;
      try {
        result[name] = new Uint8Array(await readFile(join(out, target)));
      } catch {
        throw new Error(`soffice did not write ${target}:\n${printed}`);
      }
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
