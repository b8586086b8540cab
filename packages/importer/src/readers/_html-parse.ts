// A small HTML tokenizer and tree builder (pure JS: runs in Node and the browser). It scans with
// indexOf and sticky regexes rather than a state machine per character: a portal page is mostly chrome,
// and tokenising it character by character cost more than reading the report out of it.
import { decodeHTML, decodeHTMLAttribute } from "entities/decode";
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

/** Whether a child is an element (not a text). */
export const isNode = (c: HNode | HText): c is HNode => "tag" in c;

/** An element whose attributes are read from the source when first asked for: most never are. */
class Element implements HNode {
  // Replaced by an exact-size copy when the element ends (see TreeSink.close).
  children: (HNode | HText)[] = [];
  #attrs: Readonly<Record<string, string>> | undefined;

  constructor(
    readonly tag: string,
    readonly start: number,
    readonly parent: HNode | null,
    readonly source: string,
    readonly attrsFrom: number,
    readonly attrsTo: number,
    attrs?: Readonly<Record<string, string>>,
  ) {
    this.#attrs = attrs;
  }

  get attrs(): Readonly<Record<string, string>> {
    this.#attrs ??= parseAttrs(this.source, this.attrsFrom, this.attrsTo);
    return this.#attrs;
  }
}

/** The children of an element that has none: shared, never written (an ended element takes no more). */
const NO_CHILDREN: (HNode | HText)[] = [];

/** The attributes of a tag whose attribute text is `html.slice(from, to)`; the first of repeated ones counts. */
export function parseAttrs(html: string, from: number, to: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let at = from;
  while (at < to) {
    let k = at;
    while (k < to && (html.charCodeAt(k) === 47 || isSpace(html.charCodeAt(k)))) k++;
    if (k >= to) break;
    ATTR.lastIndex = k;
    const a = ATTR.exec(html);
    if (!a) break;
    at = ATTR.lastIndex;
    const name = lowerName(a[1]!);
    // The first of repeated attributes counts.
    if (!Object.hasOwn(attrs, name)) {
      const v = a[2] ?? a[3] ?? a[4] ?? "";
      attrs[name] = v.includes("&") ? decodeHTMLAttribute(v) : v;
    }
  }
  return attrs;
}

/** A parsed page: its tree and its elements by tag name, in document order. */
export interface ParsedHtml {
  readonly root: HNode;
  readonly byTag: ReadonlyMap<string, readonly HNode[]>;
  /** The tables that hold another table (layout tables): the data tables are the others. */
  readonly outerTables: ReadonlySet<HNode>;
}

// Tree building follows htmlparser2's HTML mode (the reader this replaces), so pages read as before:
// no implied <html>/<body>, an open tag closes the elements it implies, void elements hold nothing.
const P = new Set(["p"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p"]);
const FORM = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const SECTIONS = new Set(["thead", "tbody"]);
const DDT = new Set(["dd", "dt"]);
const RTP = new Set(["rt", "rp"]);
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["a", new Set(["a"])],
  ["li", new Set(["li"])],
  ["p", P],
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => [h, HEADINGS] as const),
  ...["select", "input", "output", "button", "datalist", "textarea"].map((t) => [t, FORM] as const),
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", DDT],
  ["dt", DDT],
  ...[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "table",
    "ul",
  ].map((t) => [t, P] as const),
  ["rt", RTP],
  ["rp", RTP],
  ["tbody", SECTIONS],
  ["tfoot", SECTIONS],
]);
const VOID = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Elements whose content is text up to their end tag; the value says whether entities are decoded. */
const RAW_TEXT = new Map<string, boolean>([
  ["script", false],
  ["style", false],
  ["iframe", false],
  ["noembed", false],
  ["noframes", false],
  ["xmp", false],
  ["title", true],
  ["textarea", true],
]);
const rawEnd = new Map([...RAW_TEXT.keys()].map((t) => [t, new RegExp(`</${t}[\\t\\n\\f\\r />]`, "gi")]));

// One attribute: its name and its value double-quoted, single-quoted or bare (a missing closing quote
// runs to the end of the page, as in browsers).
const ATTR =
  /([^\t\n\f\r />][^\t\n\f\r />=]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"?|'([^']*)'?|([^\t\n\f\r >]*)))?/y;
// Every attribute of a tag, without captures: where the tag's attributes end.
const ATTRS =
  /(?:[\t\n\f\r /]*[^\t\n\f\r />][^\t\n\f\r />=]*(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?)*/y;
// HTML's whitespace (tab, LF, FF, CR, space); a tag name ends at one of them, `/` or `>`.
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isNameEnd = (c: number): boolean => c === 62 || c === 47 || isSpace(c);
/** A tag or attribute name in lower case; most markup is written so already, and keeps its string. */
function lowerName(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return s.toLowerCase();
  }
  return s;
}
const isAlpha = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;

// Browsers' table rules (the HTML standard's tree construction), which decide where damaged table markup
// puts its cells: a table's structure tags, where an end tag stops looking for its element ("scope"), and
// what a table may hold outside its cells.
const TABLE_PARTS = new Set([
  "table",
  "caption",
  "colgroup",
  "col",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "td",
  "th",
]);
const SCOPE = new Set(["table", "td", "th", "caption", "template", "html", "applet", "object", "marquee"]);
const TABLE_SCOPE = new Set(["table", "template", "html"]);
const TABLE_CONTEXT = new Set(["table", "tbody", "thead", "tfoot", "tr"]);
const SECTION_OR_TABLE = new Set(["table", "tbody", "thead", "tfoot"]);
/** Elements a table holds where they stand; anything else outside a cell is put before the table. */
const STAYS_IN_TABLE = new Set(["script", "style", "template", "form", "input"]);
/** What a page's <head> holds; anything else ends the head, as in browsers (content is never lost in it). */
const HEAD_CONTENT = new Set([
  "base",
  "basefont",
  "bgsound",
  "link",
  "meta",
  "noframes",
  "noscript",
  "script",
  "style",
  "template",
  "title",
]);
const isBlank = (s: string): boolean => /^[\t\n\f\r ]*$/.test(s);

/**
 * What the tokenizer tells as it reads a page, in document order: the tree as browsers build it, told as
 * events, so that a reader can keep only what it needs (src/readers/html.ts keeps text blocks and
 * tables, never the tree of a whole page). `foster`: content a table's structure cannot hold (text or an
 * element between its rows), which browsers put just before the innermost open table.
 */
export interface HtmlSink {
  /**
   * An element starts; its attributes are `html.slice(attrsFrom, attrsTo)`, or `attrs` when given (a tree
   * another parser built). A void element's close follows at once.
   */
  open(
    tag: string,
    start: number,
    attrsFrom: number,
    attrsTo: number,
    foster: boolean,
    attrs?: Readonly<Record<string, string>>,
  ): void;
  /** The innermost open element ends. */
  close(): void;
  /**
   * Text (entities decoded) in the innermost open element, or before the innermost open table
   * (`foster`). A sink without it wants the elements only (the text is then not even cut out).
   */
  text?(text: string, start: number, foster: boolean): void;
}

/**
 * Parses HTML into a tree. Never throws: unclosed tags close at the end, stray end tags are ignored.
 * Tables follow browsers' rules: an end tag does not reach out of a table cell, a table cannot hold a
 * table outside its cells, a cell opens its row, and text or elements between a table's rows are put
 * before the table — so damaged table markup keeps its cells where a browser shows them.
 */
export function parseHtml(html: string): ParsedHtml {
  const tree = new TreeSink(html);
  tokenize(html, tree);
  return tree.page();
}

/** Builds the tree of {@link parseHtml} from a tokenizer's events. */
export class TreeSink implements HtmlSink {
  readonly root: Element;
  readonly #html: string;
  readonly #stack: Element[];
  readonly #byTag = new Map<string, HNode[]>();
  // The open tables, innermost last: a table opened inside one makes that one an outer table.
  readonly #openTables: Element[] = [];
  readonly #outerTables = new Set<HNode>();

  constructor(html: string) {
    this.#html = html;
    this.root = new Element("#root", 0, null, "", 0, 0);
    this.#stack = [this.root];
  }

  /** Where fostered content goes: just before the innermost open table, in that table's parent. */
  #place(foster: boolean): { parent: Element; index: number } {
    const top = this.#stack[this.#stack.length - 1]!;
    const table = foster ? this.#openTables[this.#openTables.length - 1] : undefined;
    const parent = table?.parent as Element | null | undefined;
    if (!table || !parent) return { parent: top, index: top.children.length };
    return { parent, index: parent.children.lastIndexOf(table) };
  }

  open(
    tag: string,
    start: number,
    attrsFrom: number,
    attrsTo: number,
    foster: boolean,
    attrs?: Readonly<Record<string, string>>,
  ): void {
    const { parent, index } = this.#place(foster);
    const node = new Element(tag, start, parent, this.#html, attrsFrom, attrsTo, attrs);
    if (index === parent.children.length) parent.children.push(node);
    else parent.children.splice(index, 0, node);
    const list = this.#byTag.get(tag);
    if (list) list.push(node);
    else this.#byTag.set(tag, [node]);
    this.#stack.push(node);
    if (tag === "table") {
      if (this.#openTables.length > 0) this.#outerTables.add(this.#openTables[this.#openTables.length - 1]!);
      this.#openTables.push(node);
    }
  }

  close(): void {
    const node = this.#stack.pop()!;
    if (node.tag === "table") this.#openTables.pop();
    // An array grown by push keeps spare room (17 slots for one child): an ended element takes no more
    // children, so it keeps an exact copy — on a table of short cells, most of the tree's memory.
    const n = node.children.length;
    node.children = n === 0 ? NO_CHILDREN : node.children.slice();
  }

  text(t: string, start: number, foster: boolean): void {
    const { parent, index } = this.#place(foster);
    const last = parent.children[index - 1];
    // Text interrupted by a comment is one text.
    if (last && !isNode(last)) parent.children[index - 1] = { text: last.text + t, start: last.start };
    else if (index === parent.children.length) parent.children.push({ text: t, start });
    else parent.children.splice(index, 0, { text: t, start });
  }

  /** The tree built. */
  page(): ParsedHtml {
    return { root: this.root, byTag: this.#byTag, outerTables: this.#outerTables };
  }
}

/**
 * A part of a page to tokenize again: from a table's start tag (where the tokenizer reads as from a
 * page's start, and the table bounds every end tag's reach) up to a tag start, leaving what is open
 * there open. `forms`: the forms open around it (a form inside one is ignored).
 */
export interface TokenizeRange {
  readonly from: number;
  readonly to: number;
  readonly forms: number;
}

/**
 * Reads HTML and tells `sink` the tree browsers would build, element by element (see {@link HtmlSink});
 * keeps nothing but the open elements' tags. Never throws. With `part`, reads only that part.
 */
export function tokenize(html: string, sink: HtmlSink, part?: TokenizeRange): void {
  // One string per tag name, not one per tag (a page of a million cells names "td" a million times).
  const names = new Map<string, string>();
  const intern = (name: string): string => {
    const known = names.get(name);
    if (known !== undefined) return known;
    if (names.size < 512) names.set(name, name);
    return name;
  };
  // The open elements' tags: [0] is the root (no element).
  const stack: string[] = ["#root"];
  const top = () => stack[stack.length - 1]!;
  // Where each tag's open elements are on the stack, and where each scope starts (the HTML standard's
  // scope boundaries: an end tag's search for its element stops at the innermost one): an end tag finds
  // its element, or learns there is none, without searching the stack, so that thousands of nested
  // elements and stray end tags stay linear.
  const positions = new Map<string, number[]>();
  const scopeAt: number[] = [0];
  const tableScopeAt: number[] = [0];
  let openForms = part?.forms ?? 0;
  let openHeads = 0;
  let openTables = 0;
  // Whether the innermost open script is our rendering's embedded report, whose text is kept.
  const keepScript: boolean[] = [];
  const topOf = (tag: string): number => {
    const p = positions.get(tag);
    return p === undefined || p.length === 0 ? -1 : p[p.length - 1]!;
  };
  const inScope = (tag: string): boolean =>
    topOf(tag) >=
    (TABLE_PARTS.has(tag) ? tableScopeAt[tableScopeAt.length - 1]! : scopeAt[scopeAt.length - 1]!);
  const push = (tag: string) => {
    const i = stack.push(tag) - 1;
    let p = positions.get(tag);
    if (p === undefined) {
      p = [];
      positions.set(tag, p);
    }
    p.push(i);
    if (SCOPE.has(tag)) scopeAt.push(i);
    if (TABLE_SCOPE.has(tag)) tableScopeAt.push(i);
    if (tag === "form") openForms++;
    else if (tag === "head") openHeads++;
    else if (tag === "table") openTables++;
  };
  const pop = () => {
    const tag = stack.pop()!;
    positions.get(tag)!.pop();
    if (SCOPE.has(tag)) scopeAt.pop();
    if (TABLE_SCOPE.has(tag)) tableScopeAt.pop();
    if (tag === "form") openForms--;
    else if (tag === "head") openHeads--;
    else if (tag === "table") openTables--;
    else if (tag === "script") keepScript.pop();
    sink.close();
  };
  const popUntil = (stop: (tag: string) => boolean) => {
    while (stack.length > 1 && !stop(top())) pop();
  };
  /** Whether a table is open in the current scope (the innermost table scope is a table's). */
  const inTable = (): boolean => stack[tableScopeAt[tableScopeAt.length - 1]!]! === "table";
  /** Whether one of that table's cells is open. */
  const inCell = (): boolean => {
    const table = tableScopeAt[tableScopeAt.length - 1]!;
    return topOf("td") > table || topOf("th") > table || topOf("caption") > table;
  };

  const endHead = () => {
    popUntil((t) => t === "head");
    pop();
  };

  const text = (from: number, to: number, decode: boolean) => {
    if (to <= from) return;
    let parent = top();
    // Script and style bodies are never read; their text is not worth keeping.
    if (parent === "script" && !keepScript[keepScript.length - 1]) return;
    if (parent === "style") return;
    // Where text decides the structure (in the head, between a table's rows) it is read even when the
    // sink takes no text.
    if (!sink.text && parent !== "head" && !(openTables > 0 && TABLE_CONTEXT.has(parent))) return;
    const raw = html.slice(from, to);
    const t = decode && raw.includes("&") ? decodeHTML(raw) : raw;
    // Text where only structure belongs (a page's head, a table between its rows) goes where browsers put
    // it: after the head, before the table.
    if (parent === "head" && !isBlank(t)) {
      endHead();
      parent = top();
    }
    sink.text?.(t, from, openTables > 0 && TABLE_CONTEXT.has(parent) && !isBlank(t));
  };
  /** Opens an element; `false` when it is ignored (a form in a form). */
  const open = (tag: string, start: number, attrsFrom = 0, attrsTo = 0): boolean => {
    // A second <form> inside a form is ignored, as browsers do.
    if (tag === "form" && openForms > 0) return false;
    if (openHeads > 0 && tag !== "head" && !HEAD_CONTENT.has(tag)) endHead();
    const table = inTable();
    if (table && TABLE_PARTS.has(tag)) {
      if (tag === "table") {
        // Outside a cell, a table cannot hold a table: the open one ends where the new one starts.
        if (!inCell()) {
          popUntil((t) => t === "table");
          pop();
        }
      } else if (tag === "td" || tag === "th") {
        popUntil((t) => t === "tr" || SECTION_OR_TABLE.has(t));
        if (top() !== "tr") open("tr", start);
      } else if (tag === "tr") popUntil((t) => SECTION_OR_TABLE.has(t));
      else if (tag !== "col") popUntil((t) => t === "table");
    } else {
      const implied = IMPLIES_CLOSE.get(tag);
      if (implied) while (stack.length > 1 && implied.has(top())) pop();
    }
    const foster =
      table &&
      openTables > 0 &&
      TABLE_CONTEXT.has(top()) &&
      !TABLE_PARTS.has(tag) &&
      !STAYS_IN_TABLE.has(tag);
    sink.open(tag, start, attrsFrom, attrsTo, foster);
    if (VOID.has(tag)) sink.close();
    else {
      if (tag === "script") keepScript.push(parseAttrs(html, attrsFrom, attrsTo).id === "xxgk-report");
      push(tag);
    }
    return true;
  };
  const close = (tag: string, start: number) => {
    if (VOID.has(tag)) {
      if (tag === "br") open("br", start);
      return;
    }
    if (inScope(tag)) {
      // Every element above the match is closed with it: each element is popped once, so this is
      // linear over the page.
      while (top() !== tag) pop();
      pop();
      return;
    }
    // `</p>` with no open <p> is an empty paragraph.
    if (tag === "p") {
      open("p", start);
      pop();
    }
  };

  const n = part?.to ?? html.length;
  let textStart = part?.from ?? 0;
  let pos = textStart;
  while (pos < n) {
    const lt = html.indexOf("<", pos);
    if (lt < 0 || lt + 1 >= html.length) break;
    // A part ends at a tag's start: what is open there stays open.
    if (lt >= n) break;
    const c = html.charCodeAt(lt + 1);
    if (isAlpha(c)) {
      // Start tag: find its end past the attributes (a `>` may sit in a quoted value); read them later.
      let at = lt + 2;
      while (at < n && !isNameEnd(html.charCodeAt(at))) at++;
      let tag = intern(lowerName(html.slice(lt + 1, at)));
      if (tag === "image") tag = "img";
      ATTRS.lastIndex = at;
      ATTRS.test(html);
      const attrsTo = ATTRS.lastIndex;
      let k = attrsTo;
      while (k < n && (html.charCodeAt(k) === 47 || isSpace(html.charCodeAt(k)))) k++;
      const end = k < n && html.charCodeAt(k) === 62 ? k + 1 : -1;
      const selfClosing = k > attrsTo && html.charCodeAt(k - 1) === 47; // "/>"
      if (end < 0) {
        // A tag cut off by the end of the page is dropped.
        text(textStart, lt, true);
        textStart = n;
        break;
      }
      text(textStart, lt, true);
      const opened = open(tag, lt, at, attrsTo);
      pos = end;
      textStart = end;
      if (opened && selfClosing) {
        // `<div/>` is closed at once (a void element already is); open() pushed it last.
        if (!VOID.has(tag)) pop();
        continue;
      }
      const decode = RAW_TEXT.get(tag);
      if (opened && decode !== undefined) {
        const re = rawEnd.get(tag)!;
        re.lastIndex = end;
        const m = re.exec(html);
        const stop = m ? m.index : n;
        text(end, stop, decode);
        pos = stop;
        textStart = stop;
        if (!m) break;
      }
      continue;
    }
    if (c === 47 /* / */) {
      const c2 = html.charCodeAt(lt + 2);
      const gt = html.indexOf(">", lt + 2);
      const end = gt < 0 ? n : gt + 1;
      if (isAlpha(c2)) {
        let at = lt + 3;
        while (at < n && !isNameEnd(html.charCodeAt(at))) at++;
        text(textStart, lt, true);
        if (gt < 0) {
          textStart = n;
          break;
        }
        let tag = intern(lowerName(html.slice(lt + 2, at)));
        if (tag === "image") tag = "img";
        close(tag, lt);
      } else text(textStart, lt, true); // `</>` or a bogus comment: nothing
      pos = end;
      textStart = end;
      continue;
    }
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      let end: number;
      if (html.startsWith("!--", lt + 1)) {
        // `<!-->` and `<!--->` are whole (empty) comments.
        if (html.charCodeAt(lt + 4) === 62) end = lt + 5;
        else if (html.startsWith("->", lt + 4)) end = lt + 6;
        else {
          const e = html.indexOf("-->", lt + 4);
          end = e < 0 ? n : e + 3;
        }
      } else if (html.startsWith("![CDATA[", lt + 1)) {
        // CDATA in HTML is a comment (htmlparser2 and browsers alike).
        const e = html.indexOf("]]>", lt + 9);
        end = e < 0 ? n : e + 3;
      } else {
        const e = html.indexOf(">", lt + 2);
        end = e < 0 ? n : e + 1;
      }
      text(textStart, lt, true);
      pos = end;
      textStart = end;
      continue;
    }
    // A `<` that starts no markup is text.
    pos = lt + 1;
  }
  text(textStart, n, true);
  if (!part) while (stack.length > 1) pop();
}

/** All text under a node, block boundaries and `<br>` as newlines; scripts and styles left out. */
export function textOf(node: HNode): string {
  let out = "";
  // Iterative: a page may nest elements deeper than the call stack allows.
  const stack: { node: HNode; next: number; block: boolean }[] = [{ node, next: 0, block: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const c = top.node.children[top.next++];
    if (c === undefined) {
      stack.pop();
      if (top.block) out += "\n";
    } else if (!isNode(c)) out += c.text;
    else if (SKIP.has(c.tag)) continue;
    else if (c.tag === "br") out += "\n";
    else {
      const block = BLOCK.has(c.tag);
      if (block) out += "\n";
      stack.push({ node: c, next: 0, block });
    }
  }
  return out;
}

/** Elements whose content is never report text. */
export const SKIP: ReadonlySet<string> = new Set([
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
/** Elements that start and end a line of text. */
export const BLOCK: ReadonlySet<string> = new Set([
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
