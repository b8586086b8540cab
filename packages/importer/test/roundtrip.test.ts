import { stringifyReport } from "@xxgk/core-model";
import { renderDocument } from "@xxgk/render-html";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importHtml, importReport } from "../src/index.js";
import { arbitraryReport } from "./_arbitrary.js";
import { example } from "./_examples.js";

describe("our own rendering reads back without loss", () => {
  test.each(["wulin-2020", "example-2021"] as const)("%s", async (name) => {
    const report = example(name);
    const result = await importReport(renderDocument(report));
    expect(result.format).toBe("xxgk-html");
    expect(result.diagnostics).toEqual([]);
    expect(stringifyReport(result.report!)).toBe(stringifyReport(report));
    expect(result.stats).toEqual({
      placed: result.stats.total,
      unsure: 0,
      missing: 0,
      total: result.stats.total,
    });
  });

  test("for any report", () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const result = importHtml(renderDocument(report));
        expect(result.diagnostics).toEqual([]);
        expect(stringifyReport(result.report!)).toBe(stringifyReport(report));
      }),
      { numRuns: 60 },
    );
  });

  test("a page edited after rendering keeps the embedded data and says which cell differs", () => {
    const report = example("example-2021");
    const html = renderDocument(report).replace(
      /(<td[^>]*data-cell="applications\.newlyReceived\.naturalPerson"[^>]*>)([^<]*)/,
      "$1999",
    );
    const result = importHtml(html);
    expect(stringifyReport(result.report!)).toBe(stringifyReport(report));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "page-edited",
        severity: "warning",
        pointer: "/tables/applications/newlyReceived/naturalPerson",
      }),
    ]);
    expect(result.stats.unsure).toBe(1);
  });

  test("a cell edited to a page of text is quoted shortened", () => {
    const report = example("example-2021");
    const html = renderDocument(report).replace(
      /(<td[^>]*data-cell="applications\.newlyReceived\.naturalPerson"[^>]*>)([^<]*)/,
      `$1${"办结1件".repeat(100_000)}`,
    );
    const [d] = importHtml(html).diagnostics;
    expect(d).toMatchObject({ code: "page-edited" });
    expect(d!.message.zh.length).toBeLessThan(200);
    expect(d!.message.en.length).toBeLessThan(300);
  });

  test("without the embedded data, the visible tables still give every cell back", () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const result = importHtml(renderDocument(report, { embedJson: false }));
        expect(result.format).toBe("html");
        expect(result.report?.tables).toEqual(report.tables);
        expect(result.report?.edition).toBe(report.edition);
      }),
      { numRuns: 40 },
    );
  });

  test("broken embedded data falls back to the visible page, with an error", () => {
    const report = example("example-2021");
    const html = renderDocument(report).replace(/(<script[^>]*id="xxgk-report"[^>]*>)/, "$1{oops");
    const result = importHtml(html);
    expect(result.format).toBe("html");
    expect(result.diagnostics[0]).toMatchObject({ code: "embedded-json-invalid", severity: "error" });
    expect(result.report?.tables).toEqual(report.tables);
  });
});
