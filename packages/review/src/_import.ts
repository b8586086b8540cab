// The review's one call into the importer: `importReport(bytes | text)` recognises the format by content
// (pages, text copies, our own JSON; PDF and Word files recognised, and refused until their readers land)
// and the encoding, and never rejects.
import { type ImportResult, importReport } from "@xxgk/importer";

/** Options the review passes on. */
export interface ImportCall {
  readonly fileName: string;
}

/** Reads one input with the importer: never rejects; `report` is `null` when the input is not a report. */
export function importSource(input: Uint8Array | string, call: ImportCall): Promise<ImportResult> {
  return importReport(input, { fileName: call.fileName });
}
