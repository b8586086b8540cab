import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Diagnostics } from "../../src/_diagnostics.js";
import { type HNode, type HText, parseHtml, textOf } from "../../src/readers/_html-parse.js";
import { readHtml } from "../../src/readers/html.js";

const isNode = (c: HNode | HText): c is HNode => "tag" in c;

/** The tree as plain data: tags, attributes and texts (offsets left out). */
type Shape = string | { tag: string; attrs: Record<string, string>; children: Shape[] };
const shape = (n: HNode): Shape[] =>
  n.children.map((c) => (isNode(c) ? { tag: c.tag, attrs: { ...c.attrs }, children: shape(c) } : c.text));

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

// Text as pages hold it: CJK, full-width punctuation, &nbsp;, markup characters, quotes.
const textChar = fc.constantFrom(..."政府信息公开年度报告（一）、，。 \u00a0\u3000\n\t&<>\"'=/-;#1x");
const someText = fc.string({ unit: textChar, minLength: 1, maxLength: 12 });
const attrName = fc.constantFrom("class", "id", "title", "href", "data-cell", "style", "rowspan");
const attrValue = fc.oneof(fc.string({ unit: textChar, maxLength: 10 }), fc.string({ maxLength: 10 }));
// Containers that imply no close of one another, so that the tree written is the tree read.
const containerTag = fc.constantFrom("div", "span", "section", "b", "em", "font", "strong", "center");

interface Gen {
  tag: string;
  attrs: [string, string][];
  children: (Gen | string)[];
}
const tree: fc.Arbitrary<Gen> = fc.letrec<{ node: Gen }>((tie) => ({
  node: fc.record({
    tag: containerTag,
    attrs: fc.uniqueArray(fc.tuple(attrName, attrValue), { selector: ([n]) => n, maxLength: 3 }),
    children: fc.array(fc.oneof({ depthSize: "small" }, someText, tie("node")), { maxLength: 4 }),
  }),
})).node;

/** Writes the tree as HTML, each attribute quoted one of the ways pages do. */
function write(g: Gen, quoting: number): string {
  const attrs = g.attrs
    .map(([n, v], i) => {
      const q = (quoting + i) % 3;
      if (q === 1 && !v.includes("'")) return ` ${n}='${v.replace(/&/g, "&amp;")}'`;
      if (q === 2 && /^[^\s"'=<>`&]+$/.test(v)) return ` ${n}=${v}`;
      return ` ${n}="${escapeAttr(v)}"`;
    })
    .join("");
  const inner = g.children
    .map((c) => (typeof c === "string" ? escapeText(c) : write(c, quoting + 1)))
    .join("");
  return `<${g.tag}${attrs}>${inner}</${g.tag}>`;
}

/** The tree expected back: adjacent texts are one text. */
function expected(g: Gen): Shape {
  const children: Shape[] = [];
  for (const c of g.children) {
    const s = typeof c === "string" ? c : expected(c);
    const last = children[children.length - 1];
    if (typeof s === "string" && typeof last === "string") children[children.length - 1] = last + s;
    else children.push(s);
  }
  return { tag: g.tag, attrs: Object.fromEntries(g.attrs), children };
}

describe("parseHtml", () => {
  test("reads back every element, attribute value and text of well-formed markup", () => {
    fc.assert(
      fc.property(tree, fc.nat(2), (g, quoting) => {
        expect(shape(parseHtml(write(g, quoting)).root)).toEqual([expected(g)]);
      }),
    );
  });

  test("never throws, and keeps every offset inside the page, whatever the bytes", () => {
    const piece = fc.oneof(
      fc.string({ unit: "binary", maxLength: 6 }),
      fc.constantFrom(
        "<p>",
        "</p>",
        "<td colspan=2>",
        "<tr>",
        "</table>",
        "<br/>",
        "</br>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<script>",
        "</script>",
        "<style>",
        "<a href='",
        '<a title="',
        "&",
        "&#x",
        "&nbsp",
        "<",
        "</",
        "<!",
        "<?",
        ">",
        "/>",
        "=",
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const html = pieces.join("");
        const page = parseHtml(html);
        const visit = (n: HNode) => {
          for (const c of n.children) {
            expect(c.start).toBeGreaterThanOrEqual(0);
            expect(c.start).toBeLessThan(html.length);
            if (isNode(c)) {
              expect(typeof c.attrs).toBe("object");
              visit(c);
            }
          }
        };
        visit(page.root);
        readHtml(html, new Diagnostics());
      }),
    );
  });

  test("closes what HTML implies, as browsers and htmlparser2 do", () => {
    const page = parseHtml("<table><tr><td>a<td>b<tr><th>c<td>d</table><p>e<p>f<div>g</div></p>h<br>i");
    expect(page.byTag.get("tr")?.map((tr) => textOf(tr).replace(/\n+/g, "|"))).toEqual(["|a|b|", "|c|d|"]);
    expect(page.byTag.get("p")?.map(textOf)).toEqual(["e", "f", ""]);
    expect(shape(page.root).slice(-3)).toEqual(["h", { tag: "br", attrs: {}, children: [] }, "i"]);
  });

  test("reads script and style bodies as raw text, and drops comments, CDATA and declarations", () => {
    const page = parseHtml(
      '<!DOCTYPE html><?xml version="1.0"?><head><title>A &amp; B</title><style>p>b{}</style>' +
        '<script>if (a<b) document.write("</p><td>")</script>' +
        '<script type="application/json" id="xxgk-report">{"a":"<td>&amp;"}</script></head>' +
        "<body>x<!-- <td>y</td> -->z<![CDATA[w]]><!---->v</body>",
    );
    expect(page.byTag.get("td")).toBeUndefined();
    expect(textOf(page.byTag.get("title")![0]!)).toBe("A & B");
    const scripts = page.byTag.get("script")!;
    expect(scripts[0]!.children).toEqual([]);
    expect(scripts[1]!.children).toEqual([{ text: '{"a":"<td>&amp;"}', start: expect.any(Number) }]);
    expect(textOf(page.byTag.get("body")![0]!)).toBe("xzv");
  });

  test("reads attributes quoted, unquoted, bare and repeated; entities decoded; a `>` inside quotes", () => {
    const html = `<TD RowSpan=2 colspan = '3' data-cell="a&amp;b>c" nowrap title=x/y class=a class=b>t</td><img src=/a.png/>`;
    const page = parseHtml(html);
    const td = page.byTag.get("td")![0]!;
    expect(td.attrs).toEqual({
      rowspan: "2",
      colspan: "3",
      "data-cell": "a&b>c",
      nowrap: "",
      title: "x/y",
      class: "a",
    });
    expect(td.start).toBe(0);
    expect(textOf(td)).toBe("t");
    expect(page.byTag.get("img")![0]!.attrs).toEqual({ src: "/a.png/" });
  });

  describe("damaged tables read as browsers show them", () => {
    /** Each data table (one holding no table) as rows of cell texts, and the text outside tables. */
    const read = (html: string) => {
      const page = parseHtml(html);
      const tables = (page.byTag.get("table") ?? [])
        .filter((t) => !page.outerTables.has(t))
        .map((t) => (page.byTag.get("tr") ?? []).filter((tr) => tr.parent === t || tr.parent?.parent === t))
        .map((trs) => trs.map((tr) => tr.children.filter(isNode).map((td) => textOf(td).trim())));
      return { tables, text: textOf(page.root).replace(/\s+/g, " ").trim() };
    };

    test("an end tag does not reach out of a cell to close the table around it", () => {
      expect(read("<div><table><tr><td>1</div>2</td><td>3</td></tr></table></div>").tables).toEqual([
        [["12", "3"]],
      ]);
      expect(read("<table><tr><td><b>1</td><td>2</b></td></tr></table>").tables).toEqual([[["1", "2"]]]);
    });

    test("a table opened between rows ends the open one; inside a cell it nests", () => {
      expect(read("<table><tr><td>1</td></tr><table><tr><td>2</td></tr></table>").tables).toEqual([
        [["1"]],
        [["2"]],
      ]);
      const nested = parseHtml("<table><tr><td><table><tr><td>2</td></tr></table></td></tr></table>");
      expect(nested.outerTables.size).toBe(1);
    });

    test("a cell opens its row; an element between cells does not swallow them", () => {
      expect(read("<table><td>1</td><td>2</td></table>").tables).toEqual([[["1", "2"]]]);
      expect(read("<table><tr><b><td>1</td><td>2</td></tr></table>").tables).toEqual([[["1", "2"]]]);
      expect(read("<table><tr><td>1<p>x<td>2</td></tr></table>").tables).toEqual([[["1\nx", "2"]]]);
    });

    test("content a page puts in its <head> by mistake ends the head instead of vanishing with it", () => {
      const { tables, text } = read(
        "<html><head><title>t</title><table><tr><td>1</td></tr></table></head><body><p>a</p></body></html>",
      );
      expect(tables).toEqual([[["1"]]]);
      expect(text).toBe("1 a");
      expect(read("<head><meta charset=gbk>正文<script>x</script></head>").text).toBe("正文");
    });

    test("text and elements between rows are put before the table, not lost", () => {
      const { tables, text } = read(
        "<p>a</p><table><tr><td>1</td></tr>四、说明<p>b</p><tr><td>2</td></tr></table>",
      );
      expect(tables).toEqual([[["1"], ["2"]]]);
      expect(text).toBe("a 四、说明 b 1 2");
    });
  });
});
