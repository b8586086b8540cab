// Bytes of a text format into text. Published pages come in UTF-8 and, from older government CMSs, GBK
// or GB2312 — sometimes declaring the other one; files saved from Windows tools come as UTF-16 with a
// byte-order mark. The bytes decide; a declaration only chooses among encodings the bytes allow.
import type { TextEncoding } from "./types.js";

/** A byte input decoded, and how. */
export interface DecodedText {
  /** The text, without its byte-order mark. */
  readonly text: string;
  readonly encoding: TextEncoding;
  /** The encoding was given by a byte-order mark. */
  readonly bom: boolean;
  /**
   * The charset the document declares (`<meta charset>`, `<?xml encoding>`) as written, when it
   * declares one, and where in the text.
   */
  readonly declared?: { readonly charset: string; readonly line: number; readonly column: number };
  /** Byte sequences that could not be decoded and were replaced by U+FFFD. */
  readonly replaced: number;
}

// A declared charset, in the first bytes of a page (an HTML <meta>, an XML declaration).
const DECLARED = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i;
const HEAD = 4096;
/** Labels of the GB family: GB18030 decodes them all (it is a superset of GB2312 and GBK). */
const GB =
  /^(?:gb2312|gbk|gb18030|x-gbk|cp936|csgb2312|chinese|iso-ir-58|csiso58gb231280|ms936|windows-936)$/i;
const UTF8 = /^(?:utf-?8|unicode-1-1-utf-8|unicode11utf8|unicode20utf8|x-unicode20utf8)$/i;
/** Other East Asian encodings a page may rightly declare: decoded as declared. */
const OTHER_CJK: Readonly<Record<string, TextEncoding>> = {
  big5: "big5",
  "big5-hkscs": "big5",
  "cn-big5": "big5",
  "x-x-big5": "big5",
  shift_jis: "shift_jis",
  "shift-jis": "shift_jis",
  sjis: "shift_jis",
  "x-sjis": "shift_jis",
  "euc-jp": "euc-jp",
  "euc-kr": "euc-kr",
};

/** What family a declared charset label belongs to. */
export function charsetFamily(label: string): "utf-8" | "gb" | TextEncoding | "other" {
  const l = label.trim().toLowerCase();
  if (UTF8.test(l)) return "utf-8";
  if (GB.test(l)) return "gb";
  return OTHER_CJK[l] ?? "other";
}

const countReplaced = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf("\ufffd"); i >= 0; i = s.indexOf("\ufffd", i + 1)) n++;
  return n;
};

function decodeWith(encoding: TextEncoding, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** UTF-32 (which TextDecoder does not know): code points of 4 bytes, out-of-range ones replaced. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (bytes.length % 4 !== 0) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join("");
}

/**
 * UTF-16 without a byte-order mark, recognised by its zero bytes: text that is mostly ASCII (JSON,
 * markup) has a zero in every other byte, on the same side.
 */
function utf16Without(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, HEAD) & ~1;
  if (n < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.4 && even <= pairs * 0.02) return "utf-16le";
  if (even >= pairs * 0.4 && odd <= pairs * 0.02) return "utf-16be";
  return undefined;
}

function declaredIn(text: string): DecodedText["declared"] {
  const m = DECLARED.exec(text.slice(0, HEAD));
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const nl = before.lastIndexOf("\n");
  const line = before.length - before.replaceAll("\n", "").length + 1;
  return { charset: (m[1] ?? m[2])!, line, column: m.index - nl };
}

function result(text: string, encoding: TextEncoding, bom: boolean, replaced: number): DecodedText {
  const declared = declaredIn(text);
  return declared === undefined
    ? { text, encoding, bom, replaced }
    : { text, encoding, bom, declared, replaced };
}

/**
 * Decodes the bytes of a text document: by its byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-8
 * when the bytes are valid UTF-8, else as the East Asian encoding the page declares (Big5, Shift_JIS…),
 * else as GB18030 (which reads GB2312 and GBK). A declaration the bytes contradict is not followed — the
 * caller may say so, from {@link DecodedText.declared}. Never throws.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    const text = decodeWith("utf-8", bytes.subarray(3));
    return result(text, "utf-8", true, countReplaced(text));
  }
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) {
    const text = decodeUtf32(bytes.subarray(4), true);
    return result(text, "utf-32le", true, countReplaced(text));
  }
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) {
    const text = decodeUtf32(bytes.subarray(4), false);
    return result(text, "utf-32be", true, countReplaced(text));
  }
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    const encoding = a === 0xff ? "utf-16le" : "utf-16be";
    const text = decodeWith(encoding, bytes.subarray(2));
    return result(text, encoding, true, countReplaced(text));
  }
  const utf16 = utf16Without(bytes);
  if (utf16) {
    const text = decodeWith(utf16, bytes);
    return result(text, utf16, false, countReplaced(text));
  }
  try {
    return result(new TextDecoder("utf-8", { fatal: true }).decode(bytes), "utf-8", false, 0);
  } catch {
    // Not UTF-8: a legacy encoding.
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, HEAD));
  const m = DECLARED.exec(head);
  const family = m ? charsetFamily((m[1] ?? m[2])!) : "gb";
  const encoding: TextEncoding =
    family === "utf-8" || family === "gb" || family === "other" ? "gb18030" : family;
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return result(text, encoding, false, 0);
  } catch {
    text = decodeWith(encoding, bytes);
  }
  return result(text, encoding, false, countReplaced(text));
}
