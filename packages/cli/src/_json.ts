// Reading JSON input files, and saying exactly where a broken one breaks. V8's JSON.parse names the
// position for most errors but not all ("Unexpected token", "Unexpected end"), so a small scanner that
// follows the same grammar finds it for every error, and in the same place V8 does (tested).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Io, Text } from "./command.js";
import { InputError, type Position } from "./errors.js";

/** Why a text is not JSON, and at which character offset. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly reason: Text;
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX_DIGIT = /^[0-9a-fA-F]$/;

class Fail {
  constructor(
    readonly offset: number,
    readonly reason: Text,
  ) {}
}

function show(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x20 || cp === 0x7f ? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : `“${ch}”`;
}

/**
 * Finds the first syntax error of a JSON text (RFC 8259, as `JSON.parse` reads it), or `null` when the
 * text is valid JSON. Iterative, so deeply nested input cannot overflow the stack.
 */
export function locateJsonError(s: string): JsonSyntaxError | null {
  let i = 0;
  const end = (): Fail => new Fail(s.length, { zh: "JSON 意外结束", en: "unexpected end of JSON" });
  const unexpected = (what: Text): Fail =>
    i >= s.length
      ? end()
      : new Fail(i, {
          zh: `此处不应出现 ${show(s[i]!)}，应为${what.zh}`,
          en: `unexpected ${show(s[i]!)}, expected ${what.en}`,
        });
  const ws = () => {
    while (i < s.length && WS.has(s[i]!)) i++;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= s.length) throw new Fail(s.length, { zh: "字符串没有结束引号", en: "unterminated string" });
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) {
        throw new Fail(i, {
          zh: `字符串中有未转义的控制字符 ${show(s[i]!)}`,
          en: `unescaped control character ${show(s[i]!)} in a string`,
        });
      }
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === "u") {
          let k = i + 2;
          while (k < i + 6 && k < s.length && HEX_DIGIT.test(s[k]!)) k++;
          if (k < i + 6) {
            throw new Fail(k, {
              zh: "\\u 后应为 4 位十六进制数",
              en: "\\u must be followed by 4 hex digits",
            });
          }
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) {
          i += 2;
        } else if (e === undefined) {
          throw end();
        } else {
          throw new Fail(i + 1, { zh: `无效的转义 \\${e}`, en: `bad escape \\${e}` });
        }
        continue;
      }
      i++;
    }
  };
  const digits = (what: Text) => {
    const start = i;
    while (i < s.length && s[i]! >= "0" && s[i]! <= "9") i++;
    if (i === start) throw new Fail(i, { zh: what.zh, en: what.en });
  };
  const number = () => {
    if (s[i] === "-") {
      i++;
      if (i >= s.length || s[i]! < "0" || s[i]! > "9") {
        throw new Fail(i, { zh: "负号后没有数字", en: "no number after minus sign" });
      }
    }
    if (s[i] === "0") i++;
    else digits({ zh: "应为数字", en: "expected a digit" });
    if (s[i] === ".") {
      i++;
      digits({ zh: "小数点后没有数字", en: "no digits after the decimal point" });
    }
    if (s[i] === "e" || s[i] === "E") {
      i++;
      if (s[i] === "+" || s[i] === "-") i++;
      digits({ zh: "指数部分没有数字", en: "exponent part is missing a number" });
    }
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (i >= s.length) throw end();
      if (s[i] !== ch) throw unexpected({ zh: ` ${word}`, en: word });
      i++;
    }
  };
  const VALUE: Text = { zh: "一个值", en: "a value" };
  // Containers still open, innermost last: "{" expects a key next, "[" a value.
  const stack: ("{" | "[")[] = [];
  try {
    for (;;) {
      // A value.
      ws();
      const c = s[i];
      if (c === undefined) throw end();
      if (c === "{" || c === "[") {
        i++;
        ws();
        if (s[i] === (c === "{" ? "}" : "]")) {
          i++;
        } else {
          stack.push(c);
          if (c === "{") {
            if (s[i] !== '"')
              throw unexpected({ zh: "带双引号的属性名", en: "a double-quoted property name" });
            string();
            ws();
            if (s[i] !== ":") throw unexpected({ zh: "属性名后的“:”", en: "':' after the property name" });
            i++;
          }
          continue;
        }
      } else if (c === '"') string();
      else if (c === "-" || (c >= "0" && c <= "9")) number();
      else if (c === "t") literal("true");
      else if (c === "f") literal("false");
      else if (c === "n") literal("null");
      else throw unexpected(VALUE);
      // After a value: close containers or go on to the next member.
      for (;;) {
        const top = stack[stack.length - 1];
        ws();
        if (top === undefined) {
          if (i < s.length) {
            throw new Fail(i, {
              zh: "JSON 结束后还有多余内容",
              en: "unexpected content after the JSON value",
            });
          }
          return null;
        }
        const close = top === "{" ? "}" : "]";
        if (s[i] === close) {
          i++;
          stack.pop();
          continue;
        }
        if (s[i] !== ",") {
          throw unexpected(
            top === "{"
              ? { zh: "“,”或“}”", en: "',' or '}' after a property value" }
              : { zh: "“,”或“]”", en: "',' or ']' after an array element" },
          );
        }
        i++;
        if (top === "{") {
          ws();
          if (s[i] !== '"') throw unexpected({ zh: "带双引号的属性名", en: "a double-quoted property name" });
          string();
          ws();
          if (s[i] !== ":") throw unexpected({ zh: "属性名后的“:”", en: "':' after the property name" });
          i++;
        }
        break;
      }
    }
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

/** 1-based line and column of a character offset; `\r\n`, `\n` and `\r` end lines, columns count code points. */
export function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
      line++;
      lineStart = k + 1;
    }
  }
  const column = [...text.slice(lineStart, offset)].length + 1;
  return { line, column, offset };
}

const V8_POSITION = /at position (\d+)/;
/** How an HTML page starts: a doctype, a comment or a tag, after optional white space. */
const HTML_START = /^\s*<(?:!doctype|!--|[a-z][a-z0-9]*[\s>/])/i;

/**
 * Parses a JSON text, or throws an {@link InputError} naming `file:line:column` and what is wrong there.
 * The position is the one JSON.parse reports when it reports one, else the scanner's (they agree).
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (HTML_START.test(text.slice(0, 1024))) {
      // A published page given where a report file is expected: say what it is and what reads it.
      throw new InputError(
        "INPUT_JSON",
        file,
        {
          zh: `${file}: 这是 HTML 网页，不是报告 JSON 文件；请先用 xxgk import 把它转成报告：xxgk import ${file} -o 报告.json`,
          en: `${file}: this is an HTML page, not a report JSON file; turn it into one first: xxgk import ${file} -o report.json`,
        },
        positionOf(text, 0),
        { cause },
      );
    }
    const found = locateJsonError(text);
    const v8 = cause instanceof Error ? V8_POSITION.exec(cause.message) : null;
    const offset = v8 ? Number(v8[1]) : (found?.offset ?? 0);
    const reason = found?.reason ?? { zh: "不是合法的 JSON", en: "not valid JSON" };
    const pos = positionOf(text, offset);
    throw new InputError(
      "INPUT_JSON",
      file,
      {
        zh: `${file}:${pos.line}:${pos.column}: 不是合法的 JSON：${reason.zh}`,
        en: `${file}:${pos.line}:${pos.column}: not valid JSON: ${reason.en}`,
      },
      pos,
      { cause },
    );
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true });

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

/** Reads an input file (or standard input for `-`) as UTF-8 text, without a leading byte-order mark. */
export async function readText(file: string, io: Io): Promise<string> {
  const bytes = await readInput(file, io, {
    zh: "请给出其中的 .json 文件",
    en: "give the .json files in it",
  });
  try {
    return stripBom(decoder.decode(bytes));
  } catch (cause) {
    throw new InputError(
      "INPUT_ENCODING",
      file,
      {
        zh: `${file}: 不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后重试`,
        en: `${file}: not UTF-8 encoded (GBK?); save it as UTF-8 and try again`,
      },
      undefined,
      { cause },
    );
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads and parses a JSON input file; every failure is an {@link InputError} naming the file. */
export async function readJson(file: string, io: Io): Promise<unknown> {
  return parseJson(await readText(file, io), file);
}
