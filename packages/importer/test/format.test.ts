import { describe, expect, test } from "vitest";
import { formatDiagnostic, formatSource, type ImportDiagnostic } from "../src/index.js";

const d: ImportDiagnostic = {
  code: "missing-cells",
  severity: "warning",
  message: { zh: "该行缺少以下单元格，已留空：总计", en: "this row has no cell for total; left blank" },
  source: { line: 12, column: 5, excerpt: "（一）予以公开" },
  pointer: "/tables/applications/disclosed/total",
};

describe("formatSource", () => {
  test("a line in a text format, as editors jump to it", () => {
    expect(formatSource({ line: 12, column: 5 }, { file: "a.html" })).toBe("a.html:12:5");
    expect(formatSource({ line: 12 }, { file: "a.txt", lang: "en" })).toBe("a.txt:12");
    expect(formatSource({ line: 3 })).toBe("3");
  });

  test("a point on a PDF page, in both languages", () => {
    const source = { page: 3, x: 71.6, y: 540.2, excerpt: "规章" };
    expect(formatSource(source, { file: "r.pdf" })).toBe("r.pdf 第3页 (72, 540)");
    expect(formatSource(source, { file: "r.pdf", lang: "en" })).toBe("r.pdf p.3 (72, 540)");
    expect(formatSource(source, { lang: "en" })).toBe("p.3 (72, 540)");
  });

  test("a paragraph, a table or a table cell of a Word document, in both languages", () => {
    expect(formatSource({ paragraph: 8, excerpt: "本年" }, { file: "r.docx" })).toBe("r.docx 第8段");
    expect(formatSource({ paragraph: 8 }, { file: "r.docx", lang: "en" })).toBe("r.docx ¶8");
    expect(formatSource({ paragraph: 40, table: 2 }, { file: "r.docx" })).toBe("r.docx 表2");
    expect(formatSource({ paragraph: 40, table: 2 }, { lang: "en" })).toBe("table 2");
    const cell = { paragraph: 52, table: 2, row: 3, cell: 4 };
    expect(formatSource(cell, { file: "r.docx" })).toBe("r.docx 表2第3行第4格");
    expect(formatSource(cell, { file: "r.docx", lang: "en" })).toBe("r.docx table 2 row 3 cell 4");
  });
});

describe("formatDiagnostic", () => {
  test("one line: where, severity, code, message, the report field", () => {
    expect(formatDiagnostic(d, { file: "a.html" })).toBe(
      "a.html:12:5 警告 missing-cells 该行缺少以下单元格，已留空：总计（/tables/applications/disclosed/total）",
    );
    expect(
      formatDiagnostic(
        { ...d, severity: "info", source: { page: 2, x: 0, y: 0 } },
        { file: "r.pdf", lang: "en" },
      ),
    ).toBe(
      "r.pdf p.2 (0, 0) notice missing-cells this row has no cell for total; left blank (/tables/applications/disclosed/total)",
    );
    const { pointer: _, ...noPointer } = d;
    expect(formatDiagnostic({ ...noPointer, severity: "error" }, { lang: "en" })).toBe(
      "12:5 error missing-cells this row has no cell for total; left blank",
    );
  });
});
