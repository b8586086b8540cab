import {
  BLANK,
  type Cell,
  type CellDef,
  type CellKey,
  EDITION_DEFS,
  EDITIONS,
  type EditionId,
  type HeadDef,
  layoutOf,
  type Report,
} from "@xxgk/core-model";

/** A cell of an edition resolved once: where it is stored, its pointer and its place in official order. */
export interface Slot {
  readonly def: CellDef;
  readonly table: CellDef["table"];
  readonly row: string;
  readonly col: string;
}

const slots = new Map<EditionId, Map<CellKey, Slot>>(
  EDITIONS.map((e) => [
    e,
    new Map(
      layoutOf(e).cells.map((def) => [
        def.key,
        { def, table: def.table, row: def.path[0], col: def.path[1] },
      ]),
    ),
  ]),
);

const ordered = new Map<EditionId, readonly Slot[]>(EDITIONS.map((e) => [e, [...slots.get(e)!.values()]]));

/** Every slot of an edition in official order. */
export function slotsOf(edition: EditionId): readonly Slot[] {
  return ordered.get(edition)!;
}

/** The slot of a cell key; throws on a key the edition lacks, so a wrong rule declaration fails at load. */
export function slotOf(edition: EditionId, key: CellKey): Slot {
  const s = slots.get(edition)?.get(key);
  if (!s) throw new RangeError(`rule declaration names "${key}", which the ${edition} edition lacks`);
  return s;
}

interface RowPlan {
  readonly row: string;
  readonly cols: readonly { readonly col: string; readonly index: number }[];
}
interface TablePlan {
  readonly table: CellDef["table"];
  readonly rows: readonly RowPlan[];
}

// Reading a report walks each table and row object once: keyed lookups on zod's output objects are the
// engine's main cost, so every cell is fetched once per run and rules index the array.
const plans = new Map<EditionId, readonly TablePlan[]>(
  EDITIONS.map((e) => {
    const tables = layoutOf(e).tables;
    return [
      e,
      (["proactive", "applications", "review"] as const).map((table) => ({
        table,
        rows: Object.entries(tables[table].shape).map(([row, cols]) => ({
          row,
          cols: cols.map((col) => ({ col, index: slots.get(e)!.get(`${table}.${row}.${col}`)!.def.index })),
        })),
      })),
    ];
  }),
);

/** Every cell of a report, indexed by its official position (`CellDef.index`); missing cells are blank. */
export function readCells(report: Report): Cell[] {
  const out = new Array<Cell>(layoutOf(report.edition).cells.length);
  for (const t of plans.get(report.edition)!) {
    const table = report.tables[t.table];
    for (const r of t.rows) {
      const row = table[r.row];
      for (const c of r.cols) out[c.index] = row?.[c.col] ?? BLANK;
    }
  }
  return out;
}

/** A short official label of a cell: `四、结转下年度继续办理（自然人）`, `规章（本年制发件数）`. */
export function cellLabel(def: CellDef): string {
  if (def.table === "review") return def.colLabels.join("/");
  // Table 二's rows are unique without their caption; table 三's leaves need their group (（三）不予公开1.…).
  const row =
    def.table === "proactive"
      ? def.rowLabels.slice(-1)
      : def.rowLabels.length > 1
        ? def.rowLabels.slice(1)
        : def.rowLabels;
  return `${row.join("")}（${def.colLabels[def.colLabels.length - 1]}）`;
}

/** The label of a cell key of an edition. */
export function labelOf(edition: EditionId, key: CellKey): string {
  return cellLabel(slotOf(edition, key).def);
}

function leaves(h: HeadDef): string[] {
  return h.children ? h.children.flatMap(leaves) : [h.key];
}

/** Row keys of table 三 (`newlyReceived` … `carriedForward`), in order. */
export function applicationRows(edition: EditionId): string[] {
  return EDITION_DEFS[edition].applicationRows.flatMap(leaves);
}

/** The result rows that add up to （七）总计: every leaf of 三、本年度办理结果 except the total itself. */
export function resultRows(edition: EditionId): string[] {
  const results = EDITION_DEFS[edition].applicationRows.find((r) => r.key === "results");
  if (!results) throw new Error(`the ${edition} edition has no 三、本年度办理结果`);
  return leaves(results).filter((k) => k !== "resultsTotal");
}

/**
 * The result rows of a group of 三、本年度办理结果 (`withheld` → （三）1–8, `otherHandling` → （六）1–3 in
 * 2021, the row itself in 2019), or of a single result row.
 */
export function resultGroup(edition: EditionId, key: string): string[] {
  const find = (hs: readonly HeadDef[]): HeadDef | undefined => {
    for (const h of hs) {
      if (h.key === key) return h;
      const inner = h.children ? find(h.children) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  const head = find(EDITION_DEFS[edition].applicationRows);
  if (!head) throw new Error(`the ${edition} edition has no result row or group "${key}"`);
  return leaves(head);
}

/** Column keys of table 三: the six applicant columns then `total`. */
export function applicationColumns(edition: EditionId): string[] {
  return EDITION_DEFS[edition].applicationColumns.flatMap(leaves);
}

/** Every cell key of an edition, in official order. */
export function allKeys(edition: EditionId): CellKey[] {
  return layoutOf(edition).cells.map((c) => c.key);
}

/** Builds a per-edition record. */
export function perEdition<T>(f: (e: EditionId) => T): Record<EditionId, T> {
  return { "2019": f("2019"), "2021": f("2021") };
}
