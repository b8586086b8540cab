// The PDF reader, on PDFs made the ways real reports' PDFs are made (fixtures committed by
// scripts/make-pdf-fixtures.mjs, and a family drawn here with pdfkit): every cell right, or blank with a
// diagnostic on it — never a wrong value without one.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createReport, layoutOf, parseReport, type Report, setCell } from "@xxgk/core-model";
import { renderPdf } from "@xxgk/render-pdf";
import { loadNodeFonts } from "@xxgk/render-pdf/node";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { covers } from "../../scripts/_covers.mjs";
import { drawReport, FONT } from "../../scripts/_draw-report.mjs";
import { type ImportResult, importReport } from "../../src/index.js";
import { mayDraw, type PageContent, type Rule, type Run } from "../../src/readers/pdf/_page.js";
import { layoutPages } from "../../src/readers/pdf.js";

const require = createRequire(import.meta.url);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/pdf/${name}`, import.meta.url));
const example = (name: string): Report => {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(name);
  return parsed.report;
};
const example2021 = example("example-2021");
const seed = example("wulin-2020");

/** Each cell compared with what was written: right, blank with a diagnostic on it, or wrong. */
function score(expected: Report, r: ImportResult) {
  const out = { right: 0, explained: 0, wrong: [] as string[] };
  for (const def of layoutOf(expected.edition).cells) {
    const want = expected.tables[def.table][def.path[0]]![def.path[1]]!.raw;
    const got = r.report?.tables[def.table][def.path[0]]?.[def.path[1]]?.raw;
    if (got === want) out.right++;
    else if ((got === "" || got === undefined) && r.diagnostics.some((d) => covers(d, def.pointer)))
      out.explained++;
    else out.wrong.push(`${def.key}: ${JSON.stringify(want)} → ${JSON.stringify(got)}`);
  }
  return out;
}

const errors = (r: ImportResult) => r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

describe("PDFs made the ways reports are made", () => {
  test.each([
    ["render-pdf-2021.pdf", example2021],
    ["render-pdf-seed-2020.pdf", seed],
    ["chromium-2021.pdf", example2021],
    ["render-docx-2021.pdf", example2021],
    ["no-rules-2021.pdf", example2021],
  ])("%s reads back with every cell as written", async (name, report) => {
    const r = await importReport(fixture(name));
    expect(r.format).toBe("pdf");
    expect(score(report, r).wrong).toEqual([]);
    expect(r.stats).toEqual({ placed: r.stats.total, unsure: 0, missing: 0, total: r.stats.total });
    expect(errors(r)).toEqual([]);
    expect(r.report!.meta).toMatchObject({ year: report.meta.year, title: report.meta.title });
    for (const d of r.diagnostics) expect(d.source.page).toBeGreaterThan(0);
  });

  test("our PDF of this build reads back: 0 cells changed, narrative as written", async () => {
    const fonts = await loadNodeFonts({});
    for (const [report, preset] of [
      [example2021, "official"],
      [seed, "compact"],
    ] as const) {
      const r = await importReport((await renderPdf(report, { fonts, preset })).pdf);
      expect(score(report, r).wrong).toEqual([]);
      expect(r.report!.sections.overview.blocks).toEqual(report.sections.overview.blocks);
      expect(r.report!.preamble).toEqual(report.preamble);
    }
  });

  test("the published date comes from the document's sign-off, never from the file's creation date", async () => {
    expect((await importReport(fixture("render-pdf-2021.pdf"))).report!.meta.published).toBe("2026-01-20");
    const drawn = await importReport(fixture("no-rules-2021.pdf"));
    expect(drawn.report!.meta.published).toBeUndefined();
    expect(drawn.properties).toEqual({
      creator: "xxgk test",
      producer: "xxgk test",
      created: "2025-02-25T02:02:50Z",
      modified: "2025-02-25T02:02:50Z",
    });
  });

  test("a Word document converted by LibreOffice: typo quoted, the single （六） row left blank saying why", async () => {
    const r = await importReport(fixture("libreoffice-2021.pdf"));
    const s = score(example2021, r);
    expect(s.wrong).toEqual([]);
    expect(s.explained).toBe(21);
    expect(r.report!.meta).toMatchObject({ organ: example2021.meta.organ, year: 2025 });
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "label-approximate",
        matched: { written: "2.其他法律行政止公开", label: "2.其他法律行政法规禁止公开" },
        source: expect.objectContaining({ page: expect.any(Number), excerpt: "2.其他法律行政止公开" }),
      }),
    );
    const group = r.diagnostics.filter((d) => d.code === "group-as-one-row");
    expect(group.map((d) => d.pointer)).toEqual([
      "/tables/applications/noCorrection/naturalPerson",
      "/tables/applications/unpaidFees/naturalPerson",
      "/tables/applications/otherReasons/naturalPerson",
    ]);
    // The single row's totals are not copied into one of the three rows.
    for (const row of ["noCorrection", "unpaidFees", "otherReasons"]) {
      expect(Object.values(r.report!.tables.applications[row]!).every((c) => c.raw === "")).toBe(true);
    }
    expect(r.diagnostics.filter((d) => d.code === "row-missing")).toEqual([]);
  });

  test("a Chinese font that is not embedded is read through pdf.js's predefined CMaps", async () => {
    const r = await importReport(fixture("non-embedded-font.pdf"));
    expect(r.report!.meta).toMatchObject({ organ: example2021.meta.organ, year: 2025 });
    expect(r.report!.sections.overview.blocks).toEqual([
      {
        type: "paragraph",
        text: "本年度政府信息公开工作平稳有序，主动公开政府信息六千余条，依申请公开办理及时规范，政府信息管理和平台建设持续加强，监督保障措施落实到位。",
      },
    ]);
    expect(r.diagnostics.filter((d) => d.code === "pdf-warning")).toEqual([]);
  });
});

describe("what is not a readable text PDF is said, with no report", () => {
  test.each([
    ["scanned.pdf", "pdf-scanned", "OCR"],
    ["encrypted.pdf", "pdf-encrypted", "密码"],
    ["truncated.pdf", "pdf-truncated", "不完整"],
    ["garbled.pdf", "pdf-garbled", "乱码"],
  ])("%s: %s", async (name, code, says) => {
    const r = await importReport(fixture(name));
    expect(r.report).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code, severity: "error" })]);
    expect(r.diagnostics[0]!.message.zh).toContain(says);
    expect(r.diagnostics[0]!.source).toEqual({ page: 1, x: 0, y: 0 });
  });

  test("a text PDF whose tables are pictures: each table said to be a picture, where it is", async () => {
    const r = await importReport(fixture("table-image-2021.pdf"));
    expect(r.report).toBeNull();
    expect(errors(r)).toEqual(["table-image", "table-image", "table-image"]);
    expect(r.diagnostics.filter((d) => d.code === "table-image").map((d) => d.source.page)).toEqual([
      2, 3, 4,
    ]);
  });

  test("a damaged file: garbage after the header", async () => {
    const bytes = new TextEncoder().encode(
      "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n",
    );
    const r = await importReport(bytes);
    expect(r.report).toBeNull();
    expect(errors(r)).toEqual(["pdf-damaged"]);
  });

  test("a document that is not a report: one clear error", async () => {
    const r = await importReport(await notice(3));
    expect(r.report).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["not-a-report"]);
  });
});

test("the PDF's Title property stands in for a missing title, with a notice", async () => {
  const title = `${example2021.meta.organ}2025年政府信息公开工作年度报告`;
  const r = await importReport(await drawReport(example2021, { showTitle: false, title }));
  expect(r.report!.meta).toMatchObject({ title, organ: example2021.meta.organ, year: 2025 });
  expect(r.diagnostics).toContainEqual(
    expect.objectContaining({ code: "title-from-properties", severity: "info", pointer: "/meta/title" }),
  );
  expect(r.properties?.title).toBe(title);
});

// Cells as reports write them, each table's kind of number: counts in 三 and 四, larger numbers, amounts,
// changes and marks in 二.
const count = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 999 }).map(String) },
  { weight: 2, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constantFrom("0", "-", "—", "/", "无") },
  { weight: 1, arbitrary: fc.nat({ max: 99999 }).map(String) },
);
const big = fc.oneof(
  { weight: 5, arbitrary: fc.nat({ max: 9999999 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("", "-", "不适用", "9116.36", "4359957元", "12.5", "+19", "-18", "1,204"),
  },
);
const reports = fc
  .record({
    edition: fc.constantFrom("2019" as const, "2021" as const),
    organ: fc.constantFrom("某某街道办事处", "江南市滨河区人民政府办公室", "云溪县教育局"),
    year: fc.integer({ min: 2019, max: 2030 }),
    counts: fc.array(count, { minLength: 200, maxLength: 200 }),
    bigs: fc.array(big, { minLength: 20, maxLength: 20 }),
  })
  .map(({ edition, organ, year, counts, bigs }) => {
    let report = createReport({ organ, year, edition });
    layoutOf(edition).cells.forEach((def, i) => {
      report = setCell(report, def.key, def.table === "proactive" ? bigs[i % 20]! : counts[i]!);
    });
    return report;
  });
const layouts = fc.record({
  borders: fc.constantFrom("strokes", "rects", "bars", "none"),
  valueAlign: fc.constantFrom("top", "middle", "bottom"),
  labelAlign: fc.constantFrom("top", "middle", "bottom"),
  breakBefore: fc.option(
    fc.oneof(
      fc.record({ table: fc.constant("applications"), row: fc.integer({ min: 0, max: 24 }) }),
      fc.record({ table: fc.constant("proactive"), row: fc.integer({ min: 0, max: 9 }) }),
    ),
    { nil: undefined },
  ),
  repeatHeader: fc.boolean(),
  footer: fc.constantFrom("dash", "emdash", "page-of", "bare", "none"),
  runningHead: fc.constantFrom(undefined, "某某区人民政府政府信息公开工作年度报告"),
  verticalLabels: fc.boolean(),
});

test("a family of drawn PDFs: every cell right or blank with a diagnostic, never wrong", async () => {
  await fc.assert(
    fc.asyncProperty(reports, layouts, async (report, layout) => {
      const r = await importReport(await drawReport(report, layout));
      expect(score(report, r).wrong).toEqual([]);
      expect(r.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
    }),
    { numRuns: 12 },
  );
});

test("damaged PDFs never crash, hang or throw", async () => {
  const good = new Uint8Array(fixture("render-pdf-2021.pdf"));
  const eof = new TextEncoder().encode("\n%%EOF\n");
  const watchdog = Date.now() + 90_000;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 16, max: good.length - 1 }),
      fc.array(fc.record({ at: fc.nat(), byte: fc.nat({ max: 255 }) }), { maxLength: 40 }),
      async (cut, flips) => {
        const bytes = new Uint8Array(cut + eof.length);
        bytes.set(good.subarray(0, cut));
        for (const f of flips) bytes[f.at % cut] = f.byte;
        bytes.set(eof, cut);
        const r = await importReport(bytes);
        expect(r.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
        if (r.report === null) expect(errors(r).length).toBeGreaterThan(0);
        expect(Date.now()).toBeLessThan(watchdog);
      },
    ),
    { numRuns: 25 },
  );
});

/** A PDF of ordinary text over `pages` pages: a notice, not a report. */
async function notice(pages: number): Promise<Uint8Array> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", info: { CreationDate: new Date(0) } });
  doc.registerFont("cjk", FONT).font("cjk").fontSize(12);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) =>
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks)))),
  );
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.text("关于开展春季植树活动的通知", { align: "center" });
    for (let i = 0; i < 20; i++)
      doc.text(`各科室：为美化环境，定于下周开展植树活动，请各科室做好准备。第${p + 1}页第${i + 1}段。`);
  }
  doc.end();
  return done;
}

const run = (str: string, x0: number, top: number, size = 10): Run => ({
  str,
  x0,
  x1: x0 + size * str.length,
  top,
  base: top + size,
  size,
  vertical: false,
  font: "f",
});

describe("a page's drawing is read unless its text rules out tables and pictures", () => {
  const PROSE = "本机关认真贯彻落实政府信息公开条例，主动公开各类信息，依法办理申请。";
  /** A page of running text, 12 pt lines 20 pt apart, from `from` to `to` (points from the top). */
  const prose = (from: number, to: number): Run[] => {
    const runs: Run[] = [];
    for (let y = from; y + 12 <= to; y += 20) runs.push(run(PROSE.slice(0, 34), 72, y, 12));
    return runs;
  };
  const H = 842;

  test("a page of running text from margin to margin is not", () => {
    expect(mayDraw(prose(72, H - 72), H)).toBe(false);
  });

  test.each([
    ["a scan (no text)", []],
    [
      "a table's lines: values set apart like cells",
      [
        ...prose(72, 300),
        ...[300, 320, 340].flatMap((y) => [run("1.某项", 72, y), run("3", 300, y), run("0", 360, y)]),
      ],
    ],
    ["a picture between paragraphs", [...prose(72, 300), ...prose(500, H - 72)]],
    ["a picture at the foot of the page", prose(72, 400)],
    ["a picture at the top of the page", prose(400, H - 72)],
    ["a label written top to bottom", [...prose(72, H - 72), { ...run("三", 80, 300), vertical: true }]],
  ] as [string, Run[]][])("%s is", (_, runs) => {
    expect(mayDraw(runs, H)).toBe(true);
  });
});

describe("layout work grows linearly with the document", () => {
  const h = (x0: number, x1: number, y: number): Rule => ({ x0, y0: y, x1, y1: y, width: 0.5 });
  const v = (x: number, y0: number, y1: number): Rule => ({ x0: x, y0, x1: x, y1, width: 0.5 });
  /** A page with a ruled table of `rows` rows × 8 columns (or laid out without rules), and a paragraph. */
  function page(n: number, rows: number, ruled: boolean): PageContent {
    const runs: Run[] = [run("这是正文的一行文字，说明本页的情况。", 72, 60, 12)];
    const horizontal: Rule[] = [];
    const vertical: Rule[] = [];
    const xs = [72, 200, 240, 280, 320, 360, 400, 440, 480];
    for (let r = 0; r < rows; r++) {
      const y = 100 + r * 14;
      runs.push(run(`${(r % 9) + 1}.属于第${r}项`, 74, y + 2));
      for (let c = 1; c < 8; c++) runs.push(run(String((r * c) % 97), xs[c]! + 4, y + 2));
      if (ruled) horizontal.push(h(72, 480, y));
    }
    if (ruled) {
      horizontal.push(h(72, 480, 100 + rows * 14));
      for (const x of xs) vertical.push(v(x, 100, 100 + rows * 14));
    }
    return {
      page: n,
      width: 595,
      height: 100 + rows * 14 + 100,
      runs,
      horizontal,
      vertical,
      images: [],
      work: 0,
    };
  }
  const work = (pages: number, rows: number, ruled: boolean) =>
    layoutPages(Array.from({ length: pages }, (_, i) => page(i + 1, rows, ruled))).work;

  test.each([true, false])("over pages and over rows (ruled: %s)", (ruled) => {
    const pages = [work(4, 40, ruled), work(8, 40, ruled), work(16, 40, ruled)];
    expect(pages[1]! / pages[0]!).toBeLessThan(2.3);
    expect(pages[2]! / pages[1]!).toBeLessThan(2.3);
    const rows = [work(1, 200, ruled), work(1, 400, ruled), work(1, 800, ruled)];
    expect(rows[1]! / rows[0]!).toBeLessThan(2.3);
    expect(rows[2]! / rows[1]!).toBeLessThan(2.3);
  });
});
