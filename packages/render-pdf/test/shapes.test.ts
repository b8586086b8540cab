// The nodes handed to pdfmake share V8 hidden classes ("maps"). pdfmake adds a dozen properties to every
// table cell and table as it measures and lays them out; when the nodes were spread copies of a shared
// base (`{ ...base, text }`), each one had a map V8 could not share, every added property made another new
// map, and a report left thousands of them behind: garbage in the old generation, full collections that
// threw away compiled code, and a render a third slower. Checked in a child process, since it takes V8's
// %HaveSameMap, which only exists under --allow-natives-syntax; it loads the built package (tests run after
// the build).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = new URL("../dist/index.js", import.meta.url).href;
const packageDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds the document of both examples in both presets, adds to every table cell and table node the
 * properties pdfmake adds (same order for all), and prints, per kind of node, how many there were and how
 * many maps they had among nodes with the same own keys.
 */
const script = `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport } from "@xxgk/core-model";
import { buildDocDefinition } from ${JSON.stringify(dist)};
import { loadNodeFonts } from ${JSON.stringify(dist.replace(/index\.js$/, "node.js"))};
const fonts = await loadNodeFonts();
const require = createRequire(${JSON.stringify(`${packageDir}/package.json`)});
const report = (name) =>
  parseReport(JSON.parse(readFileSync(require.resolve("@xxgk/core-model/examples/" + name + ".json"), "utf8"))).report;
const cells = [];
const tables = [];
const walk = (n) => {
  if (Array.isArray(n)) return n.forEach(walk);
  if (n === null || typeof n !== "object") return;
  if (n.table) {
    tables.push(n);
    for (const row of n.table.body) for (const cell of row) if (Object.keys(cell).length > 0) cells.push(cell);
  }
  if (n.stack) walk(n.stack);
};
for (const name of ["wulin-2020", "example-2021"])
  for (const preset of ["official", "compact"]) walk(buildDocDefinition(report(name), { preset, fonts }).content);
const ADDED = ["fillColor", "fillOpacity", "_inlines", "_minWidth", "_maxWidth", "_margin", "_rowTopPageY", "_bottomY"];
const TABLE_ADDED = ["_offsets", "_layout", "_minWidth", "_maxWidth", "_margin", "positions", "resetXY", "nodeInfo"];
const shapes = (nodes, added) => {
  const byKeys = new Map();
  for (const n of nodes) {
    const k = Object.keys(n).join(",");
    if (!byKeys.has(k)) byKeys.set(k, []);
    byKeys.get(k).push(n);
  }
  for (const n of nodes) for (const p of added) n[p] = 0;
  let maps = 0;
  for (const group of byKeys.values()) {
    const seen = [];
    for (const n of group) if (!seen.some((m) => %HaveSameMap(m, n))) seen.push(n);
    maps += seen.length;
  }
  return { nodes: nodes.length, keySets: byKeys.size, maps };
};
process.stdout.write(JSON.stringify({ cells: shapes(cells, ADDED), tables: shapes(tables, TABLE_ADDED) }));
`;

describe("the nodes given to pdfmake", () => {
  it("share one map per set of keys, also after pdfmake adds its properties", () => {
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], {
      cwd: packageDir,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const { cells, tables } = JSON.parse(r.stdout) as Record<
      "cells" | "tables",
      { nodes: number; keySets: number; maps: number }
    >;
    // Hundreds of cells of a handful of kinds (value or label, with a centring margin or without)…
    expect(cells.nodes).toBeGreaterThan(500);
    expect(cells.keySets).toBeLessThanOrEqual(6);
    // …and as many maps as kinds, not one per cell.
    expect(cells.maps).toBe(cells.keySets);
    expect(tables.nodes).toBeGreaterThan(10);
    expect(tables.maps).toBe(tables.keySets);
  });
});
