import {
  type EditionLayout,
  expandGrid,
  type GridCell,
  type GridRow,
  layoutOf,
  type Report,
  SECTIONS,
  type TableId,
} from "@xxgk/core-model";
import type {
  Content,
  ContentTable,
  ContentText,
  CustomTableLayout,
  Node,
  TableCell,
  TDocumentDefinitions,
} from "pdfmake/interfaces.js";
import { linesOf } from "./_lines.js";
import type { Face } from "./warnings.js";

/**
 * `official`: GB/T 9704-2012 公文 layout — A4, margins 37 mm top / 28 mm binding, a 156 × 225 mm text
 * block, title 22 pt, body 16 pt on 22 lines a page, page numbers `— 1 —` alternating right and left.
 * `compact`: the same document set small on 20 mm margins, for plain printing from the web.
 */
export type PdfPreset = "official" | "compact";

/** What {@link buildDocDefinition} needs besides the report. */
export interface DocOptions {
  /** Default `official`. */
  readonly preset?: PdfPreset;
}

/** pdfmake font family names the document uses; the renderer maps them to the font bytes. */
export const FONT_FAMILIES = { serif: "XxgkSerif", sans: "XxgkSans" } as const;

/** Millimetres to PDF points. */
export const mm = (v: number): number => (v * 72) / 25.4;

// Height of a line at lineHeight 1, in em (ascender − descender of Noto Serif SC / Noto Sans SC).
const SERIF_EM = 1.437;
const SANS_EM = 1.448;

interface TableSpec {
  readonly fontSize: number;
  /** Width of the value columns of table 三, in em. */
  readonly valueEm: number;
}

/** Every measure of a preset, in points. */
export interface PresetSpec {
  /** `[left, top, right, bottom]`. */
  readonly margins: readonly [number, number, number, number];
  readonly titleSize: number;
  readonly bodySize: number;
  /** Distance between two body lines' baselines. */
  readonly bodyPitch: number;
  readonly headingSize: number;
  readonly tables: Readonly<Record<TableId, TableSpec>>;
  readonly pageNumberSize: number;
  /** Distance from the bottom of the text block to the top of the page number. */
  readonly pageNumberGap: number;
  /** `outer`: odd pages right, even pages left, one character in (GB/T 9704); `center`. */
  readonly pageNumberPlacement: "outer" | "center";
}

const A4_WIDTH = mm(210);
const A4_HEIGHT = mm(297);

/** The two presets' measures. */
export const PRESETS: Readonly<Record<PdfPreset, PresetSpec>> = {
  official: {
    // 156 × 225 mm text block: 28 mm binding margin, 37 mm top; right and bottom follow.
    margins: [mm(28), mm(37), mm(210 - 28 - 156), mm(297 - 37 - 225)],
    titleSize: 22,
    bodySize: 16,
    // 22 lines in 225 mm; a hair less so the 22nd line is not lost to rounding.
    bodyPitch: mm(225) / 22 - 0.01,
    headingSize: 16,
    tables: {
      proactive: { fontSize: 12, valueEm: 0 },
      applications: { fontSize: 9, valueEm: 2.9 },
      review: { fontSize: 9, valueEm: 0 },
    },
    pageNumberSize: 14,
    pageNumberGap: mm(7),
    pageNumberPlacement: "outer",
  },
  compact: {
    margins: [mm(20), mm(18), mm(20), mm(20)],
    titleSize: 16,
    bodySize: 10.5,
    bodyPitch: 10.5 * 1.75,
    headingSize: 11.5,
    tables: {
      proactive: { fontSize: 9, valueEm: 0 },
      applications: { fontSize: 8, valueEm: 4.2 },
      review: { fontSize: 8, valueEm: 0 },
    },
    pageNumberSize: 9,
    pageNumberGap: mm(6),
    pageNumberPlacement: "center",
  },
};

/** The text block's width and height for a preset. */
export function textBlockOf(preset: PdfPreset): { width: number; height: number } {
  const [l, t, r, b] = PRESETS[preset].margins;
  return { width: A4_WIDTH - l - r, height: A4_HEIGHT - t - b };
}

// A run of 12+ non-space ASCII characters (URL, e-mail, file name) may break anywhere: otherwise it
// jumps whole to the next line and the justified CJK line before it is stretched wide.
const LONG_TOKEN = /[\x21-\x7e]{12,}/g;

/** A paragraph's text as pdfmake inlines, with long Latin tokens allowed to break between any two characters. */
export function textRuns(text: string): string | Array<{ text: string; wordBreak?: "break-all" }> {
  if (!LONG_TOKEN.test(text)) return text;
  LONG_TOKEN.lastIndex = 0;
  const out: Array<{ text: string; wordBreak?: "break-all" }> = [];
  let last = 0;
  for (const m of text.matchAll(LONG_TOKEN)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], wordBreak: "break-all" });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** The text properties of one run, in the units pdfmake takes. */
interface RunStyle {
  readonly font: string;
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly alignment: "left" | "center" | "right" | "justify";
  /** First-line indent of the paragraph, in points. */
  readonly leadingIndent?: number;
}

/** A pdfmake inline: its text and the properties {@link run} sets. */
type Run = ContentText;

/**
 * A text as one pdfmake inline carrying the properties that differ between our texts. pdfmake looks up
 * some 25 style properties for every piece of text it measures (each CJK character is a piece of its
 * own): from the piece if it has them, else down its style stack, where each named style cost a closure
 * and a `Set` per lookup — a fifth of a warm render and much of its garbage. So no named styles are used:
 * the stack holds only plain objects, whose lookups are cheap, and what varies is on the run. (Setting all
 * 25 on every run was slower: pdfmake copies a run's properties into each of its pieces.)
 */
function run(text: string, style: RunStyle, wordBreak: "normal" | "break-all" = "normal"): Run {
  const inline = {
    text,
    font: style.font,
    fontSize: style.fontSize,
    lineHeight: style.lineHeight,
    alignment: style.alignment,
    leadingIndent: style.leadingIndent ?? 0,
    wordBreak,
  };
  return inline as unknown as Run;
}

/** A table cell's text as one run (the style written out, not spread: see gridCellContent). */
function cellRun(
  text: string,
  style: Omit<RunStyle, "font" | "alignment">,
  font: string,
  alignment: RunStyle["alignment"],
): Run {
  return run(text, { font, fontSize: style.fontSize, lineHeight: style.lineHeight, alignment });
}

/** A paragraph's text as resolved inlines in which long Latin tokens may break anywhere ({@link textRuns}). */
function paragraphRuns(text: string, style: RunStyle): Run[] {
  const parts = textRuns(text);
  if (typeof parts === "string") return [run(parts, style)];
  return parts.map((part) => run(part.text, style, part.wordBreak));
}

/** A block of text made of resolved runs, with an id for the page-break callback and the tests. */
function textNode(
  text: Run[],
  id: string,
  extra: { margin?: [number, number, number, number] } = {},
): Content {
  // Literals rather than a spread, for the reason given at gridCellContent.
  return identified(extra.margin === undefined ? { text } : { text, margin: extra.margin }, id);
}

function dateText(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** The date the PDF states as its creation date: the publication date, else 1 January after the report year. */
export function creationDateOf(report: Report): Date {
  const iso = report.meta.published ?? `${report.meta.year + 1}-01-01`;
  return new Date(`${iso}T00:00:00Z`);
}

const RULE = 0.5;
/**
 * The share of a text block a table's first part (with the heading above it) may take by
 * {@link keepEstimates} and still be kept whole in one unbreakable block. The tests hold the estimate
 * within a few per cent of the drawn height; an unbreakable block taller than a page would lose what
 * runs past the page (pdfmake draws only its first page), so a part estimated taller starts on a fresh
 * page instead and may break there.
 */
const SURELY_FITS = 0.9;
/**
 * The share of a text block above which a table (with a heading line above it and its margins) may
 * break even on a fresh page: 2 % below the full block, for the estimate's error (see the tests).
 */
const FILLS_PAGE = 0.98;

/** The id prefix of a table's kept-together first part (with its heading when nothing comes between). */
const KEEP = "keep:";
const TABLE_LINE = 1.02;
/** A table's margins: a little air above, a little more below. */
const TABLE_MARGIN: [number, number, number, number] = [0, 4, 0, 8];

/** Padding around a table cell's text, from the table's font size. */
const paddingOf = (fontSize: number) => ({ h: fontSize * 0.3, v: fontSize * 0.2 });

const thinGrid = (fontSize: number): CustomTableLayout => {
  const pad = paddingOf(fontSize);
  return {
    hLineWidth: () => RULE,
    vLineWidth: () => RULE,
    hLineColor: () => "#000000",
    vLineColor: () => "#000000",
    paddingLeft: () => pad.h,
    paddingRight: () => pad.h,
    paddingTop: () => pad.v,
    paddingBottom: () => pad.v,
  };
};

/**
 * Content widths of a table's columns, in points, filling the text block exactly (pdfmake adds the
 * paddings and rules). Table 三 keeps its label columns narrow and its seven value columns equal.
 */
export function columnWidths(id: TableId, preset: PdfPreset): number[] {
  const spec = PRESETS[preset].tables[id];
  const cols = layoutOf("2021").tables[id].width;
  const pad = paddingOf(spec.fontSize);
  const inner = textBlockOf(preset).width - cols * 2 * pad.h - (cols + 1) * RULE;
  const em = spec.fontSize;
  if (id === "proactive") return [inner * 0.31, ...Array.from({ length: 3 }, () => (inner * 0.69) / 3)];
  if (id === "review") return Array.from({ length: cols }, () => inner / cols);
  const fixed = [em * 1.1, em * 4.1, 0, ...Array.from({ length: 7 }, () => em * spec.valueEm)];
  fixed[2] = inner - fixed.reduce((a, b) => a + b, 0);
  return fixed;
}

/** The face a grid cell is printed in: captions and column heads in the sans face, the rest in serif. */
const faceOf = (g: GridCell): Face => (g.role === "colhead" || g.role === "caption" ? "sans" : "serif");

/**
 * Top margins that centre the cells spanning several rows. pdfmake's own vertical centring misplaces
 * row-spanning cells inside repeated header rows, and writes an unbalanced graphics state when such a
 * cell crosses a page; so row heights are estimated here from the texts and the column widths. An
 * estimate that is a little off moves a label off-centre, nothing more.
 */
function spanOffsets(
  rows: readonly GridRow[],
  id: TableId,
  preset: PdfPreset,
  textOf: (g: GridCell) => string,
): { offsets: Map<GridCell, number>; minHeights: number[]; height: number } {
  const spec = PRESETS[preset].tables[id];
  const widths = columnWidths(id, preset);
  const pad = paddingOf(spec.fontSize);
  const slots = expandGrid(rows, widths.length);
  const lineOf = (g: GridCell) => spec.fontSize * (faceOf(g) === "sans" ? SANS_EM : SERIF_EM) * TABLE_LINE;
  const spanWidth = (c: number, span: number) =>
    widths.slice(c, c + span).reduce((a, b) => a + b, 0) + (span - 1) * (2 * pad.h + RULE);
  const measured: Array<{ g: GridCell; row: number; height: number }> = [];
  slots.forEach((slotRow, r) => {
    slotRow.forEach((slot, c) => {
      if (!slot.origin) return;
      const g = slot.cell;
      measured.push({
        g,
        row: r,
        height: linesOf(textOf(g), spanWidth(c, g.colSpan), spec.fontSize, faceOf(g)) * lineOf(g),
      });
    });
  });
  const heights = rows.map((_, r) =>
    Math.max(0, ...measured.filter((m) => m.row === r && m.g.rowSpan === 1).map((m) => m.height + 2 * pad.v)),
  );
  // A table that may not fit on a page can break inside a group: its row-spanning body labels stay at
  // the top of their group then, or the centring margin could push a label past the foot of the page.
  const rules = (rows.length + 1) * RULE;
  const withHeading = PRESETS[preset].bodyPitch + TABLE_MARGIN[1] + TABLE_MARGIN[3];
  const mayBreak =
    heights.reduce((a, b) => a + b, 0) + rules + withHeading > textBlockOf(preset).height * FILLS_PAGE;
  const out = new Map<GridCell, number>();
  const minHeights = rows.map(() => 0);
  for (const m of measured) {
    if (m.g.rowSpan === 1) continue;
    if (mayBreak && rows[m.row]!.part === "body") {
      // …and the group's first row is made tall enough to hold the whole label on its page.
      minHeights[m.row] = Math.max(minHeights[m.row]!, m.height + 2 * pad.v);
      continue;
    }
    const span =
      heights.slice(m.row, m.row + m.g.rowSpan).reduce((a, b) => a + b, 0) + (m.g.rowSpan - 1) * RULE;
    out.set(m.g, Math.max(0, (span - 2 * pad.v - m.height) / 2));
  }
  const height = heights.reduce((a, h, r) => a + Math.max(h, minHeights[r]!), 0) + rules;
  return { offsets: out, minHeights, height };
}

function gridCellContent(
  g: GridCell,
  report: Report,
  layout: EditionLayout,
  top: number | undefined,
  style: Omit<RunStyle, "font" | "alignment">,
): TableCell {
  // Every cell is written out as an object literal, never spread from a shared base: a spread copy gets a
  // map of its own that V8 cannot share, and each property pdfmake then adds to the cell (a dozen) made
  // another new map — thousands per report, garbage in the old generation that only a full collection
  // frees (see the package README, *Nodes pdfmake can share hidden classes for*).
  const text = (t: string, alignment: RunStyle["alignment"]): TableCell => {
    const { rowSpan, colSpan } = g;
    const font = FONT_FAMILIES[faceOf(g)];
    // An empty cell stays an empty string: it has no piece of text to measure.
    if (top === undefined) {
      // Row-spanning cells are centred by a computed margin (see spanOffsets), the others by pdfmake.
      return t === ""
        ? { rowSpan, colSpan, verticalAlignment: "middle", text: "", alignment }
        : { rowSpan, colSpan, verticalAlignment: "middle", text: [cellRun(t, style, font, alignment)] };
    }
    const margin: [number, number, number, number] = [0, top, 0, 0];
    return t === ""
      ? { rowSpan, colSpan, margin, text: "", alignment }
      : { rowSpan, colSpan, margin, text: [cellRun(t, style, font, alignment)] };
  };
  switch (g.role) {
    case "value": {
      const def = layout.byKey.get(g.cell!)!;
      const cell = report.tables[def.table][def.path[0]]?.[def.path[1]];
      return text(cell?.raw ?? "", "center");
    }
    case "caption":
    case "colhead":
      return text(g.text, "center");
    case "corner":
      return text(g.text, "left");
    case "rowhead":
      return text(g.text, g.rowSpan > 1 ? "center" : "left");
  }
}

/** A table for pdfmake, and its estimated height in points (from the texts and column widths). */
interface PdfTable {
  readonly node: ContentTable;
  readonly height: number;
}

function pdfTable(
  report: Report,
  rows: readonly GridRow[],
  id: TableId,
  preset: PdfPreset,
  place: { readonly margin: [number, number, number, number]; readonly unbreakable: boolean },
): PdfTable {
  const layout = layoutOf(report.edition);
  const t = layout.tables[id];
  const spec = PRESETS[preset].tables[id];
  const rawOf = (g: GridCell) => {
    if (g.role !== "value") return g.text;
    const def = layout.byKey.get(g.cell!)!;
    return report.tables[def.table][def.path[0]]?.[def.path[1]]?.raw ?? "";
  };
  const { offsets, minHeights, height } = spanOffsets(rows, id, preset, rawOf);
  const cellStyle = { fontSize: spec.fontSize, lineHeight: TABLE_LINE };
  const body = expandGrid(rows, t.width).map((slots) =>
    slots.map(
      (slot): TableCell =>
        slot.origin ? gridCellContent(slot.cell, report, layout, offsets.get(slot.cell), cellStyle) : {},
    ),
  );
  const headerRows = rows.filter((r) => r.part === "head").length;
  // Written out whole, margin and all, rather than spread later (see gridCellContent): pdfmake adds a
  // dozen properties to a table node as it lays it out.
  const node: ContentTable = {
    table: {
      widths: columnWidths(id, preset),
      heights: minHeights.some((h) => h > 0) ? (row: number) => minHeights[row] ?? 0 : undefined,
      body,
      headerRows,
      keepWithHeaderRows: headerRows > 0 ? 1 : 0,
      dontBreakRows: true,
    },
    layout: thinGrid(spec.fontSize),
    fontSize: spec.fontSize,
    lineHeight: TABLE_LINE,
    margin: place.margin,
    unbreakable: place.unbreakable,
  };
  return { node, height };
}

/**
 * A table in the official merged-cell grid, read from core-model's layout (spanned positions hold `{}`).
 * Table 二 is one pdfmake table per sub-table (caption, header, rows), each kept whole and drawn flush
 * against the previous one, so a page break can only fall between sub-tables.
 */
function tableContent(report: Report, id: TableId, preset: PdfPreset): { parts: Content[]; height: number } {
  const t = layoutOf(report.edition).tables[id];
  const margin = TABLE_MARGIN;
  if (id !== "proactive") {
    const { node, height } = pdfTable(report, t.rows, id, preset, { margin, unbreakable: false });
    return {
      parts: [identified(node, `table:${id}`)],
      height: margin[1] + height + margin[3],
    };
  }
  const groups: GridRow[][] = [];
  for (const row of t.rows) {
    if (row.cells[0]?.role === "caption" || groups.length === 0) groups.push([]);
    groups[groups.length - 1]!.push(row);
  }
  const heights: number[] = [];
  const parts = groups.map((rows, i): Content => {
    // A part drawn right below the previous one overlaps it by one rule, so the two rules coincide;
    // a part that starts a page keeps its own top rule.
    const first = i === 0 ? margin[1] : -RULE;
    const last = i === groups.length - 1 ? margin[3] : 0;
    const edges: [number, number, number, number] = [0, first, 0, last];
    const { node: part, height } = pdfTable(report, rows, id, preset, { margin: edges, unbreakable: true });
    heights.push(height);
    return identified(part, `table:${id}:${i}`);
  });
  // The first part's height with its margins (the part below it starts one rule higher).
  return { parts, height: margin[1] + (heights[0] ?? 0) + (groups.length === 1 ? margin[3] : 0) };
}

/**
 * The estimated height in points of a table as drawn, with its margins (for table 二, of its first
 * sub-table). The tests hold it to pdfmake's drawn height.
 */
export function estimatedTableHeight(report: Report, id: TableId, preset: PdfPreset = "official"): number {
  return tableContent(report, id, preset).height;
}

/** Any pdfmake node may carry an `id` (pdfmake passes it to `pageBreakBefore`); the types know it only on text. */
type Identified = { id?: string };

function identified<T extends object>(node: T, id: string): T {
  (node as Identified).id = id;
  return node;
}

/**
 * The whole report laid out for pdfmake: title, preamble, the six sections with tables 二/三/四 in the
 * official merged-cell grid, and the 落款 (organ and date). Pure data apart from the footer and page-break
 * callbacks; every label comes from core-model and every cell is printed exactly as written.
 */
export function buildDocDefinition(report: Report, options: DocOptions = {}): TDocumentDefinitions {
  const preset = options.preset ?? "official";
  const p = PRESETS[preset];
  const bodyLine = p.bodyPitch / (p.bodySize * SERIF_EM);
  const headingLine = p.bodyPitch / (p.headingSize * SANS_EM);
  const indent = p.bodySize * 2;
  const serif = FONT_FAMILIES.serif;
  const body: RunStyle = {
    font: serif,
    fontSize: p.bodySize,
    lineHeight: bodyLine,
    alignment: "justify",
    leadingIndent: indent,
  };
  const paragraph = (text: string, id: string): Content => textNode(paragraphRuns(text, body), id);
  /** A narrative block; a sub-heading reads like the body (no 楷体 is bundled) but never ends a page. */
  const block = (b: { type: "heading" | "paragraph"; text: string }, id: string): Content =>
    b.type === "heading"
      ? identified({ text: paragraphRuns(b.text, body), headlineLevel: 2 }, id)
      : paragraph(b.text, id);
  const headingLines = (text: string) =>
    linesOf(text, textBlockOf(preset).width, p.headingSize, "sans", indent);

  const content: Content[] = [
    textNode(
      [run(report.meta.title, { font: serif, fontSize: p.titleSize, lineHeight: 1.2, alignment: "center" })],
      "title",
      { margin: [0, 0, 0, p.bodyPitch * 0.9] },
    ),
  ];
  report.preamble.forEach((b, i) => {
    content.push(block(b, `preamble:${i}`));
  });
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    // The heading as the author wrote it ("五、存在主要问题及改进情况" stays); the official one if left empty.
    const text = section.heading.trim() === "" ? s.label : section.heading;
    const heading: Content = identified(
      {
        text: [
          run(text, {
            font: FONT_FAMILIES.sans,
            fontSize: p.headingSize,
            lineHeight: headingLine,
            alignment: "left",
            leadingIndent: indent,
          }),
        ],
        headlineLevel: 1,
      },
      `section:${s.key}`,
    );
    const blocks = section.blocks.map((b, i) => block(b, `block:${s.key}:${i}`));
    if (s.table === undefined) {
      content.push(heading, ...blocks);
      continue;
    }
    const { parts, height } = tableContent(report, s.table, preset);
    const [first, ...rest] = parts;
    // The table's first part starts on a fresh page rather than break, taking the heading along when
    // nothing comes between them: a heading is never left alone at the foot of a page. A part that
    // surely fits on a page by the estimate is an unbreakable block, which pdfmake moves to the next
    // page when it does not fit where it is. A taller one could fit only on a page otherwise almost
    // empty, so it starts on a fresh page, where it may break (header rows repeat, group labels stay
    // visible: see spanOffsets). Both are decided in one layout pass; a page-break callback that moves
    // the block would cost pdfmake a second layout of the whole document.
    const withHeading = blocks.length === 0;
    const stack = withHeading ? [heading, first!] : [first!];
    const estimate = (withHeading ? headingLines(text) * p.bodyPitch : 0) + height;
    const keep: Content = identified(
      estimate <= textBlockOf(preset).height * SURELY_FITS
        ? { stack, unbreakable: true }
        : { stack, pageBreak: "before" as const },
      `${KEEP}${s.table}`,
    );
    content.push(...(withHeading ? [] : [heading, ...blocks]), keep, ...rest);
  }
  const signature: RunStyle = { ...body, alignment: "right", leadingIndent: 0 };
  content.push(
    identified(
      {
        stack: [
          textNode([run(report.meta.organ, signature)], "signature:organ"),
          ...(report.meta.published === undefined
            ? []
            : [textNode([run(dateText(report.meta.published), signature)], "signature:date")]),
        ],
        margin: [0, p.bodyPitch, indent, 0] as [number, number, number, number],
        unbreakable: true,
      },
      "signature",
    ),
  );

  const layout = layoutOf(report.edition);
  const created = creationDateOf(report);
  const [left, , right] = p.margins;
  const footerInset = p.pageNumberSize;
  return {
    content,
    pageSize: "A4",
    pageOrientation: "portrait",
    pageMargins: [...p.margins] as [number, number, number, number],
    language: "zh-CN",
    displayTitle: true,
    info: {
      title: report.meta.title,
      author: report.meta.organ,
      subject: `${report.meta.organ}${report.meta.year}年政府信息公开工作年度报告（${layout.name}，${layout.issuedBy}）`,
      keywords: ["政府信息公开", "年度报告", `${report.meta.year}年`, report.meta.organ].join(", "),
      creator: "xxgk",
      producer: "xxgk @xxgk/render-pdf (pdfmake)",
      creationDate: created,
      modDate: created,
    },
    defaultStyle: { font: FONT_FAMILIES.serif, fontSize: p.bodySize, lineHeight: bodyLine },
    // No named styles: every text carries its resolved properties (see run).
    styles: {},
    footer: (page: number): Content => {
      const placement = p.pageNumberPlacement === "center" ? "center" : page % 2 === 1 ? "right" : "left";
      return {
        text: [
          run(`— ${page} —`, {
            font: serif,
            fontSize: p.pageNumberSize,
            lineHeight: 1,
            alignment: placement,
          }),
        ],
        margin: [left + footerInset, p.pageNumberGap, right + footerInset, 0],
      };
    },
    pageBreakBefore: headingNotLast,
  };
}

interface PageBreakContext {
  getFollowingNodesOnPage(): Array<{ id?: unknown }>;
}

/**
 * The one page-break rule pdfmake cannot be told in advance: a heading (a section's, or a sub-heading
 * among its blocks) never ends a page. It runs after a layout pass; when it moves a heading, pdfmake
 * lays the whole document out again. Every block this module makes carries an id; pdfmake's "following
 * nodes on the page" also hold the page's footer (its number) and the texts inside blocks, which carry
 * none. (Counting the footer, as this rule once did, no heading ever counted as the last on its page.)
 */
function headingNotLast(node: Node, context: unknown): boolean {
  if (node.headlineLevel !== 1 && node.headlineLevel !== 2) return false;
  return !(context as PageBreakContext).getFollowingNodesOnPage().some((f) => f.id !== undefined);
}
