// Word documents end to end: our own rendering read back (render-docx → importReport: no cell changed),
// and the fixtures that imitate documents as offices make them (scripts/docx-fixtures.mjs).
import { readdirSync, readFileSync } from "node:fs";
import { layoutOf, parseReport, type Report, toDocument } from "@xxgk/core-model";
import { renderDocx } from "@xxgk/render-docx";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importReport } from "../src/index.js";
import { arbitraryReport } from "./_arbitrary.js";
import { example } from "./_docx.js";

const fixtures = new URL("./fixtures/", import.meta.url);

/** The reports the importer's fixtures state (the seed among them), as reports. */
function fixtureReports(): [string, Report][] {
  return readdirSync(fixtures)
    .filter((f) => f.endsWith(".expected.json"))
    .map((f) => {
      const { edition, meta, preamble, sections, tables } = JSON.parse(
        readFileSync(new URL(f, fixtures), "utf8"),
      );
      const parsed = parseReport({ edition, meta, preamble: preamble ?? [], sections, tables });
      if (!parsed.ok) throw new Error(`${f}: ${parsed.issues[0]?.message}`);
      return [f.replace(".expected.json", ""), parsed.report];
    });
}

/** How many of the edition's cells differ between two reports. */
function changedCells(a: Report, b: Report): number {
  const da = toDocument(a).tables as Record<string, Record<string, Record<string, unknown>>>;
  const db = toDocument(b).tables as Record<string, Record<string, Record<string, unknown>>>;
  return layoutOf(a.edition).cells.filter(
    (d) => da[d.table]?.[d.path[0]]?.[d.path[1]] !== db[d.table]?.[d.path[0]]?.[d.path[1]],
  ).length;
}

describe("our own Word rendering reads back with no cell changed", () => {
  test.each([
    ["example-2021", example("example-2021")],
    ["wulin-2020 (the seed)", example("wulin-2020")],
    ...fixtureReports(),
  ])("%s", async (_, report) => {
    const { docx } = await renderDocx(report);
    const result = await importReport(docx, { fileName: "report.docx" });
    expect(result.format).toBe("docx");
    expect(result.report).not.toBeNull();
    const back = result.report!;
    expect(back.edition).toBe(report.edition);
    expect(changedCells(report, back)).toBe(0);
    expect(back.tables).toEqual(report.tables);
    expect(result.stats).toEqual({
      placed: result.stats.total,
      unsure: 0,
      missing: 0,
      total: result.stats.total,
    });
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    // The narrative as written; the sign-off and contact lines that close the document follow section 六.
    expect(back.meta).toMatchObject({ year: report.meta.year, title: report.meta.title });
    // The organ is read from the title (the seed's title leaves out the city: 下城区武林街道办事处).
    if (report.meta.title.includes(report.meta.organ)) expect(back.meta.organ).toBe(report.meta.organ);
    expect(back.preamble).toEqual(report.preamble);
    for (const [key, section] of Object.entries(report.sections)) {
      const read = back.sections[key as keyof typeof back.sections];
      expect(read.heading).toBe(section.heading);
      if (key === "other") expect(read.blocks.slice(0, section.blocks.length)).toEqual(section.blocks);
      else expect(read.blocks).toEqual(section.blocks);
    }
  });

  test("for any report, every cell", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryReport(), async (report) => {
        const result = await importReport((await renderDocx(report)).docx);
        expect(result.report?.edition).toBe(report.edition);
        expect(result.report?.tables).toEqual(report.tables);
      }),
      { numRuns: 30 },
    );
  });
});

interface Expected {
  edition: string;
  meta: Record<string, unknown>;
  preamble: unknown[];
  sections: Record<string, unknown>;
  tables: Record<string, unknown>;
  diagnostics: { code: string; severity: string; pointer?: string; marked?: Record<string, number> }[];
}

const docxDir = new URL("./fixtures/docx/", import.meta.url);
const officeFixtures = readdirSync(docxDir).filter((f) => f.endsWith(".docx"));

describe.each(officeFixtures)("as offices make them: %s", async (file) => {
  const expected = JSON.parse(
    readFileSync(new URL(file.replace(".docx", ".expected.json"), docxDir), "utf8"),
  ) as Expected;
  const result = await importReport(readFileSync(new URL(file, docxDir)), { fileName: file });
  const doc = result.report ? toDocument(result.report) : null;

  test("every cell as written: merged cells, labels over several runs and paragraphs, repeated headers", () => {
    expect(result.format).toBe("docx");
    expect(doc?.edition).toBe(expected.edition);
    expect(doc?.tables).toEqual(expected.tables);
    expect(result.stats).toEqual({
      placed: result.stats.total,
      unsure: 0,
      missing: 0,
      total: result.stats.total,
    });
  });

  test("the title (organ and year), the preamble and the six sections as written", () => {
    expect(doc?.meta).toEqual(expected.meta);
    expect(doc?.preamble).toEqual(expected.preamble);
    expect(doc?.sections).toEqual(expected.sections);
  });

  test("says what it must, and nothing worse", () => {
    const said = result.diagnostics.map(({ code, severity, pointer }) => ({ code, severity, pointer }));
    expect(said).toEqual(
      expected.diagnostics.map(({ code, severity, pointer }) => ({ code, severity, pointer })),
    );
    for (const d of result.diagnostics) expect(d.source.paragraph).toBeGreaterThan(0);
  });
});

test("a draft's tracked changes and comments are each counted", async () => {
  const expected = JSON.parse(readFileSync(new URL("draft-2021.expected.json", docxDir), "utf8")) as Expected;
  const { marked } = expected.diagnostics.find((d) => d.marked)!;
  const result = await importReport(readFileSync(new URL("draft-2021.docx", docxDir)));
  const { inserted, deleted, formatted, comments } = marked as Record<string, number>;
  expect(result.diagnostics.find((d) => d.code === "tracked-changes")?.message.zh).toContain(
    `有 ${inserted! + deleted! + formatted!} 处未接受的修订（插入 ${inserted} 处、删除 ${deleted} 处、格式修改 ${formatted} 处）和 ${comments} 条批注`,
  );
});
