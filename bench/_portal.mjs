// The benchmark page of bench/import and bench/html-parsers: a ~110 KiB government portal page — a
// Word-made 2021 report (the importer's hubei-fancheng fixture, with every CMS quirk the importer
// tolerates) inside a mega-menu, an inline script bundle, a sidebar and a footer of links.
import { readFileSync } from "node:fs";
import { Parser } from "htmlparser2";

export const fixtures = new URL("../packages/importer/test/fixtures/", import.meta.url);
const article = readFileSync(new URL("hubei-fancheng-2021.html", fixtures), "utf8");

const links = Array.from(
  { length: 170 },
  (_, i) =>
    `<li><a href="/zwgk/col${i}/index.html" title="栏目${i}">政务公开栏目${i}（第${i % 12}类）</a></li>`,
).join("\n");
const script = `<script>\n${Array.from({ length: 120 }, (_, i) => `var cfg${i} = { id: ${i}, name: "module${i}", enabled: ${i % 2 === 0} };`).join("\n")}\n</script>`;

/** The portal page. */
export const page = article
  .replace('<ul class="nav">', `<div class="mega-menu"><ul>${links}</ul></div>\n${script}\n<ul class="nav">`)
  .replace('<div class="bottom">', `<div class="friend-links"><ul>${links}</ul></div>\n<div class="bottom">`);

/** 50 copies, each a different string (so that no cache keyed on the text helps). */
export const pages = Array.from({ length: 50 }, (_, i) => page.replace("</body>", `<!-- ${i} --></body>`));

/** The baseline of bench/import and bench/html-parsers: htmlparser2 tokenising the pages, no handlers. */
export function tokenizeAll() {
  for (const p of pages) {
    const parser = new Parser({});
    parser.write(p);
    parser.end();
  }
  return pages.length;
}

/**
 * The portal page grown to about `bytes` bytes in one way (bench/import's memory curve): `chrome` — a
 * link list in the footer; `narrative` — paragraphs in section 一; `tables` — a data table of short
 * cells after the report (the costliest shape per byte); `rows` — rows a province added to table 三,
 * each a diagnostic; `scripts` — an inline script.
 */
export function grownPage(shape, bytes) {
  const unit = GROWTH[shape];
  if (!unit) throw new Error(`unknown shape ${shape}: ${Object.keys(GROWTH).join(", ")}`);
  const n = Math.max(0, Math.ceil((bytes - Buffer.byteLength(page)) / Buffer.byteLength(unit.text)));
  return unit.put(unit.text.repeat(n));
}

const footer = (s) => page.replace('<div class="bottom">', `${s}\n<div class="bottom">`);
const GROWTH = {
  chrome: {
    text: '<li class="item"><a href="/zwgk/col1/index.html" title="栏目" target="_blank">政务公开栏目（第1类）</a></li>\n',
    put: (s) => footer(`<div class="friend-links"><ul>${s}</ul></div>`),
  },
  narrative: {
    text: '<p style="text-indent:2em"><span style="font-family:仿宋">本机关全年主动公开政府信息一千二百条，其中规范性文件十二件，政策解读三十篇。</span></p>\n',
    put: (s) => {
      const at = page.lastIndexOf("<p", page.indexOf("二、主动公开政府信息情况", page.indexOf("<body")));
      return page.slice(0, at) + s + page.slice(at);
    },
  },
  tables: {
    text: "<tr><td>某某项目</td><td>12</td><td>0</td><td>3</td><td>4</td></tr>\n",
    put: (s) => footer(`<table>${s}</table>`),
  },
  rows: {
    text: '<tr><td colspan="3">某某补充统计项</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\n',
    put: (s) => {
      // Rows a province added to table 三, before its 一、本年新收 row.
      const at = page.lastIndexOf("<tr", page.indexOf("一、本年新收政府信息公开申请数量"));
      return page.slice(0, at) + s + page.slice(at);
    },
  },
  scripts: {
    text: 'var cfg = { id: 1, name: "module", enabled: true }; // 说明\n',
    put: (s) => footer(`<script>${s}</script>`),
  },
};
