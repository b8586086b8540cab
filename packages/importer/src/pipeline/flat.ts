// Pipeline step 2/4 for flattened text: a page whose tags were stripped and whose cells ran together on
// one line (`…一、总体情况2021年，…二、主动公开政府信息情况第二十条第（一）项信息内容…规章000行政规范性文件
// 6233440第二十条…`, what site archivers and crawlers keep). Finds the section headings inside such a
// line, and the table labels inside a table section's text, with the runs of values between them; the
// runs are split into cells by `split.ts`. Linear: one normalising pass and one trie walk per line.
import { SECTIONS } from "@xxgk/core-model";
import { normalizeLabel } from "../_normalize.js";
import type { TableLabel, TableScope } from "../_scope.js";
import { HEADING_VARIANTS, LABEL_VARIANTS } from "../_variants.js";
import { tick } from "../_work.js";
import { isRunChar } from "./split.js";

/** A text normalised as labels are compared (see `_normalize.ts`), with where each character came from. */
interface View {
  readonly text: string;
  /** For each character of `text`, its index in the original. */
  readonly at: readonly number[];
}

const SPACE = /[\s\u00a0\u2000-\u200b\u3000\ufeff]/;
const charCache = new Map<string, string>();

/** One character as {@link normalizeLabel} would make it (item-number punctuation aside). */
function normalChar(c: string): string {
  const code = c.charCodeAt(0);
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x30 && code <= 0x7a)) return c;
  let n = charCache.get(c);
  if (n === undefined) {
    n = normalizeLabel(c);
    if (charCache.size < 4096) charCache.set(c, n);
  }
  return n;
}

function viewOf(s: string): View {
  let text = "";
  const at: number[] = [];
  let prevDigit = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (SPACE.test(c)) continue;
    let n = normalChar(c);
    // "1、属于国家秘密" as the labels are normalised: "1.属于国家秘密".
    if (prevDigit && (n === "、" || n === ",")) n = ".";
    for (const ch of n) {
      text += ch;
      at.push(i);
    }
    prevDigit = n.length > 0 && n >= "0" && n <= "9";
  }
  tick(s.length);
  return { text, at };
}

/** The original range `[from, to)` of the normalised range `[a, b)`. */
const originalRange = (v: View, a: number, b: number): [number, number] => [v.at[a]!, v.at[b - 1]! + 1];

/** The headings of each section as a flattened page may write them, normalised. */
const HEADING_FORMS: readonly (readonly string[])[] = SECTIONS.map((s) => {
  const official = normalizeLabel(s.label);
  const forms = new Set([official]);
  for (const [written, o] of HEADING_VARIANTS) {
    const [nw, no] = [normalizeLabel(written), normalizeLabel(o)];
    if (official.includes(no)) forms.add(official.replace(no, nw));
  }
  return [...forms];
});

/** A piece of a line: its text and where it starts in the line (0-based). */
export interface Piece {
  readonly text: string;
  readonly offset: number;
  /** A section heading found inside the line. */
  readonly heading?: true;
}

/** Lines shorter than this are read as they are: a heading alone, or one run into its first sentence. */
export const FLAT_LINE = 80;

/**
 * A long line with section headings inside it, cut at them: the text before the first heading, then
 * each heading on its own and the text after it. `null` when the line holds no heading (or is short).
 * Headings are taken in section order, each after the one before.
 */
export function splitAtHeadings(line: string): Piece[] | null {
  if (line.length < FLAT_LINE) return null;
  const v = viewOf(line);
  const found: [number, number][] = [];
  let from = 0;
  for (const forms of HEADING_FORMS) {
    let best: [number, number] | undefined;
    for (const f of forms) {
      const k = v.text.indexOf(f, from);
      if (k >= 0 && (!best || k < best[0])) best = [k, k + f.length];
    }
    if (!best) continue;
    found.push(best);
    from = best[1];
  }
  tick(v.text.length);
  if (found.length === 0) return null;
  const out: Piece[] = [];
  const push = (a: number, b: number, heading?: true) => {
    const text = line.slice(a, b);
    if (text.trim() === "") return;
    out.push(heading ? { text, offset: a, heading } : { text, offset: a });
  };
  let last = 0;
  for (const [a, b] of found) {
    const [oa, ob] = originalRange(v, a, b);
    push(last, oa);
    push(oa, ob, true);
    last = ob;
  }
  push(last, line.length);
  return out.length > 1 ? out : null;
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  entry?: FlatLabel;
}

/** A label found inside a line: what it names, and the official label (for diagnostics). */
export interface FlatLabel {
  readonly item: TableLabel;
  readonly label: string;
  /** Found by a known variant of the label (`_variants.ts`), not its official wording. */
  readonly variant: boolean;
}

const tries = new WeakMap<TableScope, TrieNode>();

function trieOf(ts: TableScope): TrieNode {
  let root = tries.get(ts);
  if (root) return root;
  const r: TrieNode = { next: new Map() };
  const add = (norm: string, entry: FlatLabel) => {
    let node = r;
    for (const ch of norm) {
      let n = node.next.get(ch);
      if (!n) {
        n = { next: new Map() };
        node.next.set(ch, n);
      }
      node = n;
    }
    // A label the table repeats (总计 under several groups) keeps its first meaning.
    node.entry ??= entry;
  };
  for (const e of ts.entries) {
    const norm = normalizeLabel(e.label);
    add(norm, { item: e.item, label: e.label, variant: false });
    for (const [written, official] of LABEL_VARIANTS) {
      if (norm.includes(official)) add(norm.replace(official, written), { ...e, variant: true });
    }
  }
  root = r;
  tries.set(ts, root);
  return root;
}

/** What a flattened table line is made of, in order. */
export type FlatElement =
  | { readonly kind: "label"; readonly label: FlatLabel; readonly written: string; readonly offset: number }
  | { readonly kind: "run"; readonly text: string; readonly offset: number }
  | { readonly kind: "unit"; readonly unit: string; readonly offset: number }
  | { readonly kind: "text"; readonly text: string; readonly offset: number };

const UNIT = /^[(（]?(?:单位[:：])?(万元|元|件|个|项|条)[)）]?$/;

function isRun(s: string): boolean {
  let value = false;
  for (const c of s) {
    if (SPACE.test(c)) continue;
    if (!isRunChar(c)) return false;
    value = true;
  }
  return value;
}

/**
 * The labels and runs of values in a line of a table's section, when the line holds that table run
 * together (labels with values glued to them, or several labels in a row): the rest of the line, before,
 * between and after such stretches, comes back as `text`. `null` when the line holds no such stretch.
 */
export function scanTableLine(line: string, ts: TableScope): FlatElement[] | null {
  const v = viewOf(line);
  const root = trieOf(ts);
  const labels: { a: number; b: number; entry: FlatLabel }[] = [];
  for (let i = 0; i < v.text.length; ) {
    let node: TrieNode | undefined = root;
    let best: { end: number; entry: FlatLabel } | undefined;
    for (let j = i; j < v.text.length && node; j++) {
      node = node.next.get(v.text[j]!);
      tick();
      if (node?.entry) best = { end: j + 1, entry: node.entry };
    }
    if (best) {
      labels.push({ a: i, b: best.end, entry: best.entry });
      i = best.end;
    } else i++;
  }
  if (labels.length === 0) return null;
  // The line as elements: labels, and what lies between them.
  const elements: FlatElement[] = [];
  let last = 0;
  const gap = (from: number, to: number, after: FlatLabel | undefined) => {
    const text = line.slice(from, to);
    const t = text.trim();
    if (t === "") return;
    const unit = UNIT.exec(normalizeLabel(t));
    if (unit && after?.item.kind === "column") elements.push({ kind: "unit", unit: unit[1]!, offset: from });
    else if (isRun(t)) elements.push({ kind: "run", text: t, offset: from });
    else elements.push({ kind: "text", text, offset: from });
  };
  let prev: FlatLabel | undefined;
  for (const l of labels) {
    const [a, b] = originalRange(v, l.a, l.b);
    gap(last, a, prev);
    elements.push({ kind: "label", label: l.entry, written: line.slice(a, b), offset: a });
    prev = l.entry;
    last = b;
  }
  gap(last, line.length, prev);
  // Stretches of labels and runs with no other text between them.
  const out: FlatElement[] = [];
  let found = false;
  let k = 0;
  while (k < elements.length) {
    if (elements[k]!.kind === "text") {
      out.push(elements[k]!);
      k++;
      continue;
    }
    let end = k;
    while (end < elements.length && elements[end]!.kind !== "text") end++;
    const stretch = elements.slice(k, end);
    const labelCount = stretch.filter((e) => e.kind === "label").length;
    const runs = stretch.filter((e) => e.kind === "run").length;
    const whole = k === 0 && end === elements.length;
    const isTable = labelCount >= 1 && (runs >= 1 || labelCount >= 2) && (stretch.length >= 3 || whole);
    if (isTable) {
      found = true;
      out.push(...stretch);
    } else {
      const from = stretch[0]!.offset;
      const to = end < elements.length ? elements[end]!.offset : line.length;
      out.push({ kind: "text", text: line.slice(from, to), offset: from });
    }
    k = end;
  }
  if (!found) return null;
  // Adjacent text pieces back into one.
  const merged: FlatElement[] = [];
  for (const e of out) {
    const p = merged[merged.length - 1];
    if (e.kind === "text" && p?.kind === "text") merged[merged.length - 1] = { ...p, text: p.text + e.text };
    else merged.push(e);
  }
  return merged;
}
