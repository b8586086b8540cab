// Plain-text copies: one cell per line, header cells flattened, labels split over lines. A state machine
// over the lines: section headings, captions, header fragments, row labels and value lines.
import { parseCellText, type TableId } from "@xxgk/core-model";
import { detectEdition, finishReport, labelDiagnostic, Narrative } from "./_assemble.js";
import { Diagnostics, excerpt } from "./_diagnostics.js";
import type { LabelMatch } from "./_labels.js";
import { isChrome, looksLikeTitle, matchHeading, parseTitle, splitHeading } from "./_meta.js";
import { normalizeLabel, tidyText, trimSpace } from "./_normalize.js";
import { Placer, type SourceValue } from "./_place.js";
import { REVIEW_ROW, scopeOf, type TableLabel } from "./_scope.js";
import type { ImportOptions, ImportResult, SourcePosition } from "./types.js";

interface OpenRow {
  readonly table: TableId;
  /** `null`: a row whose label is not an official one (its values are reported, not placed). */
  readonly row: string | null;
  readonly label: string;
  readonly values: SourceValue[];
  readonly pos: SourcePosition;
  readonly unsure: boolean;
}

const isValue = (t: string): boolean => {
  const s = parseCellText(t).status;
  return s === "number" || s === "na";
};

/** Reads a plain-text copy of a report. */
export function readText(text: string, opts: ImportOptions): ImportResult {
  const diag = new Diagnostics();
  // A table row copied from a browser arrives as one line of tab-separated cells: split it, keeping
  // the empty cells between tabs as blank values.
  const tokens: { text: string; line: number; cell: boolean }[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    if (!/\S\t+\s*\S/.test(l)) {
      tokens.push({ text: l, line: i + 1, cell: false });
      return;
    }
    const parts = l.split("\t");
    while (parts.length > 0 && trimSpace(parts[0]!) === "") parts.shift();
    for (const p of parts) tokens.push({ text: p, line: i + 1, cell: true });
  });
  const lines = tokens.map((t) => t.text);
  const pos = (i: number): SourcePosition => ({
    line: tokens[i]?.line ?? 1,
    excerpt: excerpt(lines[i] ?? ""),
  });

  let first = lines.findIndex((l) => trimSpace(l) !== "");
  let title: { text: string; pos: SourcePosition } | undefined;
  if (first >= 0 && looksLikeTitle(trimSpace(lines[first]!))) {
    title = { text: tidyText(lines[first]!), pos: pos(first) };
    first++;
  } else first = Math.max(first, 0);

  const year = opts.year ?? (title ? parseTitle(title.text).year : undefined);
  const edition = detectEdition(normalizeLabel(text), year, diag, title?.pos ?? { line: 1 });
  const scope = scopeOf(edition);
  const placer = new Placer(edition, diag);
  const narrative = new Narrative();
  const tablePos: Partial<Record<TableId, SourcePosition>> = {};
  let row: OpenRow | null = null;
  let prevValue = false;

  const flush = () => {
    if (!row) return;
    if (row.row !== null) {
      placer.add({
        table: row.table,
        row: row.row,
        values: row.values,
        columns: null,
        pos: row.pos,
        unsure: row.unsure,
      });
    } else if (row.values.length > 0) {
      diag.add(
        "extra-row",
        "warning",
        `「${row.label}」不是官方格式中的行，其数值（${row.values.map((v) => v.raw).join(" ")}）已忽略`,
        `"${row.label}" is not a row of the official format; its values (${row.values.map((v) => v.raw).join(" ")}) were ignored`,
        row.pos,
      );
    } else {
      diag.add(
        "ignored-text",
        "info",
        `表格中的文字「${row.label}」无法识别，已忽略`,
        `the text "${row.label}" in a table was not recognised and was ignored`,
        row.pos,
      );
    }
    row = null;
  };

  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!;
    const t = trimSpace(raw);
    if (t === "") {
      // A whitespace-only line right after a value, in a row still short of values, is an empty cell.
      const r = row as OpenRow | null;
      if (
        (tokens[i]!.cell && r !== null) ||
        (raw !== "" &&
          prevValue &&
          r?.row &&
          r.values.length < scope.tables[r.table].rowCells.get(r.row)!.length)
      ) {
        r.values.push({ raw: "", pos: pos(i) });
        continue;
      }
      prevValue = false;
      continue;
    }
    prevValue = false;
    const table = narrative.table;
    if (table) {
      if (!tablePos[table]) tablePos[table] = pos(i);
      const ts = scope.tables[table];
      // A row on one line with its values after spaces (copies from PDF): split it into cells.
      const parts = t.split(/[\s\u00a0\u3000]+/);
      if (parts.length >= 2 && !tokens[i]!.cell) {
        let k = parts.length;
        while (k > 0 && isValue(parts[k - 1]!)) k--;
        const head = parts.slice(0, k).join(" ");
        if (k < parts.length && (k === 0 || (head.length <= 80 && !head.includes("。")))) {
          const line = tokens[i]!.line;
          const cells = [...(k > 0 ? [head] : []), ...parts.slice(k)].map((text) => ({
            text,
            line,
            cell: false,
          }));
          tokens.splice(i, 1, ...cells);
          lines.splice(i, 1, ...cells.map((c) => c.text));
          i--;
          continue;
        }
      }
      if (isValue(t)) {
        prevValue = true;
        if (!row && table === "review") {
          row = { table, row: REVIEW_ROW, label: "", values: [], pos: pos(i), unsure: false };
        }
        if (row) row.values.push({ raw: t, pos: pos(i) });
        else {
          diag.add(
            "stray-value",
            "warning",
            `数值「${t}」不属于任何一行，已忽略`,
            `the value "${t}" belongs to no row; it was ignored`,
            pos(i),
          );
        }
        continue;
      }
      let m: LabelMatch<TableLabel> | null = ts.labels.match(t);
      let written = t;
      let span = 1;
      if (!m || m.kind === "approximate") {
        // A label split over lines: join the following non-value lines.
        let joined = t;
        for (let j = i + 1, k = 1; j < lines.length && k < 8; j++) {
          const n = trimSpace(lines[j]!);
          if (n === "") continue;
          if (isValue(n)) break;
          joined += n;
          k++;
          const jm = ts.labels.match(joined);
          if (jm && jm.kind !== "approximate") {
            m = jm;
            written = joined;
            span = j - i + 1;
            break;
          }
        }
      }
      if (m) {
        labelDiagnostic(diag, m, written, pos(i));
        if (m.item.kind === "row") {
          flush();
          row = {
            table,
            row: m.item.row,
            label: written,
            values: [],
            pos: pos(i),
            unsure: m.kind === "approximate",
          };
        } else flush();
        i += span - 1;
        continue;
      }
      const heading = matchHeading(t, narrative.index);
      if (heading) {
        flush();
        narrative.start(heading, tidyText(t), pos(i), diag);
        continue;
      }
      const n = normalizeLabel(t);
      if (n.length <= 8 && ts.headerText.includes(n)) continue;
      flush();
      if (t.length > 20 || /[。；]$/.test(t)) narrative.add(tidyText(t));
      else row = { table, row: null, label: t, values: [], pos: pos(i), unsure: false };
      continue;
    }
    if (isChrome(t)) continue;
    const split = splitHeading(tidyText(t), narrative.index);
    if (split) {
      narrative.start(split.match, split.heading, pos(i), diag);
      if (split.rest !== "") narrative.add(split.rest, "paragraph");
      continue;
    }
    narrative.add(tidyText(t));
  }
  flush();
  return finishReport({ edition, title, narrative, placer, tablePos, diag, format: "text" }, opts);
}
