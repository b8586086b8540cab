import { type Cell, EDITIONS, type EditionId, layoutOf, type Report } from "@xxgk/core-model";
import { cellLabel, readCells, type Slot, slotOf } from "./_cells.js";
import { diagnose, FAILS, type Group, HOLDS as HOLD, SKIPPED as SKIP } from "./_diagnose.js";
import { type Context, num, type RuleImpl, type Statement } from "./rules/_rule.js";
import { blankColumns, checkCells } from "./rules/cells.js";
import { IMPLS, RULES, rulesReading } from "./rules/index.js";
import type {
  BlankNotices,
  BlankPolicy,
  Diagnosis,
  EditionPair,
  Equation,
  Explanation,
  Finding,
  Message,
  SuspectCell,
} from "./types.js";

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
  /** This year's equations: the cells and coefficients of `about − Σ sign·term = 0`. */
  readonly linear: { readonly cells: readonly number[]; readonly coefs: readonly number[] };
}

function compile(rule: RuleImpl, eq: Equation, current: EditionId, previous: EditionId): Compiled {
  const terms = eq.terms.map((t) => ({
    slot: slotOf(t.previous ? previous : current, t.key),
    sign: t.sign,
    previous: t.previous === true,
  }));
  const about = slotOf(current, eq.about);
  const coef = new Map<number, number>([[about.def.index, 1]]);
  for (const t of terms) {
    if (!t.previous) coef.set(t.slot.def.index, (coef.get(t.slot.def.index) ?? 0) - t.sign);
  }
  const linear = [...coef].filter(([, a]) => a !== 0);
  return {
    rule,
    equation: eq,
    about,
    terms,
    related: terms.filter((t) => !t.previous && t.slot !== about).map((t) => t.slot.def.pointer),
    previous: terms.filter((t) => t.previous).map((t) => t.slot.def.pointer),
    linear: { cells: linear.map(([c]) => c), coefs: linear.map(([, a]) => a) },
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

const SKIPPED = -1;
const HOLDS = -2;

/**
 * Evaluates one equation: `HOLDS`, `SKIPPED` (it reads an unreadable cell, or a blank one under the
 * `not-assessable` policy), or the index in `out` of the finding it pushed.
 */
function evaluate(
  c: Compiled,
  report: Report,
  cells: readonly Cell[],
  previous: readonly Cell[] | undefined,
  blanks: BlankPolicy,
  out: Finding[],
): number {
  let expected = 0;
  for (const t of c.terms) {
    const cell = (t.previous ? previous! : cells)[t.slot.def.index]!;
    // An unreadable cell is reported on its own; blanks make the equation unassessable only on request.
    if (cell.status === "invalid" || (cell.status === "blank" && blanks === "not-assessable")) return SKIPPED;
    expected += t.sign * (cell.value ?? 0);
  }
  const about = cells[c.about.def.index]!;
  if (about.status === "invalid" || (about.status === "blank" && blanks === "not-assessable")) return SKIPPED;
  const actual = about.value ?? 0;
  if (Math.abs(expected - actual) < 1e-9) return HOLDS;
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
  return out.length - 1;
}

/** How a run treats blanks and whether it diagnoses. */
export interface RunOptions {
  readonly blanks: BlankPolicy;
  readonly blankNotices: BlankNotices;
  readonly diagnose: boolean;
}

/**
 * Runs every rule on a parsed report; `previous` must already be known to be last year's report. Pushes
 * the findings into `out` and returns the diagnoses (their findings carry `diagnosis`, an index into it).
 */
export function run(
  report: Report,
  previous: Report | undefined,
  o: RunOptions,
  out: Finding[],
): Diagnosis[] {
  const e = report.edition;
  const cells = readCells(report);
  const statements: Statement[] = [];
  const ctx: Context = {
    report,
    cells,
    previous,
    blanks: o.blanks,
    blankNotices: o.blankNotices,
    out,
    statements,
  };
  checkCells(ctx, readersOf.get(e)!);
  const own = equations.get(e)!;
  const outcome = new Array<number>(own.length);
  let failing = 0;
  for (let i = 0; i < own.length; i++) {
    outcome[i] = evaluate(own[i]!, report, cells, undefined, o.blanks, out);
    if (outcome[i]! >= 0) failing++;
  }
  let before: Cell[] | undefined;
  if (previous !== undefined) {
    before = readCells(previous);
    for (const c of crossYear.get(`${previous.edition}>${e}`)!)
      evaluate(c, report, cells, before, o.blanks, out);
  }
  for (const r of checks) r.check!(ctx);
  if (!o.diagnose || failing === 0) return [];

  if (previous !== undefined && before !== undefined)
    carryOverStatements(report, previous, before, statements);
  const state = new Int8Array(own.length);
  for (let i = 0; i < own.length; i++)
    state[i] = outcome[i] === SKIPPED ? SKIP : outcome[i] === HOLDS ? HOLD : FAILS;
  const columns = o.blanks === "not-assessable" ? [] : blankColumns(e, cells).map((b) => b.indexes);
  const groups = diagnose(cells, linearOf.get(e)!, state, statements, columns);
  return groups.map((g, d) => explain(report, cells, g, d, own, outcome, out));
}

const linearOf = new Map(EDITIONS.map((e) => [e, equations.get(e)!.map((c) => c.linear)]));

/** Last year's 四、结转下年度继续办理 as figures this year's 二、上年结转 should equal (X.carry-over's data). */
function carryOverStatements(
  report: Report,
  previous: Report,
  before: readonly Cell[],
  into: Statement[],
): void {
  for (const c of crossYear.get(`${previous.edition}>${report.edition}`)!) {
    if (c.rule.def.id !== "X.carry-over") continue;
    const last = before[c.terms[0]!.slot.def.index]!;
    if (last.status === "invalid") continue;
    const value = last.value ?? 0;
    into.push({ cells: [c.about.def.index], value, source: { previous: cellLabel(c.about.def) } });
  }
}

const layoutCells = (report: Report) => layoutOf(report.edition).cells;

/** A figure outside the tables, in words: `正文称收到（新收）申请 421 件`. */
function describe(s: Statement): Message {
  const { value, source } = s;
  if ("text" in source) {
    return { zh: `正文称${source.text.zh} ${value} 件`, en: `the text states ${value} ${source.text.en}` };
  }
  return {
    zh: `上年报告的结转数为 ${value}（${source.previous}）`,
    en: `last year's report carried ${value} forward (${source.previous})`,
  };
}

function suspect(
  report: Report,
  cells: readonly Cell[],
  index: number,
  value: number | undefined,
): SuspectCell {
  const def = layoutCells(report)[index]!;
  const pointer = def.pointer;
  const label = cellLabel(def);
  return value === undefined
    ? { pointer, label, raw: cells[index]!.raw }
    : { pointer, label, raw: cells[index]!.raw, suggested: value };
}

const cellText = (s: SuspectCell, lang: "zh" | "en") =>
  s.suggested === undefined
    ? lang === "zh"
      ? `${s.label}（应填数值不能唯一确定）`
      : `${s.label} (its value cannot be told)`
    : lang === "zh"
      ? `${s.label}，应为 ${s.suggested}`
      : `${s.label}, should be ${s.suggested}`;

/** Turns a group into its public diagnosis and re-aims the findings it explains. */
function explain(
  report: Report,
  cells: readonly Cell[],
  g: Group,
  index: number,
  own: readonly Compiled[],
  outcome: readonly number[],
  out: Finding[],
): Diagnosis {
  const explanations: Explanation[] = g.best.map((f) => ({
    cells: f.cells.map((c) => suspect(report, cells, c, f.values.get(c))),
    cost: f.cost / 4,
    evidence: f.evidence.map(({ statement, agrees }) => {
      const what = describe(statement);
      return {
        zh: `${what.zh}，${agrees ? "与此改法一致" : "与此改法不符"}`,
        en: `${what.en}, which ${agrees ? "agrees with" : "speaks against"} this change`,
      };
    }),
  }));
  // A forced (blank column) cell gets a value when every best explanation gives it the same one.
  const forcedValue = (c: number): number | undefined => {
    const vs = new Set(g.best.map((f) => f.values.get(c)));
    return vs.size === 1 ? [...vs][0] : undefined;
  };
  const columns = blankColumns(report.edition, cells)
    .filter((b) => b.indexes.some((i) => g.forced.includes(i)))
    .map((b) => ({
      label: b.label.zh,
      en: b.label.en,
      cells: b.indexes.map((i) => suspect(report, cells, i, forcedValue(i))),
    }));
  const message = diagnosisMessage(g, explanations, columns);

  // The one best change, cell by cell (blank columns included), when the group is located.
  const fix = new Map<number, number | undefined>();
  if (g.status === "located") {
    const f = g.best[0]!;
    for (const c of f.cells) fix.set(c, f.values.get(c));
  }
  for (const c of g.forced) fix.set(c, forcedValue(c));
  const changed = new Set(g.best.flatMap((f) => f.cells));
  for (const f of g.failing) {
    const compiled = own[f]!;
    const at = outcome[f]!;
    // Aim at a cell only when its value holds in every best explanation and no other changed cell of
    // the equation is in doubt.
    const sure = g.status === "located" || !compiled.linear.cells.some((c) => changed.has(c));
    out[at] = reaim(report, cells, compiled, out[at]!, g.status, sure ? fix : new Map(), index);
  }
  if (g.status === "located" || g.forced.length > 0) linkNarrative(report, cells, fix, index, out);
  return {
    status: g.status,
    explanations,
    blankColumns: columns.map((c) => ({ label: c.label, cells: c.cells })),
    explains: [],
    message,
  };
}

function diagnosisMessage(
  g: Group,
  explanations: readonly Explanation[],
  columns: readonly { label: string; en: string; cells: readonly SuspectCell[] }[],
): Message {
  const zh: string[] = [];
  const en: string[] = [];
  for (const c of columns) {
    const shown = c.cells.filter((s) => s.suggested !== undefined).slice(0, 3);
    const values = shown.map((s) => `${s.label} ${s.suggested}`);
    zh.push(
      `${c.label}整列空白，应按各项之和填写${values.length > 0 ? `（如 ${values.join("，")}${c.cells.length > shown.length ? " 等" : ""}）` : ""}`,
    );
    en.push(
      `${c.en} is blank throughout and should be filled in${values.length > 0 ? ` (e.g. ${values.join(", ")})` : ""}`,
    );
  }
  if (g.status === "too-many") {
    zh.push(`不一致之处过多（${g.failing.length} 条勾稽关系不成立），无法定位出错的单元格：请逐条核对`);
    en.push(
      `Too many inconsistencies to localise (${g.failing.length} equations fail): check them one by one`,
    );
  } else if (g.status === "tied") {
    const list = explanations
      .slice(0, 5)
      .map((x, i) => `${"①②③④⑤"[i]} ${x.cells.map((c) => cellText(c, "zh")).join("；")}`);
    zh.push(
      `有 ${explanations.length} 种同样可能的改法，无法确定是哪个单元格出错：${list.join(" ")}${explanations.length > 5 ? " 等" : ""}`,
    );
    en.push(
      `${explanations.length} changes are equally likely; which cell is wrong cannot be told: ${explanations
        .slice(0, 5)
        .map((x, i) => `(${i + 1}) ${x.cells.map((c) => cellText(c, "en")).join("; ")}`)
        .join(" ")}${explanations.length > 5 ? " …" : ""}`,
    );
  } else if (explanations[0]!.cells.length > 0) {
    const cellsOf = explanations[0]!.cells;
    zh.push(`最可能出错的单元格：${cellsOf.map((c) => cellText(c, "zh")).join("；")}`);
    en.push(`Most likely wrong: ${cellsOf.map((c) => cellText(c, "en")).join("; ")}`);
  }
  return { zh: zh.join("；此外"), en: en.join("; also ") };
}

/**
 * A failing equation's finding once the diagnosis explains it: aimed at the cell the diagnosis changes
 * (with the value it needs) when the group is located, otherwise worded without blaming any one cell.
 */
function reaim(
  report: Report,
  cells: readonly Cell[],
  c: Compiled,
  f: Finding,
  status: Group["status"],
  fix: ReadonlyMap<number, number | undefined>,
  diagnosis: number,
): Finding {
  const relation = c.rule.relation!(report.edition, c.equation);
  const target = c.linear.cells.filter((i) => fix.get(i) !== undefined).sort((a, b) => a - b)[0];
  if (target !== undefined) {
    const def = layoutCells(report)[target]!;
    const cell = cells[target]!;
    const suggested = fix.get(target)!;
    const actual = cell.value ?? 0;
    const l = cellLabel(def);
    const others = [c.about.def.pointer, ...c.related].filter((p) => p !== def.pointer);
    return {
      code: f.code,
      severity: f.severity,
      pointer: def.pointer,
      related: others,
      expected: suggested,
      actual,
      message:
        cell.status === "blank"
          ? {
              zh: `${l}为空白，应为 ${suggested}（${relation.zh}）`,
              en: `${l} is blank and should be ${suggested} (${relation.en})`,
            }
          : {
              zh: `${l}应为 ${suggested}，实为 ${actual}（${relation.zh}）`,
              en: `${l} should be ${suggested}, not ${actual} (${relation.en})`,
            },
      diagnosis,
    };
  }
  const diff = Math.abs((f.expected ?? 0) - (f.actual ?? 0));
  const why =
    status === "too-many"
      ? { zh: "不一致之处过多，无法定位", en: "too many inconsistencies to tell which cell" }
      : {
          zh: "出错的单元格无法唯一确定，见诊断",
          en: "which cell is wrong cannot be told apart; see the diagnosis",
        };
  return {
    code: f.code,
    severity: f.severity,
    pointer: f.pointer,
    related: f.related,
    message: {
      zh: `勾稽关系不成立：${relation.zh}，两边相差 ${num(diff)}（${why.zh}）`,
      en: `Does not hold: ${relation.en}; the two sides differ by ${num(diff)} (${why.en})`,
    },
    diagnosis,
  };
}

/**
 * Narrative findings the diagnosis explains: a stated number that disagrees with the table now and agrees
 * once the diagnosed cells hold their suggested values (`text.numbers` findings whose cells it changes).
 */
function linkNarrative(
  report: Report,
  cells: readonly Cell[],
  fix: ReadonlyMap<number, number | undefined>,
  diagnosis: number,
  out: Finding[],
): void {
  const layout = layoutOf(report.edition);
  for (let i = 0; i < out.length; i++) {
    const f = out[i]!;
    if (f.code !== "text.numbers" || f.actual === undefined || f.diagnosis !== undefined) continue;
    let touched = false;
    let after = 0;
    let sure = true;
    for (const p of f.related) {
      const def = layout.byPointer.get(p);
      if (!def) {
        sure = false;
        break;
      }
      if (fix.has(def.index)) {
        touched = true;
        const v = fix.get(def.index);
        if (v === undefined) sure = false;
        else after += v;
      } else after += cells[def.index]!.value ?? 0;
    }
    if (!touched || !sure || after !== f.actual) continue;
    // The table, not the text, is what the diagnosis changes: no "expected" that would tell the author to
    // rewrite the text to the wrong figure.
    const { expected: _e, actual: _a, ...rest } = f;
    out[i] = { ...rest, diagnosis };
  }
}
