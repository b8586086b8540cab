// Where a JSON text breaks, and why, in both languages. V8's JSON.parse names the position for most
// errors but not all ("Unexpected token", "Unexpected end"), and other engines word theirs differently,
// so a small scanner that follows the same grammar finds it for every error, and in the same place V8
// does (tested). Shared by everything that reads report documents from text (the CLI, the importer).

/** A message in both languages. */
export interface Message {
  readonly zh: string;
  readonly en: string;
}

/** A character offset in a text, with its 1-based line and column. */
export interface TextPlace {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Why a text is not JSON, and at which character offset. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly reason: Message;
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX_DIGIT = /^[0-9a-fA-F]$/;

class Fail {
  constructor(
    readonly offset: number,
    readonly reason: Message,
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
  const unexpected = (what: Message): Fail =>
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
  const digits = (what: Message) => {
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
  const VALUE: Message = { zh: "一个值", en: "a value" };
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

/**
 * 1-based line and column of a character offset: `\r\n`, `\n` and `\r` end lines, columns count code
 * points (as editors do).
 */
export function lineColumnAt(text: string, offset: number): TextPlace {
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

/** {@link parseJsonText}'s outcome: the value, or where and why the text is not JSON. */
export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: TextPlace & { readonly reason: Message }; readonly cause: unknown };

/**
 * Parses a JSON text; when it is not JSON, says where (the position JSON.parse names when it names one,
 * else the scanner's — they agree) and why. Never throws.
 */
export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (cause) {
    const found = locateJsonError(text);
    const v8 = cause instanceof Error ? V8_POSITION.exec(cause.message) : null;
    const offset = v8 ? Number(v8[1]) : (found?.offset ?? 0);
    const reason = found?.reason ?? { zh: "不是合法的 JSON", en: "not valid JSON" };
    return { ok: false, error: { ...lineColumnAt(text, offset), reason }, cause };
  }
}
