import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { importReport } from "../src/index.js";
import { isHtml, zipEntries } from "../src/sniff.js";
import { gbk, utf16, zip } from "./_bytes.js";

const require = createRequire(import.meta.url);
const exampleJson = readFileSync(require.resolve("@xxgk/core-model/examples/example-2021.json"), "utf8");
const seed = readFileSync(new URL("./fixtures/seed-wulin-2020.txt", import.meta.url), "utf8");
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

/** What importReport made of an input: format, the error codes, and whether a report came out. */
async function outcome(input: Uint8Array | string) {
  const r = await importReport(input);
  return {
    format: r.format,
    errors: r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
    report: r.report !== null,
  };
}

describe("formats are recognised by content, never read as text", () => {
  test.each([
    ["a PDF", bytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"), "pdf", "pdf-truncated", "PDF"],
    ["a PDF after a few junk bytes", bytes([0, 0, 0x0d, 0x0a], "%PDF-1.4\n"), "pdf", "pdf-truncated", "PDF"],
  ] as const)("%s is handed to its reader (these are cut short: no report)", async (_, input, format, code, says) => {
    const r = await importReport(input);
    expect(r.format).toBe(format);
    expect(r.report).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code, severity: "error" })]);
    expect(r.diagnostics[0]!.message.zh).toContain(says);
  });

  test("a Word document (a zip holding word/document.xml) is handed to the Word reader", async () => {
    // These parts are empty: the reader says the document is damaged, at its first paragraph.
    const r = await importReport(zip(["[Content_Types].xml", "word/document.xml"]));
    expect(r).toMatchObject({ format: "docx", report: null });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: "docx-unreadable", severity: "error", source: { paragraph: 1 } }),
    ]);
  });

  test("a PDF diagnostic points at a page", async () => {
    const r = await importReport(bytes("%PDF-1.7\n"));
    expect(r.diagnostics[0]!.source).toEqual({ page: 1, x: 0, y: 0 });
  });

  test("legacy Word and WPS files (OLE compound files) are refused with what to do", async () => {
    const r = await importReport(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(r).toMatchObject({ format: "doc", report: null });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: "format-unsupported", severity: "error" }),
    ]);
    expect(r.diagnostics[0]!.message.zh).toContain("另存为 .docx 或 PDF");
    expect(r.diagnostics[0]!.message.en).toContain("save it as .docx or PDF");
  });

  test.each([
    ["a spreadsheet", zip(["[Content_Types].xml", "xl/workbook.xml"]), "not-a-report", "Excel"],
    ["a zip of other files", zip(["a.html", "b.html"]), "not-a-report", "解压"],
    ["a damaged zip", bytes("PK\u0003\u0004garbage"), "not-a-report", "损坏"],
    ["an OFD document", zip(["OFD.xml", "Doc_0/Document.xml"]), "format-unsupported", "OFD"],
    ["an OpenDocument text", zip(["mimetype", "content.xml"]), "format-unsupported", ".docx"],
    ["a PNG scan", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "not-a-report", "OCR"],
    ["a JPEG scan", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "not-a-report", "OCR"],
    ["a gzip archive", bytes([0x1f, 0x8b, 8, 0]), "not-a-report", "解压"],
    ["a binary file", bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0]), "not-a-report", "二进制"],
    ["an RTF document", bytes("{\\rtf1\\ansi\\ansicpg936 2021年报告}"), "format-unsupported", "RTF"],
    [
      "an MHT web archive",
      bytes(
        'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html"\r\n',
      ),
      "format-unsupported",
      "MHT",
    ],
  ] as const)("%s is refused, saying what it is", async (_, input, code, says) => {
    const r = await importReport(input);
    expect(r.report).toBeNull();
    expect(r.stats).toEqual({ placed: 0, unsure: 0, missing: 0, total: 0 });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code, severity: "error" })]);
    expect(r.diagnostics[0]!.message.zh).toContain(says);
  });

  test("a binary file read into a string by mistake is read from its bytes when the string kept them", async () => {
    const latin1 = "%PDF-1.7\n\u00e2\u00e3\u00cf\u00d3";
    await expect(outcome(latin1)).resolves.toEqual({
      format: "pdf",
      errors: ["pdf-truncated"],
      report: false,
    });
    // Decoded as UTF-8, its bytes are gone: say so.
    const lost = new TextDecoder().decode(bytes("%PDF-1.7\n", [0xe2, 0xe3, 0xcf, 0xd3]));
    await expect(outcome(lost)).resolves.toEqual({ format: "pdf", errors: ["bytes-as-text"], report: false });
  });

  test("zipEntries lists an archive's files from its central directory", () => {
    expect(zipEntries(zip(["word/document.xml", "word/styles.xml"]))).toEqual([
      "word/document.xml",
      "word/styles.xml",
    ]);
    expect(zipEntries(bytes("PK\u0003\u0004"))).toBeUndefined();
  });
});

describe("text formats", () => {
  test("our own report JSON is passed through unchanged, saying it already is a report", async () => {
    for (const input of [exampleJson, utf8(exampleJson), utf16(exampleJson), utf16(exampleJson, false)]) {
      const r = await importReport(input);
      expect(r.format).toBe("json");
      expect(r.diagnostics).toEqual([expect.objectContaining({ code: "already-report", severity: "info" })]);
      expect(r.report?.meta.organ).toBe(JSON.parse(exampleJson).meta.organ);
      expect(r.stats).toEqual({ placed: r.stats.total, unsure: 0, missing: 0, total: r.stats.total });
    }
    expect((await importReport(utf16(exampleJson))).encoding).toBe("utf-16le");
  });

  test("options do not rewrite a report JSON: said when they differ from it", async () => {
    const r = await importReport(exampleJson, { year: 2030 });
    expect(r.report?.meta.year).toBe(JSON.parse(exampleJson).meta.year);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["already-report", "options-ignored"]);
  });

  test("broken JSON is an error at its line and column, never a text import", async () => {
    const r = await importReport('{\n  "edition": "2021",\n  "meta": {,\n}\n');
    expect(r).toMatchObject({ format: "json", report: null });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: "json-syntax",
        severity: "error",
        source: expect.objectContaining({ line: 3, column: 12 }),
      }),
    ]);
    expect(r.diagnostics[0]!.message.zh).toContain("第 3 行第 12 列");
  });

  test("a report document that does not fit the format says where; other JSON is not a report", async () => {
    const doc = JSON.parse(exampleJson);
    doc.tables.applications.newlyReceived.naturalPerson = true;
    doc.meta.extra = 1;
    const r = await importReport(JSON.stringify(doc));
    expect(r.report).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.pointer]).sort()).toEqual([
      ["invalid-report", "error", "/meta"],
      ["invalid-report", "error", "/tables/applications/newlyReceived/naturalPerson"],
    ]);
    for (const other of ["[1, 2, 3]", '{ "hello": 1 }', JSON.stringify([doc])]) {
      expect((await importReport(other)).diagnostics).toEqual([
        expect.objectContaining({ code: "not-a-report", severity: "error" }),
      ]);
    }
  });

  test("a text copy that starts with a bracket stays a text copy", async () => {
    const r = await importReport(`[打印本页]\n${seed}`, { year: 2020, organ: "武林街道办事处" });
    expect(r.format).toBe("text");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("json-syntax");
    expect(r.stats).toEqual((await importReport(seed)).stats);
  });

  test("HTML by its markup: a page, a fragment of elements; a text that mentions <p> or <tr> stays text", () => {
    expect(isHtml("<!DOCTYPE html><html><body>报告</body></html>")).toBe(true);
    expect(isHtml('<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="http://www.w3.org/1999/xhtml">')).toBe(
      true,
    );
    // A CMS fragment (what an editor's "source" view shows): no <html>, elements throughout.
    const fragment = `<p>一、总体情况</p>\n<p>${"本年度".repeat(60)}</p>\n<table><tr><td>规章</td><td>0</td></tr></table>`;
    expect(isHtml(fragment)).toBe(true);
    // A text copy that quotes markup in passing.
    expect(isHtml(seed.replace("一、总体情况", "一、总体情况（网页中以<p>段落和<tr>表格行发布）"))).toBe(
      false,
    );
    expect(isHtml(`${seed}\n附：<p>和</p>、<tr>和</tr>是网页标记。`)).toBe(false);
    expect(isHtml("<p>")).toBe(false);
  });

  test("the text copy with a <p> in it is imported as text, with all its cells", async () => {
    const quoted = seed.replace("一、总体情况", "一、总体情况<p>");
    const r = await importReport(quoted);
    expect(r.format).toBe("text");
    expect(r.stats).toEqual((await importReport(seed)).stats);
  });
});

describe("encodings", () => {
  const page = readFileSync(new URL("./fixtures/qingshi-town-2022.html", import.meta.url), "utf8");
  const declaring = (charset: string) => page.replace("charset=utf-8", `charset=${charset}`);

  test("a GBK page that declares GB2312 reads as its UTF-8 original does, with a notice", async () => {
    const original = await importReport(utf8(page));
    const r = await importReport(gbk(declaring("gb2312")));
    expect(r.encoding).toBe("gb18030");
    expect(r.report).toEqual(original.report);
    expect(r.diagnostics[0]).toMatchObject({
      code: "legacy-encoding",
      severity: "info",
      source: { line: 3 },
    });
    expect(r.diagnostics.slice(1)).toEqual(original.diagnostics);
  });

  test("a GBK page that declares utf-8 is decoded by its bytes, and the wrong declaration said", async () => {
    const r = await importReport(gbk(page));
    expect(r.encoding).toBe("gb18030");
    expect(r.report).toEqual((await importReport(utf8(page))).report);
    expect(r.diagnostics[0]).toMatchObject({
      code: "charset-mismatch",
      severity: "info",
      source: { line: 3 },
    });
    expect(r.diagnostics[0]!.message.zh).toContain("utf-8");
  });

  test("a UTF-8 page that declares gbk is read as UTF-8, saying so", async () => {
    const r = await importReport(utf8(declaring("gbk")));
    expect(r.encoding).toBe("utf-8");
    expect(r.report).toEqual((await importReport(utf8(page))).report);
    expect(r.diagnostics[0]).toMatchObject({ code: "charset-mismatch", severity: "info" });
  });

  test("bytes that cannot be decoded are a warning", async () => {
    const r = await importReport(Uint8Array.from([...gbk(seed.slice(0, 200)), 0x81, 0x20]));
    expect(r.diagnostics.map((d) => d.code)).toContain("undecodable-bytes");
  });
});
