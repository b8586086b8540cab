// The tidy cell records live in core-model (the review's workbook writes the same records); the CLI
// keeps exporting them under its own name for programs that imported them from here.
export { CELL_RECORD_FIELDS, type CellRecord, cellRecords, LABEL_SEPARATOR } from "@xxgk/core-model";
