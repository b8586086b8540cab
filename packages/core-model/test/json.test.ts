import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineColumnAt, locateJsonError, parseJsonText } from "../src/index.js";

function v8Error(text: string): { offset: number | null } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const m = /at position (\d+)/.exec((e as Error).message);
    return { offset: m ? Number(m[1]) : null };
  }
}

// Text that is often almost JSON: JSON fragments, structural characters and escapes glued together.
const jsonish = fc
  .array(
    fc.oneof(
      fc.json(),
      fc.constantFrom(
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        '"',
        "\\",
        "\\u12",
        "-",
        "0",
        "1.",
        "e+",
        "tru",
        "null",
        " ",
        "\n",
        "\t",
        "\u0001",
        "\u00a0",
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

describe("locateJsonError", () => {
  it("finds an error exactly when JSON.parse fails, at the position V8 names when it names one", () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        const mine = locateJsonError(text);
        const v8 = v8Error(text);
        expect(mine === null).toBe(v8 === null);
        if (mine && v8?.offset !== null && v8?.offset !== undefined) expect(mine.offset).toBe(v8.offset);
        if (mine) expect(mine.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it("places the errors V8 reports without a position", () => {
    expect(locateJsonError('{"a":}')?.offset).toBe(5);
    expect(locateJsonError('{"a": tru }')?.offset).toBe(9);
    expect(locateJsonError("")?.offset).toBe(0);
    expect(locateJsonError('{"a": [1, 2')?.offset).toBe(11);
  });

  it("survives nesting far deeper than the call stack", () => {
    const deep = "[".repeat(200_000);
    expect(locateJsonError(deep)?.offset).toBe(200_000);
    expect(locateJsonError(`${deep}${"]".repeat(200_000)}`)).toBeNull();
  });
});

describe("lineColumnAt", () => {
  it("counts lines across \\n, \\r\\n and \\r, and columns in characters", () => {
    expect(lineColumnAt("ab\ncd", 4)).toEqual({ line: 2, column: 2, offset: 4 });
    expect(lineColumnAt("ab\r\ncd", 5)).toEqual({ line: 2, column: 2, offset: 5 });
    expect(lineColumnAt("a\rb", 2)).toEqual({ line: 2, column: 1, offset: 2 });
    // "𠮷" is two UTF-16 units but one character to an editor.
    expect(lineColumnAt('{"𠮷":x', 6)).toEqual({ line: 1, column: 6, offset: 6 });
  });
});

describe("parseJsonText", () => {
  it("gives the value, or the line, column and reason in both languages", () => {
    expect(parseJsonText('{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
    const r = parseJsonText('{\n  "edition": "2021",\n  "meta": }\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({
      line: 3,
      column: 11,
      offset: 33,
      reason: { zh: "此处不应出现 “}”，应为一个值", en: "unexpected “}”, expected a value" },
    });
    expect(r.cause).toBeInstanceOf(SyntaxError);
  });
});
