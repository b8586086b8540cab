import type { Report } from "@xxgk/core-model";

/** Where in the source a diagnostic points: 1-based line (and column), with a short excerpt. */
export interface SourcePosition {
  line: number;
  column?: number;
  excerpt?: string;
}

/**
 * Something the importer was unsure of, could not place, or settled in a way worth saying. Codes are
 * stable (see the README's table); `pointer` names the report cell or field concerned.
 */
export interface ImportDiagnostic {
  code: string;
  severity: "error" | "warning" | "info";
  message: { zh: string; en: string };
  source: SourcePosition;
  pointer?: string;
  /** For labels matched approximately: what was written and the official label it was taken for. */
  matched?: { written: string; label: string };
}

/**
 * How many of the edition's cells were placed confidently, placed with a doubt (a diagnostic), or not
 * found in the source (left blank). `placed + unsure + missing = total`.
 */
export interface ImportStats {
  placed: number;
  unsure: number;
  missing: number;
  total: number;
}

/** The outcome of an import: the report (or `null` when the source cannot be read as one) and why. */
export interface ImportResult {
  report: Report | null;
  diagnostics: ImportDiagnostic[];
  stats: ImportStats;
  /** What the source was read as: our own rendering, a published HTML page, or a plain-text copy. */
  format: "xxgk-html" | "html" | "text";
}

/** Options of {@link importReport}; `year` and `organ` override what the title says. */
export interface ImportOptions {
  /** Shown in diagnostics' messages only (the CLI passes the path). */
  fileName?: string;
  /** `auto` (default) sniffs HTML by its markup. */
  format?: "auto" | "html" | "text";
  year?: number;
  organ?: string;
}
