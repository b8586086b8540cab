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
 * `file 第3页 (72, 540)` / `file p.3 (72, 540)` on a PDF page (points from the top-left corner),
 * `file 第12段` / `file ¶12` in a Word document, `file 表2第3行第4格` / `file table 2 row 3 cell 4` in
 * one of its tables' cells (`file 表2` / `file table 2` for the table as a whole).
 */
export function formatSource(source: SourcePosition, opts: FormatOptions = {}): string {
  const { file, lang = "zh" } = opts;
  if (source.page !== undefined) {
    const page = lang === "zh" ? `第${source.page}页` : `p.${source.page}`;
    const at = `${page} (${Math.round(source.x)}, ${Math.round(source.y)})`;
    return file === undefined ? at : `${file} ${at}`;
  }
  if (source.paragraph !== undefined) {
    const { table, row, cell } = source;
    const zh = lang === "zh";
    const at =
      table === undefined
        ? zh
          ? `第${source.paragraph}段`
          : `¶${source.paragraph}`
        : row === undefined || cell === undefined
          ? zh
            ? `表${table}`
            : `table ${table}`
          : zh
            ? `表${table}第${row}行第${cell}格`
            : `table ${table} row ${row} cell ${cell}`;
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
