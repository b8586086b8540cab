import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringifyReport } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decode, importJson } from "../src/io.js";

const seedText = readFileSync(
  fileURLToPath(import.meta.resolve("@xxgk/core-model/examples/wulin-2020.json")),
  "utf8",
);

describe("decode", () => {
  test("UTF-8 files are read as UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(decode(new TextEncoder().encode(s))).toBe(s);
      }),
    );
  });

  test("GBK pages (most government CMSs) are read as GB18030", () => {
    // 武林街道 in GBK.
    expect(decode(Uint8Array.from([0xce, 0xe4, 0xc1, 0xd6, 0xbd, 0xd6, 0xb5, 0xc0]))).toBe("武林街道");
  });
});

describe("importJson", () => {
  test("a report document comes back as the same report", () => {
    const r = importJson(seedText);
    expect(r.notes).toEqual([]);
    expect(stringifyReport(r.report!)).toBe(stringifyReport(importJson(stringifyReport(r.report!)).report!));
    expect(r.report!.tables.proactive.procurement?.amount?.raw).toBe("4359957元");
  });

  test("broken JSON is refused with the line to look at", () => {
    const r = importJson('{\n  "edition": "2019",\n  "meta": {,\n}\n');
    expect(r.report).toBeNull();
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatchObject({ severity: "error", code: "json.syntax", line: 3 });
  });

  test("a document that does not fit the schema is refused with the JSON pointer of each problem", () => {
    const doc = JSON.parse(seedText);
    doc.tables.applications.newlyReceived.naturalPerson = true;
    doc.meta.extra = 1;
    const r = importJson(JSON.stringify(doc));
    expect(r.report).toBeNull();
    expect(r.notes.map((n) => n.pointer).sort()).toEqual([
      "/meta",
      "/tables/applications/newlyReceived/naturalPerson",
    ]);
    expect(r.notes.find((n) => n.pointer === "/meta")!.message).toContain("extra");
  });
});
