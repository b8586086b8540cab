import { readFileSync } from "node:fs";
import { toDocument } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importHtml, importReport, importText } from "../src/index.js";

const seed = readFileSync(new URL("./fixtures/seed-wulin-2020.txt", import.meta.url), "utf8");
const example = JSON.parse(
  readFileSync(new URL("../../core-model/examples/wulin-2020.json", import.meta.url), "utf8"),
) as { tables: unknown; sections: unknown; preamble: unknown };

describe("the seed text copy", () => {
  const result = importText(seed);
  const doc = toDocument(result.report!);

  test("imports to cells equal to the seed: three blanks, '-' and 4359957元 as written", () => {
    expect(doc.tables).toEqual(example.tables);
    const cf = result.report!.tables.applications.carriedForward!;
    expect([cf.legalServices, cf.otherOrg, cf.total]).toEqual([
      { raw: "", value: null, status: "blank" },
      { raw: "", value: null, status: "blank" },
      { raw: "", value: null, status: "blank" },
    ]);
    expect(result.report!.tables.proactive.procurement!.amount).toEqual({
      raw: "4359957元",
      value: 4359957,
      status: "number",
      unit: "元",
    });
    expect(result.report!.tables.proactive.regulations!.made!.raw).toBe("-");
  });

  test("holds all six sections' narrative and the preamble, the seed's date left out", () => {
    expect(doc.sections).toEqual(example.sections);
    expect(doc.preamble).toEqual(example.preamble);
    expect(doc.meta).toEqual({
      organ: "下城区武林街道办事处",
      year: 2020,
      title: "2020年下城区武林街道办事处信息公开年度工作报告",
    });
  });

  test("says the 4-of-7 row was read left to right", () => {
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([
      expect.objectContaining({
        code: "missing-cells",
        severity: "warning",
        pointer: "/tables/applications/carriedForward/legalServices",
        source: expect.objectContaining({ line: 366 }),
      }),
    ]);
  });
});

describe("text copies", () => {
  test("a row copied from a browser as tab-separated cells keeps its empty cells in place", () => {
    const text = seed.replace(
      "\t四、结转下年度继续办理\n\t0\n\t0\n\t0\n\t0\n",
      "四、结转下年度继续办理\t0\t\t0\t\t0\t\t0\n",
    );
    expect(text).not.toBe(seed);
    const result = importText(text);
    const cf = result.report!.tables.applications.carriedForward!;
    expect(Object.values(cf).map((c) => c.raw)).toEqual(["0", "", "0", "", "0", "", "0"]);
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  test("rows with their values after spaces on one line (copies from PDF) are read cell by cell", () => {
    const lines = seed.split("\n");
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      // Join each applications row label with its value lines: "\t（一）予以公开\n\t0\n\t0…" → one line.
      if (/^\t(?:[一二四]、|（[一二七]）|\d\.)/.test(l) && i > 120 && i < 380) {
        const values: string[] = [];
        while (/^\t\d+$/.test(lines[i + 1] ?? "")) values.push(lines[++i]!.trim());
        out.push(`${l.trim()}  ${values.join(" ")}`);
      } else out.push(l);
    }
    const text = out.join("\n");
    expect(text).toContain("（一）予以公开  0 0 0 0 0 0 0");
    const result = importText(text);
    expect(toDocument(result.report!).tables).toEqual(example.tables);
  });

  test("a page scraped as text: furniture lines dropped, indented headings and (一) sub-headings read", () => {
    const text = [
      "2022年某某市政府信息公开工作年度报告",
      "",
      "字号:",
      "",
      "\u3000\u3000本年度报告根据《条例》的要求编制。",
      "",
      "  一、总体情况",
      "",
      "  (一)主动公开方面",
      "",
      "  全年主动公开规章13件。",
      "  【打印本页】【关闭窗口】",
    ].join("\n");
    const r = importText(text, { organ: "某某市人民政府" }).report!;
    expect(r.preamble).toEqual([{ type: "paragraph", text: "本年度报告根据《条例》的要求编制。" }]);
    expect(r.sections.overview).toEqual({
      heading: "一、总体情况",
      blocks: [
        { type: "heading", text: "(一)主动公开方面" },
        { type: "paragraph", text: "全年主动公开规章13件。" },
      ],
    });
  });

  test("a heading run into its first sentence is split, the sentence kept as a paragraph", () => {
    const text = seed.replace("六、其他需要报告的事项\n\n无", "六、其他需要报告的事项本年度未收取任何费用。");
    expect(text).not.toBe(seed);
    const r = importText(text).report!;
    expect(r.sections.other).toEqual({
      heading: "六、其他需要报告的事项",
      blocks: [{ type: "paragraph", text: "本年度未收取任何费用。" }],
    });
  });
});

describe("importReport", () => {
  test("sniffs HTML by its markup and plain text otherwise", () => {
    expect(importReport(seed).format).toBe("text");
    expect(importReport(`<html><body><p>${seed}</p></body></html>`).format).toBe("html");
    expect(importReport("<p>x</p>", { format: "text" }).format).toBe("text");
  });

  test("year and organ options override the title", () => {
    const r = importReport(seed, { year: 2019, organ: "杭州市下城区武林街道办事处" }).report!;
    expect(r.meta).toMatchObject({ year: 2019, organ: "杭州市下城区武林街道办事处" });
  });

  test("a text without a title gives no report and says to pass year and organ", () => {
    const result = importReport(seed.split("\n").slice(1).join("\n"));
    expect(result.report).toBeNull();
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([
      "title-missing",
      "year-missing",
      "organ-missing",
    ]);
    const given = importReport(seed.split("\n").slice(1).join("\n"), { year: 2020, organ: "武林街道办事处" });
    expect(given.report?.meta.title).toBe("武林街道办事处2020年政府信息公开工作年度报告");
  });

  test("a page that is not a report gives no report and never throws", () => {
    const result = importReport("<html><body><h1>通知公告</h1><p>欢迎访问</p></body></html>");
    expect(result.report).toBeNull();
    expect(result.stats).toEqual({ placed: 0, unsure: 0, missing: 200, total: 200 });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom("auto", "html", "text") as fc.Arbitrary<"auto">,
        (s, format) => {
          const r = importReport(s, { format });
          expect(r.stats.placed + r.stats.unsure + r.stats.missing).toBe(r.stats.total);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("mangled markup around a real report still never throws", () => {
    const html = readFileSync(new URL("./fixtures/hubei-fancheng-2021.html", import.meta.url), "utf8");
    fc.assert(
      fc.property(
        fc.nat({ max: html.length }),
        fc.nat({ max: 2000 }),
        fc.string({ maxLength: 20 }),
        (at, cut, junk) => {
          const r = importHtml(html.slice(0, at) + junk + html.slice(at + cut));
          for (const d of r.diagnostics) expect(d.source.line).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("HTML pages", () => {
  test("a section heading in the first row of its table starts the section", () => {
    const page = readFileSync(new URL("./fixtures/hubei-fancheng-2021.html", import.meta.url), "utf8");
    const heading =
      '<p style="text-indent:2em"><strong><span style="font-family:黑体;font-size:16pt">三、收到和处理政府信息公开申请情况</span></strong></p>\n';
    const moved = page.replace(
      `${heading}<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none">\n<tbody>\n`,
      '<table class="MsoNormalTable" border="1"><tbody>\n<tr><td colspan="10"><b>三、收到和处理政府信息公开申请情况</b></td></tr>\n',
    );
    expect(moved).not.toBe(page);
    const before = importHtml(page);
    const after = importHtml(moved);
    expect(after.report!.sections).toEqual(before.report!.sections);
    expect(after.report!.tables).toEqual(before.report!.tables);
    expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
  });

  test("decode entities, keep &nbsp;-only cells blank and point diagnostics at their line", () => {
    const html = [
      "<html><head><title>2021年测试镇人民政府政府信息公开工作年度报告</title></head><body>",
      "<div class=nav>首页 &gt; 信息公开</div>",
      "<div class=article>",
      "<p>一、总体情况</p><p>A&amp;B &lt;局&gt; 全年公开信息&#49;&#50;条。</p><p>来源于群众的意见已逐条答复。</p>",
      "<p>【打印本页】 【关闭窗口】</p><p>发布日期：2022-01-20</p>",
      "<p>二、主动公开政府信息情况</p>",
      "<table><tr><td colspan=4>第二十条第（一）项</td></tr>",
      "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>",
      "<tr><td>规章</td><td>&nbsp;</td><td>&#x2d;</td><td>０</td></tr>",
      "<tr><td>行政规范性文件</td><td>1</td><td>2</td></tr></table>",
      "<p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p>",
      "<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>",
      "</div><div class=footer>版权所有</div></body></html>",
    ].join("\n");
    const result = importHtml(html);
    const r = result.report!;
    expect(r.meta).toMatchObject({ organ: "测试镇人民政府", year: 2021 });
    expect(r.sections.overview.blocks).toEqual([
      { type: "paragraph", text: "A&B <局> 全年公开信息12条。" },
      { type: "paragraph", text: "来源于群众的意见已逐条答复。" },
    ]);
    expect(r.meta.published).toBe("2022-01-20");
    expect(r.tables.proactive.regulations).toEqual({
      issued: { raw: "", value: null, status: "blank" },
      repealed: { raw: "-", value: null, status: "na" },
      inForce: { raw: "０", value: 0, status: "number" },
    });
    expect(r.sections.other.blocks).toEqual([{ type: "paragraph", text: "无。" }]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "missing-cells",
        pointer: "/tables/proactive/normativeDocuments/inForce",
        source: expect.objectContaining({ line: 10 }),
      }),
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "table-missing", severity: "error", pointer: "/tables/applications" }),
    );
  });
});
