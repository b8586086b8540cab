import { parseReport, type Report } from "@xxgk/core-model";

/** One thing the import has to tell the author: where (line or JSON pointer) and what. */
export interface ImportNote {
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  /** The source text around the line, as the importer quotes it. */
  readonly excerpt?: string;
  readonly pointer?: string;
}

/** The outcome of an import: maybe a report, always the notes explaining what happened. */
export interface ImportResult {
  readonly report: Report | null;
  readonly kind: "json" | "html" | "text";
  readonly notes: readonly ImportNote[];
  readonly stats?: { placed: number; unsure: number; missing: number; total: number };
}

/**
 * Decodes a file: UTF-8 when it is valid UTF-8, otherwise GB18030 (which covers GBK and GB2312 — many
 * government sites still publish in them), or whatever charset an HTML page declares.
 */
export function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
    const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    try {
      return new TextDecoder(declared ?? "gb18030").decode(bytes);
    } catch {
      return new TextDecoder("gb18030").decode(bytes);
    }
  }
}

function lineOf(text: string, position: number): number {
  return text.slice(0, position).split("\n").length;
}

/** Reads a report document (the app's own JSON export or any file following the schema). */
export function importJson(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /line (\d+)/.exec(msg) ?? null;
    const pos = /position (\d+)/.exec(msg);
    const line = m ? Number(m[1]) : pos ? lineOf(text, Number(pos[1])) : undefined;
    return {
      report: null,
      kind: "json",
      notes: [
        {
          severity: "error",
          code: "json.syntax",
          message: `不是有效的 JSON：${msg}。请检查该行的引号、逗号和括号。`,
          ...(line === undefined ? {} : { line }),
        },
      ],
    };
  }
  const parsed = parseReport(json);
  if (parsed.ok) return { report: parsed.report, kind: "json", notes: [] };
  return {
    report: null,
    kind: "json",
    notes: parsed.issues.map((i) => ({
      severity: "error",
      code: `schema.${i.code}`,
      message: `${i.message}${i.keys ? `：${i.keys.join("、")}` : ""}`,
      pointer: i.pointer,
    })),
  };
}

/** Reads a published HTML page or a text copy with the importer, keeping all of its diagnostics. */
export async function importPublished(text: string, fileName: string | undefined): Promise<ImportResult> {
  const { importReport } = await import("@xxgk/importer");
  const r = importReport(text, fileName === undefined ? {} : { fileName });
  return {
    report: r.report,
    kind: r.format === "text" ? "text" : "html",
    stats: r.stats,
    notes: r.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message.zh,
      line: d.source.line,
      ...(d.source.excerpt === undefined ? {} : { excerpt: d.source.excerpt }),
      ...(d.pointer === undefined ? {} : { pointer: d.pointer }),
    })),
  };
}

/** Imports any supported text: a report JSON document, a published HTML page, or a text copy of one. */
export function importText(text: string, fileName?: string): Promise<ImportResult> {
  const json = fileName ? /\.json$/i.test(fileName) : /^\s*\{/.test(text);
  return json ? Promise.resolve(importJson(text)) : importPublished(text, fileName);
}
