import { type Cell, EDITIONS, type EditionId, type Report } from "@xxgk/core-model";
import { readCells, type Slot, slotOf } from "./_cells.js";
import type { Context, RuleImpl } from "./rules/_rule.js";
import { checkCells } from "./rules/cells.js";
import { IMPLS, RULES, rulesReading } from "./rules/index.js";
import type { BlankPolicy, EditionPair, Equation, Finding } from "./types.js";

interface CompiledTerm {
  readonly slot: Slot;
  readonly sign: number;
  readonly previous: boolean;
}

/** An equation instance resolved to storage slots once, so that evaluating it allocates nothing. */
interface Compiled {
  readonly rule: RuleImpl;
  readonly equation: Equation;
  readonly about: Slot;
  readonly terms: readonly CompiledTerm[];
  readonly related: readonly string[];
  readonly previous: readonly string[];
}

function compile(rule: RuleImpl, eq: Equation, current: EditionId, previous: EditionId): Compiled {
  const terms = eq.terms.map((t) => ({
    slot: slotOf(t.previous ? previous : current, t.key),
    sign: t.sign,
    previous: t.previous === true,
  }));
  const about = slotOf(current, eq.about);
  return {
    rule,
    equation: eq,
    about,
    terms,
    related: terms.filter((t) => !t.previous && t.slot !== about).map((t) => t.slot.def.pointer),
    previous: terms.filter((t) => t.previous).map((t) => t.slot.def.pointer),
  };
}

const equations = new Map<EditionId, Compiled[]>(
  EDITIONS.map((e) => [
    e,
    IMPLS.flatMap((r) =>
      r.def.kind === "equation" ? (r.def.equations?.[e] ?? []).map((q) => compile(r, q, e, e)) : [],
    ),
  ]),
);

const crossYear = new Map<EditionPair, Compiled[]>(
  EDITIONS.flatMap((p) =>
    EDITIONS.map((c): [EditionPair, Compiled[]] => {
      const pair: EditionPair = `${p}>${c}`;
      return [pair, IMPLS.flatMap((r) => (r.def.crossYear?.[pair] ?? []).map((q) => compile(r, q, c, p)))];
    }),
  ),
);

const checks = IMPLS.filter((r) => r.check !== undefined);
const ASSESSED = new Set(RULES.filter((r) => r.kind !== "cell").map((r) => r.id));
const readersOf = new Map(
  EDITIONS.map((e) => [e, (key: string) => rulesReading(e, key).filter((id) => ASSESSED.has(id))]),
);

function evaluate(
  c: Compiled,
  report: Report,
  cells: readonly Cell[],
  previous: readonly Cell[] | undefined,
  blanks: BlankPolicy,
  out: Finding[],
) {
  let expected = 0;
  for (const t of c.terms) {
    const cell = (t.previous ? previous! : cells)[t.slot.def.index]!;
    // An unreadable cell is reported on its own; blanks make the equation unassessable only on request.
    if (cell.status === "invalid" || (cell.status === "blank" && blanks === "not-assessable")) return;
    expected += t.sign * (cell.value ?? 0);
  }
  const about = cells[c.about.def.index]!;
  if (about.status === "invalid" || (about.status === "blank" && blanks === "not-assessable")) return;
  const actual = about.value ?? 0;
  if (Math.abs(expected - actual) < 1e-9) return;
  const { rule } = c;
  out.push({
    code: rule.def.id,
    severity: rule.def.severity,
    pointer: c.about.def.pointer,
    related: c.related,
    ...(c.previous.length > 0 ? { previous: c.previous } : {}),
    expected,
    actual,
    message: rule.explain!({ edition: report.edition, equation: c.equation, expected, actual }),
  });
}

/** Runs every rule on a parsed report; `previous` must already be known to be last year's report. */
export function run(report: Report, previous: Report | undefined, blanks: BlankPolicy, out: Finding[]): void {
  const e = report.edition;
  const cells = readCells(report);
  const ctx: Context = { report, cells, previous, blanks, out };
  checkCells(ctx, readersOf.get(e)!);
  for (const c of equations.get(e)!) evaluate(c, report, cells, undefined, blanks, out);
  if (previous !== undefined) {
    const before = readCells(previous);
    for (const c of crossYear.get(`${previous.edition}>${e}`)!)
      evaluate(c, report, cells, before, blanks, out);
  }
  for (const r of checks) r.check!(ctx);
}
