// bench/import-memory: the importer's peak memory on huge pages (issue #23: a 52 MB page peaked at
// 2.15 GB, 41× the input). The portal page of bench/import grown in each way a page grows
// (bench/_portal.mjs grownPage: chrome, narrative, a data table of short cells, rows added to table 三,
// an inline script) to 4, 16 and 52 MB; each import runs in a fresh process (bench/_import-memory.mjs)
// from the file's bytes, as `xxgk import` reads them, and gives the resident memory it added over the
// process with the bytes read. IMPORTER_BEFORE=path/to/an/earlier/importer/dist/index.js measures that
// build beside this one.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { table } from "./_measure.mjs";
import { grownPage } from "./_portal.mjs";

const SHAPES = ["chrome", "narrative", "tables", "rows", "scripts"];
const SIZES_MB = [4, 16, 52];
const before = process.env.IMPORTER_BEFORE;

const dir = mkdtempSync(join(tmpdir(), "xxgk-import-memory-"));
/** One import of `file` in a fresh process: `{ inputMB, ms, addedMB, placed }`. */
function measure(file, importer) {
  const args = ["--expose-gc", new URL("_import-memory.mjs", import.meta.url).pathname, file];
  if (importer) args.push(importer);
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (r.status !== 0) return { failed: (r.stderr.trim().split("\n").at(-1) ?? "") || `exit ${r.status}` };
  return JSON.parse(r.stdout);
}
const mb = (m) => (m.failed ? `failed: ${m.failed}` : `${m.addedMB.toFixed(0)} MB`);
const times = (m) => (m.failed ? "-" : `${(m.addedMB / m.inputMB).toFixed(1)}×`);
const secs = (m) => (m.failed ? "-" : (m.ms / 1000).toFixed(1));

const rows = [];
let bad = 0;
try {
  for (const shape of SHAPES) {
    for (const size of SIZES_MB) {
      const file = join(dir, `${shape}-${size}.html`);
      writeFileSync(file, grownPage(shape, size * 2 ** 20));
      const now = measure(file);
      if (now.failed || now.placed !== 200) bad++;
      const row = [shape, `${size} MB`, mb(now), times(now), secs(now)];
      if (before) {
        const then = measure(file, before);
        row.push(mb(then), times(then), secs(then));
      }
      rows.push(row);
      rmSync(file);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `peak resident memory an import adds, per page shape and size; a fresh process each; Node ${process.version}\n\n`,
);
table(
  [
    "page grown by",
    "input",
    "added",
    "× input",
    "s",
    ...(before ? ["added (before)", "× input (before)", "s (before)"] : []),
  ],
  rows,
);
if (bad > 0) {
  process.stderr.write(`${bad} imports failed or did not read the whole report\n`);
  process.exit(1);
}
