import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeText } from "../src/index.js";
import { gbk, utf16, utf32 } from "./_bytes.js";

const text = '{"organ":"武林街道办事处","note":"𠮷 — 4359957元"}';

describe("decodeText", () => {
  test.each([
    ["UTF-8 with BOM", Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), "utf-8"],
    ["UTF-16LE with BOM", utf16(text, true), "utf-16le"],
    ["UTF-16BE with BOM", utf16(text, false), "utf-16be"],
    ["UTF-32LE with BOM", utf32(text, true), "utf-32le"],
    ["UTF-32BE with BOM", utf32(text, false), "utf-32be"],
  ] as const)("%s is read by its byte-order mark, the mark removed", (_, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text, encoding, bom: true, replaced: 0 });
  });

  test("UTF-16 without a mark is recognised by the zero bytes of its ASCII", () => {
    expect(decodeText(utf16(text, true, false))).toMatchObject({ text, encoding: "utf-16le", bom: false });
    expect(decodeText(utf16(text, false, false))).toMatchObject({ text, encoding: "utf-16be", bom: false });
  });

  test("any text written as UTF-8 reads back as UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const d = decodeText(new TextEncoder().encode(s));
        // A leading U+FEFF is a byte-order mark, not text.
        expect(d.text).toBe(s.startsWith("\ufeff") ? s.slice(1) : s);
        expect(d.replaced).toBe(0);
      }),
    );
  });

  test("GBK (most older government CMSs) is read as GB18030, its superset", () => {
    expect(decodeText(gbk("武林街道"))).toEqual({
      text: "武林街道",
      encoding: "gb18030",
      bom: false,
      replaced: 0,
    });
    const page = '<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312">';
    expect(decodeText(gbk(`${page}</head><body>报告</body></html>`))).toMatchObject({
      encoding: "gb18030",
      declared: { charset: "gb2312", line: 2, column: 1 },
    });
  });

  test("the bytes decide over a wrong declaration; the declaration is reported with its place", () => {
    const gbkSaysUtf8 = gbk('<meta charset="utf-8"><p>武林街道</p>');
    expect(decodeText(gbkSaysUtf8)).toMatchObject({
      text: '<meta charset="utf-8"><p>武林街道</p>',
      encoding: "gb18030",
      declared: { charset: "utf-8", line: 1, column: 1 },
    });
    const utf8SaysGbk = new TextEncoder().encode('<meta charset="gbk"><p>武林街道</p>');
    expect(decodeText(utf8SaysGbk)).toMatchObject({ encoding: "utf-8", declared: { charset: "gbk" } });
    // A charset that cannot write Chinese is a wrong declaration on a Chinese page.
    expect(decodeText(gbk('<meta charset="iso-8859-1"><p>武林</p>')).text).toContain("武林");
  });

  test("another East Asian encoding a page declares is followed", () => {
    // 政府 in Big5.
    const big5 = Uint8Array.from([
      ...new TextEncoder().encode('<meta charset="big5">'),
      0xac,
      0x46,
      0xa9,
      0xb2,
    ]);
    expect(decodeText(big5)).toMatchObject({ text: '<meta charset="big5">政府', encoding: "big5" });
  });

  test("bytes no encoding can read are counted, never thrown", () => {
    expect(decodeText(Uint8Array.from([0x41, 0x81, 0x20, 0x42]))).toMatchObject({
      encoding: "gb18030",
      replaced: 1,
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const d = decodeText(bytes);
        expect(typeof d.text).toBe("string");
        expect(d.replaced).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
