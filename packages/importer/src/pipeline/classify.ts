// Pipeline step 3, table classification: which of the report's three tables a grid is, by the official
// labels its cells hold.
import { type EditionId, parseCellText, type TableId } from "@xxgk/core-model";
import { trimSpace } from "../_normalize.js";
import { scopeOf } from "../_scope.js";
import type { SourceCell } from "../source.js";

/** Which report table a grid is, by the official labels it contains; `undefined` when none. */
export function classifyTable(
  rows: readonly (readonly SourceCell[])[],
  edition: EditionId,
): TableId | undefined {
  const scope = scopeOf(edition);
  // Only text cells can be labels: numbers and blanks are skipped once, not once per table.
  const texts: string[] = [];
  for (const row of rows) {
    for (const c of row) {
      if (c.text.length <= 120 && parseCellText(trimSpace(c.text)).status === "invalid") texts.push(c.text);
    }
  }
  let best: TableId | undefined;
  let bestHits = 0;
  for (const id of ["proactive", "applications", "review"] as const) {
    const labels = scope.tables[id].labels;
    let hits = 0;
    for (const text of texts) {
      const m = labels.matchAll(text);
      if (m.length > 0 && m[0]!.kind !== "approximate") hits += id === "review" ? 0.5 : 1;
    }
    if (hits > bestHits) {
      bestHits = hits;
      best = id;
    }
  }
  return bestHits >= 2 ? best : undefined;
}
