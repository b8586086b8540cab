import { layoutOf, listCells, type Report, renderedTexts, SECTIONS, type TableId } from "@xxgk/core-model";
import { squash, tokens } from "./text.js";

/** Which promise of the contract a rendering broke. */
export type ContractCode =
  | "title"
  | "organ"
  | "heading"
  | "block"
  | "label"
  | "value-order"
  | "na-kept"
  | "blank-filled"
  | "replacement-char"
  | "contact";

/** One broken promise, as data: a stable code, what was expected, and a sentence for people. */
export interface ContractViolation {
  readonly code: ContractCode;
  readonly message: string;
  /** The text (or token) that should have been there, when there is one. */
  readonly expected?: string;
}

const TABLES: readonly TableId[] = ["proactive", "applications", "review"];

/** Every official label of the edition's three tables (captions, headers, row labels, the corner note). */
export function officialLabels(report: Report): string[] {
  const layout = layoutOf(report.edition);
  const out = new Set<string>();
  for (const id of TABLES) {
    for (const row of layout.tables[id].rows) {
      for (const cell of row.cells) if (cell.role !== "value" && cell.text !== "") out.add(cell.text);
    }
  }
  return [...out];
}

/** The texts of the report outside its tables: what a renderer may legitimately print besides cells. */
function proseOf(report: Report): string[] {
  const blocks = [report.preamble, ...SECTIONS.map((s) => report.sections[s.key].blocks)].flat();
  const meta = Object.values(report.meta).flatMap((v) =>
    typeof v === "object" && v !== null ? Object.values(v).map(String) : [String(v)],
  );
  return [
    ...meta,
    ...SECTIONS.map((s) => report.sections[s.key].heading),
    ...blocks.map((b) => b.text),
    ...officialLabels(report),
  ];
}

// What a renderer could print instead of a blank: a zero or a dash. (无/不适用 are left out: a CJK line
// wrapped right after 无 in "无。" would look like a filler.)
const FILLERS = new Set(["0", "０", "-", "—", "–", "－", "―", "/", "／"]);

/**
 * Where a cell's text starting at token `i` ends (exclusive), or -1: a cell may be wrapped inside its
 * box (`不\n适用`), so consecutive tokens that join to exactly the text match.
 */
function matchAt(toks: readonly string[], i: number, want: string): number {
  let acc = "";
  for (let j = i; j < toks.length; j++) {
    acc += toks[j];
    if (acc === want) return j + 1;
    if (!want.startsWith(acc)) return -1;
  }
  return -1;
}

function countRuns(toks: readonly string[], want: string): number {
  let n = 0;
  for (let i = 0; i < toks.length; ) {
    const end = matchAt(toks, i, want);
    if (end < 0) i++;
    else {
      n++;
      i = end;
    }
  }
  return n;
}

function countTokens(ts: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/**
 * Checks a renderer's output, as plain text, against the report it rendered. Returns every broken
 * promise (empty when the rendering is faithful):
 * - title, organ, every section heading and narrative block appear as written (whitespace ignored);
 * - every official table label of the edition appears;
 * - the non-blank cells' text appears in official order, as a subsequence of the output's tokens (a
 *   cell wrapped inside its box may span consecutive tokens);
 * - every not-applicable mark (`-`, `—`, `无` …) is kept as written;
 * - blanks stay blank: the output holds no more `0`/`-`-like tokens than the report wrote;
 * - no U+FFFD replacement character (text lost in an encoding step);
 * - every field of the contact block (联系机构, 地址, 邮编 …) appears, label and value.
 */
export function checkRendererOutput(report: Report, text: string): ContractViolation[] {
  const out: ContractViolation[] = [];
  const flat = squash(text);
  const has = (s: string) => flat.includes(squash(s));

  if (!has(report.meta.title)) {
    out.push({
      code: "title",
      message: `title not found: ${report.meta.title}`,
      expected: report.meta.title,
    });
  }
  if (!has(report.meta.organ)) {
    out.push({
      code: "organ",
      message: `organ not found: ${report.meta.organ}`,
      expected: report.meta.organ,
    });
  }
  for (const s of SECTIONS) {
    const { heading, blocks } = report.sections[s.key];
    if (!has(heading)) {
      out.push({
        code: "heading",
        message: `section ${s.numeral} heading not found as written: ${heading}`,
        expected: heading,
      });
    }
    blocks.forEach((b, i) => {
      if (!has(b.text)) {
        out.push({
          code: "block",
          message: `section ${s.numeral} (${s.key}) block ${i} (${b.type}) not found: ${b.text}`,
          expected: b.text,
        });
      }
    });
  }
  report.preamble.forEach((b, i) => {
    if (!has(b.text))
      out.push({ code: "block", message: `preamble block ${i} not found: ${b.text}`, expected: b.text });
  });
  for (const t of renderedTexts(report)) {
    if (t.kind !== "contact") continue;
    const line = `${t.label}：${t.text}`;
    if (!has(t.label!) || !has(t.text)) {
      out.push({ code: "contact", message: `contact field not found: ${line}`, expected: line });
    }
  }
  for (const label of officialLabels(report)) {
    if (!has(label))
      out.push({ code: "label", message: `official label not found: ${label}`, expected: label });
  }

  const toks = tokens(text);
  const cells = listCells(report);
  let at = 0;
  let found = 0;
  for (const { def, cell } of cells) {
    const want = squash(cell.raw);
    if (want === "") continue;
    let end = -1;
    for (; at < toks.length; at++) {
      end = matchAt(toks, at, want);
      if (end >= 0) break;
    }
    if (end < 0) {
      out.push({
        code: "value-order",
        message:
          `cell ${def.key} (${[...def.rowLabels, ...def.colLabels].join(" / ")}) = "${cell.raw}" not found ` +
          `after the ${found} cells before it (cells must appear in official order, as written)`,
        expected: cell.raw,
      });
      break;
    }
    at = end;
    found++;
  }

  const seen = countTokens(toks);
  const written = countTokens(cells.map(({ cell }) => squash(cell.raw)).filter((t) => t !== ""));
  const prose = countTokens(proseOf(report).flatMap(tokens));
  for (const [want, n] of written) {
    if (!cells.some(({ cell }) => cell.status === "na" && squash(cell.raw) === want)) continue;
    const got = countRuns(toks, want);
    if (got < n) {
      out.push({
        code: "na-kept",
        message: `"${want}" is written in ${n} cells but appears ${got} times`,
        expected: want,
      });
    }
  }
  for (const tok of FILLERS) {
    const allowed = (written.get(tok) ?? 0) + (prose.get(tok) ?? 0);
    const got = seen.get(tok) ?? 0;
    if (got > allowed) {
      out.push({
        code: "blank-filled",
        message: `"${tok}" appears ${got} times but the report writes it only ${allowed} times: blanks must stay blank`,
        expected: tok,
      });
    }
  }
  if (text.includes("\ufffd")) {
    out.push({
      code: "replacement-char",
      message: "the output contains U+FFFD: some text was lost in encoding",
    });
  }
  return out;
}
