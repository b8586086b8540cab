// What renderDocx promises as a whole: identical bytes for the same report on any machine, a package
// laid out the same way every time, characters XML cannot hold reported, and failures as DocxRenderError.
import { type Report, setCell } from "@xxgk/core-model";
import { Packer } from "docx";
import fc from "fast-check";
import { strFromU8 } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { fixCoreProperties, fixFontTable, repack } from "../src/_package.js";
import { buildDocument, checkCharacters, renderDocx } from "../src/index.js";
import { all, paragraphText, parse, parts } from "./_docx.js";
import { example } from "./_fixtures.js";

const full = example("example-2021");

/** The zip's central directory: each entry's name and DOS date/time fields, in order. */
function entries(zip: Uint8Array): Array<{ name: string; date: number; time: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    out.push({
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

const tz = process.env.TZ;
afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

describe("deterministic bytes", () => {
  it("renders the same report to the same bytes, in any time zone and at any time", async () => {
    const first = (await renderDocx(full)).docx;
    for (const zone of ["UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati"]) {
      process.env.TZ = zone;
      await new Promise((r) => setTimeout(r, 5));
      expect(Buffer.from((await renderDocx(full)).docx).equals(Buffer.from(first)), zone).toBe(true);
    }
  });

  it("dates every zip entry with the report's date and orders them [Content_Types].xml first, then by path", async () => {
    const list = entries((await renderDocx(full)).docx);
    expect(list[0]!.name).toBe("[Content_Types].xml");
    const rest = list.slice(1).map((e) => e.name);
    expect(rest).toEqual([...rest].sort());
    expect(rest).toContain("word/document.xml");
    // 2026-01-20 00:00: DOS date ((2026 − 1980) << 9) | (1 << 5) | 20, time 0.
    for (const e of list) expect([e.name, e.date, e.time]).toEqual([e.name, (46 << 9) | (1 << 5) | 20, 0]);
  });

  it("keeps the years a zip can date: a report of 2100 is dated 2099 in the zip, 2101 in its properties", async () => {
    const late: Report = {
      ...full,
      meta: { ...full.meta, year: 2100, published: undefined } as Report["meta"],
    };
    delete (late.meta as { published?: string }).published;
    const { docx } = await renderDocx(late);
    expect(entries(docx)[0]!.date >> 9).toBe(2099 - 1980);
    expect(parts(docx)["docProps/core.xml"]).toContain("2101-01-01T00:00:00Z");
  });

  it("differs when, and only where, the report differs", async () => {
    const a = parts((await renderDocx(full)).docx);
    const b = parts((await renderDocx(setCell(full, "review.direct.upheld", 99))).docx);
    const changed = Object.keys(a).filter((k) => a[k] !== b[k]);
    expect(changed).toEqual(["word/document.xml"]);
  });
});

describe("characters a Word document cannot hold", () => {
  it("are left out and reported with their place; everything else is kept", async () => {
    const r = {
      ...full,
      meta: { ...full.meta, organ: "滨河区\u0007办公室" },
      preamble: [{ type: "paragraph" as const, text: "前\ud800后\u0000\u0000。" }],
    };
    const { docx, warnings } = await renderDocx(r);
    expect(warnings.map((w) => [w.code, w.codePoint, w.pointer])).toEqual([
      ["char.invalid", "U+0007", "/meta/organ"],
      ["char.invalid", "U+D800", "/preamble/0/text"],
      ["char.invalid", "U+0000", "/preamble/0/text"],
    ]);
    expect(warnings[0]!.message.zh).toContain("/meta/organ");
    const doc = parse(parts(docx)["word/document.xml"]!);
    const texts = all(doc, "p").map(paragraphText);
    expect(texts).toContain("前后。");
    expect(texts).toContain("滨河区办公室");
    expect(checkCharacters(full)).toEqual([]);
  });

  it("any text the author writes reads back the same, less those characters", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 60 }), async (text) => {
        const r = { ...full, preamble: [{ type: "paragraph" as const, text }] };
        const { docx } = await renderDocx(r);
        const p = all(parse(parts(docx)["word/document.xml"]!), "p")[1]!;
        const expected = text
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
          .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
          .replace(/\r\n?/g, "\n");
        expect(paragraphText(p)).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the package fix-ups", () => {
  const facts = { date: new Date("2026-01-20T00:00:00Z"), language: "zh-CN", fonts: [] };

  it("refuse parts that are not what docx 9.15 writes, instead of writing a wrong package", () => {
    expect(() => fixCoreProperties("<cp:coreProperties></cp:coreProperties>", facts)).toThrow(
      expect.objectContaining({ name: "DocxRenderError", code: "docx.unexpected" }),
    );
    expect(() => fixFontTable("<w:fonts><w:font/></w:fonts>", [])).toThrow(/fontTable/);
    expect(() => repack(new Uint8Array([1, 2, 3, 4]), facts)).toThrow();
  });

  it("write XML that parses, with names escaped", () => {
    const xml = fixFontTable(
      '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
      [{ name: 'A&B "<x>"', altName: "C", family: "roman" }],
    );
    const font = all(parse(xml), "font")[0]!;
    expect(font.getAttributeNS("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "name")).toBe(
      'A&B "<x>"',
    );
  });

  it("leave every part docx wrote as it was, except core.xml, the font table and styles.xml", async () => {
    const mine = parts((await renderDocx(full)).docx);
    const theirs = parts(await Packer.pack(buildDocument(full), "uint8array"));
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
    const changed = Object.keys(mine).filter((k) => mine[k] !== theirs[k]);
    expect(changed.sort()).toEqual(["docProps/core.xml", "word/fontTable.xml", "word/styles.xml"]);
  });
});
