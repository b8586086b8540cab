import { readFileSync, writeFileSync } from "node:fs";
import { parseReport } from "@xxgk/core-model";
import { renderPdf } from "@xxgk/render-pdf";
import { loadNodeFonts } from "@xxgk/render-pdf/node";

const [, , inp, out, dir] = process.argv;
const r = parseReport(JSON.parse(readFileSync(inp, "utf8")));
if (!r.ok) throw new Error("bad");
const fonts = await loadNodeFonts(dir ? { fontDirs: [dir] } : {});
let t = performance.now();
let res = await renderPdf(r.report, { fonts });
console.log(
  "ms",
  (performance.now() - t).toFixed(0),
  "pages",
  res.pages,
  "kb",
  (res.pdf.length / 1024).toFixed(1),
);
for (let i = 0; i < 5; i++) {
  t = performance.now();
  res = await renderPdf(r.report, { fonts });
}
console.log("warm ms", (performance.now() - t).toFixed(0));
console.log(
  res.fonts,
  res.warnings.map((w) => w.message.en),
);
writeFileSync(out, res.pdf);
