import { tableEquations } from "@xxgk/core-model";
import { labelOf, perEdition, slotOf } from "../_cells.js";
import { num, type RuleImpl } from "./_rule.js";

// The equations themselves are core-model's (the importer settles copies with the same ones).
const eqs = perEdition((e) => tableEquations(e, "T4.total"));

/** T4.total [D]: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计, for each of the three groups. */
export const t4Total: RuleImpl = {
  def: {
    id: "T4.total",
    severity: "error",
    kind: "equation",
    description: {
      zh: "四表：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计（行政复议、未经复议直接起诉、复议后起诉各一组）",
      en: "Table 四: upheld + corrected + other + pending = total, for each of the three groups",
    },
    reads: perEdition((e) => eqs[e].flatMap((q) => [...q.terms.map((t) => t.key), q.about])),
    equations: eqs,
  },
  explain: ({ edition, equation, expected, actual }) => {
    const l = labelOf(edition, equation.about);
    return {
      zh: `${l}应为结果维持、结果纠正、其他结果、尚未审结之和 ${num(expected)}，实为 ${num(actual)}`,
      en: `${l} should be upheld + corrected + other + pending = ${num(expected)} but is ${num(actual)}`,
    };
  },
  relation: (edition, equation) => {
    const g = slotOf(edition, equation.about).def.colLabels.slice(0, -1).join("/");
    return {
      zh: `${g}：结果维持＋结果纠正＋其他结果＋尚未审结＝总计`,
      en: `${g}: upheld + corrected + other + pending = total`,
    };
  },
};
