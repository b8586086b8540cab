/**
 * The indicators an evaluator compares across bodies and years, defined once as data: each names the
 * cells it adds up (a row of table 三 may be a group, meaning the sum of its items) and, for a rate, the
 * cells of its denominator. Labels in formulas are read from core-model's layout, never typed here.
 */
import {
  type Cell,
  type CellKey,
  EDITION_DEFS,
  type EditionId,
  type HeadDef,
  layoutOf,
  type Report,
} from "@xxgk/core-model";

/** A text in both languages. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

/** One indicator: a count (a sum of cells) or a rate (a sum over a sum). */
export interface IndicatorDef {
  /** Stable id (the key in review.json and the 指标 sheet). */
  readonly id: string;
  readonly label: Text;
  readonly kind: "count" | "rate";
  /** Cell keys `table.row.column`; a row of table 三 that is a group (`withheld`) stands for its items. */
  readonly numerator: readonly CellKey[];
  /** Rates only. */
  readonly denominator?: readonly CellKey[];
}

/** What a blank does in every indicator (the README's table repeats it). */
export const BLANK_RULE: Text = {
  zh: "空白和“-”按 0 计（与校验规则相同），该值标注“含空白”；所读单元格全部为空白或“-”时无值；比率的分母为 0 时无值；有无法识别的单元格时无值",
  en: 'blanks and "-" count as 0 (as in the validators) and the value is marked as reading blanks; no value when every cell read is blank or "-", when a rate\'s denominator is 0, or when a cell read is unreadable',
};

const t3 = (row: string) => `applications.${row}.total`;

/** The indicators, in the order the page and the workbook show them. */
export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: "newlyReceived",
    label: { zh: "新收申请数", en: "applications received" },
    kind: "count",
    numerator: [t3("newlyReceived")],
  },
  {
    id: "concluded",
    label: { zh: "办结数", en: "applications concluded" },
    kind: "count",
    numerator: [t3("resultsTotal")],
  },
  {
    id: "disclosureRate",
    label: { zh: "予以公开率", en: "disclosure rate" },
    kind: "rate",
    numerator: [t3("disclosed"), t3("partiallyDisclosed")],
    denominator: [t3("resultsTotal")],
  },
  {
    id: "withheldShare",
    label: { zh: "不予公开占比", en: "share withheld" },
    kind: "rate",
    numerator: [t3("withheld")],
    denominator: [t3("resultsTotal")],
  },
  {
    id: "unavailableShare",
    label: { zh: "无法提供占比", en: "share unavailable" },
    kind: "rate",
    numerator: [t3("unavailable")],
    denominator: [t3("resultsTotal")],
  },
  {
    id: "notHeldShare",
    label: { zh: "本机关不掌握占比", en: "share not held by the organ" },
    kind: "rate",
    numerator: [t3("notHeld")],
    denominator: [t3("resultsTotal")],
  },
  {
    id: "notProcessedShare",
    label: { zh: "不予处理占比", en: "share not processed" },
    kind: "rate",
    numerator: [t3("notProcessed")],
    denominator: [t3("resultsTotal")],
  },
  {
    id: "carryForwardRate",
    label: { zh: "结转率", en: "carried-forward rate" },
    kind: "rate",
    numerator: [t3("carriedForward")],
    denominator: [t3("newlyReceived"), t3("carriedOver")],
  },
  {
    id: "reconsiderationCorrection",
    label: { zh: "行政复议纠错率", en: "administrative review correction rate" },
    kind: "rate",
    numerator: ["review.reconsideration.corrected"],
    denominator: [
      "review.reconsideration.upheld",
      "review.reconsideration.corrected",
      "review.reconsideration.otherOutcome",
    ],
  },
  {
    id: "litigationCorrection",
    label: { zh: "行政诉讼纠错率", en: "litigation correction rate" },
    kind: "rate",
    numerator: ["review.direct.corrected", "review.afterReconsideration.corrected"],
    denominator: [
      "review.direct.upheld",
      "review.direct.corrected",
      "review.direct.otherOutcome",
      "review.afterReconsideration.upheld",
      "review.afterReconsideration.corrected",
      "review.afterReconsideration.otherOutcome",
    ],
  },
];

function findRow(rows: readonly HeadDef[], key: string): HeadDef | undefined {
  for (const r of rows) {
    if (r.key === key) return r;
    const inner = r.children ? findRow(r.children, key) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

const leaves = (h: HeadDef): HeadDef[] => (h.children ? h.children.flatMap(leaves) : [h]);

/** The cell keys a term stands for in an edition: itself, or a group row of table 三's items. */
export function expandTerm(edition: EditionId, key: CellKey): CellKey[] {
  const [table, row, column] = key.split(".") as [string, string, string];
  if (table !== "applications") return [key];
  const head = findRow(EDITION_DEFS[edition].applicationRows, row);
  if (head === undefined) throw new RangeError(`no row "${row}" in the ${edition} edition's table 三`);
  return leaves(head).map((l) => `${table}.${l.key}.${column}`);
}

// "（二）部分公开（区分处理的，…）" → "（二）部分公开": a label without the explanation it ends with.
const shortLabel = (label: string) => label.replace(/(.+?)（[^（]*）$/, "$1");

/** A term's official label: table 三's row (its column is always 总计; Σ before a group: the sum of its items), or table 四's group / outcome. */
function termLabel(edition: EditionId, key: CellKey): string {
  const [table, row] = key.split(".") as [string, string];
  if (table === "applications") {
    const head = findRow(EDITION_DEFS[edition].applicationRows, row)!;
    return `${head.children ? "Σ" : ""}${shortLabel(head.label)}`;
  }
  const def = layoutOf(edition).byKey.get(key)!;
  return def.colLabels.slice(def.colLabels.length > 2 ? 1 : 0).join("·");
}

const sum = (edition: EditionId, keys: readonly CellKey[]) => {
  const parts = keys.map((k) => termLabel(edition, k));
  return parts.length > 1 ? `（${parts.join(" + ")}）` : parts[0]!;
};

/** The formula of an indicator in words, with the official labels of the edition (table 三: the 总计 column). */
export function formulaOf(def: IndicatorDef, edition: EditionId = "2021"): string {
  const num = sum(edition, def.numerator);
  if (def.denominator === undefined)
    return def.numerator[0]!.startsWith("applications.") ? `${num}（“总计”列）` : num;
  return `${num} ÷ ${sum(edition, def.denominator)}`;
}

/** An indicator's value for one report, and why it has none when it has none. */
export interface IndicatorValue {
  /** A count, or a rate between 0 and 1; `null` when there is none (see `status`). */
  readonly value: number | null;
  readonly status: "ok" | "no-data" | "no-denominator" | "unreadable";
  /** How many of the cells read are blank or "-" (counted as 0). */
  readonly blanks: number;
}

function cellOf(report: Report, key: CellKey): Cell {
  const [table, row, column] = key.split(".") as [keyof Report["tables"], string, string];
  return report.tables[table][row]![column]!;
}

interface Sum {
  value: number;
  cells: number;
  blanks: number;
  invalid: boolean;
}

function add(report: Report, keys: readonly CellKey[]): Sum {
  const s: Sum = { value: 0, cells: 0, blanks: 0, invalid: false };
  for (const term of keys) {
    for (const key of expandTerm(report.edition, term)) {
      const c = cellOf(report, key);
      s.cells++;
      if (c.status === "invalid") s.invalid = true;
      else if (c.status !== "number") s.blanks++;
      else s.value += c.value ?? 0;
    }
  }
  return s;
}

/** One indicator of one report (see {@link BLANK_RULE}). */
export function indicatorValue(def: IndicatorDef, report: Report): IndicatorValue {
  const n = add(report, def.numerator);
  const d = def.denominator === undefined ? undefined : add(report, def.denominator);
  const blanks = n.blanks + (d?.blanks ?? 0);
  if (n.invalid || d?.invalid) return { value: null, status: "unreadable", blanks };
  if (blanks === n.cells + (d?.cells ?? 0)) return { value: null, status: "no-data", blanks };
  if (d === undefined) return { value: n.value, status: "ok", blanks };
  if (d.value === 0) return { value: null, status: "no-denominator", blanks };
  return { value: n.value / d.value, status: "ok", blanks };
}

/** Every indicator of a report, by id. */
export function indicatorsOf(report: Report): Record<string, IndicatorValue> {
  return Object.fromEntries(INDICATORS.map((d) => [d.id, indicatorValue(d, report)]));
}

/** This year's value minus last year's (a rate's in its own units: 0.05 is 5 percentage points), or `null`. */
export function change(current: IndicatorValue, previous: IndicatorValue | undefined): number | null {
  if (previous === undefined || current.value === null || previous.value === null) return null;
  return current.value - previous.value;
}
