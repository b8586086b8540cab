// One memory measurement of bench/import, in a fresh process so that its peak is its own:
// `node _import-memory.mjs FILE [IMPORTER]` imports FILE's bytes as `xxgk import` does and prints, as
// JSON, the peak resident memory the import added (over what the process held with the bytes read) and
// the time it took. IMPORTER: the importer's built index.js to load (default: this checkout's), so an
// earlier build can be measured beside this one.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [file, importer] = process.argv.slice(2);
const { importReport } = await import(
  importer ? pathToFileURL(importer).href : "../packages/importer/dist/index.js"
);
const bytes = readFileSync(file);
globalThis.gc?.();
const before = process.memoryUsage().rss;
const t0 = performance.now();
const result = await importReport(bytes);
const ms = performance.now() - t0;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({
    inputMB: bytes.length / 2 ** 20,
    ms,
    addedMB: Math.max(0, peak - before) / 2 ** 20,
    placed: result.stats.placed,
  }),
);
