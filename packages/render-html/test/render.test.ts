import { createHash } from "node:crypto";
import {
  APPLICATIONS_CORNER_NOTE,
  EDITIONS,
  expandGrid,
  getCell,
  layoutOf,
  listCells,
  parseReport,
  type Report,
  setCell,
  toDocument,
} from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DOCUMENT_CSP,
  REPORT_JSON_ID,
  RenderOptionError,
  readEmbeddedReport,
  renderDocument,
  renderFragment,
  renderTable,
  reportCss,
} from "../src/index.js";
import { byName, fixtures, TABLES } from "./_fixtures.js";
import { attrsOf, expand, idsOf, parseTable } from "./_html.js";

const reportOf = (edition: "2019" | "2021") => fixtures.find((f) => f.report.edition === edition)!.report;

describe("tables in the official merged-cell layout", () => {
  for (const edition of EDITIONS) {
    for (const table of TABLES) {
      it(`${edition} ${table}: the rendered grid equals the official grid (labels, places, spans)`, () => {
        const t = layoutOf(edition).tables[table];
        const official = expandGrid(t.rows, t.width);
        const rendered = expand(parseTable(renderTable(reportOf(edition), table), table));
        expect(rendered.map((r) => r.length)).toEqual(official.map((r) => r.length));
        const label = (text: string, cell?: string) => (cell === undefined ? text : `#${cell}`);
        expect(rendered.map((row) => row.map((c) => label(c.text, c.attrs["data-cell"])))).toEqual(
          official.map((row) => row.map((s) => label(s.cell.text, s.cell.cell))),
        );
        // Same spans: the rendered cell covering each position has the official cell's spans.
        expect(rendered.map((row) => row.map((c) => [c.rowSpan, c.colSpan]))).toEqual(
          official.map((row) => row.map((s) => [s.cell.rowSpan, s.cell.colSpan])),
        );
      });
    }
  }

  it("table 三 opens with the corner note over 3×3 cells and 申请人情况 over 7", () => {
    const rows = parseTable(renderTable(byName("example-2021"), "applications"), "applications");
    expect(rows[0]!.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      [APPLICATIONS_CORNER_NOTE, 3, 3],
      ["申请人情况", 1, 7],
    ]);
  });

  it("the 2019 and 2021 differences show: （六）其他处理 items, 第（九）项, 规范性文件 vs 行政规范性文件", () => {
    const t19 =
      renderTable(byName("wulin-2020"), "applications") + renderTable(byName("wulin-2020"), "proactive");
    const t21 =
      renderTable(byName("example-2021"), "applications") + renderTable(byName("example-2021"), "proactive");
    expect(t21).toContain("3.其他</th>");
    expect(t19).not.toContain("3.其他</th>");
    expect(t19).toContain(">第二十条第（九）项<");
    expect(t21).not.toContain("第（九）项");
    expect(t19).toContain(">规范性文件<");
    expect(t21).toContain(">行政规范性文件<");
  });
});

describe("cells exactly as written", () => {
  it.each(
    fixtures.map((f) => [f.name, f.report] as const),
  )("%s: every cell at its row and column", (_, report) => {
    for (const table of TABLES) {
      const layout = layoutOf(report.edition).tables[table];
      const official = expandGrid(layout.rows, layout.width);
      const rendered = expand(parseTable(renderTable(report, table), table));
      official.forEach((row, r) => {
        row.forEach((slot, c) => {
          if (slot.cell.role !== "value" || !slot.origin) return;
          const got = rendered[r]![c]!;
          const cell = getCell(report, slot.cell.cell!);
          expect(got.tag).toBe("td");
          expect(got.attrs["data-cell"]).toBe(slot.cell.cell);
          expect(got.text).toBe(cell.raw);
          expect(got.attrs["data-status"]).toBe(cell.status);
        });
      });
    }
  });

  it("blank is an empty cell, - is -, and units and signs are kept", () => {
    const seed = renderTable(byName("wulin-2020"), "applications");
    expect(seed).toMatch(/data-cell="applications\.carriedForward\.total" data-status="blank"><\/td>/);
    const proactive = renderTable(byName("synthetic-2019"), "proactive");
    expect(proactive).toContain('data-cell="proactive.regulations.made" data-status="na">-</td>');
    expect(proactive).toContain('data-cell="proactive.licensing.change" data-status="number">+19</td>');
    expect(proactive).toContain('data-cell="proactive.otherServices.change" data-status="number">-18</td>');
    expect(proactive).toContain(
      'data-cell="proactive.procurement.amount" data-status="number">4359957元</td>',
    );
    expect(renderTable(byName("example-2021"), "proactive")).toContain(
      'data-cell="proactive.fees.amount" data-status="number">9116.36</td>',
    );
  });

  it("any text in any cell comes back exactly from the rendered HTML", () => {
    const report = byName("example-2021");
    const keys = layoutOf("2021").cells.map((c) => c.key);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string({ unit: "grapheme", maxLength: 12 }), (key, raw) => {
        const html = renderTable(setCell(report, key, raw), layoutOf("2021").byKey.get(key)!.table);
        const cell = [...html.matchAll(/<td ([^>]*)>([^<]*)<\/td>/g)].find(
          (m) => attrsOf(m[1]!)["data-cell"] === key,
        )!;
        expect(cell).toBeDefined();
        expect(attrsOf(`x="${cell[2]}"`).x).toBe(raw);
      }),
      { numRuns: 300 },
    );
  });
});

describe("accessible tables", () => {
  for (const f of fixtures) {
    it(`${f.name}: header ids are unique and every headers list names header cells of the same table`, () => {
      const html = renderDocument(f.report);
      const ids = idsOf(html);
      expect(new Set(ids).size).toBe(ids.length);
      for (const table of TABLES) {
        const cells = parseTable(html, table).flat();
        const thIds = new Set(cells.filter((c) => c.tag === "th").map((c) => c.attrs.id));
        for (const c of cells) {
          if (c.tag === "th") expect(c.attrs.scope).toMatch(/^(row|col|rowgroup|colgroup)$/);
          for (const h of (c.attrs.headers ?? "").split(" ").filter(Boolean)) expect(thIds).toContain(h);
        }
      }
    });
  }

  it("a value cell's headers name its row and column labels, outermost first", () => {
    const html = renderTable(byName("example-2021"), "applications");
    const cells = parseTable(html, "applications").flat();
    const byId = new Map(cells.filter((c) => c.tag === "th").map((c) => [c.attrs.id, c.text]));
    const td = cells.find((c) => c.attrs["data-cell"] === "applications.stateSecret.commercial")!;
    expect(td.attrs.headers!.split(" ").map((h) => byId.get(h))).toEqual([
      "三、本年度办理结果",
      "（三）不予公开",
      "1.属于国家秘密",
      "申请人情况",
      "法人或其他组织",
      "商业企业",
    ]);
  });

  it("each table has a caption naming it and a focusable scroll region labelled by it", () => {
    const html = renderTable(byName("example-2021"), "review");
    expect(html).toMatch(
      /<div class="xxgk-scroll" role="region" aria-labelledby="xxgk-table-review-caption" tabindex="0">/,
    );
    expect(html).toContain(
      '<caption id="xxgk-table-review-caption">四、政府信息公开行政复议、行政诉讼情况</caption>',
    );
  });

  it("an id prefix keeps two reports on one page apart", () => {
    const a = renderFragment(byName("wulin-2020"), { idPrefix: "a-", embedJson: true });
    const b = renderFragment(byName("example-2021"), { idPrefix: "b-", embedJson: true });
    const ids = idsOf(a + b);
    expect(new Set(ids).size).toBe(ids.length);
    expect(readEmbeddedReport(a + b, "b-report")).toEqual(toDocument(byName("example-2021")));
  });

  it.each([
    "has space",
    "1digit",
    'a"b',
    "<x>",
    "a&b",
  ])("rejects an id prefix %j with a RenderOptionError", (p) => {
    expect(() => renderDocument(byName("wulin-2020"), { idPrefix: p })).toThrow(RenderOptionError);
    expect(() => renderTable(byName("wulin-2020"), "review", { idPrefix: p })).toThrow(/idPrefix/);
  });
});

describe("the standalone document", () => {
  const report = byName("example-2021");
  const html = renderDocument(report);

  it("is a zh-CN HTML5 document titled with the report title, with a viewport for phones", () => {
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain(`<title>${report.meta.title}</title>`);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`<h1 class="xxgk-title">${report.meta.title}</h1>`);
  });

  it("renders the six sections with the headings as written, blocks as h3/p, preamble first", () => {
    const seed = renderDocument(byName("wulin-2020"));
    expect([...seed.matchAll(/<h2 id="[^"]*">([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual(
      Object.values(byName("wulin-2020").sections).map((s) => s.heading),
    );
    expect(seed).toContain('<h2 id="xxgk-problems-heading">五、存在主要问题及改进情况</h2>');
    expect(seed).toContain("<h3>1、主动公开情况</h3>");
    expect(seed.indexOf(byName("wulin-2020").preamble[0]!.text)).toBeLessThan(seed.indexOf("一、总体情况"));
  });

  it("ends with the organ, the publication date and the contact", () => {
    expect(html).toContain('<p class="xxgk-organ">江南市滨河区人民政府办公室</p>');
    expect(html).toContain('<time datetime="2026-01-20">2026年1月20日</time>');
    expect(html).toContain("<dt>电话</dt><dd>0571-00000000</dd>");
  });

  it("embeds the lossless report document, which parses back to the same report", () => {
    for (const f of fixtures) {
      const doc = readEmbeddedReport(renderDocument(f.report));
      expect(doc).toEqual(toDocument(f.report));
      const parsed = parseReport(doc);
      expect(parsed.ok && parsed.report).toEqual(f.report);
    }
    expect(html).toContain(`<script type="application/json" id="${REPORT_JSON_ID}">`);
    expect(readEmbeddedReport(renderDocument(report, { embedJson: false }))).toBeUndefined();
  });

  it("carries a CSP that allows no script and exactly its own <style> (by hash)", () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = `sha256-${createHash("sha256").update(style).digest("base64")}`;
    expect(DOCUMENT_CSP).toBe(`default-src 'none'; style-src '${hash}'; base-uri 'none'; form-action 'none'`);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    expect(attrsOf(`c="${meta}"`).c).toBe(DOCUMENT_CSP);
    expect(html).not.toContain('Content-Security-Policy" content=""');
    expect(renderDocument(report, { csp: false })).not.toContain("Content-Security-Policy");
  });

  it("can link an external stylesheet instead of inlining it", () => {
    const linked = renderDocument(report, { inlineCss: false, stylesheetHref: "/css/report.css" });
    expect(linked).not.toContain("<style>");
    expect(linked).toContain('<link rel="stylesheet" href="/css/report.css">');
    expect(linked).not.toContain("Content-Security-Policy");
  });

  it("has no inline script other than the JSON block and no inline event handler", () => {
    for (const f of fixtures) {
      const out = renderDocument(f.report);
      expect([...out.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
        `<script type="application/json" id="${REPORT_JSON_ID}">`,
      ]);
      expect(out).not.toMatch(/<[^>]*\son\w+=/i);
      expect(out).not.toMatch(/\sstyle="/);
    }
  });
});

describe("the fragment", () => {
  const report = byName("wulin-2020");

  it('is one <article class="xxgk-report"> with its scoped <style> first', () => {
    const html = renderFragment(report).trim();
    expect(html.startsWith('<article class="xxgk-report" lang="zh-CN"')).toBe(true);
    expect(html.endsWith("</article>")).toBe(true);
    expect(html.match(/<article\b/g)).toHaveLength(1);
    expect(html).toContain(`<style>${reportCss()}</style>`);
    expect(html).not.toMatch(/<html|<head|<body|<!doctype/i);
  });

  it("embeds the JSON only when asked, and drops the style with inlineCss: false", () => {
    expect(readEmbeddedReport(renderFragment(report))).toBeUndefined();
    expect(readEmbeddedReport(renderFragment(report, { embedJson: true }))).toEqual(toDocument(report));
    expect(renderFragment(report, { inlineCss: false })).not.toContain("<style>");
  });
});

describe("reportCss", () => {
  const css = reportCss();
  const rules = (text: string): string[] => {
    const noComments = text.replace(/\/\*[\s\S]*?\*\//g, "");
    return [...noComments.matchAll(/([^{}]+)\{[^{}]*\}/g)].map((m) => m[1]!.trim());
  };

  it("scopes every selector under .xxgk-report, so a CMS page keeps its own look", () => {
    for (const selector of rules(css).filter((s) => !s.startsWith("@"))) {
      for (const part of selector.split(",")) expect(part.trim()).toMatch(/^\.xxgk-report\b/);
    }
  });

  it("prints on A4 with repeating table headers and rows kept whole", () => {
    expect(css).toMatch(/@page\s*\{\s*size: A4;/);
    const print = css.slice(css.indexOf("@media print"));
    expect(print).toMatch(/thead\s*\{\s*display: table-header-group;/);
    expect(print).toMatch(/\.xxgk-report tr,[^{]*\{\s*break-inside: avoid;/);
  });

  it("uses a serif CJK body face and full table borders", () => {
    expect(css).toMatch(/font-family:\s*"Noto Serif CJK SC",[^;]*"Songti SC",[^;]*SimSun,\s*serif;/);
    expect(css).toMatch(/\.xxgk-report td\s*\{[^}]*border: 1px solid #000;/);
  });
});

describe("findings overlay", () => {
  const report: Report = byName("example-2021");
  const findings = [
    {
      pointer: "/tables/applications/stateSecret/total",
      severity: "error",
      message: "总计不等于各列之和",
      code: "T3.row-total",
    },
    { pointer: "/tables/applications/stateSecret/total", severity: "warning", message: "另一条" },
    { pointer: "/tables/review/direct", severity: "warning", message: "行政诉讼直接起诉组" },
    { pointer: "/sections/problems/blocks/0", severity: "info", message: "建议写明改进措施" },
    { pointer: "/meta/published", severity: "warning", message: "晚于1月31日" },
  ] as const;
  const html = renderDocument(report, { findings });

  it("marks a cell with the highest severity and points it at every message about it", () => {
    expect(html).toMatch(
      /<td [^>]*data-cell="applications\.stateSecret\.total" data-status="number" id="xxgk-cell-applications\.stateSecret\.total" class="xxgk-mark xxgk-error" data-severity="error" aria-describedby="xxgk-finding-1 xxgk-finding-2">14<\/td>/,
    );
  });

  it("marks every cell of a row or group pointer, and a section for a pointer inside it", () => {
    const marked = [...html.matchAll(/data-cell="([^"]*)"[^>]*class="xxgk-mark xxgk-warning"/g)].map(
      (m) => m[1],
    );
    expect(marked).toEqual(
      layoutOf("2021")
        .cells.filter((c) => c.pointer.startsWith("/tables/review/direct/"))
        .map((c) => c.key),
    );
    expect(html).toContain('<section class="xxgk-section xxgk-mark xxgk-info" id="xxgk-problems"');
  });

  it("lists every message in order, linking to its cell or section, with its code", () => {
    const items = [
      ...html.matchAll(/<li class="xxgk-finding ([^"]*)" id="([^"]*)"[^>]*>([\s\S]*?)<\/li>/g),
    ].map((m) => [m[1], m[2], m[3]!.replace(/<[^>]*>/g, "")]);
    expect(items).toEqual([
      [
        "xxgk-error",
        "xxgk-finding-1",
        "错误表三：三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 / 申请人情况 / 总计：总计不等于各列之和 [T3.row-total]",
      ],
      [
        "xxgk-warning",
        "xxgk-finding-2",
        "警告表三：三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 / 申请人情况 / 总计：另一条",
      ],
      ["xxgk-warning", "xxgk-finding-3", "警告四、政府信息公开行政复议、行政诉讼情况：行政诉讼直接起诉组"],
      ["xxgk-info", "xxgk-finding-4", "提示五、存在的主要问题及改进情况：建议写明改进措施"],
      ["xxgk-warning", "xxgk-finding-5", "警告/meta/published：晚于1月31日"],
    ]);
    expect(html).toContain('<a href="#xxgk-cell-applications.stateSecret.total">');
    expect(html).toContain('<a href="#xxgk-problems">');
    expect(html).toContain('<span class="xxgk-where">/meta/published</span>');
  });

  it("marks only the cells a summary lists (table.blanks), not the whole table", () => {
    const blanks = ["/tables/applications/disclosed/total", "/tables/applications/notHeld/research"];
    const summary = renderDocument(report, {
      findings: [
        {
          pointer: "/tables/applications",
          severity: "info",
          message: "表三有 2 个空白单元格",
          code: "table.blanks",
          cells: blanks,
        },
      ],
    });
    const marked = [...summary.matchAll(/data-cell="([^"]*)"[^>]*class="xxgk-mark xxgk-info"/g)].map(
      (m) => m[1],
    );
    expect(marked).toEqual(["applications.disclosed.total", "applications.notHeld.research"]);
    expect(summary).toContain(
      '<a href="#xxgk-cell-applications.disclosed.total">三、收到和处理政府信息公开申请情况</a>',
    );
  });

  it("is absent without findings, and renderTable marks cells too", () => {
    expect(renderDocument(report)).not.toContain("<aside");
    expect(html).toContain('<aside class="xxgk-findings" aria-labelledby="xxgk-findings">');
    expect(renderTable(report, "review", { findings })).toContain('class="xxgk-mark xxgk-warning"');
  });

  it("never changes a value: marked or not, every cell reads the same", () => {
    const plain = listCells(report).map((e) => e.cell.raw);
    const cells = TABLES.flatMap((t) =>
      parseTable(html, t)
        .flat()
        .filter((c) => c.attrs["data-cell"]),
    );
    expect(cells.map((c) => c.text)).toEqual(plain);
  });
});

describe("readEmbeddedReport", () => {
  it("says what is wrong with a page whose JSON block was damaged", () => {
    const html = renderDocument(byName("wulin-2020"));
    expect(() => readEmbeddedReport(html.replace(/<\/script>/, ""))).toThrow(SyntaxError);
    expect(() => readEmbeddedReport(html.replace(`id="xxgk-report">{`, `id="xxgk-report">{,`))).toThrow(
      SyntaxError,
    );
    expect(() => readEmbeddedReport(html, 'x" onload="')).toThrow(RangeError);
  });
});
