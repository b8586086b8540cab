import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport, stringifyReport } from "@xxgk/core-model";
import { renderDocument } from "@xxgk/render-html";
import { describe, expect, it } from "vitest";
import { readSource } from "../src/index.js";

const examplePath = createRequire(import.meta.url).resolve("@xxgk/core-model/examples/example-2021.json");
const exampleJson = readFileSync(examplePath, "utf8");
const report = (() => {
  const r = parseReport(JSON.parse(exampleJson));
  if (!r.ok) throw new Error("example");
  return r.report;
})();
const bytes = (text: string) => new TextEncoder().encode(text);

describe("readSource", () => {
  it("reads our own JSON losslessly, as bytes or text", async () => {
    for (const data of [exampleJson, bytes(exampleJson), bytes(`\ufeff${exampleJson}`)]) {
      const r = await readSource({ name: "a.json", data });
      expect(r.kind).toBe("report");
      if (r.kind !== "report") continue;
      expect(r.format).toBe("json");
      expect(stringifyReport(r.report)).toBe(stringifyReport(report));
      expect(r.stats).toEqual({ placed: 200, unsure: 0, missing: 0, total: 200 });
    }
  });

  it("reads a published page and a GBK text copy through the importer", async () => {
    const page = await readSource({
      name: "a.html",
      data: bytes(renderDocument(report, { embedJson: false })),
    });
    expect(page.kind === "report" && page.format).toBe("html");
    expect(page.kind === "report" && page.report.tables).toEqual(report.tables);
    const seedText = readFileSync(
      new URL("../../importer/test/fixtures/seed-wulin-2020.txt", import.meta.url),
      "utf8",
    );
    // The same text in GB18030, as many sites serve it.
    const gbk = await readSource({ name: "seed.txt", data: encodeGb18030(seedText) });
    const utf = await readSource({ name: "seed.txt", data: bytes(seedText) });
    expect(gbk.kind).toBe("report");
    expect(gbk.kind === "report" && utf.kind === "report" && stringifyReport(gbk.report)).toBe(
      utf.kind === "report" && stringifyReport(utf.report),
    );
  });

  it("says why an input is not a report", async () => {
    expect(await readSource({ name: "x.json", data: '{ "hello": 1 }' })).toEqual({
      kind: "not-report",
      name: "x.json",
      code: "not-a-report",
      reason: {
        zh: "这个 JSON 文件不是年度报告文档（没有 edition、meta、tables）",
        en: "this JSON file is not a report document (no edition, meta or tables)",
      },
    });
    const invalid = await readSource({
      name: "y.json",
      data: exampleJson.replace('"edition": "2021"', '"edition": "2022"'),
    });
    expect(invalid).toMatchObject({ kind: "not-report", code: "invalid-report" });
    expect(invalid.kind === "not-report" && invalid.reason.zh).toMatch(
      /^报告文档不符合数据格式（\/edition：/,
    );
    expect(await readSource({ name: "z.bin", data: new Uint8Array([0x89, 0x50, 0, 1, 2]) })).toMatchObject({
      kind: "not-report",
      code: "not-a-report",
      reason: { zh: expect.stringContaining("二进制文件") },
    });
    const note = await readSource({ name: "note.txt", data: "会议纪要\n今天讨论了网站改版。\n" });
    expect(note.kind).toBe("not-report");
    expect(note.kind === "not-report" && note.reason.zh).not.toContain("未找到「二");
  });
});

/**
 * GB18030 bytes of a text, made with the one encoder Node has for it: iconv is not available, but every
 * character of the seed is in GB2312, whose bytes TextDecoder("gb18030") maps back; build the table once.
 */
function encodeGb18030(text: string): Uint8Array {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}
