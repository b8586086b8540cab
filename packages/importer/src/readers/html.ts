// The HTML reader: a published page (or our own rendering) into the intermediate document — its text
// blocks and data tables in reading order with their line and column, the elements holding them (so the
// pipeline can tell the article from the site chrome), and the title and date its <meta> tags state.
import { getCell, layoutOf, parseReport, type Report } from "@xxgk/core-model";
import { type Diagnostics, excerpt } from "../_diagnostics.js";
import { tidyText, trimSpace } from "../_normalize.js";
import type { BlockRange, SourceBlock, SourceCell, SourceDocument, TitleCandidate } from "../source.js";
import type { SourcePosition } from "../types.js";
import {
  BLOCK,
  type HNode,
  isNode,
  LineIndex,
  type ParsedHtml,
  parseHtml,
  SKIP,
  textOf,
} from "./_html-parse.js";

/** Reads a published HTML page, or our own rendering by its embedded report data. */
export function readHtml(html: string, diag: Diagnostics): SourceDocument {
  return readPage(html, parseHtml(html), diag);
}

/** Reads a page from its parsed tree (`bench/html-parsers.mjs` gives it other parsers' trees). */
export function readPage(html: string, page: ParsedHtml, diag: Diagnostics): SourceDocument {
  const lines = new LineIndex(html);
  const at = (offset: number): SourcePosition => lines.at(offset);
  const tags = (tag: string): readonly HNode[] => page.byTag.get(tag) ?? [];

  const embedded = tags("script").find((n) => n.attrs.id === "xxgk-report");
  if (embedded) {
    const report = readOwn(page, embedded, at, diag);
    if (report) {
      return {
        format: "xxgk-html",
        start: { line: 1 },
        blocks: [],
        tables: "grids",
        titleAt: "before-sections",
        containers: [],
        titles: [],
        published: [],
        report,
      };
    }
  }

  const { blocks, containers } = blocksOf(tags("body")[0] ?? page.root, page, at);
  const titles: TitleCandidate[] = tags("meta")
    .filter((n) => /^(?:articletitle|title)$/i.test(n.attrs.name ?? ""))
    .map((n) => ({ text: tidyText(n.attrs.content ?? ""), pos: at(n.start) }));
  // A site's <title> joins the report's title and the site's name: each part is a candidate.
  const title = tags("title")[0];
  if (title) {
    for (const part of trimSpace(textOf(title)).split(/[_|｜]|\s[-—–]\s/)) {
      const text = trimSpace(part);
      titles.push({ text, pos: { ...at(title.start), excerpt: excerpt(text) } });
    }
  }
  const published = tags("meta")
    .filter((n) => /pubdate|publishdate/i.test(n.attrs.name ?? ""))
    .map((n) => n.attrs.content ?? "");
  return {
    format: "html",
    start: { line: 1 },
    blocks,
    tables: "grids",
    titleAt: "before-sections",
    containers,
    titles,
    published,
  };
}

const span = (v: string | undefined, max: number): number => {
  const n = Number.parseInt(v ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

/** A data table's rows of cells as written (the rows of nested sections, not of nested tables). */
function tableRows(table: HNode, at: (offset: number) => SourcePosition): SourceCell[][] {
  const rows: SourceCell[][] = [];
  const stack: { node: HNode; next: number }[] = [{ node: table, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const c = top.node.children[top.next++];
    if (c === undefined) stack.pop();
    else if (!isNode(c)) continue;
    else if (c.tag === "tr") {
      const cells: SourceCell[] = [];
      for (const td of c.children) {
        if (!isNode(td) || (td.tag !== "td" && td.tag !== "th")) continue;
        cells.push({
          text: textOf(td),
          rowSpan: span(td.attrs.rowspan, 1000),
          colSpan: span(td.attrs.colspan, 100),
          pos: at(td.start),
        });
      }
      rows.push(cells);
    } else if (!SKIP.has(c.tag)) stack.push({ node: c, next: 0 });
  }
  return rows;
}

/**
 * Flattens the page under `root` into text blocks (a block element or `<br>` ends one) and data tables
 * (tables holding no other table; layout tables around them are walked through), and records the run of
 * blocks each element holds. Iterative: pages nest deeper than the call stack allows.
 */
function blocksOf(
  root: HNode,
  page: ParsedHtml,
  at: (offset: number) => SourcePosition,
): { blocks: SourceBlock[]; containers: BlockRange[] } {
  const blocks: SourceBlock[] = [];
  const containers: { from: number; to: number }[] = [];
  let buf = "";
  let bufStart = -1;
  const flush = () => {
    if (bufStart >= 0 && buf.trim() !== "") blocks.push({ kind: "text", text: buf, pos: at(bufStart) });
    buf = "";
    bufStart = -1;
  };
  const stack: { node: HNode; next: number; block: boolean; range: number }[] = [
    { node: root, next: 0, block: false, range: -1 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const c = top.node.children[top.next++];
    if (c === undefined) {
      stack.pop();
      if (top.range >= 0) {
        // An element that holds no block cannot be the article: drop it (it is the last one recorded,
        // since the elements inside it held none either).
        if (containers[top.range]!.from === blocks.length) containers.pop();
        else containers[top.range]!.to = blocks.length;
      }
      if (top.block) flush();
      continue;
    }
    if (!isNode(c)) {
      if (bufStart < 0) {
        if (c.text.trim() === "") continue;
        bufStart = c.start;
      }
      buf += c.text;
      continue;
    }
    if (SKIP.has(c.tag)) continue;
    if (c.tag === "br") {
      flush();
      continue;
    }
    if (c.tag === "table" && !page.outerTables.has(c)) {
      flush();
      blocks.push({ kind: "table", rows: tableRows(c, at), pos: at(c.start) });
      continue;
    }
    const block = BLOCK.has(c.tag);
    if (block) flush();
    stack.push({ node: c, next: 0, block, range: containers.push({ from: blocks.length, to: -1 }) - 1 });
  }
  flush();
  return { blocks, containers };
}

/** Our own rendering: the embedded JSON is the report; the visible cells are checked against it. */
function readOwn(
  page: ParsedHtml,
  script: HNode,
  at: (offset: number) => SourcePosition,
  diag: Diagnostics,
): { value: Report; unsure: number } | null {
  const json = script.children.map((c) => ("text" in c ? c.text : "")).join("");
  let parsed: ReturnType<typeof parseReport>;
  try {
    parsed = parseReport(JSON.parse(json));
  } catch (e) {
    diag.add(
      "embedded-json-invalid",
      "error",
      `页面内嵌的报告数据不是有效的 JSON（${(e as Error).message}），改为从页面内容读取`,
      `the page's embedded report data is not valid JSON (${(e as Error).message}); read from the page instead`,
      at(script.start),
    );
    return null;
  }
  if (!parsed.ok) {
    for (const issue of parsed.issues.slice(0, 20)) {
      diag.add(
        "embedded-json-invalid",
        "error",
        `页面内嵌的报告数据不符合数据格式：${issue.pointer} ${issue.message}；改为从页面内容读取`,
        `the page's embedded report data does not fit the schema: ${issue.pointer} ${issue.message}; read from the page instead`,
        at(script.start),
        { pointer: issue.pointer },
      );
    }
    return null;
  }
  const report = parsed.report;
  const layout = layoutOf(report.edition);
  const edited = new Set<string>();
  const cells = [...(page.byTag.get("td") ?? []), ...(page.byTag.get("th") ?? [])];
  for (const td of cells.filter((n) => n.attrs["data-cell"] !== undefined)) {
    const key = td.attrs["data-cell"]!;
    const def = layout.byKey.get(key);
    const shown = trimSpace(textOf(td).replace(/\s*\n\s*/g, ""));
    const where = { ...at(td.start), excerpt: excerpt(shown) };
    if (!def) {
      diag.add(
        "unknown-cell",
        "warning",
        `页面中的单元格「${key}」不属于 ${report.edition} 版格式，已忽略`,
        `the page's cell "${key}" is not a cell of the ${report.edition} edition; ignored`,
        where,
      );
      continue;
    }
    const stored = getCell(report, key).raw;
    if (trimSpace(stored) !== shown) {
      edited.add(key);
      diag.add(
        "page-edited",
        "warning",
        `页面显示「${shown}」，但内嵌数据为「${stored}」：页面可能在生成后被修改过，已采用内嵌数据，请核对`,
        `the page shows "${shown}" but the embedded data says "${stored}": the page may have been edited after it was rendered; the embedded data was kept — check it`,
        where,
        { pointer: def.pointer },
      );
    }
  }
  return { value: report, unsure: edited.size };
}
