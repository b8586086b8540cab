import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chineseDate,
  contactLines,
  createReport,
  documentProperties,
  listCells,
  parseReport,
  renderedTexts,
  resolvePointer,
  toDocument,
} from "../src/index.js";

const load = (name: string) => {
  const r = parseReport(
    JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), "utf8")),
  );
  if (!r.ok) throw new Error(`${name} does not parse`);
  return r.report;
};

describe("what a rendered file says about the report", () => {
  it("dates are written without leading zeros, for every day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2008-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(chineseDate(iso)).toBe(`${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`);
        },
      ),
    );
    expect(chineseDate("2026-01-05")).toBe("2026年1月5日");
  });

  it("contact lines come in print order with their labels, and only for fields written", () => {
    expect(contactLines(load("example-2021"))).toEqual([
      { label: "联系机构", value: "江南市滨河区人民政府办公室政务公开科" },
      { label: "地址", value: "江南市滨河区人民路1号" },
      { label: "邮编", value: "310000" },
      { label: "电话", value: "0571-00000000" },
      { label: "电子邮箱", value: "gk@binhe.example.gov.cn" },
      { label: "网址", value: "https://www.binhe.example.gov.cn/xxgk/" },
    ]);
    const r = createReport({ organ: "某某街道办事处", year: 2025 });
    expect(contactLines(r)).toEqual([]);
    expect(contactLines({ ...r, meta: { ...r.meta, contact: { phone: "" } } })).toEqual([
      { label: "电话", value: "" },
    ]);
  });

  it("properties name the organ and the edition, and take the date from the report, never the clock", () => {
    const p = documentProperties(load("example-2021"));
    expect(p).toEqual({
      title: "江南市滨河区人民政府办公室2025年政府信息公开工作年度报告",
      author: "江南市滨河区人民政府办公室",
      subject:
        "江南市滨河区人民政府办公室2025年政府信息公开工作年度报告（中华人民共和国政府信息公开工作年度报告格式，国办公开办函〔2021〕30号）",
      keywords: ["政府信息公开", "年度报告", "2025年", "江南市滨河区人民政府办公室"],
      language: "zh-CN",
      date: new Date("2026-01-20T00:00:00Z"),
    });
    const unpublished = createReport({ organ: "某某街道办事处", year: 2020 });
    expect(documentProperties(unpublished).date).toEqual(new Date("2021-01-01T00:00:00Z"));
    expect(documentProperties(unpublished).subject).toContain("国办公开办函〔2019〕60号");
  });
});

describe("renderedTexts", () => {
  it("lists every text a rendering shows once, the author's at a pointer that resolves to it", () => {
    for (const name of ["wulin-2020", "example-2021"]) {
      const report = load(name);
      const doc = toDocument(report);
      const texts = renderedTexts(report);
      expect(new Set(texts.map((t) => t.source)).size).toBe(texts.length);
      for (const { source, text, kind } of texts) {
        if (kind === "label") continue;
        const at = resolvePointer(doc, source);
        expect(typeof at === "number" ? String(at) : at, source).toBe(text);
      }
      const cells = listCells(report).filter((e) => e.cell.raw !== "");
      expect(texts.filter((t) => t.kind === "cell").map((t) => t.source)).toEqual(
        cells.map((e) => e.def.pointer),
      );
    }
  });
});
