import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Diagnostics } from "../../src/_diagnostics.js";
import { parseHtml } from "../../src/readers/_html-parse.js";
import { readHtml, readPage } from "../../src/readers/html.js";
import type { SourceDocument } from "../../src/source.js";

// Pages of text, blocks, line breaks, inline elements, data tables and layout tables (a table inside a
// cell) nested in one another, comments and stray end tags — well-formed tables, so that no content is
// moved out of a table.
type Node = string | { tag: string; children: Node[] } | { table: Node[][][]; spans: number };
const text = fc.constantFrom(
  "政府信息",
  "公开",
  "一、总体情况",
  "0",
  "12",
  "-",
  " ",
  "\u00a0",
  "&amp;",
  "x",
  "<!-- 注释 -->",
  "</em>",
);
const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.constant<Node>({ tag: "br", children: [] }),
    fc.record({
      tag: fc.constantFrom("div", "p", "span", "section", "b", "h2", "script", "li"),
      children: fc.array(tie("node"), { maxLength: 4 }),
    }),
    fc.record({
      table: fc.array(fc.array(fc.array(tie("node"), { maxLength: 3 }), { minLength: 1, maxLength: 3 }), {
        maxLength: 3,
      }),
      spans: fc.nat(3),
    }),
  ),
})).node;

function write(n: Node): string {
  if (typeof n === "string") return n;
  if ("table" in n) {
    const rows = n.table.map(
      (cells, r) =>
        `<tr>${cells
          .map((c, k) => {
            const span = (r + k) % 3 === n.spans ? ` rowspan="2" colspan="${n.spans + 1}"` : "";
            return `<td${span}>${c.map(write).join("")}</td>`;
          })
          .join("")}</tr>`,
    );
    return `<table>${rows.join("\n")}</table>`;
  }
  if (n.tag === "br") return "<br>";
  return `<${n.tag}>${n.children.map(write).join("")}</${n.tag}>`;
}

/** A document as plain data: every block's text or cells, with offsets, and the containers. */
function plain(doc: SourceDocument) {
  return {
    blocks: doc.blocks.map((b) =>
      b.kind === "text"
        ? { text: b.text, pos: b.pos }
        : b.kind === "table"
          ? { rows: b.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan, c.pos])), pos: b.pos }
          : { kind: b.kind, pos: b.pos },
    ),
    containers: doc.containers,
    titles: doc.titles,
  };
}

describe("readHtml", () => {
  test("reads, in one pass as the page is tokenised, what reading the page's whole tree reads", () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 6 }), fc.boolean(), (nodes, body) => {
        const inner = nodes.map(write).join("\n");
        const html = body ? `<html><head><title>标题_网站</title></head><body>${inner}</body></html>` : inner;
        const streamed = readHtml(html, new Diagnostics());
        const fromTree = readPage(html, parseHtml(html), new Diagnostics());
        expect(plain(streamed)).toEqual(plain(fromTree));
      }),
      { numRuns: 500 },
    );
  });
});
