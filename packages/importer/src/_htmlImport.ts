// A published page: find the article among the site chrome, its title, sections and tables.
import { getCell, layoutOf, parseReport, type TableId } from "@xxgk/core-model";
import { detectEdition, finishReport, Narrative, resolveMeta } from "./_assemble.js";
import { Diagnostics, excerpt } from "./_diagnostics.js";
import {
  ancestry,
  type HNode,
  type Item,
  isWithin,
  itemsOf,
  LineIndex,
  type ParsedHtml,
  parseHtml,
  type TextItem,
  textOf,
} from "./_html.js";
import { classifyTable, type HeaderState, newHeaderState, readHtmlTable } from "./_htmlTable.js";
import { findPublished, isChrome, isSignOff, looksLikeTitle, parseTitle, splitHeading } from "./_meta.js";
import { normalizeLabel, tidyText, trimSpace } from "./_normalize.js";
import { Placer } from "./_place.js";
import { scopeOf } from "./_scope.js";
import type { ImportOptions, ImportResult, SourcePosition } from "./types.js";

const MAYBE_HEADING = /^[\s\u00a0\u3000]*[一二三四五六]/;

function textLine(raw: string): string {
  return tidyText(raw.replace(/\s*\n\s*/g, ""));
}

/** Reads a published HTML page (or our own rendering, by its embedded JSON). */
export function readHtml(html: string, opts: ImportOptions): ImportResult {
  const lines = new LineIndex(html);
  const at = (offset: number, text?: string): SourcePosition => {
    const p = lines.at(offset);
    return text === undefined ? p : { line: p.line, column: p.column, excerpt: excerpt(text) };
  };
  const page = parseHtml(html);
  const tags = (tag: string): readonly HNode[] => page.byTag.get(tag) ?? [];
  const diag = new Diagnostics();

  const embedded = tags("script").find((n) => n.attrs.id === "xxgk-report");
  if (embedded) {
    const own = readOwn(page, embedded, at, diag);
    if (own) return own;
  }

  const items = itemsOf(tags("body")[0] ?? page.root);
  const title = findTitle(page, items, at);
  const year = opts.year ?? (title ? parseTitle(title.text).year : undefined);
  // The edition shows in the table labels only: no need to normalise the whole page.
  const tableText = items
    .filter((it) => it.kind === "table")
    .map((it) => it.rows.map((r) => r.map((c) => (c.text.length < 200 ? c.text : "")).join("|")).join("\n"))
    .join("\n");
  const edition = detectEdition(normalizeLabel(tableText), year, diag, title?.pos ?? { line: 1 });
  const scope = scopeOf(edition);
  const placer = new Placer(edition, diag);
  const narrative = new Narrative();
  const tablePos: Partial<Record<TableId, SourcePosition>> = {};
  const headers = new Map<TableId, HeaderState>();

  // The article: the innermost element holding every section heading.
  let index = -1;
  const headingPaths: (readonly HNode[])[] = [];
  for (const it of items) {
    if (it.kind !== "text") continue;
    // Cheap test first: a heading starts with its numeral.
    if (!MAYBE_HEADING.test(it.text)) continue;
    const m = splitHeading(textLine(it.text), index)?.match;
    if (m) {
      index = m.index;
      headingPaths.push(ancestry(it.node));
    }
  }
  let container: HNode | undefined;
  if (headingPaths.length >= 2) {
    const first = headingPaths[0]!;
    let depth = first.length;
    for (const p of headingPaths) {
      let d = 0;
      while (d < depth && d < p.length && p[d] === first[d]) d++;
      depth = d;
    }
    container = depth > 0 ? first[depth - 1] : undefined;
  }
  const inArticle = (it: Item) => container === undefined || isWithin(it.node, container);

  let lastInArticle = -1;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (!inArticle(it)) continue;
    lastInArticle = i;
    if (it.kind === "table") {
      // Some CMSs put a section heading in the first row of its table.
      const firstRow = (it.rows[0] ?? []).filter((c) => trimSpace(c.text) !== "");
      const inTable =
        firstRow.length === 1 ? splitHeading(textLine(firstRow[0]!.text), narrative.index) : null;
      if (inTable)
        narrative.start(inTable.match, inTable.heading, at(firstRow[0]!.start, inTable.heading), diag);
      const id = classifyTable(it.rows, edition) ?? narrative.table;
      if (!id) {
        diag.add(
          "table-ignored",
          "info",
          "这个表格不属于报告的三个表格，已忽略",
          "this table is none of the report's three tables; it was ignored",
          at(it.start),
        );
        continue;
      }
      if (!tablePos[id]) tablePos[id] = at(it.start);
      let header = headers.get(id);
      if (!header) {
        header = newHeaderState();
        headers.set(id, header);
      }
      readHtmlTable(it.rows, scope.tables[id], header, at, diag, (row) => placer.add(row));
      continue;
    }
    const text = textLine(it.text);
    if (text === "" || (title && text === title.text)) continue;
    const split = splitHeading(text, narrative.index);
    if (split) {
      narrative.start(split.match, split.heading, at(it.start, text), diag);
      if (split.rest !== "") narrative.add(split.rest, "paragraph");
      continue;
    }
    if (isChrome(text)) continue;
    narrative.add(text);
  }
  // A sign-off (organ, date) that the CMS put just outside the article body still belongs to it.
  const organ = resolveMeta(title?.text, opts).organ;
  for (let i = lastInArticle + 1; container && i < items.length && i <= lastInArticle + 4; i++) {
    const it = items[i]!;
    if (it.kind !== "text" || !isSignOff(textLine(it.text), organ)) break;
    narrative.add(textLine(it.text), "paragraph");
  }
  const pubText = [
    ...tags("meta")
      .filter((n) => /pubdate|publishdate/i.test(n.attrs.name ?? ""))
      .map((n) => `发布日期：${n.attrs.content ?? ""}`),
    ...datedTexts(items),
    tableText,
  ].join("\u0000");
  return finishReport(
    { edition, title, published: findPublished(pubText), narrative, placer, tablePos, diag, format: "html" },
    opts,
  );
}

const DATED = /发布|成文|印发/;

/**
 * The page's text where a publication date can be stated: each line naming one and the lines after it
 * (the date may follow on the next line), not the whole page with its navigation.
 */
function datedTexts(items: readonly Item[]): string[] {
  const texts: string[] = [];
  for (const it of items) if (it.kind === "text") texts.push(it.text);
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (DATED.test(texts[i]!)) out.push(texts.slice(i, i + 4).join("\n"));
  }
  return out;
}

function findTitle(
  page: ParsedHtml,
  items: readonly Item[],
  at: (offset: number, text?: string) => SourcePosition,
): { text: string; pos: SourcePosition } | undefined {
  const meta = (page.byTag.get("meta") ?? [])
    .filter((n) => /^(?:articletitle|title)$/i.test(n.attrs.name ?? ""))
    .map((n) => ({ text: tidyText(n.attrs.content ?? ""), pos: at(n.start) }))
    .find((t) => looksLikeTitle(t.text));
  const firstHeading = items.findIndex(
    (it) =>
      it.kind === "text" &&
      MAYBE_HEADING.test(it.text) &&
      splitHeading(textLine(it.text), -1)?.match.index === 0,
  );
  const before = (firstHeading < 0 ? items : items.slice(0, firstHeading))
    .filter((it): it is TextItem => it.kind === "text" && it.text.includes("报告"))
    .map((it) => ({ text: textLine(it.text), start: it.start }))
    .filter((t) => looksLikeTitle(t.text))
    .map((t) => ({ text: t.text, pos: at(t.start, t.text) }));
  const inPage = before.at(-1);
  if (inPage) return inPage;
  if (meta) return meta;
  const t = page.byTag.get("title")?.[0];
  if (t) {
    const seg = trimSpace(textOf(t))
      .split(/[_|｜]|\s[-—–]\s/)
      .map(trimSpace)
      .find(looksLikeTitle);
    if (seg) return { text: seg, pos: at(t.start, seg) };
  }
  return undefined;
}

/** Our own rendering: the embedded JSON is the report; the visible cells are checked against it. */
function readOwn(
  page: ParsedHtml,
  script: HNode,
  at: (offset: number, text?: string) => SourcePosition,
  diag: Diagnostics,
): ImportResult | null {
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
  const total = layout.cells.length;
  const edited = new Set<string>();
  const cells = [...(page.byTag.get("td") ?? []), ...(page.byTag.get("th") ?? [])];
  for (const td of cells.filter((n) => n.attrs["data-cell"] !== undefined)) {
    const key = td.attrs["data-cell"]!;
    const def = layout.byKey.get(key);
    const shown = trimSpace(textOf(td).replace(/\s*\n\s*/g, ""));
    if (!def) {
      diag.add(
        "unknown-cell",
        "warning",
        `页面中的单元格「${key}」不属于 ${report.edition} 版格式，已忽略`,
        `the page's cell "${key}" is not a cell of the ${report.edition} edition; ignored`,
        at(td.start, shown),
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
        at(td.start, shown),
        { pointer: def.pointer },
      );
    }
  }
  return {
    report,
    diagnostics: diag.list,
    stats: { placed: total - edited.size, unsure: edited.size, missing: 0, total },
    format: "xxgk-html",
  };
}
