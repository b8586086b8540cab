import type { ImportDiagnostic, SourcePosition } from "./types.js";

/** Collects diagnostics in source order of discovery; one per finding, never thrown. */
export class Diagnostics {
  readonly list: ImportDiagnostic[] = [];

  add(
    code: string,
    severity: ImportDiagnostic["severity"],
    zh: string,
    en: string,
    source: SourcePosition,
    extra: { pointer?: string; matched?: { written: string; label: string } } = {},
  ): void {
    const d: ImportDiagnostic = { code, severity, message: { zh, en }, source };
    if (extra.pointer !== undefined) d.pointer = extra.pointer;
    if (extra.matched !== undefined) d.matched = extra.matched;
    this.list.push(d);
  }
}

/** Shortens a text for an excerpt: single line, at most 40 characters. */
export function excerpt(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
