import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringifyReport } from "@xxgk/core-model";
import { describe, expect, test } from "vitest";
import { importSource, toNote } from "../src/io.js";

const seedText = readFileSync(
  fileURLToPath(import.meta.resolve("@xxgk/core-model/examples/wulin-2020.json")),
  "utf8",
);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("importSource (a file's bytes or pasted text, through the importer)", () => {
  test("a report document comes back as the same report, with a notice that it is one", async () => {
    const r = await importSource(bytes(seedText), "seed.json");
    expect(r.format).toBe("json");
    expect(r.notes).toEqual([expect.objectContaining({ severity: "info", code: "already-report" })]);
    expect(stringifyReport(r.report!)).toBe(
      stringifyReport((await importSource(stringifyReport(r.report!))).report!),
    );
    expect(r.report!.tables.proactive.procurement?.amount?.raw).toBe("4359957元");
  });

  test("broken JSON is refused with the line to look at", async () => {
    const r = await importSource(bytes('{\n  "edition": "2019",\n  "meta": {,\n}\n'), "broken.json");
    expect(r.report).toBeNull();
    expect(r.notes).toEqual([expect.objectContaining({ severity: "error", code: "json-syntax", line: 3 })]);
  });

  test("a document that does not fit the schema is refused with the JSON pointer of each problem", async () => {
    const doc = JSON.parse(seedText);
    doc.tables.applications.newlyReceived.naturalPerson = true;
    doc.meta.extra = 1;
    const r = await importSource(JSON.stringify(doc));
    expect(r.report).toBeNull();
    expect(r.notes.flatMap((n) => (n.pointer === undefined ? [] : [n.pointer])).sort()).toEqual([
      "/meta",
      "/tables/applications/newlyReceived/naturalPerson",
    ]);
    expect(r.notes.find((n) => n.pointer === "/meta")!.message).toContain("extra");
  });

  test("a GBK page (most government CMSs) is decoded by the importer", async () => {
    // "<p>武林街道</p>" in GBK.
    const gbk = Uint8Array.from([
      0x3c, 0x70, 0x3e, 0xce, 0xe4, 0xc1, 0xd6, 0xbd, 0xd6, 0xb5, 0xc0, 0x3c, 0x2f, 0x70, 0x3e,
    ]);
    const r = await importSource(gbk, "page.html");
    expect(r.notes[0]).toMatchObject({ code: "legacy-encoding", severity: "info" });
  });
});

describe("toNote", () => {
  test("says a line in a text format and a page in a PDF", () => {
    const d = { code: "x", severity: "warning", message: { zh: "中", en: "en" } } as const;
    expect(toNote({ ...d, source: { line: 3, column: 2, excerpt: "规章" }, pointer: "/meta" })).toEqual({
      severity: "warning",
      code: "x",
      message: "中",
      line: 3,
      excerpt: "规章",
      pointer: "/meta",
    });
    expect(toNote({ ...d, source: { page: 2, x: 10, y: 20 } })).toEqual({
      severity: "warning",
      code: "x",
      message: "中",
      page: 2,
    });
  });
});
