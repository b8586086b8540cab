import { readdirSync, readFileSync } from "node:fs";
import { toDocument } from "@xxgk/core-model";
import { describe, expect, test } from "vitest";
import { importReport } from "../src/index.js";

// Each fixture mimics a published page or text copy; its expected report and diagnostics are written by
// hand next to it (`<name>.expected.json`).
const dir = new URL("./fixtures/", import.meta.url);
const fixtures = readdirSync(dir).filter(
  (f) => /\.(html|txt)$/.test(f) && readdirSync(dir).includes(f.replace(/\.\w+$/, ".expected.json")),
);

interface Expected {
  format: string;
  edition: string;
  meta: Record<string, unknown>;
  preamble?: unknown[];
  sections: Record<string, unknown>;
  tables: Record<string, unknown>;
  diagnostics: { code: string; pointer?: string; severity?: string }[];
  errors?: string[];
  stats?: { placed: number; unsure: number; missing: number };
}

// Read as a user's file is: its bytes, the format and encoding recognised by the importer.
const results = new Map(
  await Promise.all(
    fixtures.map(
      async (f) => [f, await importReport(readFileSync(new URL(f, dir)), { fileName: f })] as const,
    ),
  ),
);

describe.each(fixtures)("%s", (file) => {
  const expected = JSON.parse(
    readFileSync(new URL(file.replace(/\.\w+$/, ".expected.json"), dir), "utf8"),
  ) as Expected;
  const result = results.get(file)!;
  const doc = result.report ? toDocument(result.report) : null;

  test("reads the format, the encoding and the edition", () => {
    expect(result.format).toBe(expected.format);
    expect(result.encoding).toBe("utf-8");
    expect(doc?.edition).toBe(expected.edition);
  });

  test("reads year, organ and title from the page", () => {
    expect(doc?.meta).toEqual(expected.meta);
  });

  test("keeps every table cell as written", () => {
    expect(doc?.tables).toEqual(expected.tables);
  });

  test("keeps the six sections' headings and narrative", () => {
    expect(doc?.sections).toEqual(expected.sections);
    if (expected.preamble) expect(doc?.preamble).toEqual(expected.preamble);
  });

  test("says what it was unsure of", () => {
    for (const want of expected.diagnostics) {
      expect(result.diagnostics).toContainEqual(expect.objectContaining(want));
    }
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    expect(errors.sort()).toEqual((expected.errors ?? []).sort());
    for (const d of result.diagnostics) expect(d.source.line).toBeGreaterThan(0);
  });

  test.runIf(expected.stats !== undefined)("counts placed, unsure and missing cells", () => {
    expect(result.stats).toEqual({ ...expected.stats, total: result.stats.total });
    expect(result.stats.placed + result.stats.unsure + result.stats.missing).toBe(result.stats.total);
  });
});
