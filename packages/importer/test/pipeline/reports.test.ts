// Issue #23 item 9: a page holding two reports. Same edition: the second was silently dropped; different
// editions: merged (one report's metadata with the other's tables), warnings only. Now one import reads
// one report — a page with several gives an error naming each — and importReports reads them all.
import type { Report } from "@xxgk/core-model";
import { describe, expect, test } from "vitest";
import { type ImportResult, importHtml, importReport, importReports, importText } from "../../src/index.js";
import { example } from "../_examples.js";
import { reportArticle, reportText } from "../_page.js";

const seed = example("wulin-2020");
/** The seed's 2020 report (2019 edition), its organ as its title names it. */
const wulin: Report = { ...seed, meta: { ...seed.meta, organ: "下城区武林街道办事处" } };
const a2021 = example("example-2021");
/** Another office's 2022 report: the 2021 example under another organ, year and title. */
const b2022: Report = {
  ...a2021,
  meta: {
    ...a2021.meta,
    organ: "云溪县教育局",
    year: 2022,
    title: "云溪县教育局2022年政府信息公开工作年度报告",
  },
};

const page = (...reports: Report[]) =>
  `<!doctype html><html><head><title>信息公开年报</title></head><body><div class="nav">首页 &gt; 年报</div>\n${reports.map((r) => reportArticle(r)).join("\n")}\n<div class="footer">版权所有</div></body></html>`;
const text = (...reports: Report[]) => reports.map((r) => reportText(r)).join("\n\n");

const as = {
  html: { one: (...rs: Report[]) => importHtml(page(...rs)), source: page },
  text: { one: (...rs: Report[]) => importText(text(...rs)), source: text },
} as const;

/** The report as imported holds what the page shows of the one written (not its contact details). */
function same(result: ImportResult, report: Report): void {
  const { edition, meta, preamble, sections, tables } = result.report!;
  expect({ edition, meta, preamble, sections, tables }).toEqual({
    edition: report.edition,
    meta: { organ: report.meta.organ, year: report.meta.year, title: report.meta.title },
    preamble: report.preamble,
    sections: report.sections,
    tables: report.tables,
  });
}

describe.each(Object.keys(as) as (keyof typeof as)[])("%s: two reports in one file", (format) => {
  const { one, source } = as[format];

  test("one report reads as before", async () => {
    same(one(a2021), a2021);
    const all = await importReports(source(a2021));
    expect(all).toHaveLength(1);
    same(all[0]!, a2021);
  });

  test.each([
    ["of one edition", a2021, b2022],
    ["of two editions", wulin, a2021],
  ])("%s: no report, an error naming both titles — nothing dropped, nothing merged", (_, first, second) => {
    const result = one(first, second);
    expect(result.report).toBeNull();
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ code: "several-reports" })]);
    expect(errors[0]!.message.zh).toContain(`「${first.meta.title}」`);
    expect(errors[0]!.message.zh).toContain(`「${second.meta.title}」`);
    expect(errors[0]!.message.en).toContain("--all");
    // It points at where the second report starts.
    const line = source(first, second)
      .split("\n")
      .findIndex((l) => l.includes(second.meta.title) && !l.includes(first.meta.title));
    expect(errors[0]!.source.line).toBe(line + 1);
  });

  test.each([
    ["of one edition", a2021, b2022],
    ["of two editions", wulin, a2021],
  ])("%s: importReports gives each report whole, with its own diagnostics", async (_, first, second) => {
    const results = await importReports(source(first, second));
    expect(results).toHaveLength(2);
    same(results[0]!, first);
    same(results[1]!, second);
    for (const r of results) {
      expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
      expect(r.stats).toEqual({ placed: r.stats.total, unsure: 0, missing: 0, total: r.stats.total });
    }
    // From bytes as well, and importReport (one) refuses the same bytes.
    const bytes = new TextEncoder().encode(source(first, second));
    expect((await importReports(bytes)).map((r) => r.report?.meta.title)).toEqual([
      first.meta.title,
      second.meta.title,
    ]);
    expect((await importReport(bytes)).report).toBeNull();
  });

  test("the same report twice is read once, and said", async () => {
    const result = one(a2021, a2021);
    same(result, a2021);
    expect(result.diagnostics.filter((d) => d.code === "duplicate-report")).toEqual([
      expect.objectContaining({ severity: "info" }),
    ]);
    expect(await importReports(source(a2021, a2021))).toHaveLength(1);
  });

  test("section 一's heading quoted again inside a report does not split it", () => {
    // A list in section 五 whose items read like headings, and a lone "一、总体情况" in section 六.
    const quoting: Report = {
      ...a2021,
      sections: {
        ...a2021.sections,
        problems: {
          ...a2021.sections.problems,
          blocks: [
            { type: "paragraph", text: "一、总体要求" },
            { type: "paragraph", text: "二、主动公开方面仍需加强。" },
          ],
        },
        other: { ...a2021.sections.other, blocks: [{ type: "paragraph", text: "一、总体情况" }] },
      },
    };
    const result = one(quoting);
    expect(result.report).not.toBeNull();
    expect(result.diagnostics.filter((d) => d.code === "several-reports")).toEqual([]);
  });
});

describe("a Word document holding two reports", () => {
  test("one import names both by title and paragraph; importReports reads each whole", async () => {
    const { editPart, EXAMPLE_DOCX } = await import("../_docx.js");
    // The 2021 example's body twice, the second copy a year earlier (its title and dates say 2024).
    const docx = editPart(EXAMPLE_DOCX, "word/document.xml", (xml) => {
      const start = xml.indexOf("<w:body>") + "<w:body>".length;
      const end = xml.lastIndexOf("<w:sectPr");
      const body = xml.slice(start, end);
      return `${xml.slice(0, start)}${body}${body.replaceAll("2025", "2024")}${xml.slice(end)}`;
    });
    const first = a2021.meta.title;
    const second = first.replace("2025", "2024");

    const one = await importReport(docx);
    expect(one.report).toBeNull();
    const error = one.diagnostics.find((d) => d.code === "several-reports")!;
    expect(error.source.paragraph).toBeGreaterThan(1);
    // Where each starts, in a Word document's terms: a paragraph, never a line it does not have.
    expect(error.message.zh).toMatch(new RegExp(`「${first}」（第 \\d+ 段）、「${second}」（第 \\d+ 段）`));
    expect(error.message.en).toMatch(/\(paragraph \d+\).*\(paragraph \d+\)/);
    expect(`${error.message.zh}${error.message.en}`).not.toContain("undefined");

    const all = await importReports(docx);
    expect(all.map((r) => r.report?.meta.title)).toEqual([first, second]);
    expect(all.map((r) => r.stats.placed)).toEqual([200, 200]);
  });
});
