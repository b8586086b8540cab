/**
 * The table equations (勾稽关系) that hold inside one report, as data over cell keys: FORMAT.md §6's
 * T3.balance [F], T3.results-total [D], T3.row-total [D] and T4.total [D]. Defined once, from the
 * layout: the validators check reports against them, the importer uses them to settle what a copy left
 * unclear (which column a value belongs to, how digits run together split into cells).
 */
import { type CellKey, layoutOf } from "./grid.js";
import { EDITION_DEFS, EDITIONS, type EditionId, type HeadDef } from "./layout.js";

/** The ids of the equation rules, as FORMAT.md §6 names them. */
export type TableRuleId = "T3.balance" | "T3.results-total" | "T3.row-total" | "T4.total";

/** The table equation rules in FORMAT.md §6 order. */
export const TABLE_RULES: readonly TableRuleId[] = [
  "T3.balance",
  "T3.results-total",
  "T3.row-total",
  "T4.total",
];

/** One summand of a {@link TableEquation}: a cell, added or subtracted. */
export interface EquationTerm {
  readonly key: CellKey;
  readonly sign: 1 | -1;
}

/**
 * One instance of a rule: `value(about) = Σ sign × value(term)`. `about` is the cell a finding names
 * (the total, or 四、结转下年度继续办理 for the balance).
 */
export interface TableEquation {
  readonly rule: TableRuleId;
  readonly about: CellKey;
  readonly terms: readonly EquationTerm[];
}

const leaves = (h: HeadDef): string[] => (h.children ? h.children.flatMap(leaves) : [h.key]);
const key = (row: string, col: string): CellKey => `applications.${row}.${col}`;

function build(edition: EditionId): readonly TableEquation[] {
  const def = EDITION_DEFS[edition];
  const rows = def.applicationRows.flatMap(leaves);
  const cols = def.applicationColumns.flatMap(leaves);
  const results = def.applicationRows.find((r) => r.key === "results");
  if (!results) throw new Error(`the ${edition} edition has no 三、本年度办理结果`);
  const resultRows = leaves(results).filter((k) => k !== "resultsTotal");
  const out: TableEquation[] = [];
  for (const c of cols) {
    out.push({
      rule: "T3.balance",
      about: key("carriedForward", c),
      terms: [
        { key: key("newlyReceived", c), sign: 1 },
        { key: key("carriedOver", c), sign: 1 },
        { key: key("resultsTotal", c), sign: -1 },
      ],
    });
  }
  for (const c of cols) {
    out.push({
      rule: "T3.results-total",
      about: key("resultsTotal", c),
      terms: resultRows.map((r) => ({ key: key(r, c), sign: 1 as const })),
    });
  }
  for (const r of rows) {
    out.push({
      rule: "T3.row-total",
      about: key(r, "total"),
      terms: cols.filter((c) => c !== "total").map((c) => ({ key: key(r, c), sign: 1 as const })),
    });
  }
  for (const [group, outcomes] of Object.entries(layoutOf(edition).tables.review.shape)) {
    out.push({
      rule: "T4.total",
      about: `review.${group}.total`,
      terms: outcomes
        .filter((c) => c !== "total")
        .map((c) => ({ key: `review.${group}.${c}`, sign: 1 as const })),
    });
  }
  return out;
}

const built = new Map<EditionId, readonly TableEquation[]>(EDITIONS.map((e) => [e, build(e)]));

/** Every table equation of an edition (T3.balance, T3.results-total, T3.row-total, T4.total, in that order), or one rule's. */
export function tableEquations(edition: EditionId, rule?: TableRuleId): readonly TableEquation[] {
  const all = built.get(edition)!;
  return rule === undefined ? all : all.filter((q) => q.rule === rule);
}
