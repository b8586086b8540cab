import { BLANK, type Cell, type CellInput, cellToJSON, toCell } from "./cell.js";
import { type CellDef, type CellKey, layoutOf } from "./grid.js";
import { type EditionId, editionForYear, SECTIONS, type SectionKey, type TableId } from "./layout.js";
import type { Block, Meta, Report, ReportDocument, Section, TableCells } from "./schema.js";

/** What {@link createReport} needs: the organ and year; the edition follows the year unless given. */
export interface NewReportOptions {
  organ: string;
  year: number;
  edition?: EditionId;
  title?: string;
}

/** The customary title: `<organ><year>年政府信息公开工作年度报告`. */
export function defaultTitle(organ: string, year: number): string {
  return `${organ}${year}年政府信息公开工作年度报告`;
}

/** A report with every section headed and empty and every cell blank, ready to fill in. */
export function createReport(opts: NewReportOptions): Report {
  const edition = opts.edition ?? editionForYear(opts.year);
  const layout = layoutOf(edition);
  const tables = {} as Record<TableId, TableCells>;
  for (const id of ["proactive", "applications", "review"] as const) {
    const t: TableCells = {};
    for (const [row, cols] of Object.entries(layout.tables[id].shape)) {
      t[row] = Object.fromEntries(cols.map((c) => [c, BLANK]));
    }
    tables[id] = t;
  }
  const sections = Object.fromEntries(
    SECTIONS.map((s): [SectionKey, Section] => [s.key, { heading: s.label, blocks: [] }]),
  ) as Record<SectionKey, Section>;
  const meta: Meta = {
    organ: opts.organ,
    year: opts.year,
    title: opts.title ?? defaultTitle(opts.organ, opts.year),
  };
  return { edition, meta, preamble: [], sections, tables };
}

function defOf(report: Report, key: CellKey): CellDef {
  const def = layoutOf(report.edition).byKey.get(key);
  if (!def) throw new RangeError(`no cell "${key}" in the ${report.edition} edition`);
  return def;
}

/** The cell at a key (`applications.stateSecret.naturalPerson`). Throws `RangeError` for a key the edition lacks. */
export function getCell(report: Report, key: CellKey): Cell {
  const [row, col] = defOf(report, key).path;
  return report.tables[defOf(report, key).table][row]?.[col] ?? BLANK;
}

/**
 * A copy of the report with one cell replaced (the input is parsed like a document's cell: `12`, `"-"`,
 * `""`, `"+19"`). The original is not changed, so callers can keep it for undo.
 */
export function setCell(report: Report, key: CellKey, input: CellInput): Report {
  const def = defOf(report, key);
  const [row, col] = def.path;
  const table = report.tables[def.table];
  return {
    ...report,
    tables: { ...report.tables, [def.table]: { ...table, [row]: { ...table[row], [col]: toCell(input) } } },
  };
}

/** A cell with its definition (labels, pointer, kind). */
export interface CellEntry {
  readonly def: CellDef;
  readonly cell: Cell;
}

/** Every value cell of the report in official order (table 二, 三, 四), with its definition. */
export function listCells(report: Report): CellEntry[] {
  return layoutOf(report.edition).cells.map((def) => ({
    def,
    cell: report.tables[def.table][def.path[0]]?.[def.path[1]] ?? BLANK,
  }));
}

/** The JSON pointer of a cell key in a report document of the given edition. */
export function cellPointer(edition: EditionId, key: CellKey): string {
  const def = layoutOf(edition).byKey.get(key);
  if (!def) throw new RangeError(`no cell "${key}" in the ${edition} edition`);
  return def.pointer;
}

/** The cell definition at a JSON pointer, if the pointer names a cell of this edition. */
export function cellAtPointer(edition: EditionId, pointer: string): CellDef | undefined {
  return layoutOf(edition).byPointer.get(pointer);
}

const copyBlocks = (bs: readonly Block[]): Block[] => bs.map((b) => ({ type: b.type, text: b.text }));

/**
 * The report as a plain JSON document, ready for `JSON.stringify`: cells in their compact form (numbers
 * where the author wrote a plain number, otherwise the exact text). Parsing it again gives the same report.
 */
export function toDocument(report: Report): ReportDocument {
  const tables = {} as Record<TableId, Record<string, Record<string, number | string>>>;
  for (const [id, t] of Object.entries(report.tables) as [TableId, TableCells][]) {
    const out: Record<string, Record<string, number | string>> = {};
    for (const [row, cols] of Object.entries(t)) {
      out[row] = Object.fromEntries(Object.entries(cols).map(([c, cell]) => [c, cellToJSON(cell)]));
    }
    tables[id] = out;
  }
  const sections = Object.fromEntries(
    SECTIONS.map((s) => [
      s.key,
      { heading: report.sections[s.key].heading, blocks: copyBlocks(report.sections[s.key].blocks) },
    ]),
  ) as Record<SectionKey, Section>;
  return {
    ...(report.$schema === undefined ? {} : { $schema: report.$schema }),
    edition: report.edition,
    meta: structuredClone(report.meta),
    preamble: copyBlocks(report.preamble),
    sections,
    tables,
  } as ReportDocument;
}

/** `JSON.stringify` of {@link toDocument}, two-space indented, with a final newline. */
export function stringifyReport(report: Report): string {
  return `${JSON.stringify(toDocument(report), null, 2)}\n`;
}
