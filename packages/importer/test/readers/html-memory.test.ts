// Issue #23 item 10: a 52 MB page peaked at 2.15 GB (41× the input). The HTML reader now reads the page
// as it is tokenised and holds no element once it has ended; these tests bound what it holds with its
// counters (elements held at once, characters of text kept, characters tokenised again), and the
// diagnostics a page can grow, over pages grown from 64 KB to 1 MB in each way a page grows.
import { describe, expect, test } from "vitest";
import { DIAGNOSTICS_PER_CODE, Diagnostics } from "../../src/_diagnostics.js";
import { importHtml } from "../../src/import.js";
import { type ReadCounters, readHtml } from "../../src/readers/html.js";
import { example } from "../_examples.js";
import { reportPage } from "../_page.js";

const report = example("example-2021");
const page = reportPage(report);

const before = (s: string, anchor: string, at = page.indexOf(anchor)): string => {
  if (at < 0) throw new Error(`the page has no ${anchor}`);
  return page.slice(0, at) + s + page.slice(at);
};
const footer = (s: string): string => before(`<div class="footer">${s}</div>`, "</body>");
const table三 = page.indexOf("<table>", page.indexOf("三、收到和处理政府信息公开申请情况"));

/** Ways a page grows: a unit of markup repeated, and where the repeats go. */
const SHAPES: Readonly<Record<string, { unit: string; put: (s: string) => string }>> = {
  // A footer of links: chrome, dropped by the pipeline.
  chrome: {
    unit: '<li class="item"><a href="/zwgk/col1/index.html" title="栏目">政务公开栏目（第1类）</a></li>\n',
    put: (s) => footer(`<ul>${s}</ul>`),
  },
  // Paragraphs in section 一: narrative the report keeps.
  narrative: {
    unit: "<p>本机关全年主动公开政府信息一千二百条，其中规范性文件十二件，政策解读三十篇。</p>\n",
    put: (s) => before(s, "<h2>二、"),
  },
  // A data table of short cells after the report: the most cells per byte.
  tables: {
    unit: "<tr><td>某某项目</td><td>12</td><td>0</td><td>3</td><td>4</td></tr>\n",
    put: (s) => footer(`<table>${s}</table>`),
  },
  // Rows a province added to table 三: each one a diagnostic.
  rows: {
    unit: '<tr><td colspan="3">某某补充统计项</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\n',
    put: (s) => before(s, "<tr>", page.indexOf("<tr>", page.indexOf("</tr>", table三) + 1)),
  },
  // An inline script.
  scripts: {
    unit: 'var cfg = { id: 1, name: "module", enabled: true }; // 说明\n',
    put: (s) => footer(`<script>${s}</script>`),
  },
  // A sidebar of layout tables, each holding a table: every one is read again once.
  layout: {
    unit: "<table><tr><td>栏目</td><td><table><tr><td>链接一</td><td>链接二</td></tr></table></td></tr></table>\n",
    put: (s) => footer(s),
  },
};

const SIZES = [64, 128, 256, 512, 1024].map((k) => k * 1024);
const grow = (shape: keyof typeof SHAPES, size: number): string => {
  const { unit, put } = SHAPES[shape]!;
  return put(unit.repeat(Math.max(1, Math.ceil((size - page.length) / unit.length))));
};
const counted = (html: string): ReadCounters => {
  const counters: ReadCounters = { heldNodes: 0, keptChars: 0, readAgain: 0 };
  readHtml(html, new Diagnostics(), counters);
  return counters;
};

describe("memory on huge pages", () => {
  const plain = importHtml(page);
  test("the page grown in each way still reads the report", () => {
    expect(plain.stats.placed).toBe(plain.stats.total);
  });

  test.each(
    Object.keys(SHAPES),
  )("%s: the elements held stay as many, the text kept and read again stay within the page's length", (shape) => {
    const first = counted(grow(shape, SIZES[0]!));
    for (const size of SIZES) {
      const html = grow(shape, size);
      const c = counted(html);
      // Only the open elements are held: as many at 1 MB as at 64 KB.
      expect(c.heldNodes, `${shape} at ${size}`).toBe(first.heldNodes);
      // Every character of text is kept at most once, and tokenised at most twice.
      expect(c.keptChars, `${shape} at ${size}`).toBeLessThanOrEqual(html.length);
      expect(c.readAgain, `${shape} at ${size}`).toBeLessThanOrEqual(html.length);
    }
    const html = grow(shape, SIZES.at(-1)!);
    const result = importHtml(html);
    expect(result.stats.placed).toBe(plain.stats.placed);
    // However many rows or cells a page repeats, the diagnostics of one kind stay within the cap.
    const perCode = new Map<string, number>();
    for (const d of result.diagnostics) perCode.set(d.code, (perCode.get(d.code) ?? 0) + 1);
    for (const [code, n] of perCode) expect(n, code).toBeLessThanOrEqual(DIAGNOSTICS_PER_CODE + 1);
  });

  test("layout tables nested n deep are each read again once: at most the page again", () => {
    for (const n of [1000, 4000, 16000]) {
      const html = `<html><body>${"<table><tr><td>栏目".repeat(n)}${"</td></tr></table>".repeat(n)}</body></html>`;
      const c = counted(html);
      expect(c.readAgain).toBeGreaterThan(0);
      expect(c.readAgain).toBeLessThanOrEqual(html.length);
      expect(c.keptChars).toBeLessThanOrEqual(html.length);
    }
  });

  test("one table made a layout table by a table at its very end is read again once", () => {
    for (const n of [1000, 8000, 32000]) {
      const html = `<body><table>${"<tr><td>1</td><td>2</td></tr>".repeat(n)}<tr><td><table><tr><td>x</td></tr></table></td></tr></table></body>`;
      const c = counted(html);
      expect(c.readAgain).toBeLessThanOrEqual(html.length);
      expect(c.readAgain).toBeGreaterThan(html.length / 2);
    }
  });
});

describe("diagnostics of one kind", () => {
  test(`past ${DIAGNOSTICS_PER_CODE}, are counted in one more that says how many`, () => {
    const diag = new Diagnostics();
    for (let i = 0; i < 1000; i++) diag.add("extra-row", "warning", `第${i}行`, `row ${i}`, { line: i + 1 });
    diag.add("other", "info", "别的", "other", { line: 1 });
    expect(diag.list).toHaveLength(DIAGNOSTICS_PER_CODE + 2);
    const more = diag.list.filter((d) => d.code === "extra-row").at(-1)!;
    expect(more.message.en).toBe(
      `750 more "extra-row" diagnostics not listed (at most ${DIAGNOSTICS_PER_CODE} of one kind are)`,
    );
    expect(more.source).toEqual({ line: DIAGNOSTICS_PER_CODE + 1 });
    // A fork (each report of a page) counts on from its parent's, which stays as it was.
    const fork = diag.fork();
    fork.add("extra-row", "warning", "再一行", "one more", { line: 2000 });
    expect(fork.list).toHaveLength(DIAGNOSTICS_PER_CODE + 2);
    expect(fork.list.filter((d) => d.code === "extra-row").at(-1)!.message.en).toMatch(/^751 more/);
    expect(more.message.en).toMatch(/^750 more/);
  });
});
