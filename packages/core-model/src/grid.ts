import {
  APPLICATIONS_CORNER_NOTE,
  type CellKind,
  EDITION_DEFS,
  type EditionId,
  type HeadDef,
  PROACTIVE_ROW_HEADER,
  SECTIONS,
  type SectionDef,
  type TableId,
} from "./layout.js";
import { pointerOf } from "./pointer.js";

/** A cell's key: `table.row.column`, e.g. `applications.stateSecret.naturalPerson`. */
export type CellKey = string;

/** Everything about one value cell of an edition's tables. */
export interface CellDef {
  /** `table.row.column`, unique within an edition; also the `data-cell` of rendered HTML. */
  readonly key: CellKey;
  readonly table: TableId;
  /** Storage path under `/tables/<table>`: `[row, column]` (table 四: `[group, outcome]`). */
  readonly path: readonly [string, string];
  /** JSON pointer into a report document, e.g. `/tables/applications/stateSecret/naturalPerson`. */
  readonly pointer: string;
  /** Official row label path, outermost first (empty for table 四). */
  readonly rowLabels: readonly string[];
  /** Official column label path, outermost first. */
  readonly colLabels: readonly string[];
  /** Ids of the header cells that describe this cell (rows first), for `th`/`headers` and tests. */
  readonly headers: readonly string[];
  readonly kind: CellKind;
  /** Unit the header states (only `万元` for the 2021 收费金额). */
  readonly unit?: string;
  /** Position in official reading order across all three tables (0-based). */
  readonly index: number;
}

/** The role of a cell of the official merged-cell grid. */
export type GridRole = "corner" | "caption" | "colhead" | "rowhead" | "value";

/** One cell of a table's official grid, placed in the grid row where it starts (as in HTML). */
export interface GridCell {
  readonly role: GridRole;
  /** The official label (empty for value cells). */
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Header id, unique within the table (`applications.row.results.withheld`), for `id`/`headers`. */
  readonly id?: string;
  /** For value cells: the cell key. */
  readonly cell?: CellKey;
  /** Header ids that describe this cell (value cells and nested header cells). */
  readonly headers: readonly string[];
  /** For header cells: what they label. */
  readonly scope?: "col" | "colgroup" | "row" | "rowgroup";
}

/** A row of the official grid: `head` rows repeat on every page; `caption` rows start a sub-table. */
export interface GridRow {
  readonly part: "head" | "body";
  readonly cells: readonly GridCell[];
}

/** A table laid out in the official merged-cell grid, with its value cells in reading order. */
export interface TableLayout {
  readonly id: TableId;
  readonly section: SectionDef;
  /** Number of grid columns. */
  readonly width: number;
  readonly rows: readonly GridRow[];
  readonly cells: readonly CellDef[];
  /** Storage keys: row (or group) key → its column keys, in order. */
  readonly shape: Readonly<Record<string, readonly string[]>>;
}

/** One edition compiled: its tables' grids and all value cells in official order. */
export interface EditionLayout {
  readonly id: EditionId;
  readonly name: string;
  readonly issuedBy: string;
  readonly tables: Readonly<Record<TableId, TableLayout>>;
  /** All value cells, tables 二, 三, 四 in official reading order. */
  readonly cells: readonly CellDef[];
  /** Cell key → definition. */
  readonly byKey: ReadonlyMap<CellKey, CellDef>;
  /** JSON pointer → definition. */
  readonly byPointer: ReadonlyMap<string, CellDef>;
}

interface Flat {
  readonly def: HeadDef;
  readonly id: string;
  readonly depth: number;
  readonly leaves: number;
  readonly ancestors: readonly Flat[];
}

function leafCount(h: HeadDef): number {
  return h.children ? h.children.reduce((n, c) => n + leafCount(c), 0) : 1;
}

function maxDepth(hs: readonly HeadDef[]): number {
  return hs.reduce((m, h) => Math.max(m, 1 + (h.children ? maxDepth(h.children) : 0)), 0);
}

function flatten(hs: readonly HeadDef[], prefix: string, ancestors: readonly Flat[] = []): Flat[] {
  const out: Flat[] = [];
  for (const def of hs) {
    const id = `${prefix}.${def.key}`;
    const f: Flat = { def, id, depth: ancestors.length + 1, leaves: leafCount(def), ancestors };
    out.push(f);
    if (def.children) out.push(...flatten(def.children, id, [...ancestors, f]));
  }
  return out;
}

const section = (table: TableId): SectionDef => SECTIONS.find((s) => s.table === table)!;

/** Column header rows of a header tree: a leaf reaches down to the last header row. */
function columnHeadRows(cols: readonly HeadDef[], prefix: string): { rows: GridCell[][]; leaves: Flat[] } {
  const depth = maxDepth(cols);
  const rows: GridCell[][] = Array.from({ length: depth }, () => []);
  const flat = flatten(cols, prefix);
  for (const f of flat) {
    const leaf = !f.def.children;
    rows[f.depth - 1]!.push({
      role: "colhead",
      text: f.def.label,
      id: f.id,
      rowSpan: leaf ? depth - f.depth + 1 : 1,
      colSpan: f.leaves,
      headers: f.ancestors.map((a) => a.id),
      scope: leaf ? "col" : "colgroup",
    });
  }
  return { rows, leaves: flat.filter((f) => !f.def.children) };
}

interface Builder {
  cells: CellDef[];
  index: number;
}

function cellDef(
  b: Builder,
  table: TableId,
  path: readonly [string, string],
  rowLabels: readonly string[],
  col: Flat,
  rowHeaders: readonly string[],
): CellDef {
  const def: CellDef = {
    key: `${table}.${path[0]}.${path[1]}`,
    table,
    path,
    pointer: pointerOf(["tables", table, path[0], path[1]]),
    rowLabels,
    colLabels: [...col.ancestors.map((a) => a.def.label), col.def.label],
    headers: [...rowHeaders, ...col.ancestors.map((a) => a.id), col.id],
    kind: col.def.kind ?? "count",
    ...(col.def.unit === undefined ? {} : { unit: col.def.unit }),
    index: b.index++,
  };
  b.cells.push(def);
  return def;
}

const valueCell = (c: CellDef, colSpan = 1): GridCell => ({
  role: "value",
  text: "",
  cell: c.key,
  rowSpan: 1,
  colSpan,
  headers: c.headers,
});

function proactiveLayout(edition: EditionId, b: Builder): TableLayout {
  const width = 4;
  const rows: GridRow[] = [];
  const shape: Record<string, string[]> = {};
  const start = b.cells.length;
  for (const sub of EDITION_DEFS[edition].proactive) {
    const capId = `proactive.${sub.key}`;
    rows.push({
      part: "body",
      cells: [
        {
          role: "caption",
          text: sub.caption,
          id: capId,
          rowSpan: 1,
          colSpan: width,
          headers: [],
          scope: "colgroup",
        },
      ],
    });
    const lastSpan = width - sub.columns.length;
    const cols = flatten(sub.columns, capId);
    const headId = `${capId}.rowHeader`;
    rows.push({
      part: "body",
      cells: [
        {
          role: "colhead",
          text: PROACTIVE_ROW_HEADER,
          id: headId,
          rowSpan: 1,
          colSpan: 1,
          headers: [capId],
          scope: "col",
        },
        ...cols.map(
          (c, i): GridCell => ({
            role: "colhead",
            text: c.def.label,
            id: c.id,
            rowSpan: 1,
            colSpan: i === cols.length - 1 ? lastSpan : 1,
            headers: [capId],
            scope: "col",
          }),
        ),
      ],
    });
    for (const row of sub.rows) {
      const rowId = `${capId}.row.${row.key}`;
      shape[row.key] = sub.columns.map((c) => c.key);
      const defs = cols.map((c) =>
        cellDef(b, "proactive", [row.key, c.def.key], [sub.caption, row.label], { ...c, ancestors: [] }, [
          capId,
          rowId,
        ]),
      );
      rows.push({
        part: "body",
        cells: [
          {
            role: "rowhead",
            text: row.label,
            id: rowId,
            rowSpan: 1,
            colSpan: 1,
            headers: [capId],
            scope: "row",
          },
          ...defs.map((d, i) => valueCell(d, i === defs.length - 1 ? lastSpan : 1)),
        ],
      });
    }
  }
  return { id: "proactive", section: section("proactive"), width, rows, cells: b.cells.slice(start), shape };
}

function applicationsLayout(edition: EditionId, b: Builder): TableLayout {
  const def = EDITION_DEFS[edition];
  const labelCols = maxDepth(def.applicationRows);
  const head = columnHeadRows(def.applicationColumns, "applications.col");
  const width = labelCols + head.leaves.length;
  const rows: GridRow[] = head.rows.map((cells, i) => ({
    part: "head",
    cells:
      i === 0
        ? [
            {
              role: "corner",
              text: APPLICATIONS_CORNER_NOTE,
              rowSpan: head.rows.length,
              colSpan: labelCols,
              headers: [],
            },
            ...cells,
          ]
        : cells,
  }));
  const shape: Record<string, string[]> = {};
  const start = b.cells.length;
  const flat = flatten(def.applicationRows, "applications.row");
  // A data row starts with every header cell that opens on it: the group labels whose first leaf it is.
  let pending: GridCell[] = [];
  for (const f of flat) {
    const leaf = !f.def.children;
    pending.push({
      role: "rowhead",
      text: f.def.label,
      id: f.id,
      rowSpan: f.leaves,
      colSpan: leaf ? labelCols - f.depth + 1 : 1,
      headers: f.ancestors.map((a) => a.id),
      scope: leaf ? "row" : "rowgroup",
    });
    if (!leaf) continue;
    shape[f.def.key] = head.leaves.map((c) => c.def.key);
    const rowLabels = [...f.ancestors.map((a) => a.def.label), f.def.label];
    const rowHeaders = [...f.ancestors.map((a) => a.id), f.id];
    const defs = head.leaves.map((c) =>
      cellDef(b, "applications", [f.def.key, c.def.key], rowLabels, c, rowHeaders),
    );
    rows.push({ part: "body", cells: [...pending, ...defs.map((d) => valueCell(d))] });
    pending = [];
  }
  return {
    id: "applications",
    section: section("applications"),
    width,
    rows,
    cells: b.cells.slice(start),
    shape,
  };
}

function reviewLayout(edition: EditionId, b: Builder): TableLayout {
  const head = columnHeadRows(EDITION_DEFS[edition].reviewColumns, "review.col");
  const shape: Record<string, string[]> = {};
  const start = b.cells.length;
  const defs = head.leaves.map((c) => {
    const group = c.ancestors[c.ancestors.length - 1]!.def.key;
    shape[group] = [...(shape[group] ?? []), c.def.key];
    return cellDef(b, "review", [group, c.def.key], [], c, []);
  });
  const rows: GridRow[] = [
    ...head.rows.map((cells): GridRow => ({ part: "head", cells })),
    { part: "body", cells: defs.map((d) => valueCell(d)) },
  ];
  return {
    id: "review",
    section: section("review"),
    width: head.leaves.length,
    rows,
    cells: b.cells.slice(start),
    shape,
  };
}

function compile(edition: EditionId): EditionLayout {
  const b: Builder = { cells: [], index: 0 };
  const tables = {
    proactive: proactiveLayout(edition, b),
    applications: applicationsLayout(edition, b),
    review: reviewLayout(edition, b),
  };
  const d = EDITION_DEFS[edition];
  return {
    id: edition,
    name: d.name,
    issuedBy: d.issuedBy,
    tables,
    cells: b.cells,
    byKey: new Map(b.cells.map((c) => [c.key, c])),
    byPointer: new Map(b.cells.map((c) => [c.pointer, c])),
  };
}

const compiled: Record<EditionId, EditionLayout> = { "2019": compile("2019"), "2021": compile("2021") };

/** The compiled layout of an edition: grids, spans and every value cell. */
export function layoutOf(edition: EditionId): EditionLayout {
  return compiled[edition];
}

/** A grid position after expanding spans: the cell that covers it, and whether it is that cell's origin. */
export interface GridSlot {
  readonly cell: GridCell;
  readonly origin: boolean;
}

/**
 * Expands a table's grid rows into a dense matrix (rows × width): every position names the cell that
 * covers it. Tests compare rendered tables to this; pdfmake needs placeholders at spanned positions.
 */
export function expandGrid(rows: readonly GridRow[], width: number): GridSlot[][] {
  const out: (GridSlot | undefined)[][] = rows.map(() =>
    new Array<GridSlot | undefined>(width).fill(undefined),
  );
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < width && out[r]![c] !== undefined) c++;
      if (c + cell.colSpan > width || r + cell.rowSpan > rows.length) {
        throw new Error(`grid cell "${cell.text || cell.cell}" overflows the table at row ${r}, column ${c}`);
      }
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          out[r + dr]![c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += cell.colSpan;
    }
  });
  return out.map((row, r) =>
    row.map((slot, c) => {
      if (!slot) throw new Error(`grid position row ${r}, column ${c} is not covered`);
      return slot;
    }),
  );
}
