// bench/import: published HTML pages → reports per second. The page is a ~110 KiB government site page
// (bench/_portal.mjs), read with importHtml() from its text and with importReport() from its bytes (which
// adds recognising the format and decoding); the baseline is htmlparser2 tokenising the same text with
// no handlers (what the importer used to be built on), run round-robin with it in the same process.
// Goal (issue #5): ≥ 300 pages/s.
import { readFileSync } from "node:fs";
import { importHtml, importReport, importText } from "@xxgk/importer";
import { compareAsync, table } from "./_measure.mjs";
import { fixtures, page, pages, tokenizeAll } from "./_portal.mjs";

const seed = readFileSync(new URL("seed-wulin-2020.txt", fixtures), "utf8");
const kib = Buffer.byteLength(page) / 1024;

const check = importHtml(page);
if (check.report === null || check.stats.placed !== check.stats.total) {
  process.stderr.write(`the benchmark page does not import cleanly: ${JSON.stringify(check.stats)}\n`);
  process.exit(1);
}

let sink = 0;
// Round-robin, so that the baseline and the importer see the same machine load.
const bytes = pages.map((p) => new TextEncoder().encode(p));
const { tokenize, html, fromBytes, text } = await compareAsync(
  {
    tokenize() {
      sink += tokenizeAll();
    },
    html() {
      for (const p of pages) sink += importHtml(p).stats.placed;
    },
    async fromBytes() {
      for (const b of bytes) sink += (await importReport(b)).stats.placed;
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
    [
      "importReport() of its bytes",
      per(fromBytes),
      perSec(fromBytes),
      `${(fromBytes / tokenize).toFixed(2)}×`,
    ],
    ["importText() of the seed text copy (7 KB)", per(text), perSec(text), "-"],
  ],
);
const rate = (pages.length / html) * 1000;
process.stdout.write(`\ngoal ≥ 300 pages/s: ${rate >= 300 ? "met" : "NOT met"} (${perSec(html)})\n`);
if (sink === -1) process.stdout.write("");
