// The one pipeline every reader's document goes through: title and meta → sections → table classification
// → cell placement → assembly. Nothing here knows which format the document was read from.
import { layoutOf, stringifyReport, type TableId } from "@xxgk/core-model";
import { type Diagnostics, inLine, quote } from "../_diagnostics.js";
import { textLine, trimSpace } from "../_normalize.js";
import { scopeOf } from "../_scope.js";
import type { SourceBlock, SourceDocument } from "../source.js";
import type { ImportOptions, ImportResult, SourcePosition } from "../types.js";
import { finishReport } from "./assemble.js";
import { classifyTable } from "./classify.js";
import { splitAtHeadings } from "./flat.js";
import { type HeaderState, newHeaderState, readGrid } from "./grid-rows.js";
import { LineRows } from "./line-rows.js";
import {
  detectEdition,
  editionText,
  findTitle,
  isSignOff,
  publishedOf,
  resolveMeta,
  tableText,
  yearFromText,
} from "./meta.js";
import { Placer } from "./place.js";
import { splitReports } from "./reports.js";
import { findArticle, isChrome, Narrative, splitHeading } from "./sections.js";

const NOTHING = { placed: 0, unsure: 0, missing: 0, total: 0 } as const;

/**
 * Every report a document holds, each through the pipeline with its own diagnostics (after the
 * reader's, which they share). `all`: a result per report, copies of one report read once. Otherwise one
 * result: the report, or — when the document holds several — no report and an error naming them all.
 */
export function readReports(
  doc: SourceDocument,
  diag: Diagnostics,
  opts: ImportOptions,
  all: boolean,
): ImportResult[] {
  const parts = doc.report ? [doc] : splitReports(doc);
  if (parts.length === 1) return [runPipeline(doc, diag, opts)];
  const results: ImportResult[] = [];
  const seen = new Map<string, { result: ImportResult; part: SourceDocument }>();
  parts.forEach((part, k) => {
    const result = runPipeline(part, diag.fork(), opts);
    const key = result.report === null ? undefined : stringifyReport(result.report);
    const first = key === undefined ? undefined : seen.get(key);
    if (first) {
      const at = where(first.part, parts.indexOf(first.part));
      const again = where(part, k);
      first.result.diagnostics.push({
        code: "duplicate-report",
        severity: "info",
        message: {
          zh: `${again.zh}与${at.zh}完全相同，只读入一次`,
          en: `${again.en} is the same as ${at.en}; it was read once`,
        },
        source: again.pos,
      });
      return;
    }
    if (key !== undefined) seen.set(key, { result, part });
    results.push(result);
  });
  if (all || results.length === 1) return results;
  const named = parts.map((part, k) => where(part, k));
  diag.add(
    "several-reports",
    "error",
    `这个文件含有 ${parts.length} 份报告：${named.map((n) => n.zh).join("、")}。一次导入只读一份报告，以免把两份报告混在一起；请用 --all（importReports）分别导入每一份`,
    `this file holds ${parts.length} reports: ${named.map((n) => n.en).join(", ")}. An import reads one report, so that two are never mixed: import each with --all (importReports)`,
    named[1]!.pos,
  );
  return [{ report: null, diagnostics: diag.list, stats: { ...NOTHING }, format: doc.format }];
}

/** A report of a document that holds several: its title and where it starts, for messages. */
function where(part: SourceDocument, k: number): { zh: string; en: string; pos: SourcePosition } {
  const title = findTitle(part);
  const pos = title?.pos ?? part.start;
  const { zh: at, en: atEn } = placeOf(pos);
  return title
    ? { zh: `「${title.text}」（${at}）`, en: `"${title.text}" (${atEn})`, pos }
    : { zh: `第 ${k + 1} 份报告（无标题，${at}起）`, en: `report ${k + 1} (untitled, from ${atEn})`, pos };
}

/** A position in words, for a message: a page of a PDF, a paragraph or table of a Word document, a line of text. */
function placeOf(pos: SourcePosition): { zh: string; en: string } {
  if (pos.page !== undefined) return { zh: `第 ${pos.page} 页`, en: `page ${pos.page}` };
  if (pos.paragraph !== undefined) {
    return pos.table === undefined
      ? { zh: `第 ${pos.paragraph} 段`, en: `paragraph ${pos.paragraph}` }
      : { zh: `表 ${pos.table}`, en: `table ${pos.table}` };
  }
  return { zh: `第 ${pos.line} 行`, en: `line ${pos.line}` };
}

/** Turns a read document into a report (or says why none could be made). */
export function runPipeline(doc: SourceDocument, diag: Diagnostics, opts: ImportOptions): ImportResult {
  if (doc.report) return carried(doc, doc.report, diag, opts);

  // 1. Title and meta.
  const title = findTitle(doc);
  if (title && "noted" in title && title.noted) {
    diag.add(
      "title-from-properties",
      "info",
      `正文中未找到报告标题，已采用文件属性中的标题「${title.text}」，请核对`,
      `no report title was found in the text; the file's own Title property "${title.text}" was used — check it`,
      title.pos,
      { pointer: "/meta/title" },
    );
  }
  const stated = opts.year ?? resolveMeta(title?.text, {}).year;
  const textYear = stated === undefined ? yearFromText(doc) : undefined;
  const year = stated ?? textYear?.year;
  const tables = tableText(doc.blocks);
  const edition = detectEdition(editionText(doc, tables), year, diag, title?.pos ?? doc.start);
  const scope = scopeOf(edition);

  // 2–4. Sections, table classification and cell placement, in one pass over the article.
  const placer = new Placer(edition, diag);
  const narrative = new Narrative();
  const tablePos: Partial<Record<TableId, SourcePosition>> = {};
  // Pictures in a section that has a table: where that table is missing, it is most likely one of them.
  const pictured: Partial<Record<TableId, SourcePosition>> = {};
  const headers = new Map<TableId, HeaderState>();
  const lines = doc.tables === "lines" ? new LineRows(scope, placer, narrative, tablePos, diag) : undefined;
  const article = findArticle(doc);
  const inArticle = doc.blocks.slice(article.from, article.to);
  const blocks = lines ? unflatten(inArticle) : inArticle;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === "table") {
      lines?.flush();
      readTable(b);
      continue;
    }
    if (b.kind === "image") {
      const id = narrative.table;
      if (id && !pictured[id]) pictured[id] = b.pos;
      continue;
    }
    const consumed = lines?.read(blocks, i);
    if (consumed !== undefined && consumed !== null) {
      i = consumed;
      continue;
    }
    let text = textLine(b.text);
    if (title && narrative.index < 0) {
      if (title.parts.includes(text)) continue;
      // A flattened page's title runs into its first sentence.
      if (text.length > title.text.length && text.startsWith(title.text))
        text = text.slice(title.text.length).trim();
    }
    if (text === "") continue;
    const split = splitHeading(text, narrative.index);
    if (split) {
      narrative.start(split.match, split.heading, quote(b.pos, text), diag);
      if (split.rest !== "") narrative.add(split.rest, "paragraph");
      continue;
    }
    if (isChrome(text)) continue;
    narrative.add(text);
  }
  lines?.flush();
  // A sign-off (organ, date) that a page put just outside the article body still belongs to it.
  if (article.framed) {
    const organ = resolveMeta(title?.text, opts).organ;
    for (let i = article.to; i < doc.blocks.length && i < article.to + 4; i++) {
      const b = doc.blocks[i]!;
      if (b.kind !== "text" || !isSignOff(textLine(b.text), organ)) break;
      narrative.add(textLine(b.text), "paragraph");
    }
  }

  // 5. Assembly.
  const result = finishReport(
    {
      edition,
      title,
      textYear,
      published: publishedOf(doc, tables),
      narrative,
      placer,
      tablePos,
      diag,
      format: doc.format,
      start: doc.start,
      pictured,
    },
    opts,
  );
  if (doc.properties) result.properties = doc.properties;
  return result;

  function readTable(t: Extract<SourceBlock, { kind: "table" }>): void {
    // Some CMSs put a section heading in the first row of its table.
    const firstRow = (t.rows[0] ?? []).filter((c) => trimSpace(c.text) !== "");
    const inTable = firstRow.length === 1 ? splitHeading(textLine(firstRow[0]!.text), narrative.index) : null;
    if (inTable) {
      narrative.start(inTable.match, inTable.heading, quote(firstRow[0]!.pos, inTable.heading), diag);
    }
    const id = classifyTable(t.rows, edition) ?? narrative.table;
    if (!id) {
      diag.add(
        "table-ignored",
        "info",
        "这个表格不属于报告的三个表格，已忽略",
        "this table is none of the report's three tables; it was ignored",
        t.pos,
      );
      return;
    }
    if (!tablePos[id]) tablePos[id] = t.pos;
    let header = headers.get(id);
    if (!header) {
      header = newHeaderState();
      headers.set(id, header);
    }
    readGrid(
      t.rows,
      scope.tables[id],
      header,
      diag,
      (row) => placer.add(row),
      (group) => placer.collapsed(group),
    );
  }
}

/**
 * Long lines with section headings inside them (a page flattened onto one line) cut at the headings:
 * each heading on a line of its own, the text between them after it.
 */
function unflatten(blocks: readonly SourceBlock[]): SourceBlock[] {
  const out: SourceBlock[] = [];
  for (const b of blocks) {
    const pieces = b.kind === "text" && !b.cell ? splitAtHeadings(b.text) : null;
    if (!pieces) {
      out.push(b);
      continue;
    }
    for (const p of pieces) out.push({ kind: "text", text: p.text, pos: inLine(b.pos, p.offset) });
  }
  return out;
}

/** A report the source carried as data: taken as it is, its doubtful cells counted. */
function carried(
  doc: SourceDocument,
  report: NonNullable<SourceDocument["report"]>,
  diag: Diagnostics,
  opts: ImportOptions,
): ImportResult {
  const { year, organ } = report.value.meta;
  if ((opts.year !== undefined && opts.year !== year) || (opts.organ !== undefined && opts.organ !== organ)) {
    diag.add(
      "options-ignored",
      "warning",
      `文件本身就是报告数据（${year} 年度，${organ}），指定的年度或机关未采用`,
      `the file is report data itself (${year}, ${organ}); the year or organ given was not applied`,
      doc.start,
      { pointer: "/meta" },
    );
  }
  const total = layoutOf(report.value.edition).cells.length;
  return {
    report: report.value,
    diagnostics: diag.list,
    stats: { placed: total - report.unsure, unsure: report.unsure, missing: 0, total },
    format: doc.format,
  };
}
