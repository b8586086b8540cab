// What an input is, by its content — never by its file name: the magic bytes of binary formats, then the
// decoded text's own shape (our JSON, HTML markup, plain text). Formats the importer does not read are
// recognised too, so that the user is told what the file is and what to do, instead of getting a report
// made of its bytes.
import { type DecodedText, decodeText } from "./decode.js";
import type { ImportFormat } from "./types.js";

/** A format recognised and refused, with the diagnostic that says so. */
export interface Refusal {
  readonly format: ImportFormat;
  readonly code: "format-unsupported" | "not-a-report" | "bytes-as-text" | "docx-unreadable";
  readonly zh: string;
  readonly en: string;
}

/** What an input was recognised as. */
export type Sniffed =
  | { readonly kind: "binary"; readonly format: "pdf" | "docx"; readonly bytes: Uint8Array }
  | { readonly kind: "text"; readonly text: string; readonly decoded?: DecodedText }
  | { readonly kind: "refused"; readonly refusal: Refusal };

const ascii = (bytes: Uint8Array, at: number, s: string): boolean => {
  if (at + s.length > bytes.length) return false;
  for (let i = 0; i < s.length; i++) if (bytes[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

const indexOfAscii = (bytes: Uint8Array, s: string, from: number, to: number): number => {
  const end = Math.min(to, bytes.length - s.length);
  for (let i = from; i <= end; i++) if (ascii(bytes, i, s)) return i;
  return -1;
};

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/**
 * The names of a zip archive's entries, from its central directory (the end record is within the last
 * 64 KiB + 22 bytes); `undefined` when the directory cannot be found or read.
 */
export function zipEntries(bytes: Uint8Array): string[] | undefined {
  const min = Math.max(0, bytes.length - 0xffff - 22);
  let end = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const names: string[] = [];
  const latin1 = new TextDecoder("latin1");
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || !ascii(bytes, at, "PK\u0001\u0002"))
      return names.length > 0 ? names : undefined;
    const nameLength = u16(bytes, at + 28);
    const extra = u16(bytes, at + 30);
    const comment = u16(bytes, at + 32);
    names.push(latin1.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

const SCAN_ASK = "本工具不做文字识别（OCR）：若只有扫描件，请找到报告的网页、Word 或 PDF 文字版";
const SCAN_ASK_EN =
  "The importer does no OCR: if all you have is a scan, find the report's web page, Word or text PDF";

const refuse = (format: ImportFormat, code: Refusal["code"], zh: string, en: string): Sniffed => ({
  kind: "refused",
  refusal: { format, code, zh, en },
});

function sniffZip(bytes: Uint8Array): Sniffed {
  const names = zipEntries(bytes);
  if (names === undefined) {
    // The directory is at the end: a download cut short has none, but its first entries still name their parts.
    if (indexOfAscii(bytes, "word/", 0, 65536) >= 0) {
      return refuse(
        "docx",
        "docx-unreadable",
        "这是一个 Word 文档（.docx），但文件不完整或已损坏（可能没有下载完），无法读取。请重新下载，或用 Word 或 WPS 打开（它们能修复的会提示修复），另存为 .docx 后再导入",
        "this is a Word document (.docx), but it is incomplete or damaged (a download cut short?) and cannot be read. Download it again, or open it in Word or WPS (they offer to repair what they can), save it as .docx and import that",
      );
    }
    return refuse(
      "unknown",
      "not-a-report",
      "这是一个 zip 压缩文件，但已损坏或不完整，无法读取",
      "this is a zip archive, but it is damaged or incomplete and cannot be read",
    );
  }
  const has = (name: string) => names.includes(name);
  const under = (dir: string) => names.some((n) => n.startsWith(dir));
  if (has("word/document.xml")) return { kind: "binary", format: "docx", bytes };
  if (has("OFD.xml")) {
    return refuse(
      "unknown",
      "format-unsupported",
      "这是 OFD 版式文件：不能直接读取。请用 OFD 阅读器另存为 PDF，或找到报告的网页版",
      "this is an OFD document: it cannot be read. Save it as PDF with an OFD reader, or find the report's web page",
    );
  }
  if (under("xl/") || under("ppt/")) {
    return refuse(
      "unknown",
      "not-a-report",
      `这是 ${under("xl/") ? "Excel 表格（.xlsx）" : "PowerPoint 演示文稿（.pptx）"}，不是年度报告文档。请导入报告本身（网页、Word、PDF 或文字）`,
      `this is ${under("xl/") ? "an Excel workbook (.xlsx)" : "a PowerPoint file (.pptx)"}, not a report document. Import the report itself (web page, Word, PDF or text)`,
    );
  }
  if (has("mimetype") && has("content.xml")) {
    return refuse(
      "unknown",
      "format-unsupported",
      "这是 OpenDocument 文档（.odt 等）：不能直接读取。请另存为 .docx、PDF 或网页后导入",
      "this is an OpenDocument file (.odt…): it cannot be read. Save it as .docx, PDF or a web page and import that",
    );
  }
  return refuse(
    "unknown",
    "not-a-report",
    `这是一个 zip 压缩包（含 ${names.length} 个文件），不是年度报告文档。请先解压，再导入其中的报告文件`,
    `this is a zip archive (${names.length} files), not a report document. Unpack it and import the report file inside`,
  );
}

/** Magic bytes of binary files that are not documents the importer could ever read. */
const NOT_DOCUMENTS: readonly {
  readonly magic: readonly number[];
  readonly zh: string;
  readonly en: string;
}[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], zh: "一张 PNG 图片", en: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], zh: "一张 JPEG 图片", en: "a JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], zh: "一张 GIF 图片", en: "a GIF image" },
  { magic: [0x49, 0x49, 0x2a, 0x00], zh: "一张 TIFF 图片", en: "a TIFF image" },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], zh: "一张 TIFF 图片", en: "a TIFF image" },
];
const ARCHIVES: readonly { readonly magic: readonly number[]; readonly name: string }[] = [
  { magic: [0x1f, 0x8b], name: "gzip" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: "7z" },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], name: "RAR" },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: "xz" },
];
const starts = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((m, i) => bytes[i] === m);

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Binary content: NUL bytes, or many control characters, among the first 8 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Tab, line feed, form feed, carriage return and escape (ISO-2022) are text.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return control > n * 0.1;
}

/** Recognises the format of a byte input and, for text formats, decodes it. */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  const binary = sniffMagic(bytes);
  if (binary) return binary;
  const decoded = decodeText(bytes);
  if (!isUnicodeWide(decoded) && looksBinary(bytes)) {
    return refuse(
      "unknown",
      "not-a-report",
      "这是一个二进制文件，不是年度报告文档（网页、PDF、Word 文档或文字）",
      "this is a binary file, not a report document (a web page, PDF, Word document or text)",
    );
  }
  return sniffText(decoded.text, decoded);
}

/**
 * The format of a file recognised by its bytes, not read as a report: a PDF, a Word document
 * (`docx`), a legacy Word or WPS file (`doc`), another binary file (an image, an archive: `unknown`) — or
 * `undefined` when it may be text (HTML, JSON, plain text). For telling someone who gave a document where
 * a report JSON file was expected what they gave and how to import it.
 */
export function binaryFormat(bytes: Uint8Array): ImportFormat | undefined {
  const s = sniffMagic(bytes);
  if (s) return s.kind === "binary" ? s.format : s.kind === "refused" ? s.refusal.format : undefined;
  if (hasBom(bytes) || !looksBinary(bytes)) return undefined;
  return isUnicodeWide(decodeText(bytes)) ? undefined : "unknown";
}

/** UTF-16 or UTF-32 text (its NUL bytes are not binary). */
const isUnicodeWide = (d: DecodedText): boolean =>
  d.encoding.startsWith("utf-16") || d.encoding.startsWith("utf-32");

/** The formats told by their magic bytes (never behind a byte-order mark, which marks text). */
function sniffMagic(bytes: Uint8Array): Sniffed | undefined {
  if (!hasBom(bytes)) {
    // A PDF may have a few bytes before its header; readers accept it within the first KiB.
    if (indexOfAscii(bytes, "%PDF-", 0, 1024) >= 0) return { kind: "binary", format: "pdf", bytes };
    if (ascii(bytes, 0, "PK\u0003\u0004") || ascii(bytes, 0, "PK\u0005\u0006")) return sniffZip(bytes);
    if (starts(bytes, OLE)) {
      return refuse(
        "doc",
        "format-unsupported",
        "这是旧版 Word（.doc）或 WPS（.wps）格式的文件，不能直接读取。请在 Word 或 WPS 中打开，另存为 .docx 或 PDF 后再导入",
        "this is a legacy Word (.doc) or WPS (.wps) file, which cannot be read. Open it in Word or WPS, save it as .docx or PDF, and import that",
      );
    }
    const image = NOT_DOCUMENTS.find((m) => starts(bytes, m.magic));
    if (image || (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP"))) {
      return refuse(
        "unknown",
        "not-a-report",
        `这是${image?.zh ?? "一张 WebP 图片"}，不是报告的文字。${SCAN_ASK}`,
        `this is ${image?.en ?? "a WebP image"}, not the report's text. ${SCAN_ASK_EN}`,
      );
    }
    const archive = ARCHIVES.find((m) => starts(bytes, m.magic));
    if (archive) {
      return refuse(
        "unknown",
        "not-a-report",
        `这是 ${archive.name} 压缩包，不是年度报告文档。请先解压，再导入其中的报告文件`,
        `this is a ${archive.name} archive, not a report document. Unpack it and import the report file inside`,
      );
    }
  }
  return undefined;
}

function hasBom(b: Uint8Array): boolean {
  return (
    (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) ||
    (b[0] === 0xff && b[1] === 0xfe) ||
    (b[0] === 0xfe && b[1] === 0xff) ||
    (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)
  );
}

const BINARY_AS_TEXT = /^(?:%PDF-|PK\u0003\u0004|\u00d0\u00cf\u0011\u00e0|\u0089PNG|\u00ff\u00d8\u00ff)/;
const MIME_HEADER = /^(?:From|MIME-Version|Content-Type|Date|Subject|X-MimeOLE):/im;

/**
 * Recognises a text input (a string, or bytes once decoded). A binary file that reached the caller as a
 * string (read as text by mistake) is read from its bytes when the string kept them, else refused.
 */
export function sniffText(input: string, decoded?: DecodedText): Sniffed {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (decoded === undefined && BINARY_AS_TEXT.test(text)) {
    // Read as Latin-1 ("binary"), the string is the bytes; read as UTF-8, they are lost.
    let bytes = true;
    for (let i = 0; i < text.length && bytes; i++) if (text.charCodeAt(i) > 0xff) bytes = false;
    if (bytes) return sniffBytes(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    return refuse(
      text.startsWith("%PDF-") ? "pdf" : "unknown",
      "bytes-as-text",
      "这是一个二进制文件（PDF、Word 或图片），却已被当作文字读入，原始内容已丢失：请把文件的原始字节（Uint8Array）交给 importReport",
      "this is a binary file (PDF, Word or image) that was read as text, which lost its content: pass the file's bytes (a Uint8Array) to importReport",
    );
  }
  if (decoded === undefined && text.slice(0, 8192).includes("\u0000")) {
    return refuse(
      "unknown",
      "not-a-report",
      "这是一个二进制文件，不是年度报告文档（网页、PDF、Word 文档或文字）",
      "this is a binary file, not a report document (a web page, PDF, Word document or text)",
    );
  }
  const head = text.slice(0, 4096);
  if (/^\s*\{\\rtf/.test(head)) {
    return refuse(
      "unknown",
      "format-unsupported",
      "这是 RTF 格式的文档，不能直接读取。请在 Word 或 WPS 中另存为 .docx、PDF 或网页后导入",
      "this is an RTF document, which cannot be read. Save it as .docx, PDF or a web page in Word or WPS and import that",
    );
  }
  if (MIME_HEADER.test(head.slice(0, 1024)) && /multipart\/related/i.test(head)) {
    return refuse(
      "unknown",
      "format-unsupported",
      "这是 MHT 网页归档文件，不能直接读取。请在浏览器中打开，另存为“网页，仅 HTML”后导入",
      'this is an MHT web archive, which cannot be read. Open it in a browser, save it as "Web page, HTML only" and import that',
    );
  }
  return decoded === undefined ? { kind: "text", text } : { kind: "text", text, decoded };
}

// Elements a page's markup is made of; a text that merely mentions `<p>` has few of them.
const TAG =
  /<\/?(?:p|div|span|table|tbody|thead|tr|td|th|br|h[1-6]|ul|ol|li|strong|b|i|u|em|font|img|a|center|section|article|header|footer|nav|meta|link|title|style|script|head|body)\b[^<>]*>/gi;
const DOCUMENT_START = /^(?:\s|<\?xml[^>]*>|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html[\s>])/i;

/**
 * Whether a text is an HTML document or fragment by its markup: it starts as a page does (`<!doctype
 * html>`, `<html>`), or it is built of elements — at least four tags, two of them end tags, and a tag
 * for every other line at least. Plain text that mentions `<p>` or `<tr>` in passing stays text.
 */
export function isHtml(text: string): boolean {
  const head = text.slice(0, 65536);
  if (DOCUMENT_START.test(head)) return true;
  let tags = 0;
  let ends = 0;
  for (const m of head.matchAll(TAG)) {
    tags++;
    if (m[0].charCodeAt(1) === 47) ends++;
  }
  if (tags < 4 || ends < 2) return false;
  let lines = 0;
  for (const l of head.split("\n")) if (l.trim() !== "") lines++;
  return tags * 2 >= lines;
}

/**
 * Whether a text is JSON rather than a text copy that happens to start with a bracket: it parses, or it
 * starts as a JSON object or array of objects does (`{"`, `[{`) — then a syntax error in it is reported
 * as one.
 */
export function isJson(text: string): boolean {
  const m = /^\s*([{[])\s*(.?)/.exec(text);
  if (!m) return false;
  const next = m[2]!;
  if (
    m[1] === "{" ? next === '"' || next === "}" : next === "{" || next === "[" || next === "]" || next === '"'
  )
    return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Which reader a text input goes to. */
export function textFormat(text: string): "json" | "html" | "text" {
  if (isJson(text)) return "json";
  return isHtml(text) ? "html" : "text";
}
