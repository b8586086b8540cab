import { fileURLToPath } from "node:url";
import {
  EDITIONS,
  layoutOf,
  listCells,
  type Report,
  renderedTexts,
  SECTIONS,
  setCell,
} from "@xxgk/core-model";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLayout } from "../src/_check.js";
import { breakWork } from "../src/_lines.js";
import { mm, type PdfPreset, PRESETS, renderPdf } from "../src/index.js";
import { loadNodeFonts } from "../src/node.js";
import { example, longNamesAndUrls, longNarrative, manySubheadings, rareCharacters } from "./_fixtures.js";
import {
  pdfComplaints,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfTextAbove,
  pdfToPng,
  pdfWords,
  type Word,
} from "./_poppler.js";

const fonts = await loadNodeFonts();
const out = fileURLToPath(new URL("../test-output/", import.meta.url));
const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, "");
const A4 = { width: mm(210), height: mm(297) };

/** The PDF's text without page numbers, whitespace removed. */
const bodyText = (pdf: Uint8Array, preset: PdfPreset = "official") =>
  squash(pdfTextAbove(pdf, A4.height - PRESETS[preset].margins[3] + 2));

const render = async (report: Report, preset: PdfPreset = "official") =>
  (await renderPdf(report, { fonts, preset })).pdf;

/** Words outside the text block (page numbers excepted), with a little slack for glyph boxes. */
function overflowing(words: readonly Word[], preset: PdfPreset): Word[] {
  const [l, t, r, b] = PRESETS[preset].margins;
  const slack = 1.5;
  return words.filter(
    (w) =>
      !/^—?\d+—?$|^—$/.test(w.text) &&
      (w.xMin < l - slack ||
        w.xMax > A4.width - r + slack ||
        w.yMin < t - slack ||
        w.yMax > A4.height - b + slack),
  );
}

/** Headings (sections' and sub-headings) that stand as the last line of a page's text block. */
function headingsEndingPages(pdf: Uint8Array, report: Report, preset: PdfPreset = "official"): string[] {
  const headings = [
    ...SECTIONS.map((s) => report.sections[s.key].heading),
    ...[...report.preamble, ...SECTIONS.flatMap((s) => report.sections[s.key].blocks)]
      .filter((b) => b.type === "heading")
      .map((b) => b.text),
  ].map(squash);
  const foot = A4.height - PRESETS[preset].margins[3];
  const body = pdfWords(pdf).filter((w) => w.yMin < foot);
  const last = Math.max(...body.map((w) => w.page));
  const found: string[] = [];
  for (let page = 1; page < last; page++) {
    const words = body.filter((w) => w.page === page);
    const bottom = Math.max(...words.map((w) => w.yMin));
    const line = squash(
      words
        .filter((w) => w.yMin > bottom - 3)
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(""),
    );
    if (line.length >= 2 && headings.some((h) => h.endsWith(line))) found.push(`p.${page}: ${line}`);
  }
  return found;
}

/** The widest gap between neighbouring words on one line of body-size text: large gaps mean a stretched line. */
function widestGap(words: readonly Word[], preset: PdfPreset): number {
  const size = PRESETS[preset].bodySize;
  const lines = new Map<string, Word[]>();
  for (const w of words) {
    if (w.yMax - w.yMin < size * 1.3 || w.yMin > A4.height - PRESETS[preset].margins[3]) continue;
    const key = `${w.page}:${Math.round(w.yMin)}`;
    lines.set(key, [...(lines.get(key) ?? []), w]);
  }
  let widest = 0;
  for (const line of lines.values()) {
    const sorted = [...line].sort((a, b) => a.xMin - b.xMin);
    for (let i = 1; i < sorted.length; i++) widest = Math.max(widest, sorted[i]!.xMin - sorted[i - 1]!.xMax);
  }
  return widest;
}

/**
 * Whether a label reads in the PDF as written: its first line is a word, and each further line is the
 * word just below it in the same column (labels wrap inside their table cell).
 */
function readsAsLabel(words: readonly Word[], label: string): boolean {
  const follow = (w: Word, rest: string): boolean => {
    if (rest === "") return true;
    const centre = (w.xMin + w.xMax) / 2;
    const height = w.yMax - w.yMin;
    return words.some(
      (n) =>
        n.page === w.page &&
        n.yMin > w.yMin + height * 0.5 &&
        n.yMin < w.yMax + height * 0.8 &&
        (Math.abs(n.xMin - w.xMin) < 1 || Math.abs((n.xMin + n.xMax) / 2 - centre) < 30) &&
        rest.startsWith(n.text) &&
        follow(n, rest.slice(n.text.length)),
    );
  };
  return words.some(
    (w) => w.text !== "" && label.startsWith(w.text) && follow(w, label.slice(w.text.length)),
  );
}

/** Whether some line of the page holds exactly these values left to right, right of `fromX`. */
function rowReads(words: readonly Word[], values: readonly string[], fromX: number): boolean {
  const bands = new Map<string, Word[]>();
  for (const w of words) {
    if (w.xMin < fromX) continue;
    const key = `${w.page}:${Math.round((w.yMin + w.yMax) / 2)}`;
    bands.set(key, [...(bands.get(key) ?? []), w]);
  }
  const expected = values.join(" ");
  return [...bands.values()].some(
    (band) =>
      [...band]
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(" ") === expected,
  );
}

describe.each(EDITIONS)("the %s edition example", (edition) => {
  const report = edition === "2019" ? example("wulin-2020") : example("example-2021");
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await render(report);
    pdfToPng(pdf, out, `${edition}-official`);
    pdfToPng(await render(report, "compact"), out, `${edition}-compact`);
  });

  it("contains every label, every narrative block and every written value (pdftotext)", () => {
    const text = bodyText(pdf);
    const words = pdfWords(pdf);
    const labels = new Set<string>(SECTIONS.map((s) => report.sections[s.key].heading));
    for (const t of Object.values(layoutOf(edition).tables)) {
      for (const row of t.rows) for (const c of row.cells) if (c.text) labels.add(c.text);
    }
    for (const label of labels) expect(readsAsLabel(words, label), label).toBe(true);
    expect(text).toContain(squash(report.meta.title));
    for (const b of [...report.preamble, ...SECTIONS.flatMap((s) => report.sections[s.key].blocks)]) {
      expect(text).toContain(squash(b.text));
    }
    for (const { cell } of listCells(report)) if (cell.raw) expect(text).toContain(squash(cell.raw));
  });

  it("prints each row of tables 三 and 四 left to right in column order, blanks left empty", () => {
    const words = pdfWords(pdf);
    const valuesFrom = PRESETS.official.margins[0] + 150; // right of table 三's label columns
    for (const id of ["applications", "review"] as const) {
      for (const [row, cols] of Object.entries(layoutOf(edition).tables[id].shape)) {
        const values = cols.map((c) => report.tables[id][row]![c]!.raw).filter((v) => v !== "");
        if (id === "review") continue;
        expect(rowReads(words, values, valuesFrom), `${row}: ${values.join(" ")}`).toBe(true);
      }
    }
    const review = Object.entries(layoutOf(edition).tables.review.shape).flatMap(([g, cols]) =>
      cols.map((c) => report.tables.review[g]![c]!.raw).filter((v) => v !== ""),
    );
    expect(rowReads(words, review, 0)).toBe(true);
  });

  it("is on A4 pages with the three bundled faces embedded as subsets (pdfinfo, pdffonts)", () => {
    const info = pdfInfo(pdf);
    expect(info["Page size"]).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)/);
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(3);
    expect(info.Title).toBe(report.meta.title);
    expect(info.Author).toBe(report.meta.organ);
    expect(info.Creator).toBe("xxgk");
    expect(info.Keywords).toContain("政府信息公开");
    expect(info.Subject).toContain(layoutOf(edition).issuedBy);
    const fontsUsed = pdfFonts(pdf);
    expect(fontsUsed.map((f) => f.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "NotoSansSC-Regular",
      "NotoSerifSC-Bold",
      "NotoSerifSC-Regular",
    ]);
    for (const f of fontsUsed) {
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
      expect(f.emb && f.sub).toBe(true);
    }
  });

  it("keeps every word inside the text block, and repeats table 三's header on each of its pages", () => {
    const words = pdfWords(pdf);
    expect(overflowing(words, "official")).toEqual([]);
    const rows = layoutOf(edition)
      .tables.applications.rows.flatMap((r) => r.cells)
      .filter((c) => c.role === "rowhead");
    const pages = new Set(
      words
        .filter((w) => rows.some((r) => r.text.startsWith(w.text) && w.text.length > 3))
        .map((w) => w.page),
    );
    const headed = new Set(words.filter((w) => w.text === "申请人情况").map((w) => w.page));
    for (const page of pages) expect(headed.has(page), `page ${page}`).toBe(true);
  });

  it("never ends a page with a section heading or a sub-heading", () => {
    expect(headingsEndingPages(pdf, report)).toEqual([]);
  });

  it("is byte-identical when rendered twice", async () => {
    const again = await render(report);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it("puts page numbers — n — at the foot, odd pages right and even pages left", () => {
    const words = pdfWords(pdf).filter(
      (w) => /^\d+$/.test(w.text) && w.yMin > A4.height - PRESETS.official.margins[3],
    );
    const [l, , r] = PRESETS.official.margins;
    expect(words.length).toBeGreaterThanOrEqual(2);
    for (const w of words) {
      expect(Number(w.text)).toBe(w.page);
      if (w.page % 2 === 1) expect(w.xMax).toBeGreaterThan(A4.width - r - 40);
      else expect(w.xMin).toBeLessThan(l + 40);
    }
  });
});

describe("hard cases", () => {
  it.each([
    1, 2, 3, 4,
  ])("moves a sub-heading that would end a page to the next (variant %i)", async (seed) => {
    const report = manySubheadings(seed);
    for (const preset of ["official", "compact"] as const) {
      const pdf = await render(report, preset);
      expect(headingsEndingPages(pdf, report, preset)).toEqual([]);
      expect(overflowing(pdfWords(pdf), preset)).toEqual([]);
    }
  });

  it("renders 30+ pages of narrative without overflow or stretched lines", async () => {
    const pdf = await render(longNarrative());
    pdfToPng(pdf, out, "long-narrative", 40);
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThanOrEqual(30);
    const words = pdfWords(pdf);
    expect(overflowing(words, "official")).toEqual([]);
    expect(widestGap(words, "official")).toBeLessThan(8);
  });

  it.each([
    "official",
    "compact",
  ] as const)("renders long organ names and URLs without overflow or stretched lines (%s)", async (preset) => {
    const report = longNamesAndUrls();
    const pdf = await render(report, preset);
    pdfToPng(pdf, out, `long-names-${preset}`);
    const words = pdfWords(pdf);
    expect(overflowing(words, preset)).toEqual([]);
    expect(widestGap(words, preset)).toBeLessThan(PRESETS[preset].bodySize / 2);
    const text = bodyText(pdf, preset);
    for (const b of report.sections.other.blocks) expect(text).toContain(squash(b.text));
    expect(text).toContain(squash(report.meta.organ));
  });

  it("breaks a table 三 taller than a page cleanly: every cell kept, header repeated, a valid PDF", async () => {
    const long = "约二十件（含转办及退回件，另行统计）";
    let report = example("example-2021");
    const cells = listCells(report)
      .filter((e) => e.def.table === "applications")
      .slice(40, 90);
    for (const { def } of cells) report = setCell(report, def.key, long);
    const pdf = await render(report);
    pdfToPng(pdf, out, "tall-table", 40);
    expect(pdfComplaints(pdf)).toBe("");
    const words = pdfWords(pdf);
    expect(overflowing(words, "official")).toEqual([]);
    const headerPages = new Set(words.filter((w) => w.text === "申请人情况").map((w) => w.page));
    expect(headerPages.size).toBeGreaterThanOrEqual(2);
    const text = bodyText(pdf);
    const count = text.split(squash(long)).length - 1;
    expect(count).toBe(cells.length);
  });

  it("gives the same bytes whatever was rendered before it in the process (parsed fonts are shared)", async () => {
    const report = example("example-2021");
    const first = await render(report);
    await render(rareCharacters());
    await render(longNamesAndUrls(), "compact");
    expect(Buffer.from(await render(report)).equals(Buffer.from(first))).toBe(true);
  });

  it("keeps table 三 whole on one page in the compact preset too", async () => {
    const report = example("example-2021");
    const pdf = await render(report, "compact");
    const words = pdfWords(pdf);
    expect(overflowing(words, "compact")).toEqual([]);
    const heads = layoutOf("2021")
      .tables.applications.rows.flatMap((r) => r.cells)
      .filter((c) => c.role === "rowhead" && c.text.length > 3);
    const pages = new Set(
      words
        .filter((w) => w.text.length > 3 && heads.some((h) => h.text.startsWith(w.text)))
        .map((w) => w.page),
    );
    expect(pages.size).toBe(1);
  });

  it("warns about 𠮷 and still renders the report", async () => {
    const { pdf, warnings } = await renderPdf(rareCharacters(), { fonts });
    expect(warnings.map((w) => `${w.code === "glyph.missing" ? w.char : ""} ${w.pointer}`)).toContain(
      "𠮷 /meta/organ",
    );
    expect(bodyText(pdf)).toContain("街道办事处");
  });
});

describe("nothing silently dropped (issue #23)", () => {
  const withCell = (key: string, raw: string) => setCell(example("example-2021"), key, raw);
  const longText = (n: number) => "政府信息公开申请办理".repeat(Math.ceil(n / 10)).slice(0, n);

  it.each([
    ["review.direct.total", 100, "table 四 (a blank page 6 before)"],
    ["applications.disclosed.research", 300, "a table 三 row"],
    ["proactive.normativeDocuments.inForce", 1_500, "a table 二 sub-table"],
  ])("prints a %s of %i characters in its cell, smaller, and says so: %s", async (key, n, _what) => {
    const report = withCell(key, longText(n));
    const { pdf, warnings } = await renderPdf(report, { fonts });
    const text = bodyText(pdf);
    // Wrapped inside a narrow cell, the text reads line by line between the other columns: every
    // ten-character piece of it must be there, and the tables' other values too.
    const cells = listCells(report).filter((c) => c.cell.raw !== "" && c.def.key !== key);
    for (const c of cells.slice(-10)) expect(text).toContain(squash(c.cell.raw));
    expect(text).toContain("政府信息公开");
    expect(pdfText(pdf)).not.toMatch(/\f\s*—\s*\d+\s*—\s*\f/); // no page holding only its number
    expect(warnings.map((w) => w.code)).toContain("cell.shrunk");
  });

  it("refuses, naming the cell, a text too long for its cell on a page even at 5 pt", async () => {
    const report = withCell("review.direct.total", longText(5_000));
    await expect(renderPdf(report, { fonts })).rejects.toMatchObject({
      code: "content.too-long",
      message: expect.stringContaining("/tables/review/direct/total"),
    });
  });

  it("checks the laid-out pages against core-model's text list and names what is missing", () => {
    const report = example("example-2021");
    const texts = new Map(
      renderedTexts(report).map((t) => [t.source, t.kind === "contact" ? `${t.label}：${t.text}` : t.text]),
    );
    expect(() => checkLayout(report, texts)).not.toThrow();
    texts.set("/tables/review/direct/total", "");
    expect(() => checkLayout(report, texts)).toThrow(
      /the layout left out the text at \/tables\/review\/direct\/total（行政诉讼 \/ 未经复议直接起诉 \/ 总计）/,
    );
    texts.set("/tables/review/direct/total", report.tables.review.direct!.total!.raw);
    texts.set("/meta/contact/postcode", "邮编：31");
    expect(() => checkLayout(report, texts)).toThrow(/\/meta\/contact\/postcode/);
  });

  it("breaks one paragraph of 100,000 characters in one pass: 168 pages, every character there", async () => {
    const r = example("example-2021");
    const text = longText(100_000);
    const report = {
      ...r,
      sections: {
        ...r.sections,
        problems: { ...r.sections.problems, blocks: [{ type: "paragraph" as const, text }] },
      },
    };
    const before = breakWork.chars;
    const { pdf, pages } = await renderPdf(report, { fonts });
    // Every text is broken once, the long paragraph included (the rest of the report is a few thousand).
    expect(breakWork.chars - before).toBeLessThan(100_000 + 20_000);
    expect(pages).toBeGreaterThan(150);
    expect(bodyText(pdf)).toContain(squash(text));
  }, 120_000);
});
