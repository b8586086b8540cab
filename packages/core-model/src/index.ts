/**
 * @xxgk/core-model — the 政府信息公开工作年度报告 as data: both editions' official table layouts,
 * zod schemas for whole reports, and cells that keep exactly what the author wrote.
 */
export {
  BLANK,
  type Cell,
  type CellInput,
  type CellProblem,
  type CellStatus,
  cellToJSON,
  parseCellText,
  sumValue,
  toCell,
} from "./cell.js";
export {
  chineseDate,
  contactLines,
  type DocumentProperties,
  documentProperties,
} from "./document.js";
export {
  type EquationTerm,
  TABLE_RULES,
  type TableEquation,
  type TableRuleId,
  tableEquations,
} from "./equations.js";
export {
  type CellDef,
  type CellKey,
  type EditionLayout,
  expandGrid,
  type GridCell,
  type GridRole,
  type GridRow,
  type GridSlot,
  layoutOf,
  type TableLayout,
} from "./grid.js";
export {
  type JsonSyntaxError,
  type JsonTextResult,
  lineColumnAt,
  locateJsonError,
  type Message,
  parseJsonText,
  type TextPlace,
} from "./json.js";
export {
  APPLICATIONS_CORNER_NOTE,
  type CellKind,
  EDITION_DEFS,
  EDITION_YEARS,
  EDITIONS,
  type EditionDef,
  type EditionId,
  editionCoversYear,
  editionForYear,
  FIRST_FORMAT_YEAR,
  type HeadDef,
  OVERVIEW_TOPICS,
  PROACTIVE_ROW_HEADER,
  SECTIONS,
  type SectionDef,
  type SectionKey,
  type SubTableDef,
  type TableId,
} from "./layout.js";
export {
  inferLevel,
  LEVEL_RULES,
  type Level,
  type LevelInference,
  type LevelRule,
  type LevelText,
  levelOf,
  organForLevel,
} from "./level.js";
export { type ParseResult, parseReport, type SchemaIssue } from "./parse.js";
export { parsePointer, pointerOf, resolvePointer } from "./pointer.js";
export { CELL_RECORD_FIELDS, type CellRecord, cellRecords, LABEL_SEPARATOR } from "./records.js";
export {
  type CellEntry,
  cellAtPointer,
  cellPointer,
  createReport,
  defaultTitle,
  getCell,
  listCells,
  type NewReportOptions,
  setCell,
  stringifyReport,
  toDocument,
} from "./report.js";
export {
  type Block,
  blockSchema,
  type Contact,
  cellSchema,
  contactSchema,
  editionSchemas,
  type Meta,
  metaSchema,
  type Report,
  type ReportDocument,
  reportSchema,
  type Section,
  sectionSchema,
  type TableCells,
} from "./schema.js";
export { CONTACT_FIELDS, type RenderedText, type RenderedTextKind, renderedTexts } from "./texts.js";
