// The importer's entry points: bytes or text in, a report and diagnostics out — sniff and decode (once,
// here), the reader for the format, then the one pipeline.
import { Diagnostics } from "./_diagnostics.js";
import { charsetFamily, type DecodedText } from "./decode.js";
import { runPipeline } from "./pipeline/index.js";
import { readHtml } from "./readers/html.js";
import { BINARY_READERS, TEXT_READERS } from "./readers/index.js";
import { readText } from "./readers/text.js";
import { type Refusal, sniffBytes, sniffText, textFormat } from "./sniff.js";
import type { SourceDocument } from "./source.js";
import type { ImportFormat, ImportOptions, ImportResult } from "./types.js";

// Not a regex replace: on a 100 KB page it showed in profiles, to remove nothing.
const strip = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

const NOTHING = { placed: 0, unsure: 0, missing: 0, total: 0 } as const;

/**
 * Reads a report from a published page, a text copy, our own report JSON, a Word document (.docx) — or,
 * recognised and refused with a clear error until its reader lands, a PDF — given as bytes (decoded here:
 * UTF-8, UTF-16/32 by byte-order mark, GBK/GB18030) or as text. The format is recognised by content (option
 * `format` forces the HTML or text reader for text). Never rejects: what cannot be read comes back as
 * diagnostics, and `report` is `null` when no report could be made.
 */
export async function importReport(
  input: Uint8Array | string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const diag = new Diagnostics();
  let format: ImportFormat = "unknown";
  try {
    const sniffed = typeof input === "string" ? sniffText(input) : sniffBytes(input);
    if (sniffed.kind === "refused") return refused(sniffed.refusal, diag);
    let doc: SourceDocument | null;
    let decoded: DecodedText | undefined;
    if (sniffed.kind === "binary") {
      format = sniffed.format;
      const read = await BINARY_READERS[sniffed.format]();
      doc = await read(sniffed.bytes, diag, opts);
    } else {
      decoded = sniffed.decoded;
      if (decoded) noteEncoding(decoded, diag);
      const kind = opts.format === "html" || opts.format === "text" ? opts.format : textFormat(sniffed.text);
      format = kind;
      doc = TEXT_READERS[kind](sniffed.text, diag);
    }
    const result: ImportResult =
      doc === null
        ? { report: null, diagnostics: diag.list, stats: { ...NOTHING }, format }
        : runPipeline(doc, diag, opts);
    if (decoded) result.encoding = decoded.encoding;
    return result;
  } catch (error) {
    return internalError(error, diag, format);
  }
}

/** Reads a plain-text copy of a report (one cell per line, as scraped from a page). Never throws. */
export function importText(text: string, opts: ImportOptions = {}): ImportResult {
  const diag = new Diagnostics();
  try {
    return runPipeline(readText(strip(text)), diag, opts);
  } catch (error) {
    return internalError(error, diag, "text");
  }
}

/**
 * Reads a published HTML page, or a page rendered by `@xxgk/render-html` (losslessly, via its embedded
 * JSON). Never throws.
 */
export function importHtml(html: string, opts: ImportOptions = {}): ImportResult {
  const diag = new Diagnostics();
  try {
    return runPipeline(readHtml(strip(html), diag), diag, opts);
  } catch (error) {
    return internalError(error, diag, "html");
  }
}

function refused(r: Refusal, diag: Diagnostics): ImportResult {
  const at =
    r.format === "pdf" ? { page: 1, x: 0, y: 0 } : r.format === "docx" ? { paragraph: 1 } : { line: 1 };
  diag.add(r.code, "error", r.zh, r.en, at);
  return { report: null, diagnostics: diag.list, stats: { ...NOTHING }, format: r.format };
}

/** A bug in the importer: said as an error (with what broke), never thrown at the caller. */
function internalError(error: unknown, diag: Diagnostics, format: ImportFormat): ImportResult {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  diag.add(
    "internal-error",
    "error",
    `导入程序内部出错（${what}），未能读完这个文件。这是本工具的缺陷，请把文件和这条信息报告给开发者`,
    `the importer failed internally (${what}) and could not finish this file. This is a bug in the importer: please report it with the file`,
    format === "pdf" ? { page: 1, x: 0, y: 0 } : { line: 1 },
  );
  return { report: null, diagnostics: diag.list, stats: { ...NOTHING }, format };
}

const NAMES: Readonly<Record<string, string>> = {
  "utf-8": "UTF-8",
  gb18030: "GB18030（GBK/GB2312）",
  big5: "Big5",
  shift_jis: "Shift_JIS",
  "euc-jp": "EUC-JP",
  "euc-kr": "EUC-KR",
};

/** Says how bytes were decoded when it is worth knowing: a legacy encoding, a wrong declaration. */
function noteEncoding(d: DecodedText, diag: Diagnostics): void {
  const name = NAMES[d.encoding] ?? d.encoding.toUpperCase();
  const at = d.declared ? { line: d.declared.line, column: d.declared.column } : { line: 1 };
  const family = d.declared ? charsetFamily(d.declared.charset) : undefined;
  const agrees =
    family === undefined ||
    family === d.encoding ||
    (family === "gb" && d.encoding === "gb18030") ||
    // A declaration is not contradicted by bytes that are ASCII in every encoding.
    (d.encoding === "utf-8" && !d.bom && isAscii(d.text));
  if (d.declared && !agrees && !d.bom) {
    diag.add(
      "charset-mismatch",
      "info",
      `页面声明的编码是 ${d.declared.charset}，但内容实际是 ${name}：已按 ${name} 读取`,
      `the page declares ${d.declared.charset}, but its bytes are ${name}: read as ${name}`,
      at,
    );
  } else if (!d.encoding.startsWith("utf-")) {
    diag.add(
      "legacy-encoding",
      "info",
      `文件不是 UTF-8 编码，已按 ${name} 解码`,
      `the file is not UTF-8; decoded as ${name}`,
      at,
    );
  }
  if (d.replaced > 0) {
    diag.add(
      "undecodable-bytes",
      "warning",
      `有 ${d.replaced} 处字节无法按 ${name} 解码，已显示为 �：这些位置的文字可能有误`,
      `${d.replaced} byte sequences could not be decoded as ${name} and show as �: the text there may be wrong`,
      { line: 1 },
    );
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
