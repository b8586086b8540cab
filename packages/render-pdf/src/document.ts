import {
  CONTACT_FIELDS,
  chineseDate,
  documentProperties,
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
  CustomTableLayout,
  Node,
  TableCell,
  TDocumentDefinitions,
} from "pdfmake/interfaces.js";
import { breakText, type Chain, type Line } from "./_lines.js";
import { titleLines } from "./_title.js";
import { PdfRenderError } from "./errors.js";
import { type FontRole, type PdfFonts, type ResolvedFonts, resolveFonts } from "./fonts.js";

/**
 * `official`: GB/T 9704-2012 公文 layout — A4, margins 37 mm top / 28 mm binding, a 156 × 225 mm text
 * block, title 22 pt, body 16 pt on 22 lines a page with 28 characters a line, page numbers `— 1 —`
 * alternating right and left. `compact`: the same document set small on 20 mm margins, for plain printing.
 */
export type PdfPreset = "official" | "compact";

/** What {@link buildDocDefinition} needs besides the report. */
export interface DocOptions {
  /** Default `official`. */
  readonly preset?: PdfPreset;
  /** The fonts by role (see `loadNodeFonts` in `@xxgk/render-pdf/node`, or {@link bundledFonts}). */
  readonly fonts: PdfFonts | ResolvedFonts;
}

/** Millimetres to PDF points. */
export const mm = (v: number): number => (v * 72) / 25.4;

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
  /** Characters on a full body line of CJK text (GB/T 9704: 28), or 0 for the font's own pitch. */
  readonly charsPerLine: number;
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
    // 22 lines in 225 mm: the 22nd line's foot is the foot of the text block.
    bodyPitch: mm(225) / 22,
    charsPerLine: 28,
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
    charsPerLine: 0,
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

/**
 * Room left at the end of every line, in points: pdfmake places a line's runs only while they fit, and
 * its sums of widths must never come out a hair wider than ours.
 */
const SLACK = 0.02;

/**
 * The tracking (space added after each character, negative: tighter) that puts `chars` em-wide characters
 * of `size` on a line `width` wide: GB/T 9704's 28 characters of 16 pt in 156 mm need −0.215 pt.
 */
export function trackingFor(preset: PdfPreset): number {
  const p = PRESETS[preset];
  if (p.charsPerLine === 0) return 0;
  const width = textBlockOf(preset).width - SLACK;
  return Math.min(0, (width - p.charsPerLine * p.bodySize) / (p.charsPerLine - 1));
}

/** How a text is set: its faces, size, line pitch, alignment, tracking. */
interface TextStyle {
  readonly chain: Chain;
  readonly fontSize: number;
  /** Baseline to baseline, in points: every line of the text takes exactly this height. */
  readonly pitch: number;
  readonly alignment: "left" | "center" | "right" | "justify";
  readonly tracking: number;
  /** First-line indent, in points. */
  readonly indent: number;
}

/** A pdfmake inline as this module writes it (pdfmake copies every property into the pieces it lays out). */
interface Inline {
  text: string;
  font: string;
  fontSize: number;
  lineHeight: number;
  alignment: TextStyle["alignment"];
  characterSpacing: number;
  noWrap: boolean;
  leadingIndent: number;
  /** Where the text comes from (see core-model's `renderedTexts`): the layout check reads it back. */
  xxgkSource: string;
}

/**
 * The lines of a text as pdfmake inlines: each run of one face an unbreakable inline, each line ended by
 * an inline newline. A justified line that is not the paragraph's last gets the character spacing that
 * makes it exactly as wide as the column; the others keep the style's tracking.
 */
function lineInlines(lines: readonly Line[], style: TextStyle, width: number, source: string): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, i) => {
    const indent = i === 0 ? style.indent : 0;
    let spacing = style.tracking;
    if (style.alignment === "justify" && !line.end && line.length > line.segments.length) {
      // pdfmake measures a run as its advances plus the spacing between its characters (length − 1).
      const plain = line.width - style.tracking * (line.length - 1);
      spacing = (width - indent - SLACK - plain) / (line.length - line.segments.length);
    }
    // Left-aligned justified text, so that pdfmake adds nothing: the spacing already fills the line.
    const alignment = style.alignment === "justify" ? "left" : style.alignment;
    line.segments.forEach((seg, k) => {
      out.push({
        text: seg.text,
        font: seg.face.family,
        fontSize: style.fontSize,
        lineHeight: style.pitch / (style.fontSize * seg.face.face.lineEm),
        alignment,
        characterSpacing: spacing,
        noWrap: true,
        leadingIndent: i === 0 && k === 0 ? indent : 0,
        xxgkSource: source,
      });
    });
    if (i < lines.length - 1 || line.segments.length === 0) {
      const f = style.chain[0]!;
      out.push({
        text: "\n",
        font: f.family,
        fontSize: style.fontSize,
        lineHeight: style.pitch / (style.fontSize * f.face.lineEm),
        alignment,
        characterSpacing: 0,
        noWrap: false,
        leadingIndent: i === 0 && line.segments.length === 0 ? indent : 0,
        xxgkSource: source,
      });
    }
  });
  return out;
}

/** Lines of a paragraph per pdfmake text node: pdfmake's work per node grows with the square of its inlines. */
const LINES_PER_NODE = 24;

/**
 * A text broken into lines and set as pdfmake text nodes (one per {@link LINES_PER_NODE} lines, the
 * first carrying `id`), each line exactly `style.pitch` high.
 */
function textNodes(
  text: string,
  style: TextStyle,
  width: number,
  id: string,
  source: string,
  extra: { headlineLevel?: 1 | 2; margin?: [number, number, number, number] } = {},
): Content[] & { lines: number } {
  const lines = breakText(text, {
    width: width - SLACK,
    fontSize: style.fontSize,
    tracking: style.tracking,
    indent: style.indent,
    chain: style.chain,
  });
  const nodes: Content[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_NODE) {
    const part = lines.slice(i, i + LINES_PER_NODE);
    const first = i === 0;
    const runs = lineInlines(part, first ? style : { ...style, indent: 0 }, width, source);
    const node: Record<string, unknown> = { text: runs };
    if (first && extra.headlineLevel !== undefined) node.headlineLevel = extra.headlineLevel;
    if (first && extra.margin !== undefined) node.margin = extra.margin;
    nodes.push(identified(node, first ? id : `${id}#${i / LINES_PER_NODE}`) as unknown as Content);
  }
  return Object.assign(nodes, { lines: lines.length });
}

/** The date the PDF states as its creation date: the publication date, else 1 January after the report year. */
export function creationDateOf(report: Report): Date {
  return documentProperties(report).date;
}

const RULE = 0.5;
/** The share of a text block above which a table (with a heading line above it) may break even on a fresh page. */
const FILLS_PAGE = 0.98;

/** A table's line pitch, in em of its font size. */
const TABLE_PITCH = 1.47;
/** A table's margins: a little air above, a little more below. */
const TABLE_MARGIN: [number, number, number, number] = [0, 4, 0, 8];
/**
 * The height a table row may take before its cells' text is set smaller: a third of the text block. A
 * cell holding a paragraph where a number belongs would otherwise make a row taller than a page, which
 * pdfmake cannot place at all (it dropped the table).
 */
const ROW_BUDGET = 1 / 3;
/** The smallest size a cell's text is set in to keep its row within {@link ROW_BUDGET}. */
const MIN_CELL_SIZE = 5;

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

/** The role whose faces print a grid cell: captions and column heads 一级标题 (黑体), the rest the body. */
const roleOf = (g: GridCell): FontRole =>
  g.role === "colhead" || g.role === "caption" ? "heading1" : "body";

/** The source of a label cell copied into a part of a split table: the label it repeats. */
const copiedFrom = new WeakMap<GridCell, string>();

/** Where a grid cell's text comes from, as core-model's `renderedTexts` names it (row, index in the row). */
function sourceOf(g: GridCell, layout: EditionLayout, id: TableId, r: number, c: number): string {
  const copied = copiedFrom.get(g);
  if (copied !== undefined) return copied;
  return g.role === "value" ? layout.byKey.get(g.cell!)!.pointer : `/tables/${id}#${r}.${c}`;
}

/**
 * Body rows `[a, b)` of a table (indices into `rows`, whose head rows come first) as a table of their
 * own: the header rows, then those rows, with every row-spanning label that covers one of them — a
 * group label begun on an earlier page is repeated at the top of this part (`三、本年度办理结果`,
 * `（三）不予公开`), each span cut to the part.
 */
export function partRows(rows: readonly GridRow[], id: TableId, a: number, b: number): GridRow[] {
  const head = rows.filter((r) => r.part === "head");
  const clip = (g: GridCell, r: number, c: number, span: number): GridCell => {
    // Labels are copied (their place in the part is not their place in the table); values keep their pointer.
    if (span === g.rowSpan && g.role === "value") return g;
    const copy: GridCell = { ...g, rowSpan: span };
    copiedFrom.set(copy, copiedFrom.get(g) ?? `/tables/${id}#${r}.${c}`);
    return copy;
  };
  const carried: GridCell[] = [];
  for (let r = head.length; r < a; r++) {
    rows[r]!.cells.forEach((g, c) => {
      if (r + g.rowSpan > a) carried.push(clip(g, r, c, Math.min(r + g.rowSpan, b) - a));
    });
  }
  const body: GridRow[] = [];
  for (let r = a; r < b; r++) {
    const own = rows[r]!.cells.map((g, c) => clip(g, r, c, Math.min(r + g.rowSpan, b) - r));
    // Carried labels stand in the leftmost columns, before the row's own cells.
    body.push({ part: "body", cells: r === a ? [...carried, ...own] : own });
  }
  return [...head, ...body];
}

/** A table cell's text set: its lines at the size chosen for it. */
interface SetCell {
  readonly g: GridCell;
  readonly row: number;
  readonly col: number;
  readonly text: string;
  readonly source: string;
  readonly style: TextStyle;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly Line[];
  /** The size was reduced to keep the row within the budget. */
  readonly shrunk: boolean;
}

/** A table's cells set, the rows' heights, and the centring of row-spanning labels. */
interface TableLayoutResult {
  /** Each row's height as drawn (rules not included). */
  readonly rowHeights: number[];
  readonly cells: SetCell[];
  readonly offsets: Map<GridCell, number>;
  readonly minHeights: number[];
  readonly height: number;
}

/**
 * Sets every cell of a table: its text broken into lines in its column (at the table's size, or smaller
 * when that would make its row taller than {@link ROW_BUDGET} of a page), the rows' heights from those
 * lines, and top margins that centre the cells spanning several rows (pdfmake's own vertical centring
 * misplaces row-spanning cells inside repeated header rows). Throws when a cell cannot be set on one page
 * even at {@link MIN_CELL_SIZE}: its text would be lost.
 */
function layTable(
  report: Report,
  rows: readonly GridRow[],
  rowBase: number,
  id: TableId,
  preset: PdfPreset,
  fonts: ResolvedFonts,
  /** A part of a split table fits its page by construction: its labels are centred in their rows. */
  part = false,
): TableLayoutResult {
  const spec = PRESETS[preset].tables[id];
  const layout = layoutOf(report.edition);
  const widths = columnWidths(id, preset);
  const pad = paddingOf(spec.fontSize);
  const block = textBlockOf(preset).height;
  const slots = expandGrid(rows, widths.length);
  const spanWidth = (c: number, span: number) =>
    widths.slice(c, c + span).reduce((a, b) => a + b, 0) + (span - 1) * (2 * pad.h + RULE);
  const textOf = (g: GridCell) => {
    if (g.role !== "value") return g.text;
    const def = layout.byKey.get(g.cell!)!;
    return report.tables[def.table][def.path[0]]?.[def.path[1]]?.raw ?? "";
  };
  const cells: SetCell[] = [];
  slots.forEach((slotRow, r) => {
    slotRow.forEach((slot, c) => {
      if (!slot.origin) return;
      const g = slot.cell;
      const text = textOf(g);
      const width = spanWidth(c, g.colSpan);
      const alignment = g.role === "corner" || (g.role === "rowhead" && g.rowSpan === 1) ? "left" : "center";
      const styleAt = (size: number): TextStyle => ({
        chain: fonts.chains[roleOf(g)],
        fontSize: size,
        pitch: size * TABLE_PITCH,
        alignment,
        tracking: 0,
        indent: 0,
      });
      const setAt = (size: number) => {
        const style = styleAt(size);
        const lines =
          text === "" ? [] : breakText(text, { width: width - SLACK, fontSize: size, chain: style.chain });
        return { style, lines, height: Math.max(1, lines.length) * style.pitch + 2 * pad.v };
      };
      let size = spec.fontSize;
      let set = setAt(size);
      // Short texts (every label, every number) fit at the table's size; only long text is measured again.
      while (set.height > block * ROW_BUDGET * g.rowSpan && size > MIN_CELL_SIZE) {
        size = Math.max(MIN_CELL_SIZE, size - 0.5);
        set = setAt(size);
      }
      const source = sourceOf(g, layout, id, rowBase + r, rows[r]!.cells.indexOf(g));
      if (set.height > block * g.rowSpan) {
        throw new PdfRenderError(
          "content.too-long",
          `the text at ${source} (${text.length} characters) does not fit in its table cell on one page, even at ${MIN_CELL_SIZE} pt; shorten it`,
        );
      }
      cells.push({
        g,
        row: r,
        col: c,
        text,
        source,
        style: set.style,
        width,
        height: set.height,
        lines: set.lines,
        shrunk: size < spec.fontSize,
      });
    });
  });
  const heights = rows.map((_, r) =>
    Math.max(0, ...cells.filter((m) => m.row === r && m.g.rowSpan === 1).map((m) => m.height)),
  );
  const natural = [...heights];
  const grown = (r: number) => heights[r]! > natural[r]!;
  // A table that may not fit on a page can break inside a group: its row-spanning body labels stay at
  // the top of their group then, or the centring margin could push a label past the foot of the page.
  const rules = (rows.length + 1) * RULE;
  const withHeading = PRESETS[preset].bodyPitch + TABLE_MARGIN[1] + TABLE_MARGIN[3];
  const mayBreak = !part && heights.reduce((a, b) => a + b, 0) + rules + withHeading > block * FILLS_PAGE;
  const offsets = new Map<GridCell, number>();
  const minHeights = rows.map(() => 0);
  // A label taller than the rows it spans (a group label repeated over the few rows of a split table's
  // part) makes the last of them taller, so the table holds it.
  for (const m of cells) {
    if (m.g.rowSpan === 1 || (mayBreak && rows[m.row]!.part === "body")) continue;
    const last = m.row + m.g.rowSpan - 1;
    const span = heights.slice(m.row, last + 1).reduce((a, b) => a + b, 0) + (m.g.rowSpan - 1) * RULE;
    if (m.height > span) heights[last] = heights[last]! + (m.height - span);
  }
  for (const m of cells) {
    if (m.g.rowSpan === 1) continue;
    if (mayBreak && rows[m.row]!.part === "body") {
      // …and the group's first row is made tall enough to hold the whole label on its page.
      minHeights[m.row] = Math.max(minHeights[m.row]!, m.height);
      continue;
    }
    const span =
      heights.slice(m.row, m.row + m.g.rowSpan).reduce((a, b) => a + b, 0) + (m.g.rowSpan - 1) * RULE;
    offsets.set(m.g, Math.max(0, (span - m.height) / 2));
  }
  for (let r = 0; r < rows.length; r++) if (grown(r)) minHeights[r] = Math.max(minHeights[r]!, heights[r]!);
  const rowHeights = heights.map((h, r) => Math.max(h, minHeights[r]!));
  const height = rowHeights.reduce((a, h) => a + h, 0) + rules;
  return { rowHeights, cells, offsets, minHeights, height };
}

/** A table for pdfmake, its estimated height in points, and the cells set smaller than the table's size. */
interface PdfTable {
  readonly node: ContentTable;
  readonly height: number;
  readonly shrunk: readonly string[];
}

function pdfTable(
  report: Report,
  rows: readonly GridRow[],
  rowBase: number,
  id: TableId,
  preset: PdfPreset,
  fonts: ResolvedFonts,
  place: { readonly margin: [number, number, number, number]; readonly unbreakable: boolean },
  laid: TableLayoutResult = layTable(report, rows, rowBase, id, preset, fonts),
): PdfTable {
  const t = layoutOf(report.edition).tables[id];
  const spec = PRESETS[preset].tables[id];
  const { cells, offsets, minHeights, height } = laid;
  const byCell = new Map(cells.map((c) => [c.g, c]));
  // Every cell is written out as an object literal, never spread from a shared base: a spread copy gets a
  // map of its own that V8 cannot share, and each property pdfmake then adds to the cell (a dozen) made
  // another new map — thousands per report (see the package README, *Nodes pdfmake can share hidden classes for*).
  const body = expandGrid(rows, t.width).map((slots) =>
    slots.map((slot): TableCell => {
      if (!slot.origin) return {};
      const set = byCell.get(slot.cell)!;
      const { rowSpan, colSpan } = slot.cell;
      const text = set.lines.length === 0 ? "" : lineInlines(set.lines, set.style, set.width, set.source);
      const top = offsets.get(slot.cell);
      // Row-spanning cells are centred by a computed margin (see layTable), the others by pdfmake.
      return top === undefined
        ? rowSpan > 1
          ? { rowSpan, colSpan, margin: [0, 0, 0, 0], text: text as TableCell & string }
          : { rowSpan, colSpan, verticalAlignment: "middle", text: text as TableCell & string }
        : { rowSpan, colSpan, margin: [0, top, 0, 0], text: text as TableCell & string };
    }),
  );
  const headerRows = rows.filter((r) => r.part === "head").length;
  // Written out whole, margin and all, rather than spread later: pdfmake adds a dozen properties to a
  // table node as it lays it out.
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
    margin: place.margin,
    unbreakable: place.unbreakable,
  };
  return { node, height, shrunk: cells.filter((c) => c.shrunk).map((c) => c.source) };
}

/**
 * A table in the official merged-cell grid, read from core-model's layout (spanned positions hold `{}`).
 * Table 二 is one pdfmake table per sub-table (caption, header, rows), each kept whole when it fits on a
 * page and drawn flush against the previous one, so a page break falls between sub-tables.
 */
function tableContent(
  report: Report,
  id: TableId,
  preset: PdfPreset,
  fonts: ResolvedFonts,
): { parts: Content[]; heights: number[]; height: number; shrunk: string[] } {
  const t = layoutOf(report.edition).tables[id];
  const margin = TABLE_MARGIN;
  if (id !== "proactive") {
    const { node, height, shrunk } = pdfTable(report, t.rows, 0, id, preset, fonts, {
      margin,
      unbreakable: false,
    });
    const total = margin[1] + height + margin[3];
    return { parts: [identified(node, `table:${id}`)], heights: [total], height: total, shrunk: [...shrunk] };
  }
  const groups: Array<{ rows: GridRow[]; base: number }> = [];
  t.rows.forEach((row, r) => {
    if (row.cells[0]?.role === "caption" || groups.length === 0) groups.push({ rows: [], base: r });
    groups[groups.length - 1]!.rows.push(row);
  });
  const heights: number[] = [];
  const shrunk: string[] = [];
  const page = textBlockOf(preset).height;
  const parts = groups.map(({ rows, base }, i): Content => {
    // A part drawn right below the previous one overlaps it by one rule, so the two rules coincide;
    // a part that starts a page keeps its own top rule.
    const first = i === 0 ? margin[1] : -RULE;
    const last = i === groups.length - 1 ? margin[3] : 0;
    const edges: [number, number, number, number] = [0, first, 0, last];
    const laid = layTable(report, rows, base, id, preset, fonts);
    // Kept whole when it fits on a page; a taller sub-table (cells of long text) breaks between rows.
    const {
      node: part,
      height,
      shrunk: small,
    } = pdfTable(
      report,
      rows,
      base,
      id,
      preset,
      fonts,
      { margin: edges, unbreakable: laid.height <= page * FILLS_PAGE },
      laid,
    );
    heights.push(height + edges[1] + edges[3]);
    shrunk.push(...small);
    return identified(part, `table:${id}:${i}`);
  });
  // The first part's height with its margins (the part below it starts one rule higher).
  return { parts, heights, height: heights[0] ?? 0, shrunk };
}

/** A table as pdfmake nodes, not split across pages (table 二: one node per sub-table); for tests. */
export function wholeTableParts(
  report: Report,
  id: TableId,
  fonts: PdfFonts | ResolvedFonts,
  preset: PdfPreset = "official",
): Content[] {
  return tableContent(report, id, preset, resolved(fonts)).parts;
}

const resolved = (fonts: PdfFonts | ResolvedFonts): ResolvedFonts =>
  "chains" in fonts ? (fonts as ResolvedFonts) : resolveFonts(fonts as PdfFonts);

/**
 * The estimated height in points of a table as drawn, with its margins (for table 二, of its first
 * sub-table). The tests hold it to pdfmake's drawn height.
 */
export function estimatedTableHeight(
  report: Report,
  id: TableId,
  fonts: PdfFonts | ResolvedFonts,
  preset: PdfPreset = "official",
): number {
  return tableContent(report, id, preset, resolved(fonts)).height;
}

/** Any pdfmake node may carry an `id` (pdfmake passes it to `pageBreakBefore`); the types know it only on text. */
type Identified = { id?: string };

function identified<T extends object>(node: T, id: string): T {
  (node as Identified).id = id;
  return node;
}

/** The document and what the layout found on the way: cells whose text was set smaller to fit. */
export interface BuiltDocument {
  readonly doc: TDocumentDefinitions;
  /** Pointers of cells set below their table's size (long text). */
  readonly shrunk: readonly string[];
}

/**
 * The whole report laid out for pdfmake: title, preamble, the six sections with tables 二/三/四 in the
 * official merged-cell grid, the 落款 (organ and date) and the contact block. Every text is broken into
 * lines here (see `_lines.ts`); pdfmake places the lines. Pure data apart from the footer and page-break
 * callbacks; every label comes from core-model and every cell is printed exactly as written.
 */
export function buildDocDefinition(report: Report, options: DocOptions): TDocumentDefinitions {
  return buildDocument(report, options).doc;
}

/** Something to place on the pages, with its height: the page decisions are made from these. */
type FlowItem =
  | {
      readonly kind: "text";
      readonly nodes: Content[];
      readonly lines: number;
      readonly pitch: number;
      /** A heading: kept with what follows (never the last thing on a page). */
      readonly keep: boolean;
      /** Space above its first line (a node margin), in points. */
      readonly above?: number;
    }
  | { readonly kind: "block"; readonly node: Content; readonly height: number }
  | { readonly kind: "table"; readonly id: "applications" | "review" };

/** Room left under a table part's predicted height, for the rounding of pdfmake's sums. */
const SAFETY = 3;

/** {@link buildDocDefinition}, with what the layout found on the way. */
export function buildDocument(report: Report, options: DocOptions): BuiltDocument {
  const preset = options.preset ?? "official";
  const fonts = resolved(options.fonts);
  const p = PRESETS[preset];
  const { width, height: pageHeight } = textBlockOf(preset);
  const indent = p.bodySize * 2;
  const tracking = trackingFor(preset);
  const style = (role: FontRole, over: Partial<TextStyle> = {}): TextStyle => ({
    chain: fonts.chains[role],
    fontSize: p.bodySize,
    pitch: p.bodyPitch,
    alignment: "justify",
    tracking,
    indent,
    ...over,
  });
  const body = style("body");
  const heading2 = style("heading2", { alignment: "left" });
  const shrunk: string[] = [];
  const flow: FlowItem[] = [];
  const text = (nodes: Content[] & { lines: number }, keep = false, above = 0): FlowItem => ({
    kind: "text",
    nodes,
    lines: nodes.lines,
    pitch: p.bodyPitch,
    keep,
    above,
  });

  /** A narrative block; a sub-heading is set in the 二级标题 face (楷体) and never ends a page. */
  const block = (b: { type: "heading" | "paragraph"; text: string }, id: string, source: string): FlowItem =>
    b.type === "heading"
      ? text(textNodes(b.text, heading2, width, id, source, { headlineLevel: 2 }), true)
      : text(textNodes(b.text, body, width, id, source));

  const titleStyle = style("title", {
    fontSize: p.titleSize,
    pitch: Math.max(p.bodyPitch, p.titleSize * 1.3),
    alignment: "center",
    tracking: 0,
    indent: 0,
  });
  const titleBroken = titleLines(report.meta.title, report.meta.organ, {
    width: width - SLACK,
    fontSize: titleStyle.fontSize,
    chain: titleStyle.chain,
  });
  const titleGap = p.bodyPitch * 0.9;
  flow.push({
    kind: "block",
    node: identified(
      { text: lineInlines(titleBroken, titleStyle, width, "/meta/title"), margin: [0, 0, 0, titleGap] },
      "title",
    ) as unknown as Content,
    height: titleBroken.length * titleStyle.pitch + titleGap,
  });
  report.preamble.forEach((b, i) => {
    flow.push(block(b, `preamble:${i}`, `/preamble/${i}/text`));
  });
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    // The heading as the author wrote it ("五、存在主要问题及改进情况" stays); the official one if left empty.
    const label = section.heading.trim() === "" ? s.label : section.heading;
    const headingStyle = style("heading1", { fontSize: p.headingSize, alignment: "left" });
    flow.push(
      text(
        textNodes(label, headingStyle, width, `section:${s.key}`, `/sections/${s.key}/heading`, {
          headlineLevel: 1,
        }),
        true,
      ),
    );
    section.blocks.forEach((b, i) => {
      flow.push(block(b, `block:${s.key}:${i}`, `/sections/${s.key}/blocks/${i}/text`));
    });
    if (s.table === "proactive") {
      const { parts, heights, shrunk: small } = tableContent(report, s.table, preset, fonts);
      shrunk.push(...small);
      parts.forEach((node, i) => {
        flow.push({ kind: "block", node, height: heights[i]! });
      });
    } else if (s.table !== undefined) {
      flow.push({ kind: "table", id: s.table });
    }
  }
  const signature = style("body", { alignment: "right", indent: 0 });
  const signatureLines = (line: string, id: string, source: string) =>
    textNodes(line, signature, width - indent * 2, id, source);
  const organLines = signatureLines(report.meta.organ, "signature:organ", "/meta/organ");
  const dateLines =
    report.meta.published === undefined
      ? Object.assign([], { lines: 0 })
      : signatureLines(chineseDate(report.meta.published), "signature:date", "/meta/published");
  flow.push({
    kind: "block",
    node: identified(
      {
        stack: [...organLines, ...dateLines],
        margin: [0, p.bodyPitch, indent * 2, 0] as [number, number, number, number],
        unbreakable: true,
      },
      "signature",
    ),
    height: p.bodyPitch * (1 + organLines.lines + dateLines.lines),
  });
  const contact = CONTACT_FIELDS.flatMap(([key, label]) => {
    const value = report.meta.contact?.[key];
    return value === undefined || value.trim() === "" ? [] : [{ key, label, value }];
  });
  if (contact.length > 0) {
    const line = style("body", { alignment: "left", indent: 0 });
    const nodes = contact.map(({ key, label, value }) =>
      textNodes(`${label}：${value}`, line, width, `contact:${key}`, `/meta/contact/${key}`),
    );
    flow.push({
      kind: "block",
      node: identified(
        {
          stack: nodes.flat(),
          margin: [0, p.bodyPitch, 0, 0] as [number, number, number, number],
          unbreakable: true,
        },
        "contact",
      ),
      height: p.bodyPitch * (1 + nodes.reduce((a, n) => a + n.lines, 0)),
    });
  }

  // Our own pagination: every height is known (we broke every line), so the page decisions are made
  // here, in one pass, and pdfmake is told them with explicit page breaks.
  const content: Content[] = [];
  let y = 0;
  const EPS = 0.5;
  const breakBefore = (node: Content) => {
    (node as { pageBreak?: string }).pageBreak = "before";
    y = 0;
  };
  const tables = new Map<string, ReturnType<typeof layTable>>();
  const fullTable = (id: "applications" | "review") => {
    let t = tables.get(id);
    if (t === undefined) {
      t = layTable(report, layoutOf(report.edition).tables[id].rows, 0, id, preset, fonts);
      tables.set(id, t);
    }
    return t;
  };
  const margins = TABLE_MARGIN[1] + TABLE_MARGIN[3];
  /** What a table needs on a page to start there: all of it, or its header and first two rows. */
  const tableStart = (id: "applications" | "review") => {
    const t = fullTable(id);
    const rows = layoutOf(report.edition).tables[id].rows;
    const head = rows.filter((r) => r.part === "head").length;
    const upTo = Math.min(rows.length, head + 2);
    const start = t.rowHeights.slice(0, upTo).reduce((a, b) => a + b, 0) + (upTo + 1) * RULE + margins;
    return Math.min(t.height + margins, start);
  };
  /** Height the item at `i` needs at the top of where it goes: a heading takes what follows along. */
  const need = (i: number): number => {
    const item = flow[i];
    if (item === undefined) return 0;
    if (item.kind === "block") return item.height;
    if (item.kind === "table") return tableStart(item.id);
    const own = (item.above ?? 0) + (item.keep ? item.lines : 1) * item.pitch;
    return item.keep ? own + need(i + 1) : own;
  };
  const advance = (lines: number, pitch: number) => {
    let left = lines;
    while (left > 0) {
      const fit = Math.floor((pageHeight - y) / pitch + 1e-6);
      if (left <= fit) {
        y += left * pitch;
        left = 0;
      } else {
        left -= fit;
        y = 0;
      }
    }
  };
  flow.forEach((item, i) => {
    if (item.kind === "text") {
      // A heading never ends a page: it goes to the next page with what follows it.
      if (item.keep && y > 0 && y + need(i) > pageHeight + EPS) breakBefore(item.nodes[0]!);
      content.push(...item.nodes);
      advance(item.lines, item.pitch);
      return;
    }
    if (item.kind === "block") {
      if (y > 0 && y + item.height > pageHeight + EPS) breakBefore(item.node);
      content.push(item.node);
      y = item.height > pageHeight ? item.height % pageHeight : y + item.height;
      return;
    }
    // Tables 三 and 四: whole when they fit where they are; else split between rows — a page is not
    // left mostly empty — with the header rows and the group labels that cover a part's rows repeated.
    const rows = layoutOf(report.edition).tables[item.id].rows;
    const head = rows.filter((r) => r.part === "head").length;
    const all = fullTable(item.id);
    shrunk.push(...all.cells.filter((c) => c.shrunk).map((c) => c.source));
    const headHeight = all.rowHeights.slice(0, head).reduce((a, b) => a + b, 0) + (head + 1) * RULE;
    let room = pageHeight - y;
    let pageBreak = false;
    if (all.height + margins > room + EPS && y > 0 && (room < pageHeight / 4 || room < tableStart(item.id))) {
      pageBreak = true;
      room = pageHeight;
    }
    let start = head;
    let index = 0;
    while (start < rows.length) {
      const first = start === head;
      const top = first ? TABLE_MARGIN[1] : 0;
      let end = start + 1;
      let predicted = headHeight + all.rowHeights[start]! + RULE;
      while (
        end < rows.length &&
        top + predicted + all.rowHeights[end]! + RULE + TABLE_MARGIN[3] <= room - SAFETY
      ) {
        predicted += all.rowHeights[end]! + RULE;
        end++;
      }
      let partRowsOf = end === rows.length && first ? rows : partRows(rows, item.id, start, end);
      let laidOut = partRowsOf === rows ? all : layTable(report, partRowsOf, 0, item.id, preset, fonts, true);
      while (
        end > start + 1 &&
        top + laidOut.height + (end === rows.length ? TABLE_MARGIN[3] : 0) > room - SAFETY
      ) {
        end--;
        partRowsOf = partRows(rows, item.id, start, end);
        laidOut = layTable(report, partRowsOf, 0, item.id, preset, fonts, true);
      }
      const laid = laidOut.height;
      const last = end === rows.length;
      const margin: [number, number, number, number] = [0, top, 0, last ? TABLE_MARGIN[3] : 0];
      const height = top + laid + margin[3];
      const { node } = pdfTable(
        report,
        partRowsOf,
        0,
        item.id,
        preset,
        fonts,
        { margin, unbreakable: height <= pageHeight },
        laidOut,
      );
      const part = identified(node, first && last ? `table:${item.id}` : `table:${item.id}:${index}`);
      if (pageBreak || !first) breakBefore(part);
      content.push(part);
      y = height > pageHeight ? height % pageHeight : y + height;
      start = end;
      index++;
      room = pageHeight;
      pageBreak = false;
    }
  });

  const props = documentProperties(report);
  const created = props.date;
  const [left, , right] = p.margins;
  const footerInset = p.pageNumberSize;
  const footerStyle = style("body", {
    fontSize: p.pageNumberSize,
    pitch: p.pageNumberSize * 1.3,
    tracking: 0,
    indent: 0,
  });
  const doc: TDocumentDefinitions = {
    content,
    pageSize: "A4",
    pageOrientation: "portrait",
    pageMargins: [...p.margins] as [number, number, number, number],
    language: "zh-CN",
    displayTitle: true,
    info: {
      title: props.title,
      author: props.author,
      subject: props.subject,
      keywords: props.keywords.join(", "),
      creator: "xxgk",
      producer: "xxgk @xxgk/render-pdf (pdfmake)",
      creationDate: created,
      modDate: created,
    },
    defaultStyle: { font: body.chain[0]!.family, fontSize: p.bodySize },
    // No named styles: every text carries its resolved properties (see lineInlines).
    styles: {},
    footer: (page: number): Content => {
      const placement = p.pageNumberPlacement === "center" ? "center" : page % 2 === 1 ? "right" : "left";
      const number = `— ${page} —`;
      return {
        text: lineInlines(
          breakText(number, { width: width, fontSize: p.pageNumberSize, chain: footerStyle.chain }),
          { ...footerStyle, alignment: placement },
          width,
          "page-number",
        ) as unknown as Content[],
        margin: [left + footerInset, p.pageNumberGap, right + footerInset, 0],
      } as Content;
    },
    pageBreakBefore: headingNotLast,
  };
  return { doc, shrunk };
}

interface PageBreakContext {
  getFollowingNodesOnPage(): Array<{ id?: unknown }>;
}

/**
 * The one page-break rule pdfmake cannot be told in advance: a heading (a section's, or a sub-heading
 * among its blocks) never ends a page. It runs after a layout pass; when it moves a heading, pdfmake
 * lays the whole document out again. Every block this module makes carries an id; pdfmake's "following
 * nodes on the page" also hold the page's footer (its number) and the texts inside blocks, which carry
 * none.
 */
function headingNotLast(node: Node, context: unknown): boolean {
  if (node.headlineLevel !== 1 && node.headlineLevel !== 2) return false;
  return !(context as PageBreakContext).getFollowingNodesOnPage().some((f) => f.id !== undefined);
}
