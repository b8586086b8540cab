// Diagnostics as text for people: pure functions, in Chinese or English (the CLI prints these lines).
import type { ImportDiagnostic, SourcePosition } from "./types.js";

/** The languages diagnostics are written in. */
export type Lang = "zh" | "en";

/** Options of {@link formatSource} and {@link formatDiagnostic}. */
export interface FormatOptions {
  /** The file the source came from, put before the position. */
  file?: string;
  /** `zh` (default) or `en`. */
  lang?: Lang;
}

const SEVERITY: Readonly<Record<ImportDiagnostic["severity"], Readonly<Record<Lang, string>>>> = {
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "notice" },
};

/**
 * Where a diagnostic points, as an editor or a reader looks for it: `file:12:5` in a text format,
 * `file 第3页 (72, 540)` / `file p.3 (72, 540)` on a PDF page (points from the top-left corner).
 */
export function formatSource(source: SourcePosition, opts: FormatOptions = {}): string {
  const { file, lang = "zh" } = opts;
  if (source.page !== undefined) {
    const page = lang === "zh" ? `第${source.page}页` : `p.${source.page}`;
    const at = `${page} (${Math.round(source.x)}, ${Math.round(source.y)})`;
    return file === undefined ? at : `${file} ${at}`;
  }
  const at = `${source.line}${source.column === undefined ? "" : `:${source.column}`}`;
  return file === undefined ? at : `${file}:${at}`;
}

/**
 * A diagnostic as one line: where, severity, code, message and the report field it concerns —
 * `a.html:12:5 警告 missing-cells …（/tables/applications/…）`.
 */
export function formatDiagnostic(d: ImportDiagnostic, opts: FormatOptions = {}): string {
  const lang = opts.lang ?? "zh";
  const pointer = d.pointer === undefined ? "" : lang === "zh" ? `（${d.pointer}）` : ` (${d.pointer})`;
  return `${formatSource(d.source, opts)} ${SEVERITY[d.severity][lang]} ${d.code} ${d.message[lang]}${pointer}`;
}
