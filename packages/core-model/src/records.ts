import { layoutOf } from "./grid.js";
import { listCells } from "./report.js";
import type { Report } from "./schema.js";

/**
 * One table cell as a tidy record: the shape researchers load into R, pandas or Excel. Labels are the
 * official label paths joined by ` / `; nothing the author wrote is changed (`raw` is "" for blank).
 */
export interface CellRecord {
  /** The section numeral of the table: `二`, `三` or `四`. */
  readonly table: string;
  /** Official row label path, e.g. `三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密` ("" in table 四). */
  readonly row: string;
  /** Official column label path, e.g. `申请人情况 / 法人或其他组织 / 商业企业`. */
  readonly column: string;
  /** The cell exactly as written: `"0"`, `"-"`, `"+19"`, `"4359957元"`, `""`. */
  readonly raw: string;
  /** The number it states, or `null` for blank, not-applicable (`-`) and unreadable cells. */
  readonly value: number | null;
  /** JSON pointer of the cell in the report document. */
  readonly pointer: string;
}

/** The field names of a {@link CellRecord}, in output order (the CSV header). */
export const CELL_RECORD_FIELDS = ["table", "row", "column", "raw", "value", "pointer"] as const;

/** Joins the levels of a label path. */
export const LABEL_SEPARATOR = " / ";

/** Every value cell of a report as a {@link CellRecord}, tables 二, 三, 四 in official order. */
export function cellRecords(report: Report): CellRecord[] {
  const tables = layoutOf(report.edition).tables;
  return listCells(report).map(({ def, cell }) => ({
    table: tables[def.table].section.numeral,
    row: def.rowLabels.join(LABEL_SEPARATOR),
    column: def.colLabels.join(LABEL_SEPARATOR),
    raw: cell.raw,
    value: cell.value,
    pointer: def.pointer,
  }));
}
