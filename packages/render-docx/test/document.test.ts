// The DOCX as Word reads it: page, fonts, styles, tables in the official merged-cell grid, page numbers,
// 落款 and contact block, properties — checked on the package's XML through a real XML parser.

import type { Element } from "@xmldom/xmldom";
import {
  chineseDate,
  contactLines,
  EDITIONS,
  expandGrid,
  type GridCell,
  layoutOf,
  listCells,
  type Report,
  SECTIONS,
  setCell,
} from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { titleLines } from "../src/_title.js";
import { DOCX_FONTS, PAGE, renderDocx, STYLE_IDS } from "../src/index.js";
import { all, children, paragraphText, parse, parts, val, W, wordGrid } from "./_docx.js";
import { example, longNamesAndUrls } from "./_fixtures.js";

const rendered = new Map<Report, Promise<Record<string, string>>>();
/** The package's parts of a report's DOCX (rendered once per report). */
function partsOf(report: Report): Promise<Record<string, string>> {
  let p = rendered.get(report);
  if (!p) {
    p = renderDocx(report).then(({ docx }) => parts(docx));
    rendered.set(report, p);
  }
  return p;
}

const seed = example("wulin-2020");
const full = example("example-2021");

async function body(report: Report): Promise<Element> {
  return all(parse((await partsOf(report))["word/document.xml"]!), "body")[0]!;
}

/** The body's top-level blocks: paragraphs with their style and text, tables as `table`. */
async function blocks(report: Report): Promise<Array<{ style: string; text: string } | "table">> {
  const b = await body(report);
  return Array.from(b.childNodes)
    .filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === W)
    .filter((e) => e.localName === "p" || e.localName === "tbl")
    .map((e) =>
      e.localName === "tbl" ? "table" : { style: val(e, "pStyle") ?? "Normal", text: paragraphText(e) },
    );
}

describe("the page (GB/T 9704-2012)", () => {
  it("is A4 with a top margin of 37 mm, a binding margin of 28 mm and a 156 × 225 mm text block", async () => {
    const sect = all(await body(full), "sectPr")[0]!;
    const size = all(sect, "pgSz")[0]!;
    const margin = all(sect, "pgMar")[0]!;
    const twips = (e: Element, a: string) => Number(e.getAttributeNS(W, a));
    const mm = (t: number) => Math.round((t / 1440) * 25.4 * 10) / 10;
    expect([mm(twips(size, "w")), mm(twips(size, "h"))]).toEqual([210, 297]);
    expect(mm(twips(margin, "top"))).toBe(37);
    expect(mm(twips(margin, "left"))).toBe(28);
    expect(mm(twips(size, "w") - twips(margin, "left") - twips(margin, "right"))).toBe(156);
    expect(mm(twips(size, "h") - twips(margin, "top") - twips(margin, "bottom"))).toBe(225);
  });

  it("sets body text on 22 exact lines a page and 28 characters a line", async () => {
    expect(PAGE.linePitch * 22).toBeLessThanOrEqual(PAGE.block.height);
    expect(PAGE.linePitch * 23).toBeGreaterThan(PAGE.block.height);
    expect(PAGE.charWidth * 28).toBeLessThanOrEqual(PAGE.block.width);
    expect(PAGE.charWidth * 29).toBeGreaterThan(PAGE.block.width);
    const styles = parse((await partsOf(full))["word/styles.xml"]!);
    const normal = all(styles, "style").find((s) => s.getAttributeNS(W, "styleId") === "Normal")!;
    expect(all(normal, "spacing")[0]!.getAttributeNS(W, "line")).toBe(String(PAGE.linePitch));
    expect(all(normal, "spacing")[0]!.getAttributeNS(W, "lineRule")).toBe("exact");
    expect(all(normal, "ind")[0]!.getAttributeNS(W, "firstLine")).toBe(String(2 * PAGE.charWidth));
    const defaults = all(styles, "rPrDefault")[0]!;
    expect(val(defaults, "sz")).toBe("32");
    expect(Number(val(defaults, "spacing"))).toBe(PAGE.charWidth - 320);
    expect(all(defaults, "lang")[0]!.getAttributeNS(W, "eastAsia")).toBe("zh-CN");
  });

  it("numbers pages — 1 — with a PAGE field: odd pages right, even pages left, one character in", async () => {
    const p = await partsOf(full);
    // Odd and even pages have footers of their own: the setting is there and on.
    const evenAndOdd = all(parse(p["word/settings.xml"]!), "evenAndOddHeaders");
    expect(evenAndOdd).toHaveLength(1);
    expect(["", "true", "1", "on"]).toContain(evenAndOdd[0]!.getAttributeNS(W, "val") ?? "");
    const sect = all(await body(full), "sectPr")[0]!;
    const refs = new Map(
      all(sect, "footerReference").map((r) => [
        r.getAttributeNS(W, "type"),
        r.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id"),
      ]),
    );
    const rels = parse(p["word/_rels/document.xml.rels"]!);
    const target = (id: string | null | undefined) =>
      Array.from(rels.getElementsByTagName("Relationship"))
        .find((r) => r.getAttribute("Id") === id)!
        .getAttribute("Target")!;
    for (const [type, side] of [
      ["default", "right"],
      ["even", "left"],
    ] as const) {
      const footer = parse(p[`word/${target(refs.get(type))}`]!);
      const para = all(footer, "p")[0]!;
      expect(val(para, "jc")).toBe(side);
      expect(all(para, "ind")[0]!.getAttributeNS(W, side)).toBe("280");
      expect(all(para, "instrText").map((t) => t.textContent?.trim())).toEqual(["PAGE"]);
      expect(paragraphText(para)).toBe("—  —");
      expect(val(para, "pStyle")).toBe(STYLE_IDS.pageNumber);
    }
  });
});

describe("fonts", () => {
  it("names each role's 公文 font in its style, and lists every font with its alternative in the font table", async () => {
    const p = await partsOf(full);
    const styles = parse(p["word/styles.xml"]!);
    const fontOf = (id: string) => {
      const s = all(styles, "style").find((e) => e.getAttributeNS(W, "styleId") === id)!;
      const f = all(s, "rFonts")[0]!;
      return [f.getAttributeNS(W, "eastAsia"), f.getAttributeNS(W, "ascii"), f.getAttributeNS(W, "hAnsi")];
    };
    const three = (name: string) => [name, name, name];
    expect(fontOf(STYLE_IDS.title)).toEqual(three("方正小标宋简体"));
    expect(fontOf(STYLE_IDS.heading1)).toEqual(three("黑体"));
    expect(fontOf(STYLE_IDS.heading2)).toEqual(three("楷体_GB2312"));
    expect(fontOf(STYLE_IDS.pageNumber)).toEqual(three("宋体"));
    expect(fontOf(STYLE_IDS.tables.applications.head)).toEqual(three("黑体"));
    const defaults = all(all(styles, "rPrDefault")[0]!, "rFonts")[0]!;
    expect(defaults.getAttributeNS(W, "eastAsia")).toBe("仿宋_GB2312");

    const table = parse(p["word/fontTable.xml"]!);
    const listed = all(table, "font").map((f) => [
      f.getAttributeNS(W, "name"),
      val(f, "altName"),
      val(f, "charset"),
    ]);
    expect(listed).toEqual([
      ["方正小标宋简体", "方正小标宋_GBK", "86"],
      ["仿宋_GB2312", "仿宋", "86"],
      ["黑体", "SimHei", "86"],
      ["楷体_GB2312", "楷体", "86"],
      ["宋体", "SimSun", "86"],
    ]);
    // Every font a run or style names is in the font table.
    const named = new Set(
      [p["word/document.xml"]!, p["word/styles.xml"]!, p["word/footer1.xml"]!]
        .flatMap((x) => all(parse(x), "rFonts"))
        .flatMap((f) => ["ascii", "eastAsia", "hAnsi", "cs"].map((a) => f.getAttributeNS(W, a)))
        .filter((n): n is string => !!n),
    );
    expect([...named].sort()).toEqual(
      Object.values(DOCX_FONTS)
        .map((f) => f.name)
        .sort(),
    );
  });
});

describe("the text", () => {
  it("runs title, preamble, six sections (headings as written), their blocks and tables, 落款 and contact in order", async () => {
    for (const report of [seed, full]) {
      const expected: Array<{ style: string; text: string } | "table"> = [
        { style: STYLE_IDS.title, text: titleLines(report.meta.title, report.meta.organ).join("\n") },
        ...report.preamble.map((b) => ({
          style: b.type === "heading" ? STYLE_IDS.heading2 : "Normal",
          text: b.text,
        })),
      ];
      for (const s of SECTIONS) {
        const section = report.sections[s.key];
        expected.push({ style: STYLE_IDS.heading1, text: section.heading });
        for (const b of section.blocks) {
          expected.push({ style: b.type === "heading" ? STYLE_IDS.heading2 : "Normal", text: b.text });
        }
        if (s.table) expected.push("table");
      }
      expected.push({ style: STYLE_IDS.signature, text: report.meta.organ });
      if (report.meta.published)
        expected.push({ style: STYLE_IDS.signature, text: chineseDate(report.meta.published) });
      for (const { label, value } of contactLines(report))
        expected.push({ style: STYLE_IDS.contact, text: `${label}：${value}` });
      expect(await blocks(report)).toEqual(expected);
    }
    expect(await blocks(seed)).toContainEqual({
      style: STYLE_IDS.heading1,
      text: "五、存在主要问题及改进情况",
    });
    // A two-line title breaks after the organ, not where the characters run out.
    expect((await blocks(full))[0]).toEqual({
      style: STYLE_IDS.title,
      text: "江南市滨河区人民政府办公室\n2025年政府信息公开工作年度报告",
    });
  });

  it("gives an empty heading its official wording", async () => {
    const r = { ...full, sections: { ...full.sections, other: { ...full.sections.other, heading: " " } } };
    expect(await blocks(r)).toContainEqual({ style: STYLE_IDS.heading1, text: "六、其他需要报告的事项" });
  });

  it("keeps line breaks and tabs as Word's own elements, lets long Latin words break, controls widows", async () => {
    const r = {
      ...full,
      preamble: [{ type: "paragraph" as const, text: "第一行\n第二行\r\n第三行\t（完）" }],
    };
    const b = await body(r);
    const p = all(b, "p")[1]!;
    expect(paragraphText(p)).toBe("第一行\n第二行\n第三行\t（完）");
    expect(all(p, "br")).toHaveLength(2);
    expect(val(p, "wordWrap")).toBe("0");
    // Widow control said outright: Word and LibreOffice differ when a document does not say it.
    expect(all(p, "widowControl")).toHaveLength(1);
  });

  it("signs off as GB/T 9704 does without a seal: the date's first character two right of the organ's", async () => {
    const sig = (await blocks(full)).filter((b) => b !== "table" && b.style === STYLE_IDS.signature);
    expect(sig.map((s) => (s === "table" ? s : s.text))).toEqual([
      "江南市滨河区人民政府办公室",
      "2026年1月20日",
    ]);
    const paras = all(await body(full), "p").filter((p) => val(p, "pStyle") === STYLE_IDS.signature);
    const right = paras.map(
      (p) => Math.round((Number(all(p, "ind")[0]!.getAttributeNS(W, "right")) / PAGE.charWidth) * 100) / 100,
    );
    // 江南市滨河区人民政府办公室: 13 characters; 2026年1月20日: 3 + 3.5 = 6.5.
    expect(right).toEqual([2, 13 - 6.5]);
    const noDate = await blocks(longNamesAndUrls());
    expect(noDate.filter((b) => b !== "table" && b.style === STYLE_IDS.signature)).toHaveLength(1);
  });
});

/** The text a grid cell should show: the label, or the value cell's text exactly as written. */
function expectedText(g: GridCell, report: Report): string {
  if (g.role !== "value") return g.text;
  const def = layoutOf(report.edition).byKey.get(g.cell!)!;
  return report.tables[def.table][def.path[0]]?.[def.path[1]]?.raw ?? "";
}

describe("tables 二 / 三 / 四", () => {
  const cases = EDITIONS.map((e) => [e, e === "2019" ? seed : full] as const);

  it.each(
    cases,
  )("%s edition: the official merged-cell grid, merged with gridSpan and vMerge", async (_e, report) => {
    const tables = all(await body(report), "tbl");
    expect(tables).toHaveLength(3);
    const layout = layoutOf(report.edition);
    (["proactive", "applications", "review"] as const).forEach((id, i) => {
      const t = layout.tables[id];
      const official = expandGrid(t.rows, t.width);
      const word = wordGrid(tables[i]!);
      expect(word.length).toBe(official.length);
      // Two positions are one cell in Word exactly when they are one cell in the official grid.
      const numbered = <S, K>(grid: readonly (readonly S[])[], key: (s: S) => K) => {
        const ids = new Map<K, number>();
        return grid.map((row) =>
          row.map((s) => {
            const k = key(s);
            if (!ids.has(k)) ids.set(k, ids.size);
            return ids.get(k);
          }),
        );
      };
      expect(numbered(word, (s) => s.tc)).toEqual(numbered(official, (s) => s.cell));
      // Each cell shows its label, or its value exactly as written.
      official.forEach((row, r) => {
        row.forEach((slot, c) => {
          if (!slot.origin) return;
          const tc = word[r]![c]!.tc;
          expect(all(tc, "p").map(paragraphText).join("\n"), `${id} row ${r} column ${c}`).toBe(
            expectedText(slot.cell, report),
          );
        });
      });
    });
  });

  it("keeps 0, '-', blanks and units exactly as written", async () => {
    const grid = wordGrid(all(await body(seed), "tbl")[0]!);
    const texts = grid
      .flat()
      .filter((s) => s.origin)
      .map((s) => all(s.tc, "p").map(paragraphText).join(""));
    expect(texts).toContain("4359957元");
    expect(texts).toContain("-");
    const fwd = wordGrid(all(await body(seed), "tbl")[1]!).at(-1)!;
    expect(fwd.slice(-7).map((s) => paragraphText(all(s.tc, "p")[0]!))).toEqual([
      "0",
      "0",
      "0",
      "0",
      "",
      "",
      "",
    ]);
    // A blank cell is an empty paragraph: no run, no text.
    expect(all(fwd.at(-1)!.tc, "r")).toHaveLength(0);
  });

  it("marks the header rows to repeat, no row splits across pages, and each group keeps together", async () => {
    const tables = all(await body(full), "tbl");
    const layout = layoutOf(full.edition);
    (["proactive", "applications", "review"] as const).forEach((id, i) => {
      const rows = children(tables[i]!, "tr");
      const official = layout.tables[id].rows;
      expect(rows.map((tr) => all(tr, "tblHeader").length > 0)).toEqual(
        official.map((r) => r.part === "head"),
      );
      expect(rows.every((tr) => all(tr, "cantSplit").length === 1)).toBe(true);
      // Word keeps a row with the next one when its first cell's paragraphs keep with the next.
      const kept = rows.map((tr) => all(children(tr, "tc")[0]!, "keepNext").length > 0);
      const expected = official.map((_, r) =>
        r === official.length - 1
          ? false
          : id !== "proactive" || official[r + 1]!.cells[0]!.role !== "caption",
      );
      expect(kept).toEqual(expected);
    });
    expect(children(tables[1]!, "tr").filter((tr) => all(tr, "tblHeader").length > 0)).toHaveLength(3);
  });

  it("fits every table to the text block's width, table 三 in 小五 and table 二 in 五号", async () => {
    const p = await partsOf(full);
    for (const tbl of all(parse(p["word/document.xml"]!), "tbl")) {
      const cols = all(tbl, "gridCol").map((c) => Number(c.getAttributeNS(W, "w")));
      expect(cols.reduce((a, b) => a + b, 0)).toBe(PAGE.block.width);
      expect(all(tbl, "tblW")[0]!.getAttributeNS(W, "w")).toBe(String(PAGE.block.width));
      expect(val(tbl, "tblLayout", "type")).toBe("fixed");
    }
    const styles = parse(p["word/styles.xml"]!);
    const size = (id: string) =>
      val(all(styles, "style").find((s) => s.getAttributeNS(W, "styleId") === id)!, "sz");
    expect(size(STYLE_IDS.tables.proactive.text)).toBe("21");
    expect(size(STYLE_IDS.tables.applications.text)).toBe("18");
    expect(size(STYLE_IDS.tables.review.text)).toBe("18");
  });

  it("shows a value changed in the report, and nothing else changes", async () => {
    const changed = setCell(full, "applications.stateSecret.naturalPerson", "不适用");
    const texts = async (r: Report) =>
      wordGrid(all(await body(r), "tbl")[1]!)
        .flat()
        .filter((s) => s.origin)
        .map((s) => paragraphText(all(s.tc, "p")[0]!));
    const before = await texts(full);
    const after = await texts(changed);
    const diff = before.flatMap((t, i) => (t === after[i] ? [] : [[t, after[i]]]));
    const old = listCells(full).find((e) => e.def.key === "applications.stateSecret.naturalPerson")!.cell.raw;
    expect(diff).toEqual([[old, "不适用"]]);
  });
});

describe("document properties", () => {
  it("title, author (the organ), subject, keywords, language zh-CN, and the report's date", async () => {
    const core = parse((await partsOf(full))["docProps/core.xml"]!);
    const text = (ns: string, name: string) => core.getElementsByTagNameNS(ns, name)[0]?.textContent;
    const DC = "http://purl.org/dc/elements/1.1/";
    const CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    const TERMS = "http://purl.org/dc/terms/";
    expect(text(DC, "title")).toBe(full.meta.title);
    expect(text(DC, "creator")).toBe("江南市滨河区人民政府办公室");
    expect(text(CP, "lastModifiedBy")).toBe("江南市滨河区人民政府办公室");
    expect(text(DC, "subject")).toContain("国办公开办函〔2021〕30号");
    expect(text(CP, "keywords")).toBe("政府信息公开; 年度报告; 2025年; 江南市滨河区人民政府办公室");
    expect(text(DC, "language")).toBe("zh-CN");
    expect(text(TERMS, "created")).toBe("2026-01-20T00:00:00Z");
    expect(text(TERMS, "modified")).toBe("2026-01-20T00:00:00Z");
    const unpublished = parse((await partsOf(longNamesAndUrls()))["docProps/core.xml"]!);
    expect(unpublished.getElementsByTagNameNS(TERMS, "created")[0]?.textContent).toBe("2026-01-01T00:00:00Z");
  });
});
