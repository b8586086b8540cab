// Everything the importer matches against, derived once per edition from core-model's layout data.
import {
  APPLICATIONS_CORNER_NOTE,
  type CellDef,
  EDITION_DEFS,
  EDITIONS,
  type EditionId,
  type HeadDef,
  layoutOf,
  PROACTIVE_ROW_HEADER,
  type TableId,
} from "@xxgk/core-model";
import { LabelIndex } from "./_labels.js";
import { normalizeLabel } from "./_normalize.js";

/** What a label in a table names. */
export type TableLabel =
  | { readonly kind: "row"; readonly row: string }
  /** A label over several rows; `rows`: the row keys under it, in order. */
  | { readonly kind: "group"; readonly rows: readonly string[] }
  | { readonly kind: "caption"; readonly subTable: string }
  | { readonly kind: "column" };

/** A table's labels and value cells as the importer needs them. */
export interface TableScope {
  readonly id: TableId;
  readonly labels: LabelIndex<TableLabel>;
  /** The official labels {@link labels} matches, as written in the format. */
  readonly entries: readonly { readonly label: string; readonly item: TableLabel }[];
  /** Value cells of each row key in official order (table 四: the single row `""`). */
  readonly rowCells: ReadonlyMap<string, readonly CellDef[]>;
  /** Row keys in official order. */
  readonly rowOrder: readonly string[];
  /** Proactive rows → their sub-table key. */
  readonly subTableOf: ReadonlyMap<string, string>;
  /** All header labels of the table, normalised and concatenated: text-copy header fragments are substrings of it. */
  readonly headerText: string;
}

/** One edition's scopes. */
export interface EditionScope {
  readonly edition: EditionId;
  readonly tables: Readonly<Record<TableId, TableScope>>;
  /** Normalised labels only this edition has (for detecting the edition). */
  readonly markers: readonly string[];
}

/** The row key table 四's single data row is stored under in {@link TableScope.rowCells}. */
export const REVIEW_ROW = "";

function heads(
  hs: readonly HeadDef[],
  out: { label: string; leaf: boolean; key: string; leaves: string[] }[] = [],
) {
  for (const h of hs) {
    out.push({ label: h.label, leaf: !h.children, key: h.key, leaves: leavesOf(h) });
    if (h.children) heads(h.children, out);
  }
  return out;
}

function leavesOf(h: HeadDef): string[] {
  return h.children ? h.children.flatMap(leavesOf) : [h.key];
}

function build(edition: EditionId): EditionScope {
  const def = EDITION_DEFS[edition];
  const layout = layoutOf(edition);
  const rowCells = (table: TableId): Map<string, CellDef[]> => {
    const m = new Map<string, CellDef[]>();
    for (const c of layout.tables[table].cells) {
      const row = table === "review" ? REVIEW_ROW : c.path[0];
      m.set(row, [...(m.get(row) ?? []), c]);
    }
    return m;
  };

  const pLabels: { label: string; item: TableLabel }[] = [];
  const subTableOf = new Map<string, string>();
  const pHeader: string[] = [PROACTIVE_ROW_HEADER];
  for (const sub of def.proactive) {
    pLabels.push({ label: sub.caption, item: { kind: "caption", subTable: sub.key } });
    for (const r of sub.rows) {
      pLabels.push({ label: r.label, item: { kind: "row", row: r.key } });
      subTableOf.set(r.key, sub.key);
    }
    for (const c of sub.columns) pHeader.push(c.label);
  }
  for (const h of new Set(pHeader)) pLabels.push({ label: h, item: { kind: "column" } });
  pHeader.push(...def.proactive.map((sub) => sub.caption));

  const aLabels: { label: string; item: TableLabel }[] = [];
  for (const h of heads(def.applicationRows)) {
    aLabels.push({
      label: h.label,
      item: h.leaf ? { kind: "row", row: h.key } : { kind: "group", rows: h.leaves },
    });
  }
  const aHeader = [APPLICATIONS_CORNER_NOTE, ...heads(def.applicationColumns).map((h) => h.label)];
  for (const h of new Set(aHeader)) aLabels.push({ label: h, item: { kind: "column" } });

  const rHeader = [...new Set(heads(def.reviewColumns).map((h) => h.label))];
  const rLabels = rHeader.map((label) => ({ label, item: { kind: "column" } as TableLabel }));

  const scope = (
    id: TableId,
    labels: { label: string; item: TableLabel }[],
    header: string[],
  ): TableScope => {
    const cells = rowCells(id);
    return {
      id,
      labels: new LabelIndex(labels),
      entries: labels,
      rowCells: cells,
      rowOrder: [...cells.keys()],
      subTableOf,
      headerText: header.map(normalizeLabel).join("|"),
    };
  };
  return {
    edition,
    tables: {
      proactive: scope("proactive", pLabels, pHeader),
      applications: scope("applications", aLabels, aHeader),
      review: scope("review", rLabels, rHeader),
    },
    markers: [],
  };
}

function allLabels(edition: EditionId): Set<string> {
  const def = EDITION_DEFS[edition];
  const out = new Set<string>();
  for (const sub of def.proactive) {
    out.add(sub.caption);
    for (const h of [...sub.rows, ...sub.columns]) out.add(h.label);
  }
  for (const h of heads(def.applicationRows)) out.add(h.label);
  return new Set([...out].map(normalizeLabel));
}

const built = (() => {
  const labels = Object.fromEntries(EDITIONS.map((e) => [e, allLabels(e)])) as Record<EditionId, Set<string>>;
  const out = {} as Record<EditionId, EditionScope>;
  for (const e of EDITIONS) {
    const others = EDITIONS.filter((o) => o !== e).flatMap((o) => [...labels[o]]);
    // A marker must not occur inside any label of another edition (规范性文件 ⊂ 行政规范性文件).
    const markers = [...labels[e]].filter((l) => !others.some((o) => o.includes(l)));
    out[e] = { ...build(e), markers };
  }
  return out;
})();

/** The importer's view of an edition. */
export function scopeOf(edition: EditionId): EditionScope {
  return built[edition];
}
