import { EDITIONS, expandGrid, layoutOf, listCells, type Report, SECTIONS, setCell } from "@xxgk/core-model";
import fc from "fast-check";
import type { Content, ContentTable, TableCell } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { partRows, wholeTableParts } from "../src/document.js";
import {
  buildDocDefinition as build,
  creationDateOf,
  type DocOptions,
  mm,
  PRESETS,
  renderPdf,
  resolveFonts,
  textBlockOf,
} from "../src/index.js";
import { loadNodeFonts } from "../src/node.js";
import { example } from "./_fixtures.js";
import { pdfWords } from "./_poppler.js";

const fonts = resolveFonts(await loadNodeFonts());
const BODY = fonts.chains.body[0]!.family;
const HEADING = fonts.chains.heading1[0]!.family;
const buildDocDefinition = (report: Report, options: Omit<DocOptions, "fonts"> = {}) =>
  build(report, { ...options, fonts });

type AnyNode = Record<string, unknown>;

/** Every node of the content tree, depth first. */
function nodes(content: unknown): AnyNode[] {
  const out: AnyNode[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== "object") return;
    const node = n as AnyNode;
    out.push(node);
    if (node.stack) walk(node.stack);
    if (node.table) walk((node.table as { body: unknown }).body);
    if (Array.isArray(node.text)) walk(node.text);
  };
  walk(content);
  return out;
}

const tablesOf = (content: unknown, id: string) =>
  nodes(content).filter(
    (n) => typeof n.id === "string" && (n.id === `table:${id}` || n.id.startsWith(`table:${id}:`)),
  ) as unknown as ContentTable[];

/** The text a node prints: a string, or the joined texts of its runs. */
const plain = (node: unknown): string => {
  const text = (node as { text?: unknown }).text;
  return typeof text === "string"
    ? text
    : (text as { text: string }[])
        .filter((t) => t.text !== "\n")
        .map((t) => t.text)
        .join("");
};
const textOf = (cell: TableCell) => plain(cell);

/** The resolved style of a text node's first run. */
const styleOf = (node: unknown) => ((node as { text: unknown[] }).text[0] ?? {}) as AnyNode;
const byId = (content: unknown, id: string) => nodes(content).find((n) => n.id === id)!;
const headingsOf = (content: unknown) => nodes(content).filter((n) => n.headlineLevel === 1);

/** What the document prints in each value cell, found by the cell's place in core-model's grid. */
function printedValues(report: Report): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const id of ["proactive", "applications", "review"] as const) {
    const t = layoutOf(report.edition).tables[id];
    const body = (wholeTableParts(report, id, fonts) as ContentTable[]).flatMap((p) => p.table.body);
    expandGrid(t.rows, t.width).forEach((slots, r) => {
      slots.forEach((slot, c) => {
        if (slot.origin && slot.cell.role === "value") out.set(slot.cell.cell!, textOf(body[r]![c]!));
      });
    });
  }
  return out;
}

describe("buildDocDefinition — page (GB/T 9704-2012)", () => {
  const doc = buildDocDefinition(example("example-2021"));

  it("is A4 with 37 mm top and 28 mm binding margins and a 156 × 225 mm text block", () => {
    expect(doc.pageSize).toBe("A4");
    const [l, t] = doc.pageMargins as number[];
    expect(t).toBeCloseTo(mm(37), 3);
    expect(l).toBeCloseTo(mm(28), 3);
    expect(textBlockOf("official").width).toBeCloseTo(mm(156), 3);
    expect(textBlockOf("official").height).toBeCloseTo(mm(225), 3);
  });

  it("sets the title in 22 pt centred, the body in 16 pt with a two-character first-line indent", () => {
    expect(styleOf(byId(doc.content, "title"))).toMatchObject({
      fontSize: 22,
      alignment: "center",
      font: fonts.chains.title[0]!.family,
    });
    expect(doc.defaultStyle).toMatchObject({ fontSize: 16, font: BODY });
    const body = styleOf(byId(doc.content, "block:overview:0"));
    expect(body).toMatchObject({ font: BODY, fontSize: 16, leadingIndent: 32, noWrap: true });
    expect(styleOf(headingsOf(doc.content)[0])).toMatchObject({ font: HEADING, fontSize: 16 });
  });

  it("uses no named styles: every text run carries its face, size, line height and alignment", () => {
    expect(doc.styles).toEqual({});
    expect(nodes(doc.content).some((n) => "style" in n)).toBe(false);
    const runs = nodes(doc.content).filter((n) => typeof n.text === "string" && n.text !== "" && "font" in n);
    expect(runs.length).toBeGreaterThan(100);
    for (const r of runs) {
      expect(fonts.families.has(r.font as string)).toBe(true);
      expect(r.fontSize).toBeGreaterThan(0);
      expect(r.lineHeight).toBeGreaterThan(0);
      expect(["left", "center", "right", "justify"]).toContain(r.alignment);
    }
  });

  it("fits 22 body lines in the text block", () => {
    const p = PRESETS.official;
    expect(Math.floor(textBlockOf("official").height / p.bodyPitch)).toBe(22);
  });

  it("numbers pages — 1 — with odd pages right and even pages left, 7 mm below the text block", () => {
    const footer = doc.footer as unknown as (page: number, pages: number) => AnyNode;
    expect(plain(footer(1, 5))).toBe("— 1 —");
    expect(styleOf(footer(1, 5))).toMatchObject({ alignment: "right", fontSize: 14 });
    expect(plain(footer(2, 5))).toBe("— 2 —");
    expect(styleOf(footer(2, 5))).toMatchObject({ alignment: "left" });
    expect((footer(3, 5).margin as number[])[1]).toBeCloseTo(mm(7), 3);
    const compact = buildDocDefinition(example("example-2021"), { preset: "compact" })
      .footer as unknown as typeof footer;
    expect(styleOf(compact(2, 5))).toMatchObject({ alignment: "center" });
  });

  it("carries metadata: title, organ as author, subject, keywords, zh-CN, creator xxgk, the publication date", () => {
    const r = example("example-2021");
    expect(doc.language).toBe("zh-CN");
    expect(doc.info).toMatchObject({ title: r.meta.title, author: r.meta.organ, creator: "xxgk" });
    expect(doc.info!.subject).toContain("国办公开办函〔2021〕30号");
    expect(doc.info!.keywords).toContain(r.meta.organ);
    expect(doc.info!.creationDate).toEqual(new Date("2026-01-20T00:00:00Z"));
  });

  it("dates a report without publication date 1 January after the report year", () => {
    const r = example("wulin-2020");
    const { published: _, ...meta } = r.meta;
    expect(creationDateOf({ ...r, meta }).toISOString()).toBe("2021-01-01T00:00:00.000Z");
  });
});

describe("buildDocDefinition — content", () => {
  it("prints the six section headings as the author wrote them, in order, in the heading face", () => {
    const r = example("wulin-2020");
    const headings = headingsOf(buildDocDefinition(r).content);
    expect(headings.map(plain)).toEqual(SECTIONS.map((s) => r.sections[s.key].heading));
    expect(headings.map(plain)).toContain("五、存在主要问题及改进情况");
    for (const h of headings) expect(styleOf(h).font).toBe(HEADING);
  });

  it("prints the official heading where the author left it empty", () => {
    const r = example("wulin-2020");
    const blank = { ...r, sections: { ...r.sections, other: { ...r.sections.other, heading: " " } } };
    const headings = headingsOf(buildDocDefinition(blank).content);
    expect(plain(headings.at(-1))).toBe("六、其他需要报告的事项");
  });

  it("marks the author's sub-headings as headings (level 2) and nothing else, every block with an id", () => {
    const r = example("wulin-2020");
    const content = buildDocDefinition(r).content as unknown as AnyNode[];
    const blocks = r.sections.overview.blocks;
    expect(blocks.some((b) => b.type === "heading")).toBe(true);
    blocks.forEach((b, i) => {
      const node = byId(content, `block:overview:${i}`);
      expect(node.headlineLevel, b.text).toBe(b.type === "heading" ? 2 : undefined);
      expect(plain(node)).toBe(b.text);
    });
    // The page-break rule counts only nodes with an id as content following a heading.
    for (const node of content) expect(typeof node.id, JSON.stringify(node).slice(0, 80)).toBe("string");
  });

  it("prints every narrative block of the author, in order", () => {
    const r = example("example-2021");
    const content = buildDocDefinition(r).content;
    const texts = nodes(content)
      .filter((n) => typeof n.id === "string" && /^(preamble|block):/.test(n.id))
      .map(plain);
    const expected = [...r.preamble, ...SECTIONS.flatMap((s) => r.sections[s.key].blocks)].map((b) => b.text);
    expect(texts).toEqual(expected);
  });

  for (const edition of EDITIONS) {
    describe(`tables of the ${edition} edition`, () => {
      const report = edition === "2019" ? example("wulin-2020") : example("example-2021");
      const content = buildDocDefinition(report).content as Content[];

      for (const id of ["proactive", "applications", "review"] as const) {
        it(`${id}: the official merged-cell grid of core-model, label for label and span for span`, () => {
          const t = layoutOf(edition).tables[id];
          const parts = wholeTableParts(report, id, fonts) as ContentTable[];
          const body = parts.flatMap((p) => p.table.body);
          const grid = expandGrid(t.rows, t.width);
          expect(body).toHaveLength(grid.length);
          grid.forEach((slots, r) => {
            slots.forEach((slot, c) => {
              const cell = body[r]![c]!;
              if (!slot.origin) {
                expect(cell).toEqual({});
                return;
              }
              expect(cell).toMatchObject({ rowSpan: slot.cell.rowSpan, colSpan: slot.cell.colSpan });
              if (slot.cell.role !== "value") expect(textOf(cell)).toBe(slot.cell.text);
            });
          });
        });
      }

      it("repeats the header rows of tables 三 and 四 on every page", () => {
        for (const part of tablesOf(content, "applications")) expect(part.table.headerRows).toBe(3);
        expect(tablesOf(content, "review")[0]!.table.headerRows).toBe(3);
      });

      it("keeps each sub-table of table 二 whole", () => {
        const parts = tablesOf(content, "proactive");
        expect(parts.length).toBe(edition === "2019" ? 5 : 4);
        for (const p of parts) expect((p as { unbreakable?: boolean }).unbreakable).toBe(true);
      });
    });
  }

  it("prints each cell exactly as written: blank stays blank, '-' stays '-', units stay", () => {
    const arbCell = fc.oneof(
      fc.constantFrom("", "-", "—", "/", "无", "不适用", "0", "+19", "-18", "4359957元", "9116.36", "1,024"),
      fc.nat({ max: 99999 }).map(String),
    );
    const r0 = example("example-2021");
    const keys = listCells(r0).map((e) => e.def.key);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), arbCell), { maxLength: 20 }), (edits) => {
        const r: Report = edits.reduce((acc, [k, v]) => setCell(acc, k, v), r0);
        const printed = printedValues(r);
        for (const { def, cell } of listCells(r)) expect(printed.get(def.key)).toBe(cell.raw);
      }),
      { numRuns: 25 },
    );
  });

  it("fills the text block exactly with every table, in both presets", () => {
    for (const preset of ["official", "compact"] as const) {
      const content = buildDocDefinition(example("example-2021"), { preset }).content;
      for (const id of ["proactive", "applications", "review"] as const) {
        for (const part of tablesOf(content, id)) {
          const widths = part.table.widths as number[];
          const n = widths.length;
          const layout = part.layout as { paddingLeft: () => number; paddingRight: () => number };
          const total =
            widths.reduce((a, b) => a + b, 0) +
            n * (layout.paddingLeft() + layout.paddingRight()) +
            (n + 1) * 0.5;
          expect(total).toBeCloseTo(textBlockOf(preset).width, 3);
          for (const w of widths) expect(w).toBeGreaterThan(PRESETS[preset].tables[id].fontSize);
        }
      }
    }
  });
});

describe("our own pagination", () => {
  const r0 = example("example-2021");
  const rows = layoutOf("2021").tables.applications.rows;
  const withheld = rows.flatMap((r) => r.cells).find((c) => c.text === "（三）不予公开")!;
  const firstWithheld = rows.findIndex((r) => r.cells.includes(withheld));

  /** The 2021 example with `n` more lines of text in section 三 before its table. */
  const pushed = (n: number): Report => ({
    ...r0,
    sections: {
      ...r0.sections,
      applications: {
        ...r0.sections.applications,
        blocks: [...r0.sections.applications.blocks, { type: "paragraph", text: "政".repeat(28 * n - 2) }],
      },
    },
  });
  const labelsOf = (part: ContentTable) =>
    part.table.body
      .flat()
      .filter((c) => (c as { text?: unknown }).text !== undefined)
      .map((c) => plain(c))
      .filter((t) => t !== "");

  it("splits table 三 between rows, each part with the header rows and the group labels that cover its rows", () => {
    // Some amount of text before the table puts the split inside （三）不予公开: find it.
    const split = Array.from({ length: 22 }, (_, n) => n + 1)
      .map((n) => tablesOf(buildDocDefinition(pushed(n)).content, "applications"))
      .find(
        (parts) =>
          parts.length === 2 &&
          labelsOf(parts[1]!).includes("（三）不予公开") &&
          labelsOf(parts[0]!).includes("（三）不予公开"),
      );
    expect(split, "no amount of text put the split inside （三）").toBeDefined();
    for (const part of split!) {
      expect(labelsOf(part)).toContain("申请人情况");
      expect(labelsOf(part)).toContain("三、本年度办理结果");
      expect(labelsOf(part)).toContain("（三）不予公开");
      expect(part.table.headerRows).toBe(3);
    }
    expect((split![1] as { pageBreak?: string }).pageBreak).toBe("before");
  });

  it("repeats a spanning label cut to the part's rows", () => {
    const head = rows.filter((r) => r.part === "head").length;
    const part = partRows(rows, "applications", firstWithheld + 3, rows.length);
    const first = part[head]!.cells;
    expect(first.slice(0, 2).map((c) => [c.text, c.rowSpan])).toEqual([
      ["三、本年度办理结果", rows.length - 1 - (firstWithheld + 3)],
      ["（三）不予公开", 5],
    ]);
    expect(() => expandGrid(part, 10)).not.toThrow();
  });

  it("leaves no page but the last less than a third full (both examples)", async () => {
    for (const name of ["wulin-2020", "example-2021"] as const) {
      const { pdf } = await renderPdf(example(name), { fonts: await loadNodeFonts() });
      const words = pdfWords(pdf).filter(
        (w) => w.yMax < PRESETS.official.margins[1] + textBlockOf("official").height + 2,
      );
      const last = Math.max(...words.map((w) => w.page));
      for (let page = 1; page < last; page++) {
        const bottom = Math.max(...words.filter((w) => w.page === page).map((w) => w.yMax));
        const used = (bottom - PRESETS.official.margins[1]) / textBlockOf("official").height;
        expect(used, `${name} page ${page}`).toBeGreaterThan(1 / 3);
      }
    }
  });
});
