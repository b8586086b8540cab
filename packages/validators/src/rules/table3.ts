import { APPLICATIONS_CORNER_NOTE, type EditionId, tableEquations } from "@xxgk/core-model";
import { labelOf, perEdition, slotOf } from "../_cells.js";
import type { Equation } from "../types.js";
import { num, type RuleImpl } from "./_rule.js";

const unique = (keys: string[]) => [...new Set(keys)];

/** The column label of an equation's cell (自然人 … 总计). */
const columnOf = (edition: EditionId, eq: Equation) => slotOf(edition, eq.about).def.colLabels.at(-1)!;
/** The row label of an equation's cell, without its column: `（三）不予公开1.属于国家秘密`. */
const rowOf = (edition: EditionId, eq: Equation) => labelOf(edition, eq.about).replace(/（[^（）]*）$/, "");

const readsOf = (eqs: Record<EditionId, readonly Equation[]>) =>
  perEdition((e) => unique(eqs[e].flatMap((q) => [q.about, ...q.terms.map((t) => t.key)])));

// The equations themselves are core-model's (the importer settles copies with the same ones).
const balanceEqs = perEdition((e) => tableEquations(e, "T3.balance"));
const resultsEqs = perEdition((e) => tableEquations(e, "T3.results-total"));
const rowEqs = perEdition((e) => tableEquations(e, "T3.row-total"));

/** T3.balance [F]: 一 + 二 = （七）总计 + 四, per column; the finding is about 四、结转下年度继续办理. */
export const t3Balance: RuleImpl = {
  def: {
    id: "T3.balance",
    severity: "error",
    kind: "equation",
    description: {
      zh: `三表每列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理${APPLICATIONS_CORNER_NOTE}`,
      en: "Table 三, each column: 一 new + 二 carried over = （七）总计 + 四 carried forward (printed in the format)",
    },
    reads: readsOf(balanceEqs),
    equations: balanceEqs,
  },
  explain: ({ edition, equation, expected, actual }) => {
    const l = labelOf(edition, equation.about);
    return {
      zh: `${l}应为 一＋二－（七）总计 = ${num(expected)}，实为 ${num(actual)}：第一项加第二项之和应等于第三项加第四项之和`,
      en: `${l} should be 一 + 二 − （七）总计 = ${num(expected)} but is ${num(actual)}: items 一 + 二 must equal 三 + 四`,
    };
  },
  relation: (edition, equation) => {
    const c = columnOf(edition, equation);
    return { zh: `“${c}”列：一＋二＝（七）总计＋四`, en: `column ${c}: 一 + 二 = （七）总计 + 四` };
  },
};

/** T3.results-total [D]: （七）总计 is the sum of every result row, per column. */
export const t3ResultsTotal: RuleImpl = {
  def: {
    id: "T3.results-total",
    severity: "error",
    kind: "equation",
    description: {
      zh: "三表每列：（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）（2021版为（六）1–3）",
      en: "Table 三, each column: （七）总计 = the sum of all result rows （一）…（六）",
    },
    reads: readsOf(resultsEqs),
    equations: resultsEqs,
  },
  explain: ({ edition, equation, expected, actual }) => {
    const l = labelOf(edition, equation.about);
    return {
      zh: `${l}应为各项办理结果（一）至（六）之和 ${num(expected)}，实为 ${num(actual)}`,
      en: `${l} should be the sum of results （一）…（六）, ${num(expected)}, but is ${num(actual)}`,
    };
  },
  relation: (edition, equation) => {
    const c = columnOf(edition, equation);
    return {
      zh: `“${c}”列：（七）总计＝各项办理结果之和`,
      en: `column ${c}: （七）总计 = the sum of the results`,
    };
  },
};

/** T3.row-total [D]: 总计 = the six applicant columns, per row. */
export const t3RowTotal: RuleImpl = {
  def: {
    id: "T3.row-total",
    severity: "error",
    kind: "equation",
    description: {
      zh: "三表每行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
      en: "Table 三, each row: 总计 = the sum of the six applicant columns",
    },
    reads: readsOf(rowEqs),
    equations: rowEqs,
  },
  explain: ({ edition, equation, expected, actual }) => {
    const l = labelOf(edition, equation.about);
    return {
      zh: `${l}应为本行自然人与各类法人或其他组织之和 ${num(expected)}，实为 ${num(actual)}`,
      en: `${l} should be the sum of the row's six applicant columns, ${num(expected)}, but is ${num(actual)}`,
    };
  },
  relation: (edition, equation) => {
    const r = rowOf(edition, equation);
    return {
      zh: `“${r}”行：总计＝自然人＋各类法人或其他组织`,
      en: `row ${r}: 总计 = the six applicant columns`,
    };
  },
};
