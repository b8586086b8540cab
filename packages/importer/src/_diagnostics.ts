import type { LabelMatch } from "./_labels.js";
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
