// bench/import: published HTML pages → reports per second. The page is a ~100 KB government site page
// (navigation, scripts, sidebar, footer around a Word-made 2021 report with every CMS quirk the importer
// tolerates), read with importHtml(); the baseline is htmlparser2 tokenising the same bytes with no
// handlers (what the importer used to be built on), run round-robin with it in the same process.
// Goal (issue #5): ≥ 300 pages/s.
import { readFileSync } from "node:fs";
import { importHtml, importText } from "@xxgk/importer";
import { Parser } from "htmlparser2";
import { compare, table } from "./_measure.mjs";

const fixtures = new URL("../packages/importer/test/fixtures/", import.meta.url);
const article = readFileSync(new URL("hubei-fancheng-2021.html", fixtures), "utf8");
const seed = readFileSync(new URL("seed-wulin-2020.txt", fixtures), "utf8");

// Grow the site chrome to the size of a real portal page: a mega-menu, a sidebar of links, an inline
// script bundle, a footer of partner sites.
const links = Array.from(
  { length: 170 },
  (_, i) =>
    `<li><a href="/zwgk/col${i}/index.html" title="栏目${i}">政务公开栏目${i}（第${i % 12}类）</a></li>`,
).join("\n");
const script = `<script>\n${Array.from({ length: 120 }, (_, i) => `var cfg${i} = { id: ${i}, name: "module${i}", enabled: ${i % 2 === 0} };`).join("\n")}\n</script>`;
const page = article
  .replace('<ul class="nav">', `<div class="mega-menu"><ul>${links}</ul></div>\n${script}\n<ul class="nav">`)
  .replace('<div class="bottom">', `<div class="friend-links"><ul>${links}</ul></div>\n<div class="bottom">`);
const pages = Array.from({ length: 50 }, (_, i) => page.replace("</body>", `<!-- ${i} --></body>`));
const kib = Buffer.byteLength(page) / 1024;

const check = importHtml(page);
if (check.report === null || check.stats.placed !== check.stats.total) {
  process.stderr.write(`the benchmark page does not import cleanly: ${JSON.stringify(check.stats)}\n`);
  process.exit(1);
}

let sink = 0;
// Round-robin, so that the baseline and the importer see the same machine load.
const { tokenize, html, text } = compare(
  {
    tokenize() {
      for (const p of pages) {
        const parser = new Parser({});
        parser.write(p);
        parser.end();
        sink++;
      }
    },
    html() {
      for (const p of pages) sink += importHtml(p).stats.placed;
    },
    text() {
      for (let i = 0; i < pages.length; i++) sink += importText(seed).stats.placed;
    },
  },
  { rounds: 7, warmup: 2 },
);
const perSec = (ms) => Math.round((pages.length / ms) * 1000).toLocaleString("en-US");
const per = (ms) => (ms / pages.length).toFixed(2);
process.stdout.write(
  `${pages.length} pages of ${kib.toFixed(0)} KiB (2021 edition, site chrome, CMS quirks); Node ${process.version}; wall-clock time, median of 7 interleaved rounds\n\n`,
);
table(
  ["task", "ms/page", "pages/s", "vs tokenizing"],
  [
    ["htmlparser2 tokenizing only (baseline)", per(tokenize), perSec(tokenize), "1.00×"],
    ["importHtml() of the page", per(html), perSec(html), `${(html / tokenize).toFixed(2)}×`],
    ["importText() of the seed text copy (7 KB)", per(text), perSec(text), "-"],
  ],
);
const rate = (pages.length / html) * 1000;
process.stdout.write(`\ngoal ≥ 300 pages/s: ${rate >= 300 ? "met" : "NOT met"} (${perSec(html)})\n`);
if (sink === -1) process.stdout.write("");
