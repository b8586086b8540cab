// `xxgk import --convert`: a legacy Word (.doc) or WPS (.wps) file converted to .docx by LibreOffice, so
// that the importer's Word reader can read it. soffice runs headless with a profile of its own in a
// temporary folder (LibreOffice allows one running instance per profile, so conversions never wait for,
// or disturb, a LibreOffice the user has open); the folder is removed afterwards, whatever happened.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Text } from "./command.js";

/** Where LibreOffice installs soffice when it is not on PATH (macOS, Windows). */
const KNOWN = [
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
  "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
];

const runnable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The soffice to run: `SOFFICE_PATH` when set (and nothing else then, so a wrong setting is said, not
 * worked around), else `soffice` on PATH, else LibreOffice's usual install folder; `undefined` if none.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.SOFFICE_PATH;
  if (set !== undefined && set !== "") return runnable(set) ? set : undefined;
  const names = process.platform === "win32" ? ["soffice.exe", "soffice.com"] : ["soffice"];
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    for (const name of names) if (runnable(join(dir, name))) return join(dir, name);
  }
  return KNOWN.find(runnable);
}

/** What to say when soffice cannot be found. */
export const SOFFICE_MISSING: Text = {
  zh: "未找到 LibreOffice 的 soffice 程序：--convert 要用它把旧版 Word（.doc）或 WPS（.wps）文件转换为 .docx。请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或用环境变量 SOFFICE_PATH 指明 soffice 的位置；也可以在 Word 或 WPS 中把文件另存为 .docx 后再导入",
  en: "LibreOffice's soffice was not found: --convert uses it to convert legacy Word (.doc) and WPS (.wps) files to .docx. Install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or set SOFFICE_PATH to soffice; or save the file as .docx in Word or WPS and import that",
};

/** A conversion that failed: what LibreOffice said, in both languages. */
export class ConvertError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = "ConvertError";
  }
}

/** Milliseconds a conversion may take (a fresh profile costs a few seconds) before soffice is killed. */
export const CONVERT_TIMEOUT_MS = 120_000;

/**
 * Converts a legacy Word / WPS file's bytes to .docx with `soffice --headless --convert-to docx`. The
 * input keeps its extension when it is one LibreOffice knows these files by (its filters go by content
 * and extension), else it is named `.doc`. Throws {@link ConvertError} when soffice fails, times out or
 * writes nothing.
 */
export async function convertToDocx(
  bytes: Uint8Array,
  fileName: string,
  soffice: string,
  timeoutMs = CONVERT_TIMEOUT_MS,
): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), "xxgk-convert-"));
  try {
    const ext = extname(fileName).toLowerCase();
    const input = join(dir, `input${[".doc", ".wps", ".dot", ".wpt"].includes(ext) ? ext : ".doc"}`);
    await writeFile(input, bytes);
    const out = join(dir, "out");
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--norestore",
      "--nologo",
      "--convert-to",
      "docx:MS Word 2007 XML",
      "--outdir",
      out,
      input,
    ];
    const printed = await new Promise<string>((resolve, reject) => {
      const child = spawn(soffice, args, { stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      const keep = (c: Buffer) => {
        text = (text + c.toString("utf8")).slice(-2000);
      };
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(
          new ConvertError({
            zh: `无法运行 ${soffice}（${e.message}）`,
            en: `cannot run ${soffice} (${e.message})`,
          }),
        );
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (timedOut) {
          reject(
            new ConvertError({
              zh: `LibreOffice 在 ${timeoutMs / 1000} 秒内没有转换完，已停止`,
              en: `LibreOffice did not finish converting within ${timeoutMs / 1000} s and was stopped`,
            }),
          );
        } else if (code === 0) resolve(text);
        else {
          const said = text.trim();
          reject(
            new ConvertError({
              zh: `LibreOffice 转换失败（退出码 ${code ?? signal}）${said === "" ? "" : `：${said}`}`,
              en: `LibreOffice failed to convert it (exit ${code ?? signal})${said === "" ? "" : `: ${said}`}`,
            }),
          );
        }
      });
    });
    try {
      return new Uint8Array(await readFile(join(out, "input.docx")));
    } catch {
      // soffice exits 0 when it could not load the file at all: it just writes nothing.
      const said = printed.trim();
      throw new ConvertError({
        zh: `LibreOffice 没能打开这个文件，未转换${said === "" ? "" : `（${said}）`}`,
        en: `LibreOffice could not open the file and converted nothing${said === "" ? "" : ` (${said})`}`,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
