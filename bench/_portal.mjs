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
