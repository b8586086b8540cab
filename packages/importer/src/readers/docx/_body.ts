// The body of a Word document (`word/document.xml`) read with a streaming XML parser (saxes; namespaces
// resolved, so a document whose WordprocessingML prefix is not `w:` or that is saved as Strict Open XML
// reads the same) into text and table blocks — as the document reads with every tracked change accepted:
// inserted text kept, deleted text left out, a deleted paragraph mark joining its paragraph to the next,
// deleted rows and cells gone. Merged cells (`w:gridSpan`, `w:vMerge`, the legacy `w:hMerge`) become the
// intermediate document's spans. One pass, work and memory linear in the part's size.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { SourceBlock, SourceCell } from "../../source.js";
import type { ParagraphPosition } from "../../types.js";
import { localName, Namespaces } from "./_xml.js";

/** WordprocessingML's namespace: transitional (what Word and WPS save) and strict (ISO/IEC 29500 Strict). */
const W = new Set([
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
]);
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const PIC = new Set([
  "http://schemas.openxmlformats.org/drawingml/2006/picture",
  "http://purl.oclc.org/ooxml/drawingml/picture",
]);
const VML = "urn:schemas-microsoft-com:vml";

/** Tracked changes not yet accepted or rejected, by kind. */
export interface Revisions {
  inserted: number;
  deleted: number;
  moved: number;
  /** Formatting changes (`w:rPrChange`, `w:pPrChange` …): they change no text. */
  formatted: number;
}

/** What the body holds, read as if every tracked change were accepted, and what was left out. */
export interface Body {
  readonly blocks: SourceBlock[];
  readonly revisions: Revisions;
  /** Where the first tracked change is. */
  firstRevision?: ParagraphPosition;
  /** Runs of hidden text (`w:vanish`) left out, and where the first is. */
  hidden: number;
  firstHidden?: ParagraphPosition;
  /** Comment anchors in the body (comments live in their own part; these count them when it is missing). */
  commentRefs: number;
  /** Footnote and endnote references: the notes themselves are not read. */
  notes: number;
  /** Content embedded in another format (`w:altChunk`), which only Word renders. */
  altChunks: number;
  firstAltChunk?: ParagraphPosition;
  /** Pictures (their text, if any, cannot be read). */
  pictures: number;
  /** Units of work done (parser events, cells placed): linear in the part's size — the tests check it. */
  work: number;
}

type Item =
  | { readonly kind: "p"; readonly text: string; readonly pos: ParagraphPosition }
  | { readonly kind: "table"; readonly rows: SourceCell[][]; readonly pos: ParagraphPosition }
  /** Another container's items, in place: moving a nested container's blocks up costs one item, not all. */
  | { readonly kind: "group"; readonly items: readonly Item[] };

/** A run of blocks being filled: the body, a table cell, a text box. */
interface Container {
  readonly items: Item[];
  /** Text of paragraphs whose mark was deleted, waiting to join the next paragraph. */
  carry?: { text: string; pos: ParagraphPosition };
}

interface Paragraph {
  readonly no: number;
  readonly parts: string[];
  markDeleted: boolean;
  /** Blocks of text boxes anchored in the paragraph: they follow it. */
  readonly deferred: Item[];
}

interface Cell {
  readonly pos: ParagraphPosition;
  readonly content: Container;
  span: number;
  vMerge?: "restart" | "continue";
  hMerge?: "restart" | "continue";
  deleted: boolean;
}

interface Row {
  readonly cells: Cell[];
  readonly no: number;
  gridBefore: number;
  deleted: boolean;
}

interface Table {
  readonly index: number;
  readonly pos: ParagraphPosition;
  readonly rows: Row[];
  seen: number;
  /** A table holding another table lays the page out: its cells' contents are read as blocks. */
  layout: boolean;
}

const OFF = new Set(["0", "false", "off"]);

/** The WordprocessingML elements the reader acts on; the others (most: properties) only nest. */
const HANDLED = new Set([
  "p",
  "r",
  "t",
  "tab",
  "ptab",
  "br",
  "cr",
  "noBreakHyphen",
  "sym",
  "vanish",
  "del",
  "moveFrom",
  "ins",
  "delText",
  "delInstrText",
  "instrText",
  "rt",
  "rPrChange",
  "pPrChange",
  "sectPrChange",
  "tblPrChange",
  "tblPrExChange",
  "trPrChange",
  "tcPrChange",
  "tblGridChange",
  "numberingChange",
  "cellMerge",
  "cellDel",
  "cellIns",
  "sdt",
  "showingPlcHdr",
  "sdtContent",
  "txbxContent",
  "tbl",
  "tr",
  "gridBefore",
  "tc",
  "gridSpan",
  "vMerge",
  "hMerge",
  "commentReference",
  "footnoteReference",
  "endnoteReference",
  "altChunk",
]);

/** Reads `word/document.xml`. Throws the parser's error when the XML is not well-formed. */
export function readBody(xml: string): Body {
  const body: Body = {
    blocks: [],
    revisions: { inserted: 0, deleted: 0, moved: 0, formatted: 0 },
    hidden: 0,
    commentRefs: 0,
    notes: 0,
    altChunks: 0,
    pictures: 0,
    work: 0,
  };
  const root: Container = { items: [] };
  const containers: Container[] = [root];
  const paragraphs: Paragraph[] = [];
  const runs: { hidden: boolean }[] = [];
  const tables: Table[] = [];
  const rows: Row[] = [];
  const cells: Cell[] = [];
  const sdts: { placeholder: boolean }[] = [];
  const alternates: { taken: boolean }[] = [];
  /** Names of the open elements (WordprocessingML by local name, markup compatibility as `mc:…`). */
  const names: string[] = [];
  let skip = 0;
  let inText = false;
  let paragraphCount = 0;
  let tableCount = 0;

  const top = (): Container => containers[containers.length - 1]!;
  const parent = (up = 1): string | undefined => names[names.length - up];
  const here = (): ParagraphPosition => {
    const p = paragraphs[paragraphs.length - 1];
    const c = cells[cells.length - 1];
    const paragraph = p?.no ?? paragraphCount + 1;
    return c ? { paragraph, table: c.pos.table!, row: c.pos.row!, cell: c.pos.cell! } : { paragraph };
  };
  const revision = (kind: keyof Revisions): void => {
    body.revisions[kind]++;
    body.firstRevision ??= here();
  };
  const flushCarry = (c: Container): void => {
    if (c.carry) {
      c.items.push({ kind: "p", text: c.carry.text, pos: c.carry.pos });
      delete c.carry;
    }
  };

  const ns = new Namespaces();
  /** The value of a WordprocessingML attribute (`w:val`) of an element, by local name. */
  const attr = (tag: SaxesTagPlain, local: string): string | undefined => {
    for (const name in tag.attributes) {
      if (localName(name) !== local) continue;
      const uri = ns.uriOf(name, true);
      if (uri === "" || W.has(uri)) return tag.attributes[name];
    }
    return undefined;
  };

  const parser = new SaxesParser();
  parser.on("opentag", (tag: SaxesTagPlain) => {
    body.work++;
    ns.open(tag.attributes);
    if (skip > 0) {
      skip++;
      return;
    }
    const { uri, local } = ns.resolve(tag.name);
    if (!W.has(uri)) {
      if (uri === MC) {
        if (local === "AlternateContent") alternates.push({ taken: false });
        else if (local === "Choice" || local === "Fallback") {
          // The first choice the document offers is read; the others (and the fallback) repeat it.
          const alt = alternates[alternates.length - 1];
          if (alt?.taken) {
            skip = 1;
            return;
          }
          if (alt) alt.taken = true;
        }
        names.push(`mc:${local}`);
        return;
      }
      if ((PIC.has(uri) && local === "pic") || (uri === VML && local === "imagedata")) body.pictures++;
      names.push("");
      return;
    }
    const name = local;
    if (!HANDLED.has(name)) {
      names.push(name);
      return;
    }
    const up = parent();
    switch (name) {
      case "p": {
        paragraphCount++;
        paragraphs.push({ no: paragraphCount, parts: [], markDeleted: false, deferred: [] });
        break;
      }
      case "r":
        runs.push({ hidden: false });
        break;
      case "t":
        if (up === "r") inText = true;
        break;
      case "tab":
      case "ptab":
        if (up === "r") paragraphs[paragraphs.length - 1]?.parts.push("\t");
        break;
      case "br":
      case "cr":
        if (up === "r") paragraphs[paragraphs.length - 1]?.parts.push("\n");
        break;
      case "noBreakHyphen":
        if (up === "r") paragraphs[paragraphs.length - 1]?.parts.push("-");
        break;
      case "sym": {
        // A symbol font's code point (U+F0xx, Wingdings…) is no character anyone could read.
        const code = Number.parseInt(attr(tag, "char") ?? "", 16);
        if (up === "r" && Number.isFinite(code) && (code < 0xf000 || code > 0xf0ff) && code <= 0x10ffff) {
          paragraphs[paragraphs.length - 1]?.parts.push(String.fromCodePoint(code));
        }
        break;
      }
      case "vanish":
        if (up === "rPr" && parent(2) === "r" && !OFF.has(attr(tag, "val") ?? "")) {
          runs[runs.length - 1]!.hidden = true;
        }
        break;
      case "del":
      case "moveFrom":
        if (up === "rPr" || up === "trPr") {
          // A deleted (or moved-away) paragraph mark or table row.
          revision(name === "del" ? "deleted" : "moved");
          if (up === "rPr" && parent(2) === "pPr") {
            const p = paragraphs[paragraphs.length - 1];
            if (p) p.markDeleted = true;
          } else if (up === "trPr") {
            const r = rows[rows.length - 1];
            if (r) r.deleted = true;
          }
          break;
        }
        revision(name === "del" ? "deleted" : "moved");
        skip = 1;
        return;
      case "ins":
        revision("inserted");
        break;
      case "delText":
      case "delInstrText":
      case "instrText":
      case "rt":
        skip = 1;
        return;
      case "rPrChange":
      case "pPrChange":
      case "sectPrChange":
      case "tblPrChange":
      case "tblPrExChange":
      case "trPrChange":
      case "tcPrChange":
      case "tblGridChange":
      case "numberingChange":
      case "cellMerge":
        // The properties before the change: not what the document shows.
        revision("formatted");
        skip = 1;
        return;
      case "cellDel":
        revision("deleted");
        if (cells.length > 0) cells[cells.length - 1]!.deleted = true;
        break;
      case "cellIns":
        revision("inserted");
        break;
      case "sdt":
        sdts.push({ placeholder: false });
        break;
      case "showingPlcHdr":
        if (up === "sdtPr" && sdts.length > 0) sdts[sdts.length - 1]!.placeholder = true;
        break;
      case "sdtContent":
        // A content control still showing its prompt (「单击或点击此处输入文字」): nothing was written there.
        if (sdts[sdts.length - 1]?.placeholder) {
          skip = 1;
          return;
        }
        break;
      case "txbxContent":
        containers.push({ items: [] });
        break;
      case "tbl": {
        const index = ++tableCount;
        tables.push({
          index,
          pos: { paragraph: paragraphCount + 1, table: index },
          rows: [],
          seen: 0,
          layout: false,
        });
        break;
      }
      case "tr": {
        const t = tables[tables.length - 1];
        if (t) rows.push({ cells: [], no: ++t.seen, gridBefore: 0, deleted: false });
        break;
      }
      case "gridBefore":
        if (up === "trPr" && rows.length > 0) rows[rows.length - 1]!.gridBefore = spanOf(attr(tag, "val"));
        break;
      case "tc": {
        const t = tables[tables.length - 1];
        const r = rows[rows.length - 1];
        if (t && r) {
          const content: Container = { items: [] };
          cells.push({
            pos: { paragraph: paragraphCount + 1, table: t.index, row: r.no, cell: r.cells.length + 1 },
            content,
            span: 1,
            deleted: false,
          });
          containers.push(content);
        }
        break;
      }
      case "gridSpan":
        if (up === "tcPr" && cells.length > 0) cells[cells.length - 1]!.span = spanOf(attr(tag, "val"));
        break;
      case "vMerge":
      case "hMerge":
        if (up === "tcPr" && cells.length > 0) {
          cells[cells.length - 1]![name] = attr(tag, "val") === "restart" ? "restart" : "continue";
        }
        break;
      case "commentReference":
        body.commentRefs++;
        break;
      case "footnoteReference":
      case "endnoteReference":
        body.notes++;
        break;
      case "altChunk":
        body.altChunks++;
        body.firstAltChunk ??= here();
        break;
    }
    names.push(name);
  });

  const onText = (text: string): void => {
    body.work++;
    if (!inText || skip > 0) return;
    if (runs[runs.length - 1]?.hidden) {
      if (text.trim() !== "") {
        body.hidden++;
        body.firstHidden ??= here();
      }
      return;
    }
    paragraphs[paragraphs.length - 1]?.parts.push(text);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);

  parser.on("closetag", () => {
    body.work++;
    ns.close();
    if (skip > 0) {
      skip--;
      return;
    }
    const name = names.pop();
    switch (name) {
      case "t":
        inText = false;
        break;
      case "r":
        runs.pop();
        break;
      case "p": {
        const p = paragraphs.pop()!;
        const c = top();
        let text = p.parts.join("");
        let pos: ParagraphPosition = { paragraph: p.no };
        if (c.carry) {
          text = c.carry.text + text;
          pos = c.carry.pos;
          delete c.carry;
        }
        if (p.markDeleted) c.carry = { text, pos };
        else c.items.push({ kind: "p", text, pos });
        if (p.deferred.length > 0) c.items.push({ kind: "group", items: p.deferred });
        break;
      }
      case "txbxContent": {
        const box = containers.pop()!;
        flushCarry(box);
        const p = paragraphs[paragraphs.length - 1];
        (p ? p.deferred : top().items).push({ kind: "group", items: box.items });
        break;
      }
      case "sdt":
        sdts.pop();
        break;
      case "mc:AlternateContent":
        alternates.pop();
        break;
      case "tc": {
        const cell = cells.pop();
        if (!cell) break;
        flushCarry(containers.pop()!);
        rows[rows.length - 1]?.cells.push(cell);
        break;
      }
      case "tr": {
        const row = rows.pop();
        if (row && !row.deleted) tables[tables.length - 1]?.rows.push(row);
        break;
      }
      case "tbl": {
        const t = tables.pop();
        if (!t) break;
        const outer = tables[tables.length - 1];
        if (outer) outer.layout = true;
        const c = top();
        flushCarry(c);
        if (t.layout) {
          // A layout table: its cells' contents, in reading order, are the document's blocks.
          for (const row of t.rows) {
            for (const cell of row.cells) {
              body.work++;
              if (cell.deleted || cell.vMerge === "continue") continue;
              c.items.push({ kind: "group", items: cell.content.items });
            }
          }
        } else {
          c.items.push({ kind: "table", rows: grid(t, body), pos: t.pos });
        }
        break;
      }
    }
  });

  parser.write(xml).close();
  flushCarry(root);
  for (const item of flatten(root.items, body)) {
    if (item.kind === "table") body.blocks.push({ kind: "table", rows: item.rows, pos: item.pos });
    else if (item.text.trim() !== "") body.blocks.push({ kind: "text", text: item.text, pos: item.pos });
  }
  return body;
}

/** The paragraphs and tables of a list of items, groups opened in place (iteratively: they nest deep). */
function* flatten(items: readonly Item[], body: Body): Generator<Exclude<Item, { kind: "group" }>> {
  const stack: { items: readonly Item[]; next: number }[] = [{ items, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const item = top.items[top.next++];
    body.work++;
    if (item === undefined) stack.pop();
    else if (item.kind === "group") stack.push({ items: item.items, next: 0 });
    else yield item;
  }
}

const spanOf = (v: string | undefined): number => {
  const n = Number.parseInt(v ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 100) : 1;
};

/** A cell's text: its paragraphs (and those of its text boxes), one per line. */
function cellText(cell: Cell, body: Body): string {
  const lines: string[] = [];
  for (const item of flatten(cell.content.items, body)) if (item.kind === "p") lines.push(item.text);
  return lines.join("\n");
}

interface Built {
  text: string;
  rowSpan: number;
  colSpan: number;
  pos: ParagraphPosition;
}

/**
 * The table's rows as the intermediate document's cells: a cell merged down (`w:vMerge` restart, then
 * continue in the same grid column of the next rows) appears once with its row span; a legacy
 * horizontal merge (`w:hMerge`) once with its column span; the grid columns a row skips before its first
 * cell (`w:gridBefore`) as an empty cell, so that the cells after them stay in their columns.
 */
function grid(t: Table, body: Body): SourceCell[][] {
  const out: SourceCell[][] = [];
  let open = new Map<number, Built>();
  for (const row of t.rows) {
    const next = new Map<number, Built>();
    const cells: Built[] = [];
    let col = 0;
    if (row.gridBefore > 0) {
      const first = row.cells[0]?.pos;
      cells.push({
        text: "",
        rowSpan: 1,
        colSpan: row.gridBefore,
        pos: first ?? { paragraph: t.pos.paragraph, table: t.index, row: row.no, cell: 1 },
      });
      col = row.gridBefore;
    }
    let across: Built | undefined;
    for (const cell of row.cells) {
      body.work++;
      if (cell.deleted) continue;
      if (cell.hMerge === "continue" && across) {
        across.colSpan += cell.span;
        col += cell.span;
        continue;
      }
      if (cell.vMerge === "continue") {
        const above = open.get(col);
        if (above) {
          above.rowSpan++;
          next.set(col, above);
          col += cell.span;
          across = undefined;
          continue;
        }
      }
      const b: Built = { text: cellText(cell, body), rowSpan: 1, colSpan: cell.span, pos: cell.pos };
      cells.push(b);
      // A "continue" with nothing above it reads as the cell it is, and the cells below may continue it.
      if (cell.vMerge !== undefined) next.set(col, b);
      across = cell.hMerge === "restart" ? b : undefined;
      col += cell.span;
    }
    open = next;
    out.push(cells);
  }
  return out;
}
