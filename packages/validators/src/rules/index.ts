import { type CellKey, EDITIONS, type EditionId } from "@xxgk/core-model";
import type { RuleDef } from "../types.js";
import type { RuleImpl } from "./_rule.js";
import { cellBlank, cellTooLarge, cellUnreadable, counts, tableBlankColumn, tableBlanks } from "./cells.js";
import { xCarryOver, xItems, xPrevious, xPublished, xStock } from "./cross-year.js";
import { deadline, edition, schema, sections } from "./document.js";
import { t3Balance, t3ResultsTotal, t3RowTotal } from "./table3.js";
import { t4Total } from "./table4.js";
import { textFees, textNumbers, textPercent, textUpheld, textYear } from "./text.js";

/** Every rule, in the order of FORMAT.md §6, then the rules this package adds. */
export const IMPLS: readonly RuleImpl[] = [
  t3Balance,
  t3ResultsTotal,
  t3RowTotal,
  t4Total,
  counts,
  edition,
  xCarryOver,
  xStock,
  xItems,
  textNumbers,
  textYear,
  sections,
  deadline,
  schema,
  cellUnreadable,
  cellBlank,
  xPrevious,
  cellTooLarge,
  tableBlanks,
  tableBlankColumn,
  textPercent,
  textUpheld,
  textFees,
  xPublished,
];

/** The rule declarations as data: id, severity, kind, description (zh/en) and the cells read per edition. */
export const RULES: readonly RuleDef[] = IMPLS.map((r) => r.def);

/** Whose cells: this year's report (`current`), last year's (`previous`), or either (`any`). */
export type ReadRole = "current" | "previous" | "any";

function index(role: "current" | "previous"): Record<EditionId, Map<CellKey, string[]>> {
  const out = {} as Record<EditionId, Map<CellKey, string[]>>;
  for (const e of EDITIONS) {
    const m = new Map<CellKey, string[]>();
    for (const r of RULES) {
      const keys = role === "current" ? r.reads[e] : (r.readsPrevious?.[e] ?? []);
      for (const k of keys) {
        const ids = m.get(k) ?? [];
        if (!ids.includes(r.id)) ids.push(r.id);
        m.set(k, ids);
      }
    }
    out[e] = m;
  }
  return out;
}

const readers = { current: index("current"), previous: index("previous") };

/**
 * The ids of the rules that read a cell, in {@link RULES} order. By default the cell is one of this year's
 * report; `previous` asks which cross-year rules read it when the report is last year's, `any` both.
 */
export function rulesReading(edition: EditionId, cellKey: CellKey, role: ReadRole = "current"): string[] {
  const current = role === "previous" ? [] : (readers.current[edition]?.get(cellKey) ?? []);
  const previous = role === "current" ? [] : (readers.previous[edition]?.get(cellKey) ?? []);
  if (previous.length === 0) return [...current];
  const all = new Set([...current, ...previous]);
  return RULES.map((r) => r.id).filter((id) => all.has(id));
}
