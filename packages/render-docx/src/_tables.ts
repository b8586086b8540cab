// Tables 二 / 三 / 四 as Word tables in the official merged-cell grid of core-model's layout: every label,
// span and order comes from `layoutOf(edition).tables[id].rows`; spans become real merges (`gridSpan`,
// `vMerge`), written by `docx` from each cell's row and column span.
import { type GridCell, type GridRow, layoutOf, type Report, type TableId } from "@xxgk/core-model";
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { textRuns } from "./_text.js";
import { PAGE, ptToTwips } from "./page.js";

/**
 * The paragraph styles of table text, by table: the body face for labels and values, 黑体 for column
 * headings and captions; each in its table's size, centred, on exact lines. Cells name a style and
 * carry no run properties of their own.
 */
export const TABLE_STYLES: Readonly<Record<TableId, { readonly text: string; readonly head: string }>> = {
  proactive: { text: "XxgkTable2", head: "XxgkTable2Head" },
  applications: { text: "XxgkTable3", head: "XxgkTable3Head" },
  review: { text: "XxgkTable4", head: "XxgkTable4Head" },
};

/** Padding of a cell: 1 mm left and right, 1.5 pt above and below, so that rules never touch the text. */
const CELL_PADDING = { left: 57, right: 57, top: 30, bottom: 30 } as const;

/**
 * Column widths in twips, summing to the text block's width. Table 二: the row labels get the most room
 * (`其他对外管理服务事项`), three equal value columns. Table 三: a narrow column for `三、本年度办理结果`
 * (a character a line), one for the group labels (`（三）不予公开`), the item labels, and seven value
 * columns two 小五 characters wide for the header words (`社会公益组织` in three lines of two).
 * Table 四: fifteen equal columns.
 */
export function columnWidths(id: TableId, width: number): number[] {
  const total = PAGE.block.width;
  const even = (n: number, sum: number) =>
    Array.from({ length: n }, (_, i) => Math.floor(sum / n) + (i < sum % n ? 1 : 0));
  switch (id) {
    case "proactive": {
      const first = 2844;
      return [first, ...even(width - 1, total - first)];
    }
    case "applications": {
      const values = 7;
      const valueWidth = 660;
      const labels = [560, 1000];
      const rest = total - values * valueWidth - labels.reduce((a, b) => a + b, 0);
      const labelCols = width - values;
      return [...labels.slice(0, labelCols - 1), rest, ...even(values, values * valueWidth)];
    }
    case "review":
      return even(width, total);
  }
}

/** Line height of table text: 1.3 × the size, exact, so that it does not take the body's line pitch. */
export const tableLine = (size: number): number => ptToTwips(Math.round(size * 1.3 * 2) / 2);

function cellText(g: GridCell, report: Report): string {
  if (g.role !== "value") return g.text;
  const def = layoutOf(report.edition).byKey.get(g.cell!)!;
  return report.tables[def.table][def.path[0]]?.[def.path[1]]?.raw ?? "";
}

/** Row labels of one row and the corner note read from the left; everything else is centred (the styles). */
const leftAligned = (g: GridCell) => g.role === "corner" || (g.role === "rowhead" && g.rowSpan === 1);

function cellOf(g: GridCell, report: Report, styles: (typeof TABLE_STYLES)[TableId]): TableCell {
  return new TableCell({
    // Spans of 1 are left out: `docx` would write a `w:gridSpan` of 1 into every cell.
    ...(g.colSpan > 1 ? { columnSpan: g.colSpan } : {}),
    ...(g.rowSpan > 1 ? { rowSpan: g.rowSpan } : {}),
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        style: g.role === "colhead" || g.role === "caption" ? styles.head : styles.text,
        ...(leftAligned(g) ? { alignment: AlignmentType.LEFT } : {}),
        // Every cell holds what was written: an empty value cell is an empty paragraph.
        children: textRuns(cellText(g, report)),
      }),
    ],
  });
}

/**
 * Which rows keep with the next one, so that a group never splits across pages: in table 二 each
 * sub-table (caption, header, rows), in tables 三 and 四 the whole table — moved to the next page whole
 * when it does not fit where it is. A table taller than a page breaks between rows anyway, with its
 * header rows repeated.
 */
function keepsWithNext(id: TableId, rows: readonly GridRow[]): boolean[] {
  return rows.map((_, i) => {
    if (i === rows.length - 1) return false;
    if (id !== "proactive") return true;
    return rows[i + 1]!.cells[0]?.role !== "caption";
  });
}

const RULE = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

/** A table of the report in the official merged-cell grid, cells exactly as written. */
export function tableOf(report: Report, id: TableId): Table {
  const t = layoutOf(report.edition).tables[id];
  const styles = TABLE_STYLES[id];
  const keep = keepsWithNext(id, t.rows);
  return new Table({
    width: { size: PAGE.block.width, type: WidthType.DXA },
    columnWidths: columnWidths(id, t.width),
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: CELL_PADDING,
    borders: {
      top: RULE,
      bottom: RULE,
      left: RULE,
      right: RULE,
      insideHorizontal: RULE,
      insideVertical: RULE,
    },
    rows: t.rows.map(
      (row, i) =>
        new TableRow({
          ...(row.part === "head" ? { tableHeader: true } : {}),
          cantSplit: true,
          ...(keep[i] ? { keepNext: true } : {}),
          children: row.cells.map((g) => cellOf(g, report, styles)),
        }),
    ),
  });
}
