import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { utf16, utf32 } from "../../importer/test/_bytes.js";
import { parseJson, readJson } from "../src/_json.js";
import { InputError } from "../src/index.js";
import { scratch } from "./_helpers.js";

const io = (cwd: string) => ({
  stdout: { write() {} },
  stderr: { write() {} },
  stderrIsTTY: false,
  cwd,
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

  it("reads UTF-16 and UTF-32 files by their byte-order mark, as Windows tools save them", async () => {
    const dir = scratch();
    const json = '{"organ":"武林街道"}';
    writeFileSync(join(dir, "le.json"), utf16(json, true));
    writeFileSync(join(dir, "be.json"), utf16(json, false));
    writeFileSync(join(dir, "32.json"), utf32(json));
    for (const f of ["le.json", "be.json", "32.json"]) {
      await expect(readJson(f, io(dir))).resolves.toEqual({ organ: "武林街道" });
    }
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
