import type { LabelMatch } from "./_labels.js";
import type { ImportDiagnostic, SourcePosition } from "./types.js";

/**
 * How many diagnostics of one code are listed (a report has 200 cells: every real one fits); past it
 * they are counted in one more, so a page of a million stray rows cannot grow the list without bound.
 */
export const DIAGNOSTICS_PER_CODE = 250;

/** Collects diagnostics in source order of discovery; one per finding, never thrown. */
export class Diagnostics {
  readonly list: ImportDiagnostic[] = [];
  readonly #counts = new Map<string, number>();
  readonly #more = new Map<string, ImportDiagnostic>();

  /** A collector that starts with this one's diagnostics (the reader's, shared by the reports of one page). */
  fork(): Diagnostics {
    const d = new Diagnostics();
    for (const x of this.list) d.list.push(x);
    for (const [code, n] of this.#counts) d.#counts.set(code, n);
    // The count of the unlisted goes on in the fork: its own copy of each, so the parent's stays as it is.
    for (const [code, more] of this.#more) {
      const copy = { ...more };
      d.list[d.list.indexOf(more)] = copy;
      d.#more.set(code, copy);
    }
    return d;
  }

  add(
    code: string,
    severity: ImportDiagnostic["severity"],
    zh: string,
    en: string,
    source: SourcePosition,
    extra: { pointer?: string; matched?: { written: string; label: string } } = {},
  ): void {
    const n = (this.#counts.get(code) ?? 0) + 1;
    this.#counts.set(code, n);
    if (n > DIAGNOSTICS_PER_CODE) {
      const more = n - DIAGNOSTICS_PER_CODE;
      const message = {
        zh: `另有 ${more} 条「${code}」诊断未列出（同一种诊断最多列出 ${DIAGNOSTICS_PER_CODE} 条）`,
        en: `${more} more "${code}" diagnostics not listed (at most ${DIAGNOSTICS_PER_CODE} of one kind are)`,
      };
      const summary = this.#more.get(code);
      if (summary) summary.message = message;
      else {
        const d: ImportDiagnostic = { code, severity, message, source };
        this.#more.set(code, d);
        this.list.push(d);
      }
      return;
    }
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

/** A position with the text found there, shortened, as its excerpt. */
export function quote(pos: SourcePosition, text: string): SourcePosition {
  // Object literals of fixed shapes, not a spread: this runs for most lines of a text copy.
  if (pos.page !== undefined) return { page: pos.page, x: pos.x, y: pos.y, excerpt: excerpt(text) };
  if (pos.paragraph !== undefined) return { ...pos, excerpt: excerpt(text) };
  return pos.column === undefined
    ? { line: pos.line, excerpt: excerpt(text) }
    : { line: pos.line, column: pos.column, excerpt: excerpt(text) };
}

/**
 * The place `offset` characters into the line a text position starts (its column moved on); a page or
 * paragraph position as it is (its text has no columns).
 */
export function inLine(pos: SourcePosition, offset: number): SourcePosition {
  if (pos.page !== undefined || pos.paragraph !== undefined) return pos;
  return { line: pos.line, column: (pos.column ?? 1) + offset };
}

/** The line of a text position; `-1` for a page or paragraph position. */
export function lineOf(pos: SourcePosition): number {
  return pos.page === undefined && pos.paragraph === undefined ? pos.line : -1;
}

/** Says how a label was matched when it was not matched exactly. */
export function labelDiagnostic(
  diag: Diagnostics,
  m: LabelMatch<unknown>,
  written: string,
  pos: SourcePosition,
  pointer?: string,
): void {
  if (m.kind === "exact") return;
  const matched = { written: excerpt(written), label: m.label };
  const extra = pointer === undefined ? { matched } : { matched, pointer };
  if (m.kind === "approximate") {
    diag.add(
      "label-approximate",
      "warning",
      `「${matched.written}」与官方标签不完全一致，按近似匹配视为「${m.label}」，请核对`,
      `"${matched.written}" only approximately matches an official label; taken as "${m.label}" — check it`,
      pos,
      extra,
    );
  } else if (m.kind === "extended") {
    diag.add(
      "label-extended",
      "info",
      `「${matched.written}」是官方标签「${m.label}」加上说明文字`,
      `"${matched.written}" is the official label "${m.label}" with an appended explanation`,
      pos,
      extra,
    );
  } else {
    diag.add(
      "label-variant",
      "info",
      `「${matched.written}」是官方标签「${m.label}」的常见变体（错字、编号或措辞不同）`,
      `"${matched.written}" is a known variant of the official label "${m.label}"`,
      pos,
      extra,
    );
  }
}
