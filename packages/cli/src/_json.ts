// Reading JSON input files, and saying exactly where a broken one breaks (core-model's parseJsonText).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { lineColumnAt, parseJsonText } from "@xxgk/core-model";
import { binaryFormat, decodeText, type ImportFormat } from "@xxgk/importer";
import type { Io, Text } from "./command.js";
import { InputError } from "./errors.js";

/** How an HTML page starts: a doctype, a comment or a tag, after optional white space. */
const HTML_START = /^\s*<(?:!doctype|!--|[a-z][a-z0-9]*[\s>/])/i;

/**
 * Parses a JSON text, or throws an {@link InputError} naming `file:line:column` and what is wrong there.
 * The position is the one JSON.parse reports when it reports one, else the scanner's (they agree).
 */
export function parseJson(text: string, file: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  if (HTML_START.test(text.slice(0, 1024))) {
    // A published page given where a report file is expected: say what it is and what reads it.
    throw new InputError(
      "INPUT_JSON",
      file,
      {
        zh: `${file}: 这是 HTML 网页，不是报告 JSON 文件；请先用 xxgk import 把它转成报告：xxgk import ${file} -o 报告.json`,
        en: `${file}: this is an HTML page, not a report JSON file; turn it into one first: xxgk import ${file} -o report.json`,
      },
      lineColumnAt(text, 0),
      { cause: parsed.cause },
    );
  }
  const { line, column, offset, reason } = parsed.error;
  throw new InputError(
    "INPUT_JSON",
    file,
    {
      zh: `${file}:${line}:${column}: 不是合法的 JSON：${reason.zh}`,
      en: `${file}:${line}:${column}: not valid JSON: ${reason.en}`,
    },
    { line, column, offset },
    { cause: parsed.cause },
  );
}

/** The name an input is shown under: as the user typed it (`-` is standard input). */
export const STDIN = "-";

/**
 * Reads an input file (or standard input for `-`) as bytes; every failure is an {@link InputError}
 * naming the file. `directoryHint` says what to give instead of a directory.
 */
export async function readInput(file: string, io: Io, directoryHint: Text): Promise<Uint8Array> {
  try {
    if (file === STDIN) {
      if (!io.readStdin) throw Object.assign(new Error("no standard input"), { code: "ENOTSUP" });
      return await io.readStdin();
    }
    return await readFile(resolve(io.cwd, file));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why: Text =
      code === "ENOENT"
        ? { zh: "文件不存在", en: "no such file" }
        : code === "EISDIR"
          ? { zh: `这是一个目录，${directoryHint.zh}`, en: `is a directory; ${directoryHint.en}` }
          : code === "EACCES" || code === "EPERM"
            ? { zh: "没有读取权限", en: "permission denied" }
            : { zh: `无法读取（${code ?? String(cause)}）`, en: `cannot be read (${code ?? String(cause)})` };
    throw new InputError(
      "INPUT_READ",
      file,
      { zh: `${file}: ${why.zh}`, en: `${file}: ${why.en}` },
      undefined,
      {
        cause,
      },
    );
  }
}

/** The Unicode encodings a JSON file may be in: UTF-8, and UTF-16 / UTF-32 as Windows tools save them. */
const UNICODE = new Set(["utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be"]);

/**
 * Reads an input file (or standard input for `-`) as Unicode text: UTF-8, or UTF-16 / UTF-32 by their
 * byte-order mark, without the mark (the importer's decoding, so both read files alike). Anything else
 * (GBK) is an {@link InputError}: a report file is Unicode.
 */
export async function readText(file: string, io: Io): Promise<string> {
  const bytes = await readInput(file, io, {
    zh: "请给出其中的 .json 文件",
    en: "give the .json files in it",
  });
  // A document (PDF, Word) is said to be one, with how to import it; another binary file only when its
  // bytes are not Unicode text either (text with a stray NUL is still text, with a JSON error in it).
  const format = binaryFormat(bytes);
  if (format !== undefined && format !== "unknown") throw notJson(file, format);
  const decoded = decodeText(bytes);
  if (UNICODE.has(decoded.encoding) && decoded.replaced === 0) return decoded.text;
  if (format === "unknown") throw notJson(file, format);
  const unicode = UNICODE.has(decoded.encoding);
  throw new InputError("INPUT_ENCODING", file, {
    zh: unicode
      ? `${file}: 有 ${decoded.replaced} 处字节不是有效的 ${decoded.encoding.toUpperCase()}，请检查文件是否损坏`
      : `${file}: 不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后重试`,
    en: unicode
      ? `${file}: ${decoded.replaced} byte sequences are not valid ${decoded.encoding.toUpperCase()}; is the file damaged?`
      : `${file}: not UTF-8 encoded (GBK?); save it as UTF-8 and try again`,
  });
}

/** What a PDF, a Word file or another binary file given where a report JSON file was expected is. */
const DOCUMENTS: Partial<Record<ImportFormat, Text>> = {
  pdf: { zh: "一个 PDF 文件", en: "a PDF file" },
  docx: { zh: "一个 Word 文档（.docx）", en: "a Word document (.docx)" },
  doc: { zh: "一个旧版 Word（.doc）或 WPS（.wps）文件", en: "a legacy Word (.doc) or WPS (.wps) file" },
};

/** The error for a document given where a report JSON file was expected: what it is, and how to import it. */
function notJson(file: string, format: ImportFormat): InputError {
  const what = DOCUMENTS[format];
  const convert = format === "doc" ? " --convert" : "";
  return new InputError(
    "INPUT_JSON",
    file,
    what
      ? {
          zh: `${file}: 这是${what.zh}，不是报告 JSON 文件；请先用 xxgk import 把它转成报告：xxgk import${convert} ${file} -o 报告.json`,
          en: `${file}: this is ${what.en}, not a report JSON file; turn it into one first: xxgk import${convert} ${file} -o report.json`,
        }
      : {
          zh: `${file}: 这是二进制文件（不是文字），不是报告 JSON 文件`,
          en: `${file}: this is a binary file (not text), not a report JSON file`,
        },
  );
}

/** Reads and parses a JSON input file; every failure is an {@link InputError} naming the file. */
export async function readJson(file: string, io: Io): Promise<unknown> {
  return parseJson(await readText(file, io), file);
}
