// LibreOffice as the real reader: our DOCX converted to PDF headless, with a fontconfig file that maps the
// 公文 font names to installed stand-ins, then checked with poppler-utils the way a reader's tools see it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chineseDate, contactLines, type Report, SECTIONS } from "@xxgk/core-model";
import { convertWithLibreOffice } from "@xxgk/render-contract/libreoffice";
import { type PdfWord, pdfFonts, pdfInfo, pdfText, pdfToPng, pdfWords } from "@xxgk/render-contract/poppler";
import { beforeAll, describe, expect, it } from "vitest";
import { DOCX_FONTS, PAGE, renderDocx } from "../src/index.js";
import { example, longNamesAndUrls, longParagraph, tallTable3 } from "./_fixtures.js";

const FONTS_CONF = fileURLToPath(new URL("./fontconfig/fonts.conf", import.meta.url));
const out = fileURLToPath(new URL("../test-output/", import.meta.url));

const reports: Record<string, Report> = {
  "example-2021": example("example-2021"),
  "wulin-2020": example("wulin-2020"),
  "tall-table": tallTable3(),
  "long-names": longNamesAndUrls(),
  "long-paragraph": longParagraph(),
};
const pdfs: Record<string, Uint8Array> = {};

beforeAll(async () => {
  const docs: Record<string, Uint8Array> = {};
  for (const [name, report] of Object.entries(reports))
    docs[`${name}.docx`] = (await renderDocx(report)).docx;
  // One LibreOffice run for all four (each start costs seconds), in a profile of its own.
  const converted = await convertWithLibreOffice(docs, { to: "pdf", env: { FONTCONFIG_FILE: FONTS_CONF } });
  for (const name of Object.keys(reports)) {
    pdfs[name] = converted[`${name}.docx`]!;
    pdfToPng(pdfs[name], out, `libreoffice-${name}`, 60);
  }
});

const pt = (twips: number) => twips / 20;
const block = {
  left: pt(PAGE.margin.left),
  right: pt(PAGE.width - PAGE.margin.right),
  top: pt(PAGE.margin.top),
  bottom: pt(PAGE.height - PAGE.margin.bottom),
};
/** A page number's words (`—`, `3`, `—`): below the text block. */
const isFooter = (w: PdfWord) => w.yMin > block.bottom;
const squashed = (s: string) => s.replace(/\s+/g, "");
/**
 * A word reaching past the text block's right edge. LibreOffice 7.4 lets a closing punctuation mark
 * (，。、；：！？）》”) hang into the margin at the end of a line even with `w:overflowPunct` off, which
 * Word honours; such a mark may stand outside by its own width, nothing else may.
 */
const beyondRight = (w: PdfWord) => {
  const hanging = /[，。、；：！？）》”’]$/.test(w.text) ? 16.5 : 0;
  return w.xMax > block.right + 1 + hanging;
};

describe("LibreOffice reads our DOCX", () => {
  it("as A4 pages of the expected count, numbered — n — on every page, odd on the right and even on the left", () => {
    const expectedPages: Record<string, number> = { "example-2021": 5, "wulin-2020": 5 };
    for (const [name, pages] of Object.entries(expectedPages)) {
      const info = pdfInfo(pdfs[name]!);
      expect(info["Page size"], name).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
      expect(Number(info.Pages), name).toBe(pages);
    }
    for (const [name, pdf] of Object.entries(pdfs)) {
      const pages = Number(pdfInfo(pdf).Pages);
      const feet = pdfWords(pdf).filter(isFooter);
      for (let page = 1; page <= pages; page++) {
        const words = feet.filter((w) => w.page === page);
        expect(
          words.map((w) => w.text),
          `${name} page ${page}`,
        ).toEqual(["—", String(page), "—"]);
        // One 4号 character (14 pt) in from the text block's edge, ±1 pt.
        if (page % 2 === 1) expect(Math.abs(words[2]!.xMax - (block.right - 14))).toBeLessThan(1);
        else expect(Math.abs(words[0]!.xMin - (block.left + 14))).toBeLessThan(1);
        // The numbers' line sits 7 mm below the text block.
        expect(words[0]!.yMin).toBeGreaterThan(block.bottom + 14);
        expect(words[0]!.yMax).toBeLessThan(block.bottom + 40);
      }
    }
  });

  it("in the 公文 fonts' stand-ins, one for each role, and no other font", () => {
    const used = new Set(pdfFonts(pdfs["example-2021"]!).map((f) => f.name.replace(/^[A-Z]{6}\+/, "")));
    // pdffonts names: title (方正小标宋简体 → Noto Serif CJK Bold), page numbers (宋体 → Noto Serif CJK),
    // body (仿宋_GB2312 → UMing), 一级标题 (黑体 → WenQuanYi Zen Hei), 二级标题 (楷体_GB2312 → UKai).
    expect([...used].sort()).toEqual(
      [
        "NotoSerifCJKjp-Bold-VKana",
        "NotoSerifCJKjp-Regular-VKana",
        "UKaiCN",
        "UMingCN",
        "WenQuanYiZenHei",
      ].sort(),
    );
    // Every name the DOCX uses is mapped by the fontconfig file the test gives LibreOffice.
    const conf = readFileSync(FONTS_CONF, "utf8");
    for (const f of Object.values(DOCX_FONTS)) expect(conf).toContain(`<string>${f.name}</string>`);
  });

  it("with every heading, the 落款 and the contact block, and the tables' labels and values", () => {
    for (const name of ["example-2021", "wulin-2020"]) {
      const report = reports[name]!;
      const text = squashed(pdfText(pdfs[name]!));
      expect(text).toContain(squashed(report.meta.title));
      for (const s of SECTIONS) expect(text, s.key).toContain(squashed(report.sections[s.key].heading));
      expect(text).toContain(squashed(report.meta.organ));
      if (report.meta.published) expect(text).toContain(chineseDate(report.meta.published));
      for (const { label, value } of contactLines(report))
        expect(text).toContain(squashed(`${label}：${value}`));
      for (const label of ["申请人情况", "法人或其他组织", "（七）总计", "行政复议", "未经复议直接起诉"]) {
        expect(text).toContain(label);
      }
    }
    expect(squashed(pdfText(pdfs["wulin-2020"]!))).toContain("4359957元");
  });

  it("with nothing outside the text block: table 三 fits the width, long names and URLs wrap", () => {
    for (const [name, pdf] of Object.entries(pdfs)) {
      const outside = pdfWords(pdf).filter(
        (w) =>
          !isFooter(w) &&
          (w.xMin < block.left - 1 || beyondRight(w) || w.yMin < block.top - 2 || w.yMax > block.bottom + 2),
      );
      expect(outside, name).toEqual([]);
    }
  });

  it("sets 22 lines of body text on a page", () => {
    const words = pdfWords(pdfs["long-paragraph"]!).filter((w) => !isFooter(w));
    // The pages strictly between section 五's heading and section 六's: all of them its one long paragraph.
    const pageOf = (start: string) => words.find((w) => w.text.startsWith(start))!.page;
    const pages = [...new Set(words.map((w) => w.page))].filter(
      (page) => page > pageOf("五、") && page < pageOf("六、"),
    );
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const lines = new Set(words.filter((w) => w.page === page).map((w) => Math.round(w.yMin)));
      expect(lines.size, `page ${page}`).toBe(22);
    }
  });

  it("sets 28 characters on a full line of body text", () => {
    const lines = pdfWords(pdfs["example-2021"]!).filter(
      (w) => w.page === 1 && !isFooter(w) && w.xMin < block.left + 1 && w.xMax > block.right - 2,
    );
    // Whole lines of CJK text (digits among CJK get extra space, and the first line is indented).
    const cjk = lines.filter(
      (w) => !/[\x21-\x7e]/.test(w.text) && !beyondRight(w) && w.xMax <= block.right + 1,
    );
    expect(cjk.length).toBeGreaterThan(3);
    for (const w of cjk) expect([...w.text], w.text).toHaveLength(28);
  });

  it("keeps table 三 with its heading on one page, and repeats its header rows when it is taller than a page", () => {
    const words = pdfWords(pdfs["example-2021"]!);
    const pageOf = (text: string) => new Set(words.filter((w) => w.text.includes(text)).map((w) => w.page));
    const heading = pageOf("三、收到和处理政府信息公开申请情况");
    expect(heading.size).toBe(1);
    expect(pageOf("申请人情况")).toEqual(heading);
    expect(pageOf("四、结转下年度继续办理")).toEqual(heading);

    const tall = pdfWords(pdfs["tall-table"]!);
    const headerPages = [...new Set(tall.filter((w) => w.text === "申请人情况").map((w) => w.page))];
    const rowPages = [
      ...new Set(
        tall.filter((w) => /^[一二四]、(本年新收|上年结转|结转下年度)/.test(w.text)).map((w) => w.page),
      ),
    ];
    expect(rowPages.length).toBeGreaterThan(1);
    for (const page of rowPages) expect(headerPages).toContain(page);
  });
});
