import { readdirSync, readFileSync } from "node:fs";
import { getCell, type Report, toDocument } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test, vi } from "vitest";
import { type ImportResult, importHtml, importReport, importReports, importText } from "../src/index.js";
import { gbk, utf16, zip } from "./_bytes.js";
import { example as exampleReport } from "./_examples.js";
import { reportArticle, reportPage } from "./_page.js";

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
  test("recognises HTML by its markup and plain text otherwise; `format` forces a text reader", async () => {
    expect((await importReport(seed)).format).toBe("text");
    expect((await importReport(`<html><body><p>${seed}</p></body></html>`)).format).toBe("html");
    expect((await importReport("<p>x</p>", { format: "text" })).format).toBe("text");
  });

  test("year and organ options override the title", async () => {
    const r = (await importReport(seed, { year: 2019, organ: "杭州市下城区武林街道办事处" })).report!;
    expect(r.meta).toMatchObject({ year: 2019, organ: "杭州市下城区武林街道办事处" });
  });

  test("a text without a title gives no report and says to pass year and organ", async () => {
    const result = await importReport(seed.split("\n").slice(1).join("\n"));
    expect(result.report).toBeNull();
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([
      "title-missing",
      "year-missing",
      "organ-missing",
    ]);
    const given = await importReport(seed.split("\n").slice(1).join("\n"), {
      year: 2020,
      organ: "武林街道办事处",
    });
    expect(given.report?.meta.title).toBe("武林街道办事处2020年政府信息公开工作年度报告");
  });

  test("a page that is not a report gives no report", async () => {
    const result = await importReport("<html><body><h1>通知公告</h1><p>欢迎访问</p></body></html>");
    expect(result.report).toBeNull();
    expect(result.stats).toEqual({ placed: 0, unsure: 0, missing: 200, total: 200 });
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

// The binary readers must be loaded only when their format is seen (pdfjs is heavy): count the loads.
const loaded = vi.hoisted(() => ({ pdf: 0, docx: 0 }));
vi.mock("../src/readers/pdf.js", async (original) => {
  loaded.pdf++;
  return await original();
});
vi.mock("../src/readers/docx.js", async (original) => {
  loaded.docx++;
  return await original();
});

const dir = new URL("./fixtures/", import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => /\.(html|txt)$/.test(f))
  .map((f) => readFileSync(new URL(f, dir)));

const sane = (r: ImportResult) => {
  expect(r.stats.placed + r.stats.unsure + r.stats.missing).toBe(r.stats.total);
  expect(r.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
  for (const d of r.diagnostics) {
    if (d.source.page === undefined) expect(d.source.line).toBeGreaterThan(0);
    else expect(d.source.page).toBeGreaterThan(0);
  }
  if (r.report === null) expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
};

// First: the tests after it feed PDFs and Word files.
test("binary readers are loaded only when their format is seen", async () => {
  await importReport(fixtures[0]!);
  await importReport("2021年某某局政府信息公开工作年度报告");
  expect(loaded).toEqual({ pdf: 0, docx: 0 });
  await importReport(new TextEncoder().encode("%PDF-1.7\n"));
  expect(loaded).toEqual({ pdf: 1, docx: 0 });
  await importReport(zip(["word/document.xml"]));
  expect(loaded).toEqual({ pdf: 1, docx: 1 });
});

describe("importReport never rejects", () => {
  test("on any bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => sane(await importReport(bytes))),
      { numRuns: 300 },
    );
  });

  test("on any string, in any format mode", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.constantFrom("auto", "html", "text") as fc.Arbitrary<"auto">,
        async (s, format) => sane(await importReport(s, { format })),
      ),
      { numRuns: 200 },
    );
  });

  test("on real pages and copies with bytes cut, inserted or overwritten, in any encoding", async () => {
    const magic = fc.constantFrom(
      new Uint8Array(0),
      Uint8Array.of(0),
      Uint8Array.of(0xef, 0xbb, 0xbf),
      Uint8Array.of(0xff, 0xfe),
      new TextEncoder().encode("%PDF-"),
      new TextEncoder().encode("PK\u0003\u0004"),
      new TextEncoder().encode('{"edition":'),
      new TextEncoder().encode("<meta charset=gbk>"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(fixtures.length - 1),
        fc.constantFrom("utf-8", "utf-16", "gbk"),
        fc.nat(),
        fc.nat({ max: 3000 }),
        fc.oneof(fc.uint8Array({ maxLength: 30 }), magic),
        async (k, encoding, at, cut, junk) => {
          const text = fixtures[k]!.toString("utf8");
          const bytes =
            encoding === "utf-8" ? fixtures[k]! : encoding === "utf-16" ? utf16(text) : safeGbk(text);
          const i = at % (bytes.length + 1);
          const mangled = Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i + cut)]);
          sane(await importReport(mangled));
        },
      ),
      { numRuns: 60 },
    );
  });

  test("a fault inside the importer comes back as an internal-error diagnostic, not a rejection", async () => {
    const options = {
      get year(): number {
        throw new TypeError("boom");
      },
    };
    const r = await importReport("2021年某某局政府信息公开工作年度报告\n一、总体情况", options);
    expect(r.report).toBeNull();
    expect(r.diagnostics.at(-1)).toMatchObject({ code: "internal-error", severity: "error" });
    expect(r.diagnostics.at(-1)!.message.en).toContain("TypeError: boom");
    expect(importText("x", options).diagnostics.at(-1)!.code).toBe("internal-error");
    expect(importHtml("<p>x</p>", options).diagnostics.at(-1)!.code).toBe("internal-error");
  });
});

/** GBK bytes of a text; characters GBK lacks become "?". */
function safeGbk(text: string): Uint8Array {
  return gbk([...text].map((c) => (c.codePointAt(0)! < 0x80 || isGbk(c) ? c : "?")).join(""));
}
function isGbk(c: string): boolean {
  try {
    gbk(c);
    return true;
  } catch {
    return false;
  }
}

describe("deep and wide pages", () => {
  // Issue #23: `"<div>".repeat(10000)` overflowed the stack. Every walk is iterative now.
  test.each([
    ["nested elements", (n: number) => "<div>".repeat(n)],
    ["nested elements with text", (n: number) => "<div>x".repeat(n)],
    ["nested tables", (n: number) => "<table><tr><td>".repeat(n)],
    ["nested elements and stray end tags", (n: number) => `${"<span>".repeat(n)}${"</b>".repeat(n)}`],
  ])("%s, 10,000 and 100,000 deep, import without a fault", async (_, page) => {
    for (const n of [10_000, 100_000]) {
      const html = `<html><body>${page(n)}</body></html>`;
      sane(await importReport(html));
      sane(importHtml(html));
    }
  });
});

describe("the hostile inputs of issue #23", () => {
  const r2021 = exampleReport("example-2021");
  const r2019 = exampleReport("wulin-2020");
  const cellText = (report: Report, key: string) => `>${getCell(report, key).raw}<`;
  const NATURAL = "applications.newlyReceived.naturalPerson";
  const COMMERCIAL = "applications.newlyReceived.commercial";
  const page = reportPage(r2021);
  const withCells = (a: string, b: string) =>
    page.replace(cellText(r2021, NATURAL), `>${a}<`).replace(cellText(r2021, COMMERCIAL), `>${b}<`);

  test("a 400-digit cell and a 17-digit run keep their text, get no value, and are said shortly", async () => {
    const big = "9".repeat(400);
    const r = await importReport(withCells(big, "21317000001324019"));
    expect(getCell(r.report!, NATURAL)).toEqual({
      raw: big,
      value: null,
      status: "invalid",
      problem: "too-large",
    });
    expect(getCell(r.report!, COMMERCIAL)).toEqual({
      raw: "21317000001324019",
      value: null,
      status: "invalid",
      problem: "too-large",
    });
    const said = r.diagnostics.filter((d) => d.code === "unreadable-cell");
    expect(said.map((d) => d.pointer)).toEqual([
      "/tables/applications/newlyReceived/naturalPerson",
      "/tables/applications/newlyReceived/commercial",
    ]);
    for (const d of said) {
      expect(d.message.en).toContain("beyond exact arithmetic (at most 9007199254740991)");
      expect(d.message.zh).toContain("超出可精确计算的范围");
      expect(d.message.zh.length).toBeLessThan(200);
      expect(JSON.stringify(d)).not.toMatch(/Infinity|e\+/);
    }
  });

  test("importReport and importReports never reject on any of them", async () => {
    const twoOffices = `<html><body>${reportArticle(r2021)}${reportArticle(r2019)}</body></html>`;
    const hostile = [
      `<html><body>${"<div>".repeat(10_000)}</body></html>`,
      reportPage(r2021, { order: { applications: [0, 2, 1, 3, 4, 5, 6] } }),
      reportPage(r2021, { order: { applications: [0, 2, 1, 3, 4, 5, 6] }, headerOnly: true }),
      twoOffices,
      withCells("9".repeat(400), "21317000001324019"),
      withCells("办结1件".repeat(100_000), "1".repeat(100_000)),
      page.replace("</table>", `${"<tr><td>某某补充统计项</td><td>1</td></tr>".repeat(20_000)}</table>`),
    ];
    for (const html of hostile) {
      for (const input of [html, new TextEncoder().encode(html)]) {
        sane(await importReport(input));
        const all = await importReports(input);
        expect(all.length).toBeGreaterThan(0);
        for (const r of all) sane(r);
      }
    }
    // The two offices' page: no report, an error naming both — never a merge.
    const two = await importReport(twoOffices);
    expect(two.report).toBeNull();
    expect(two.diagnostics.map((d) => d.code)).toContain("several-reports");
  });
});
