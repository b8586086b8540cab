// A small tree over htmlparser2's tokenizer (pure JS: runs in Node and the browser), then a walk that
// turns a page into a flat sequence of text lines and data tables, each with its source offset.
import { Parser } from "htmlparser2";

/** An element of the parsed page. */
export interface HNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (HNode | HText)[];
  readonly start: number;
  readonly parent: HNode | null;
}

/** A run of text (entities decoded). */
export interface HText {
  readonly text: string;
  readonly start: number;
}

const isNode = (c: HNode | HText): c is HNode => "tag" in c;

/** A parsed page: its tree and its elements by tag name, in document order. */
export interface ParsedHtml {
  readonly root: HNode;
  readonly byTag: ReadonlyMap<string, readonly HNode[]>;
}

/** Parses HTML into a tree. Never throws: htmlparser2 is forgiving, unclosed tags close at the end. */
export function parseHtml(html: string): ParsedHtml {
  const root: HNode = { tag: "#root", attrs: {}, children: [], start: 0, parent: null };
  const stack: HNode[] = [root];
  const byTag = new Map<string, HNode[]>();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parent = stack[stack.length - 1]!;
        const node: HNode = { tag: name, attrs, children: [], start: parser.startIndex, parent };
        parent.children.push(node);
        stack.push(node);
        const list = byTag.get(name);
        if (list) list.push(node);
        else byTag.set(name, [node]);
      },
      ontext(text) {
        const parent = stack[stack.length - 1]!;
        // Script and style bodies are never read; their text is not worth keeping.
        if (parent.tag === "script" && parent.attrs.id !== "xxgk-report") return;
        if (parent.tag === "style") return;
        const last = parent.children[parent.children.length - 1];
        // htmlparser2 may deliver one text in several pieces (entities): join them.
        if (last && !isNode(last))
          parent.children[parent.children.length - 1] = { text: last.text + text, start: last.start };
        else parent.children.push({ text, start: parser.startIndex });
      },
      onclosetag(name) {
        for (let i = stack.length - 1; i > 0; i--) {
          if (stack[i]!.tag === name) {
            stack.length = i;
            return;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { root, byTag };
}

/** All text under a node, block boundaries and `<br>` as newlines; scripts and styles left out. */
export function textOf(node: HNode): string {
  let out = "";
  const walk = (n: HNode) => {
    for (const c of n.children) {
      if (!isNode(c)) out += c.text;
      else if (SKIP.has(c.tag)) continue;
      else if (c.tag === "br") out += "\n";
      else {
        const block = BLOCK.has(c.tag);
        if (block) out += "\n";
        walk(c);
        if (block) out += "\n";
      }
    }
  };
  walk(node);
  return out;
}

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "iframe",
  "svg",
  "object",
  "select",
  "button",
  "textarea",
  "input",
  "option",
]);
const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "section",
  "article",
  "header",
  "footer",
  "nav",
  "aside",
  "main",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "caption",
  "blockquote",
  "pre",
  "form",
  "center",
  "hr",
  "address",
  "figure",
  "figcaption",
  "body",
  "html",
]);

/** One cell of a data table as written. */
export interface RawCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly start: number;
  readonly dataCell?: string;
}

/** A line of text outside data tables; `node` is the element it was found in. */
export interface TextItem {
  readonly kind: "text";
  readonly text: string;
  readonly start: number;
  readonly tag: string;
  readonly node: HNode;
}

/** A data table (one that holds no other table): its rows of cells as written. */
export interface TableItem {
  readonly kind: "table";
  readonly rows: readonly (readonly RawCell[])[];
  readonly start: number;
  readonly node: HNode;
}

/** What a page is made of, in reading order. */
export type Item = TextItem | TableItem;

const span = (v: string | undefined, max: number): number => {
  const n = Number.parseInt(v ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

function hasTable(n: HNode): boolean {
  return n.children.some((c) => isNode(c) && (c.tag === "table" || hasTable(c)));
}

function tableRows(table: HNode): RawCell[][] {
  const rows: RawCell[][] = [];
  const walk = (n: HNode) => {
    for (const c of n.children) {
      if (!isNode(c)) continue;
      if (c.tag === "tr") {
        rows.push(
          c.children
            .filter((x): x is HNode => isNode(x) && (x.tag === "td" || x.tag === "th"))
            .map((td) => {
              const cell: RawCell = {
                text: textOf(td),
                rowSpan: span(td.attrs.rowspan, 1000),
                colSpan: span(td.attrs.colspan, 100),
                start: td.start,
              };
              return td.attrs["data-cell"] === undefined
                ? cell
                : { ...cell, dataCell: td.attrs["data-cell"] };
            }),
        );
      } else if (!SKIP.has(c.tag)) walk(c);
    }
  };
  walk(table);
  return rows;
}

/** Flattens the page under `root` into text lines and data tables. */
export function itemsOf(root: HNode): Item[] {
  const items: Item[] = [];
  const path: HNode[] = [];
  let buf = "";
  let bufStart = -1;
  let bufTag = "";
  const flush = () => {
    if (bufStart >= 0 && buf.trim() !== "") {
      items.push({
        kind: "text",
        text: buf,
        start: bufStart,
        tag: bufTag,
        node: path[path.length - 1] ?? root,
      });
    }
    buf = "";
    bufStart = -1;
  };
  const walk = (n: HNode) => {
    for (const c of n.children) {
      if (!isNode(c)) {
        if (bufStart < 0) {
          if (c.text.trim() === "") continue;
          bufStart = c.start;
          bufTag = n.tag;
        }
        buf += c.text;
        continue;
      }
      if (SKIP.has(c.tag)) continue;
      if (c.tag === "br") {
        flush();
        continue;
      }
      if (c.tag === "table" && !hasTable(c)) {
        flush();
        items.push({ kind: "table", rows: tableRows(c), start: c.start, node: c });
        continue;
      }
      const block = BLOCK.has(c.tag);
      if (block) flush();
      path.push(c);
      walk(c);
      path.pop();
      if (block) flush();
    }
  };
  walk(root);
  flush();
  return items;
}

/** A node's ancestors and itself, outermost first. */
export function ancestry(node: HNode): HNode[] {
  const out: HNode[] = [];
  for (let n: HNode | null = node; n !== null; n = n.parent) out.push(n);
  return out.reverse();
}

/** Whether `node` is `ancestor` or inside it. */
export function isWithin(node: HNode, ancestor: HNode): boolean {
  for (let n: HNode | null = node; n !== null; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** Maps string offsets to 1-based line and column. */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(source: string) {
    for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) this.#starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.#starts[lo]! + 1 };
  }
}
