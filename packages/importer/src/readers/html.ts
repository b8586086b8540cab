// The HTML reader: a published page (or our own rendering) into the intermediate document — its text
// blocks and data tables in reading order with their line and column, the elements holding them (so the
// pipeline can tell the article from the site chrome), and the title and date its <meta> tags state.
import { getCell, layoutOf, parseReport, type Report } from "@xxgk/core-model";
import { type Diagnostics, excerpt } from "../_diagnostics.js";
import { tidyText, trimSpace } from "../_normalize.js";
import type {
  BlockRange,
  SourceBlock,
  SourceCell,
  SourceDocument,
  SourceText,
  TitleCandidate,
} from "../source.js";
import type { SourcePosition } from "../types.js";
import {
  BLOCK,
  type HNode,
  type HtmlSink,
  isNode,
  LineIndex,
  type ParsedHtml,
  parseAttrs,
  SKIP,
  tokenize,
} from "./_html-parse.js";

/**
 * How much of a page the reader held at once, for tests that bound its memory: the page is read as it is
 * tokenised, and no element is held once it has ended.
 */
export interface ReadCounters {
  /** The most elements held at once: the open ones. */
  heldNodes: number;
  /** Characters of text kept: the text blocks' and the table cells'. */
  keptChars: number;
  /** Characters of the page tokenised a second time (a table found to be a layout table is read again). */
  readAgain: number;
}

/** Reads a published HTML page, or our own rendering by its embedded report data. */
export function readHtml(html: string, diag: Diagnostics, counters?: ReadCounters): SourceDocument {
  const reader = new PageReader(html, null, counters);
  tokenize(html, reader);
  return reader.document(diag);
}

/** Reads a page from a tree another parser built (`bench/html-parsers.mjs`), told to the same reader. */
export function readPage(html: string, page: ParsedHtml, diag: Diagnostics): SourceDocument {
  const tables = page.byTag.get("table") ?? [];
  const reader = new PageReader(
    html,
    tables.map((t) => page.outerTables.has(t)),
  );
  tellTree(page.root, reader);
  return reader.document(diag);
}

const span = (v: string | undefined, max: number): number => {
  const n = Number.parseInt(v ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

/** Tells a sink a tree's elements and texts, in document order (iterative: trees nest deeply). */
function tellTree(root: HNode, sink: HtmlSink): void {
  const stack: { node: HNode; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const c = top.node.children[top.next++];
    if (c === undefined) {
      stack.pop();
      if (stack.length > 0) sink.close();
    } else if (!isNode(c)) sink.text?.(c.text, c.start, false);
    else {
      sink.open(c.tag, c.start, 0, 0, false, c.attrs);
      stack.push({ node: c, next: 0 });
    }
  }
}

/**
 * A text block of a page, its position worked out when asked for (most never are): a page of a million
 * lines keeps an offset per block, not a position object.
 */
class PageText implements SourceText {
  #pos: SourcePosition | undefined;

  constructor(
    readonly text: string,
    readonly offset: number,
    readonly lines: LineIndex,
  ) {}

  get kind(): "text" {
    return "text";
  }

  get pos(): SourcePosition {
    this.#pos ??= this.lines.at(this.offset);
    return this.#pos;
  }
}

/**
 * The class of a page's table cells: a cell holds its text, its spans in one number and its offset —
 * the page's line index is the class's, and its position is worked out each time it is asked for
 * (only for diagnostics) — since a page of a million cells holds a million of them.
 */
function cellClass(lines: LineIndex) {
  return class PageCell implements SourceCell {
    constructor(
      readonly text: string,
      readonly spans: number,
      readonly offset: number,
    ) {}

    get rowSpan(): number {
      return this.spans >>> 7;
    }

    get colSpan(): number {
      return this.spans & 127;
    }

    get pos(): SourcePosition {
      return lines.at(this.offset);
    }
  };
}

// Short cell texts repeat ("0", "12", "-"): one string each, not one per cell.
const SHORT = 8;
const shortTexts = new Map<string, string>();
function shared(text: string): string {
  if (text.length > SHORT) return text;
  const known = shortTexts.get(text);
  if (known !== undefined) return known;
  if (shortTexts.size < 4096) shortTexts.set(text, text);
  return text;
}

/** What an open element means for the blocks being read. */
interface Frame {
  /** An element of the data table being read (its rows and cells are being collected). */
  readonly inTable?: "tr" | "cell" | "table" | "other";
  /** A block element: it ends the text before and after it (in a cell: a line break). */
  block: boolean;
  /** Its entry in `containers`, or -1. */
  range: number;
  /** Its content is never report text (a script, the head, anything outside the body). */
  readonly skip: boolean;
  readonly body?: true;
  readonly form?: true;
  /** The page's <title>, or our rendering's embedded report data: its text is kept aside. */
  readonly keep?: "title" | "report";
}

/** A data table being read: its rows so far and the cell open. */
interface TableRead {
  readonly start: number;
  readonly rows: SourceCell[][];
  cell: { text: string; readonly start: number; readonly attrs: Readonly<Record<string, string>> } | null;
}

type Attrs = Readonly<Record<string, string>>;

// The frames that never change, shared (a frame is made per element otherwise).
const SKIPPED: Frame = Object.freeze({ block: false, range: -1, skip: true });
const INLINE: Frame = Object.freeze({ block: false, range: -1, skip: false });
const ROW: Frame = Object.freeze({ inTable: "tr", block: false, range: -1, skip: false });
const CELL: Frame = Object.freeze({ inTable: "cell", block: false, range: -1, skip: false });
const IN_TABLE: Frame = Object.freeze({ inTable: "other", block: false, range: -1, skip: false });
const IN_CELL_BLOCK: Frame = Object.freeze({ inTable: "other", block: true, range: -1, skip: false });
const IN_TABLE_SKIPPED: Frame = Object.freeze({ inTable: "other", block: false, range: -1, skip: true });

/**
 * Builds the intermediate document while the page is tokenised — no tree is ever held: text blocks (a
 * block element or `<br>` ends one) and the elements holding them as they come; a table's rows and cells
 * as they come, one block when it ends. A table turns out to be a layout table when another starts inside
 * it: its part so far is then tokenised again and read as ordinary elements, and so is the rest of it
 * (each part of a page is read again at most once: linear). Content a table's structure cannot hold
 * (text between its rows) is read where it stands: before a data table's block, as browsers put it;
 * inside a layout table, at its place (browsers move it before the whole layout table — it is damaged
 * markup's stray text either way).
 */
class PageReader implements HtmlSink {
  readonly #html: string;
  readonly #lines: LineIndex;
  readonly #Cell: ReturnType<typeof cellClass>;
  /** For a tree another parser built: which of its tables hold another (told in advance). */
  readonly #outer: readonly boolean[] | null;
  readonly #counters: ReadCounters | undefined;
  #tables = 0;
  /** Open forms (a part tokenised again must know them: a form inside a form is ignored). */
  #forms = 0;
  /** While a table's part is read again: fostered content (already read) is passed over. */
  #again: { skipping: number } | null = null;
  #blocks: SourceBlock[] = [];
  #containers: BlockRange[] = [];
  #buf = "";
  #bufStart = -1;
  /**
   * Blank text that may start the next text block: a comment or a stray end tag splits a page's text
   * without ending it (a browser's text node runs on), so text after one joins it.
   */
  #blank: { text: string; start: number } | null = null;
  readonly #frames: Frame[] = [{ block: false, range: -1, skip: false }];
  #table: TableRead | null = null;
  #body: "before" | "in" | "after" = "before";
  readonly #titles: TitleCandidate[] = [];
  #title: { text: string; start: number } | null = null;
  #titleDone = false;
  readonly #published: string[] = [];
  #report: { json: string; start: number } | null = null;
  #reportDone = false;
  readonly #cells: { key: string; text: string; start: number }[] = [];

  constructor(html: string, outer: readonly boolean[] | null, counters?: ReadCounters) {
    this.#html = html;
    this.#lines = new LineIndex(html);
    this.#Cell = cellClass(this.#lines);
    this.#outer = outer;
    this.#counters = counters;
  }

  #at(offset: number): SourcePosition {
    return this.#lines.at(offset);
  }

  #push(frame: Frame): void {
    this.#frames.push(frame);
    const c = this.#counters;
    if (c && this.#frames.length > c.heldNodes) c.heldNodes = this.#frames.length;
  }

  #flush(): void {
    if (this.#bufStart >= 0 && this.#buf.trim() !== "") {
      this.#blocks.push(new PageText(this.#buf, this.#bufStart, this.#lines));
      if (this.#counters) this.#counters.keptChars += this.#buf.length;
    }
    this.#buf = "";
    this.#bufStart = -1;
  }

  open(tag: string, start: number, attrsFrom: number, attrsTo: number, foster: boolean, attrs?: Attrs): void {
    const again = this.#again;
    if (again && (foster || again.skipping > 0)) {
      // Read the first time round, before the table.
      again.skipping++;
      return;
    }
    this.#blank = null;
    let top = this.#frames[this.#frames.length - 1]!;
    const index = tag === "table" ? this.#tables++ : -1;
    // Content a data table cannot hold goes before it: read where it stands, ahead of the table's block.
    if (top.inTable !== undefined && !foster) {
      if (tag !== "table") {
        this.#cellElement(tag, start, top, attrsFrom, attrsTo, attrs);
        return;
      }
      // A table inside the table being read: that one is a layout table.
      this.#layout(start);
      top = this.#frames[this.#frames.length - 1]!;
    }
    if (tag === "form") this.#forms++;
    const parent = top;
    let keep: Frame["keep"];
    if (tag === "meta") this.#meta(attrs ?? parseAttrs(this.#html, attrsFrom, attrsTo), start);
    else if (tag === "title" && !this.#titleDone) keep = "title";
    else if (tag === "script" && !this.#reportDone) {
      if ((attrs ?? parseAttrs(this.#html, attrsFrom, attrsTo)).id === "xxgk-report") keep = "report";
    }
    if (keep === "title") this.#title = { text: "", start };
    if (keep === "report") this.#report = { json: "", start };
    const skip = parent.skip || this.#body === "after" || SKIP.has(tag);
    if (skip) {
      this.#push(keep ? { block: false, range: -1, skip: true, keep } : SKIPPED);
      return;
    }
    if (tag === "body" && this.#body === "before") {
      // The body is the page: what came before it is not.
      this.#body = "in";
      this.#blocks = [];
      this.#containers = [];
      this.#buf = "";
      this.#bufStart = -1;
      for (const f of this.#frames) {
        // (Shared frames hold no range and are no block: never written.)
        if (f.inTable === undefined && (f.range >= 0 || f.block)) {
          f.range = -1;
          f.block = false;
        }
      }
      this.#push({ block: false, range: -1, skip: false, body: true });
      return;
    }
    if (tag === "br") {
      this.#flush();
      this.#push(INLINE);
      return;
    }
    if (tag === "table" && !this.#again && this.#outer?.[index] !== true) {
      // A data table: its rows are collected; the text before it is flushed when it ends, after any
      // stray text browsers put before it.
      this.#table = { start, rows: [], cell: null };
      this.#push({ inTable: "table", block: false, range: -1, skip: false });
      return;
    }
    const block = BLOCK.has(tag);
    if (block) this.#flush();
    const range = this.#containers.push({ from: this.#blocks.length, to: -1 }) - 1;
    const form = tag === "form" ? true : undefined;
    this.#push({ block, range, skip: false, ...(keep ? { keep } : {}), ...(form ? { form } : {}) });
  }

  /**
   * The data table being read holds a table starting at `at`: it is a layout table. Its rows so far are
   * dropped, and its part up to `at` is tokenised again and read as ordinary elements (the table bounds
   * every end tag's reach, so the part reads as it did in the page); what is open there goes on open.
   */
  #layout(at: number): void {
    const table = this.#table!;
    this.#table = null;
    while (this.#frames[this.#frames.length - 1]!.inTable !== undefined) this.#frames.pop();
    const depth = this.#frames.length;
    this.#again = { skipping: 0 };
    if (this.#counters) this.#counters.readAgain += at - table.start;
    tokenize(this.#html, this, { from: table.start, to: at, forms: this.#forms });
    this.#again = null;
    if (this.#frames.length <= depth || this.#table !== null) {
      throw new Error("a layout table read again did not leave its cell open");
    }
  }

  /** An element inside the data table being read: a row, a cell, or something in a cell. */
  #cellElement(
    tag: string,
    start: number,
    parent: Frame,
    attrsFrom: number,
    attrsTo: number,
    attrs: Attrs | undefined,
  ): void {
    const table = this.#table!;
    const skip = parent.skip || SKIP.has(tag);
    if (skip) this.#push(IN_TABLE_SKIPPED);
    else if (tag === "tr") {
      table.rows.push([]);
      this.#push(ROW);
    } else if ((tag === "td" || tag === "th") && parent.inTable === "tr") {
      table.cell = { text: "", start, attrs: attrs ?? parseAttrs(this.#html, attrsFrom, attrsTo) };
      this.#push(CELL);
    } else if (table.cell !== null && (tag === "br" || BLOCK.has(tag))) {
      // In a cell, a block element starts and ends a line; so does <br>.
      table.cell.text += "\n";
      this.#push(tag === "br" ? IN_TABLE : IN_CELL_BLOCK);
    } else this.#push(IN_TABLE);
  }

  close(): void {
    const again = this.#again;
    if (again && again.skipping > 0) {
      again.skipping--;
      return;
    }
    this.#blank = null;
    const f = this.#frames.pop()!;
    if (f.form) this.#forms--;
    const table = this.#table;
    if (f.inTable !== undefined && table) {
      if (f.inTable === "cell" && table.cell) {
        const { start, attrs } = table.cell;
        const text = shared(table.cell.text);
        const spans = span(attrs.rowspan, 1000) * 128 + span(attrs.colspan, 100);
        table.rows[table.rows.length - 1]!.push(new this.#Cell(text, spans, start));
        if (this.#counters) this.#counters.keptChars += text.length;
        const key = attrs["data-cell"];
        if (key !== undefined) this.#cells.push({ key, text, start });
        table.cell = null;
      } else if (f.block && table.cell) table.cell.text += "\n";
      else if (f.inTable === "tr") {
        // Rows grown by push keep spare room: an exact copy of each ended one.
        const last = table.rows.length - 1;
        table.rows[last] = table.rows[last]!.slice();
      } else if (f.inTable === "table") {
        this.#table = null;
        this.#flush();
        this.#blocks.push({ kind: "table", rows: table.rows, pos: this.#at(table.start) });
      }
      return;
    }
    if (f.range >= 0) {
      // An element that holds no block cannot be the article: drop it (it is the last one recorded, since
      // the elements inside it held none either).
      const c = this.#containers[f.range]!;
      if (c.from === this.#blocks.length) this.#containers.pop();
      else this.#containers[f.range] = { from: c.from, to: this.#blocks.length };
    }
    if (f.block) this.#flush();
    if (f.body) this.#body = "after";
    if (f.keep === "title") this.#titleDone = true;
    if (f.keep === "report") this.#reportDone = true;
  }

  text(text: string, start: number, foster: boolean): void {
    const again = this.#again;
    if (again && (foster || again.skipping > 0)) return;
    const f = this.#frames[this.#frames.length - 1]!;
    if (f.inTable !== undefined && !foster) {
      const cell = this.#table?.cell;
      if (cell && !f.skip) cell.text += text;
      return;
    }
    if (f.keep !== undefined && this.#counters) this.#counters.keptChars += text.length;
    if (f.keep === "title" && this.#title) this.#title.text += text;
    if (f.keep === "report" && this.#report) this.#report.json += text;
    if (f.skip || this.#body === "after") return;
    if (this.#bufStart < 0) {
      if (text.trim() === "") {
        if (this.#blank) this.#blank.text += text;
        else this.#blank = { text, start };
        return;
      }
      const blank = this.#blank;
      this.#bufStart = blank ? blank.start : start;
      if (blank) this.#buf = blank.text;
    }
    this.#blank = null;
    this.#buf += text;
  }

  #meta(attrs: Attrs, start: number): void {
    const name = attrs.name ?? "";
    if (/^(?:articletitle|title)$/i.test(name)) {
      this.#titles.push({ text: tidyText(attrs.content ?? ""), pos: this.#at(start) });
    } else if (/pubdate|publishdate/i.test(name)) this.#published.push(attrs.content ?? "");
  }

  /** The document read (or our own rendering's report, when its embedded data holds). */
  document(diag: Diagnostics): SourceDocument {
    this.#flush();
    if (this.#report) {
      const report = readOwn(this.#report, this.#cells, (o) => this.#at(o), diag);
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
    const titles = [...this.#titles];
    // A site's <title> joins the report's title and the site's name: each part is a candidate.
    if (this.#title) {
      for (const part of trimSpace(this.#title.text).split(/[_|｜]|\s[-—–]\s/)) {
        const text = trimSpace(part);
        titles.push({ text, pos: { ...this.#at(this.#title.start), excerpt: excerpt(text) } });
      }
    }
    return {
      format: "html",
      start: { line: 1 },
      blocks: this.#blocks,
      tables: "grids",
      titleAt: "before-sections",
      containers: this.#containers,
      titles,
      published: this.#published,
    };
  }
}

/** Our own rendering: the embedded JSON is the report; the visible cells are checked against it. */
function readOwn(
  script: { readonly json: string; readonly start: number },
  cells: readonly { readonly key: string; readonly text: string; readonly start: number }[],
  at: (offset: number) => SourcePosition,
  diag: Diagnostics,
): { value: Report; unsure: number } | null {
  const { json } = script;
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
  for (const td of cells) {
    const key = td.key;
    const def = layout.byKey.get(key);
    const shown = trimSpace(td.text.replace(/\s*\n\s*/g, ""));
    const where = { ...at(td.start), excerpt: excerpt(shown) };
    if (!def) {
      diag.add(
        "unknown-cell",
        "warning",
        `页面中的单元格「${excerpt(key)}」不属于 ${report.edition} 版格式，已忽略`,
        `the page's cell "${excerpt(key)}" is not a cell of the ${report.edition} edition; ignored`,
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
        `页面显示「${excerpt(shown)}」，但内嵌数据为「${excerpt(stored)}」：页面可能在生成后被修改过，已采用内嵌数据，请核对`,
        `the page shows "${excerpt(shown)}" but the embedded data says "${excerpt(stored)}": the page may have been edited after it was rendered; the embedded data was kept — check it`,
        where,
        { pointer: def.pointer },
      );
    }
  }
  return { value: report, unsure: edited.size };
}
