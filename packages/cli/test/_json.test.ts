import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locateJsonError, parseJson, positionOf, readJson } from "../src/_json.js";
import { InputError } from "../src/index.js";
import { scratch } from "./_helpers.js";

const io = (cwd: string) => ({
  stdout: { write() {} },
  stderr: { write() {} },
  stderrIsTTY: false,
  cwd,
});

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

describe("positionOf", () => {
  it("counts lines across \\n, \\r\\n and \\r, and columns in characters", () => {
    expect(positionOf("ab\ncd", 4)).toEqual({ line: 2, column: 2, offset: 4 });
    expect(positionOf("ab\r\ncd", 5)).toEqual({ line: 2, column: 2, offset: 5 });
    expect(positionOf("a\rb", 2)).toEqual({ line: 2, column: 1, offset: 2 });
    // "𠮷" is two UTF-16 units but one character to an editor.
    expect(positionOf('{"𠮷":x', 6)).toEqual({ line: 1, column: 6, offset: 6 });
  });
});

describe("parseJson", () => {
  it("names file:line:column and what is wrong, in both languages", () => {
    const text = '{\n  "edition": "2021",\n  "meta": }\n';
    let caught: unknown;
    try {
      parseJson(text, "r.json");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    const err = caught as InputError;
    expect(err.code).toBe("INPUT_JSON");
    expect(err.location).toBe("r.json:3:11");
    expect(err.text.zh).toBe("r.json:3:11: 不是合法的 JSON：此处不应出现 “}”，应为一个值");
    expect(err.text.en).toBe("r.json:3:11: not valid JSON: unexpected “}”, expected a value");
    expect(err.cause).toBeInstanceOf(SyntaxError);
  });
});

describe("readJson", () => {
  it("reads UTF-8 with or without a byte-order mark", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "bom.json"), `\uFEFF{"organ":"武林街道"}`);
    await expect(readJson("bom.json", io(dir))).resolves.toEqual({ organ: "武林街道" });
  });

  it("says a GBK file is not UTF-8 instead of reading garbage", async () => {
    const dir = scratch();
    // "武林" in GBK.
    writeFileSync(join(dir, "gbk.json"), Buffer.from([0x22, 0xce, 0xe4, 0xc1, 0xd6, 0x22]));
    await expect(readJson("gbk.json", io(dir))).rejects.toMatchObject({
      code: "INPUT_ENCODING",
      file: "gbk.json",
    });
  });

  it("explains missing files and directories", async () => {
    const dir = scratch();
    mkdirSync(join(dir, "reports"));
    await expect(readJson("nope.json", io(dir))).rejects.toMatchObject({
      code: "INPUT_READ",
      text: { zh: "nope.json: 文件不存在", en: "nope.json: no such file" },
    });
    await expect(readJson("reports", io(dir))).rejects.toMatchObject({ code: "INPUT_READ" });
    await expect(readJson("-", io(dir))).rejects.toMatchObject({ code: "INPUT_READ", file: "-" });
  });
});
