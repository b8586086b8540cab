// bench/html-parsers: should the importer keep its own HTML tokenizer (packages/importer/src/readers/
// _html-parse.ts) or use a maintained parser — parse5 (the WHATWG algorithm, what browsers build) or
// htmlparser2? Issue #23: keep the hand-written one only if it is both faster and as robust. Measured:
//   1. speed on the portal page (bench/_portal.mjs): tree building alone, and the whole import with
//      each parser's tree read by the same reader and pipeline;
//   2. robustness on test pages: the importer's fixtures, our own rendering, 600 mangled copies of the
//      fixtures (bytes cut, markup junk inserted), and pages nested 10,000 and 30,000 deep — does each
//      parser finish, and does the import with its tree give the report the import with parse5's does.
// The other parsers' trees are converted to the importer's node shape and told to the importer's reader
// element by element, as its own tokenizer tells it a page; the reader and the pipeline are the
// importer's own (its built files, after `pnpm build`).
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { toDocument } from "@xxgk/core-model";
import { renderDocument } from "@xxgk/render-html";
import { parseDocument } from "htmlparser2";
import { parse as parse5 } from "parse5";
import { Diagnostics } from "../packages/importer/dist/_diagnostics.js";
import { runPipeline } from "../packages/importer/dist/pipeline/index.js";
import { parseHtml } from "../packages/importer/dist/readers/_html-parse.js";
import { readHtml, readPage } from "../packages/importer/dist/readers/html.js";
import { compare, table } from "./_measure.mjs";
import { fixtures, page, pages, tokenizeAll } from "./_portal.mjs";

/** Builds the importer's page shape (tree, elements by tag, outer tables) from another parser's tree. */
function adapt(root, { kind, children, tag, attrs, text, start }) {
  const byTag = new Map();
  const outerTables = new Set();
  const top = { tag: "#root", attrs: {}, children: [], start: 0, parent: null };
  // Each frame knows the nearest table around it: a table opened inside one makes that one outer.
  const stack = [{ node: top, from: children(root), next: 0, table: null }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const c = frame.from[frame.next++];
    if (c === undefined) {
      stack.pop();
      continue;
    }
    const k = kind(c);
    if (k === "text") {
      const last = frame.node.children[frame.node.children.length - 1];
      if (last && !("tag" in last)) last.text += text(c);
      else frame.node.children.push({ text: text(c), start: start(c, frame.node.start) });
    } else if (k === "element") {
      const node = {
        tag: tag(c),
        attrs: attrs(c),
        children: [],
        start: start(c, frame.node.start),
        parent: frame.node,
      };
      frame.node.children.push(node);
      if (!byTag.has(node.tag)) byTag.set(node.tag, []);
      byTag.get(node.tag).push(node);
      if (node.tag === "table" && frame.table) outerTables.add(frame.table);
      stack.push({ node, from: children(c), next: 0, table: node.tag === "table" ? node : frame.table });
    }
  }
  return { root: top, byTag, outerTables };
}

const fromParse5 = (html) =>
  adapt(parse5(html, { sourceCodeLocationInfo: true }), {
    kind: (n) => (n.nodeName === "#text" ? "text" : n.nodeName.startsWith("#") ? "other" : "element"),
    children: (n) => (n.nodeName === "template" ? n.content.childNodes : (n.childNodes ?? [])),
    tag: (n) => n.nodeName,
    attrs: (n) => Object.fromEntries(n.attrs.map((a) => [a.name, a.value])),
    text: (n) => n.value,
    start: (n, parent) => n.sourceCodeLocation?.startOffset ?? parent,
  });

const fromHtmlparser2 = (html) =>
  adapt(parseDocument(html, { withStartIndices: true, decodeEntities: true }), {
    kind: (n) =>
      n.type === "text"
        ? "text"
        : n.type === "tag" || n.type === "script" || n.type === "style"
          ? "element"
          : "other",
    children: (n) => n.children ?? [],
    tag: (n) => n.name,
    attrs: (n) => ({ ...n.attribs }),
    text: (n) => n.data,
    start: (n, parent) => n.startIndex ?? parent,
  });

const PARSERS = { own: parseHtml, parse5: fromParse5, htmlparser2: fromHtmlparser2 };

/**
 * The import of a page with a parser's tree: the same reader and pipeline for every parser. The own
 * parser's is the importer's real path: the reader takes the tokenizer's events as they come (no tree).
 */
function importWith(parser, html) {
  const diag = new Diagnostics();
  const doc = parser === parseHtml ? readHtml(html, diag) : readPage(html, parser(html), diag);
  const result = runPipeline(doc, diag, {});
  return { report: result.report ? toDocument(result.report) : null, stats: result.stats };
}

// 1. Speed.
let sink = 0;
const speed = compare(
  {
    tokenize() {
      sink += tokenizeAll();
    },
    ownTree() {
      for (const p of pages) sink += parseHtml(p).byTag.size;
    },
    htmlparser2Tree() {
      for (const p of pages) sink += parseDocument(p, { withStartIndices: true }).children.length;
    },
    parse5Tree() {
      for (const p of pages) sink += parse5(p, { sourceCodeLocationInfo: true }).childNodes.length;
    },
    ownImport() {
      for (const p of pages) sink += importWith(parseHtml, p).stats.placed;
    },
    htmlparser2Import() {
      for (const p of pages) sink += importWith(fromHtmlparser2, p).stats.placed;
    },
    parse5Import() {
      for (const p of pages) sink += importWith(fromParse5, p).stats.placed;
    },
  },
  { rounds: 7, warmup: 2 },
);
const per = (ms) => (ms / pages.length).toFixed(2);
const ratio = (ms) => `${(ms / speed.tokenize).toFixed(2)}×`;
process.stdout.write(
  `1. speed: ${pages.length} copies of the ${(Buffer.byteLength(page) / 1024).toFixed(0)} KiB portal page; Node ${process.version}; median of 7 interleaved rounds\n\n`,
);
table(
  ["task", "ms/page", "vs tokenizing"],
  [
    ["htmlparser2 tokenizing only (baseline)", per(speed.tokenize), "1.00×"],
    ["tree: importer's own parser", per(speed.ownTree), ratio(speed.ownTree)],
    ["tree: htmlparser2 parseDocument", per(speed.htmlparser2Tree), ratio(speed.htmlparser2Tree)],
    ["tree: parse5 parse", per(speed.parse5Tree), ratio(speed.parse5Tree)],
    ["import with the importer's own parser", per(speed.ownImport), ratio(speed.ownImport)],
    ["import with htmlparser2's tree", per(speed.htmlparser2Import), ratio(speed.htmlparser2Import)],
    ["import with parse5's tree", per(speed.parse5Import), ratio(speed.parse5Import)],
  ],
);

// 2. Robustness.
const htmlFixtures = [
  "binhe-finance-2020",
  "hubei-fancheng-2021",
  "jiangnan-health-2024",
  "qingshi-town-2022",
];
const originals = htmlFixtures.map((f) => readFileSync(new URL(`${f}.html`, fixtures), "utf8"));
const example = (name) =>
  JSON.parse(readFileSync(new URL(`../packages/core-model/examples/${name}`, import.meta.url), "utf8"));
const { parseReport } = await import("@xxgk/core-model");
const rendered = ["wulin-2020.json", "example-2021.json"].map((n) => {
  const parsed = parseReport(example(n));
  return renderDocument(parsed.report, { embedJson: false });
});
// A seeded generator, so that every run mangles the same way.
let seed = 20260115;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const JUNK = [
  "<p>",
  "</p>",
  "<td>",
  "</tr>",
  "<table>",
  "</table>",
  "<b>",
  "</div>",
  "<!--",
  "<",
  "&",
  "<tr><td>1</td>",
  "</td></tr>",
];
const mangled = [];
for (const html of originals) {
  for (let i = 0; i < 150; i++) {
    let out = html;
    for (let k = 0, n = 1 + Math.floor(random() * 4); k < n; k++) {
      const at = Math.floor(random() * out.length);
      const cut = random() < 0.5 ? Math.floor(random() * 400) : 0;
      out = out.slice(0, at) + JUNK[Math.floor(random() * JUNK.length)] + out.slice(at + cut);
    }
    mangled.push({ html: out, from: originals.indexOf(html) });
  }
}
const deepPages = (n) => [
  `<html><body>${"<div>".repeat(n)}</body></html>`,
  `<html><body>${"<div>x".repeat(n)}</body></html>`,
  `<html><body>${"<table><tr><td>".repeat(n)}</body></html>`,
  `<html><body>${"<span>".repeat(n)}${"</b>".repeat(n)}</body></html>`,
];

const sets = {
  "fixtures and our rendering": [...originals, ...rendered].map((html) => ({ html })),
  "mangled copies": mangled,
  // Two depths, to show how each parser's time grows with depth.
  "nested 10,000 deep": deepPages(10_000).map((html) => ({ html })),
  "nested 30,000 deep": deepPages(30_000).map((html) => ({ html })),
};
/** A report's cells as `key → raw`. */
const cellsOf = (report) => {
  const out = new Map();
  for (const [table, rows] of Object.entries(report?.tables ?? {}))
    for (const [row, cols] of Object.entries(rows))
      for (const [col, raw] of Object.entries(cols)) out.set(`${table}.${row}.${col}`, raw);
  return out;
};
const intact = originals.map((html) => cellsOf(importWith(parseHtml, html).report));
const rows = [];
const recovery = [];
for (const [name, set] of Object.entries(sets)) {
  for (const [parser, parse] of Object.entries(PARSERS)) {
    let failed = 0;
    let same = 0;
    let cellsDiffer = 0;
    let ms = 0;
    const kept = { same: 0, blank: 0, changed: 0 };
    const failures = new Set();
    for (const { html, from } of set) {
      const t0 = performance.now();
      let got;
      try {
        got = importWith(parse, html);
      } catch (e) {
        failed++;
        failures.add(e instanceof Error ? e.constructor.name : String(e));
        continue;
      } finally {
        ms += performance.now() - t0;
      }
      let reference;
      try {
        reference = importWith(fromParse5, html);
      } catch {
        continue;
      }
      if (isDeepStrictEqual(got, reference)) same++;
      else if (!isDeepStrictEqual(got.report?.tables, reference.report?.tables)) cellsDiffer++;
      if (from !== undefined) {
        // Against the intact page: each of its non-blank cells kept, lost (blank) or changed.
        const now = cellsOf(got.report);
        for (const [key, raw] of intact[from]) {
          if (raw === "") continue;
          const v = now.get(key) ?? "";
          if (v === raw) kept.same++;
          else if (v === "") kept.blank++;
          else kept.changed++;
        }
      }
    }
    if (name === "mangled copies")
      recovery.push([parser, String(kept.same), String(kept.blank), String(kept.changed)]);
    rows.push([
      name,
      parser,
      String(set.length),
      failed === 0 ? "0" : `${failed} (${[...failures].join(", ")})`,
      String(same),
      String(cellsDiffer),
      ms.toFixed(0),
    ]);
  }
}
process.stdout.write(
  "\n2. robustness: the import with each parser's tree, against the import with parse5's\n\n",
);
table(["pages", "parser", "count", "failed", "same as parse5", "cells differ", "ms total"], rows);
process.stdout.write("\n   the mangled copies' non-blank cells, against the intact page's\n\n");
table(["parser", "kept", "lost (blank)", "changed"], recovery);
if (sink === -1) process.stdout.write("");
