// GB/T 9704-2012 measured on the PDF as a reader's tool sees it (pdftotext -bbox): 28 characters of 3号
// on a full line of the 156 mm text block, 22 lines on a full page of the 225 mm block, and a title that
// breaks only between words.
import { describe, expect, it } from "vitest";
import { resolveFonts } from "../src/fonts.js";
import { mm, PRESETS, renderPdf, textBlockOf, titleLines, wordBoundaries } from "../src/index.js";
import { loadNodeFonts } from "../src/node.js";
import { example, longNarrative } from "./_fixtures.js";
import { pdfWords } from "./_poppler.js";

const fonts = await loadNodeFonts();
const [left, top] = PRESETS.official.margins;
const block = textBlockOf("official");

describe("GB/T 9704 geometry, measured in the PDF", () => {
  it("sets 28 characters on a full body line across the 156 mm block, and 22 lines on a full page", async () => {
    const { pdf } = await renderPdf(longNarrative(), { fonts });
    const words = pdfWords(pdf);
    // The pages that hold only section 五's paragraphs (body text, ~23 pt word boxes) from top to foot.
    const inBlock = words.filter((w) => w.yMin < top + block.height);
    const pages = [...new Set(inBlock.map((w) => w.page))].filter((p) =>
      inBlock.filter((w) => w.page === p).every((w) => Math.abs(w.yMax - w.yMin - 23) < 1),
    );
    expect(pages.length).toBeGreaterThan(20);
    const linesOn = (p: number) =>
      new Set(inBlock.filter((w) => w.page === p).map((w) => w.yMin.toFixed(1))).size;
    for (const p of pages) expect(linesOn(p), `page ${p}`).toBeLessThanOrEqual(22);
    expect(pages.filter((p) => linesOn(p) === 22).length).toBeGreaterThan(20);
    const page = inBlock.filter((w) => w.page === pages[1]);
    const ys = page.map((w) => w.yMin).sort((a, b) => a - b);
    const pitch = (ys.at(-1)! - ys[0]!) / 21;
    expect(pitch).toBeCloseTo(mm(225) / 22, 2);
    // Lines made only of CJK characters and full-width marks, not a paragraph's first or last.
    const full = page.filter(
      (w) =>
        /^[\p{Script=Han}，、。；：“”（）]+$/u.test(w.text) &&
        Math.abs(w.xMin - left) < 0.5 &&
        w.xMax > left + block.width - 1,
    );
    expect(full.length).toBeGreaterThan(10);
    // 28 a line; 27 where the 28th character went down with a mark that may not start a line (，。、).
    for (const w of full) {
      expect([27, 28], w.text).toContain([...w.text].length);
      expect(w.xMax).toBeCloseTo(left + block.width, 0);
    }
    expect(full.filter((w) => [...w.text].length === 28).length / full.length).toBeGreaterThan(0.7);
  });
});

/** Organ names of different lengths, short 街道 to a 40-character one. */
const ORGANS = [
  "武林街道办事处",
  "杭州市下城区武林街道办事处",
  "江南市滨河区人民政府办公室",
  "国家税务总局江南市滨河区税务局",
  "黔东南苗族侗族自治州人民政府办公室",
  "延边朝鲜族自治州人民政府办公室",
  "浙江省衢州市柯城区鄞江街道办事处",
  "中华人民共和国某某省某某市某某区人民政府",
  "新疆维吾尔自治区伊犁哈萨克自治州人民政府办公厅",
  "中华人民共和国某某省某某市某某区人民政府某某街道办事处综合行政执法队",
];

describe("title lines", () => {
  const chain = resolveFonts(fonts).chains.title;
  const options = { width: block.width - 0.02, fontSize: PRESETS.official.titleSize, chain };

  it.each(ORGANS.map((o) => [o]))("break only between words: %s", (organ) => {
    const title = `${organ}2025年政府信息公开工作年度报告`;
    const lines = titleLines(title, organ, options).map((l) => l.segments.map((s) => s.text).join(""));
    expect(lines.join("")).toBe(title);
    const allowed = new Set([...wordBoundaries(title), organ.length]);
    let at = 0;
    for (const line of lines.slice(0, -1)) {
      at += line.length;
      expect(allowed.has(at), `${lines.join(" / ")}: break at ${at}`).toBe(true);
    }
    // "2025年政府信息公开工作年度报告" never breaks: it fits a line and ends the title.
    expect(lines.at(-1)!.endsWith("2025年政府信息公开工作年度报告")).toBe(true);
    if (organ.length > 8) expect(lines.at(-1)).toBe("2025年政府信息公开工作年度报告");
  });

  it("balances a long organ name over its lines", () => {
    const organ = ORGANS.at(-1)!;
    const lines = titleLines(`${organ}2025年政府信息公开工作年度报告`, organ, options);
    const organLines = lines.slice(0, -1).map((l) => l.width);
    expect(organLines.length).toBe(2);
    expect(Math.min(...organLines) / Math.max(...organLines)).toBeGreaterThan(0.7);
  });

  it("keeps the organ named in a title whole, even where the segmenter cuts it (办事|处)", () => {
    const title = "2020年下城区武林街道办事处信息公开年度工作报告";
    const lines = titleLines(title, "杭州市下城区武林街道办事处", options).map((l) =>
      l.segments.map((s) => s.text).join(""),
    );
    expect(lines).toEqual(["2020年下城区武林街道办事处", "信息公开年度工作报告"]);
  });

  it("keeps a short title on one line", () => {
    const lines = titleLines("武林街道2020年报告", "武林街道", options);
    expect(lines).toHaveLength(1);
  });

  it("breaks the title in the PDF as it is laid out: the organ, then the year's report", async () => {
    const r = example("example-2021");
    const { pdf } = await renderPdf(r, { fonts });
    const title = pdfWords(pdf).filter((w) => w.page === 1 && w.yMin < top + 70);
    expect(title.map((w) => w.text)).toEqual([r.meta.organ, "2025年政府信息公开工作年度报告"]);
  });
});
