// bench/pdf-corpus (`pnpm corpus` at the root): imports every PDF of the real published reports kept
// outside the project (`../shared/real-reports` from the project root, or XXGK_REAL_REPORTS) and scores
// each against its hand-checked truth file: cells right, cells left blank with a diagnostic on that
// cell, and cells wrong or blank without one — the number that must be 0. It also runs the folder's own
// score.py on `xxgk cells --format json`, and `xxgk validate` on each imported report. The files are
// never copied into the project; without the folder it says so and does nothing. Needs a build.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stringifyReport } from "@xxgk/core-model";
import { importReport } from "@xxgk/importer";
import { covers } from "../packages/importer/scripts/_covers.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const candidates = [
  process.env.XXGK_REAL_REPORTS,
  join(root, "..", "shared", "real-reports"),
  join(root, "..", "..", "shared", "real-reports"),
].filter(Boolean);
const folder = candidates.find((d) => existsSync(d));
if (!folder) {
  process.stdout.write(
    `No real reports here: none of ${candidates.join(", ")} exists (set XXGK_REAL_REPORTS to a folder of *.pdf with *.truth.json). Nothing measured.\n`,
  );
  process.exit(0);
}
const cli = join(root, "packages", "cli", "dist", "bin.js");
const tmp = mkdtempSync(join(tmpdir(), "xxgk-corpus-"));

const norm = (s) =>
  String(s ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, "");
// The truth files' keys, as score.py builds them: table, the row's leaf label, the column's (table 四:
// its last two levels).
function key(table, row, column) {
  const parts = String(column ?? "")
    .split(" / ")
    .filter(Boolean);
  const col = table === "四" ? norm(parts.slice(-2).join("/")) : norm(parts.at(-1) ?? "");
  return `${table}|${
    table === "四"
      ? ""
      : norm(
          String(row ?? "")
            .split(" / ")
            .at(-1),
        )
  }|${col}`;
}
const pdfs = readdirSync(folder)
  .filter((f) => f.toLowerCase().endsWith(".pdf"))
  .sort();
process.stdout.write(`Real reports in ${folder}: ${pdfs.length} PDF(s)\n\n`);
const rows = [
  ["file", "cells", "right", "blank+diag", "WRONG/undiagnosed", "score.py", "validate errors", "ms"],
];
let bad = 0;
for (const f of pdfs) {
  const path = join(folder, f);
  const truthPath = path.replace(/\.pdf$/i, ".truth.json");
  const t0 = performance.now();
  const result = await importReport(new Uint8Array(readFileSync(path)), { fileName: f });
  const ms = Math.round(performance.now() - t0);
  if (!result.report) {
    const why = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    rows.push([f, "-", "-", "-", "no report", "-", "-", ms]);
    process.stdout.write(`${f}: no report (${why.join(", ")})\n`);
    bad++;
    continue;
  }
  const json = join(tmp, `${f}.json`);
  writeFileSync(json, stringifyReport(result.report));
  const cellsJson = execFileSync(process.execPath, [cli, "cells", json, "--format", "json"], {
    encoding: "utf8",
  });
  const cells = JSON.parse(cellsJson);
  const list = Array.isArray(cells) ? cells : cells.cells;
  const byKey = new Map(list.map((c) => [key(c.table, c.row, c.column), c]));
  const validate = spawnSync(process.execPath, [cli, "validate", json, "--format", "json"], {
    encoding: "utf8",
  });
  const findings = JSON.parse(validate.stdout || "{}");
  const validateErrors = JSON.stringify(findings).match(/"severity":"error"/g)?.length ?? 0;
  if (!existsSync(truthPath)) {
    rows.push([f, "-", "-", "-", "no truth file", "-", validateErrors, ms]);
    continue;
  }
  const truth = JSON.parse(readFileSync(truthPath, "utf8"));
  let right = 0;
  let explained = 0;
  const wrong = [];
  for (const t of truth.cells) {
    const c = byKey.get(key(t.table, t.row, t.table === "四" ? t.column.replace("/", " / ") : t.column));
    if (c && norm(c.raw) === norm(t.raw)) right++;
    else if (c && norm(c.raw) === "" && result.diagnostics.some((d) => covers(d, c.pointer))) explained++;
    else
      wrong.push(
        `${t.table}|${t.row}|${t.column}: want ${JSON.stringify(t.raw)} got ${JSON.stringify(c?.raw ?? "<missing>")}`,
      );
  }
  const cellsFile = join(tmp, `${f}.cells.json`);
  writeFileSync(cellsFile, cellsJson);
  const scored = spawnSync("python3", [join(folder, "score.py"), truthPath, cellsFile], { encoding: "utf8" });
  const scoreLine = (scored.stdout || scored.stderr || "").trim().split("\n").at(-1) ?? "?";
  rows.push([f, truth.cells.length, right, explained, wrong.length, scoreLine, validateErrors, ms]);
  if (wrong.length > 0) bad++;
  for (const w of wrong.slice(0, 10)) process.stdout.write(`  ${f}: ${w}\n`);
}
rmSync(tmp, { recursive: true, force: true });
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const r of rows) {
  process.stdout.write(
    `${r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ")}\n`,
  );
}
process.stdout.write(
  bad === 0
    ? "\nEvery cell right, or blank with a diagnostic on it; 0 wrong without a diagnostic.\n"
    : `\n${bad} file(s) with cells wrong or blank without a diagnostic.\n`,
);
process.exit(bad === 0 ? 0 : 1);
