// Whether an import diagnostic speaks for a cell: shared by the PDF tests and bench/pdf-corpus.mjs, which
// both count a blank cell as explained only when a diagnostic covers it. A plain script module (with
// _covers.d.mts for its types), so the corpus script runs without a build step.

/** Row-level diagnostics: they point at the row's first cell and speak for the whole row. */
export const ROW_CODES = new Set([
  "row-missing",
  "missing-cells",
  "unplaced",
  "placed-by-arithmetic",
  "group-as-one-row",
  "duplicate-row",
  "label-approximate",
  "header-mismatch",
]);

/** Whether diagnostic `d` speaks for the cell at `pointer`: its own, its row's, or its whole table's. */
export function covers(d, pointer) {
  if (!d.pointer) return false;
  if (d.pointer === pointer || pointer.startsWith(`${d.pointer}/`)) return true;
  const row = pointer.split("/").slice(0, 4).join("/");
  return ROW_CODES.has(d.code) && d.pointer.startsWith(`${row}/`);
}
