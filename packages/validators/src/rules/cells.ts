import { type Cell, type CellDef, layoutOf } from "@xxgk/core-model";
import { cellLabel, perEdition, slotsOf } from "../_cells.js";
import type { Finding, Message } from "../types.js";
import type { Context, RuleImpl } from "./_rule.js";

// The three cell rules are evaluated together, in one pass over the cells: see checkCells.

const every = perEdition((e) => layoutOf(e).cells.map((c) => c.key));
const COUNT_UNITS = new Set(["件", "个", "项", "条"]);

function finding(code: string, severity: Finding["severity"], def: CellDef, message: Message): Finding {
  return { code, severity, pointer: def.pointer, related: [], message };
}

type Problem = "negative-amount" | "amount-unit" | "header-unit" | "money-unit" | "fraction" | "negative";

/** Why a number does not fit its cell's kind, or `undefined` when it does (no allocation on the clean path). */
function countProblem(def: CellDef, cell: Cell): Problem | undefined {
  const v = cell.value ?? 0;
  if (def.kind === "amount") {
    if (v < 0) return "negative-amount";
    if (cell.unit === undefined) return undefined;
    if (cell.unit !== "元" && cell.unit !== "万元") return "amount-unit";
    return def.unit !== undefined && cell.unit !== def.unit ? "header-unit" : undefined;
  }
  if (cell.unit !== undefined && !COUNT_UNITS.has(cell.unit)) return "money-unit";
  if (!Number.isInteger(v)) return "fraction";
  return def.kind === "count" && v < 0 ? "negative" : undefined;
}

function explainCount(problem: Problem, def: CellDef, cell: Cell): Message {
  const l = cellLabel(def);
  const raw = JSON.stringify(cell.raw);
  switch (problem) {
    case "negative-amount":
      return {
        zh: `${l}是金额，不能为负数（填写为 ${raw}）`,
        en: `${l} is an amount and cannot be negative (written ${raw})`,
      };
    case "amount-unit":
      return {
        zh: `${l}是金额，单位应为元或万元（填写为 ${raw}）`,
        en: `${l} is an amount: its unit must be 元 or 万元 (written ${raw})`,
      };
    case "header-unit":
      return {
        zh: `${l}的表头单位为${def.unit}，单元格却写作 ${raw}：请换算为${def.unit}`,
        en: `${l}: the header states ${def.unit} but the cell says ${raw}; convert it to ${def.unit}`,
      };
    case "money-unit":
      return {
        zh: `${l}是件数，不能带金额单位（填写为 ${raw}）`,
        en: `${l} is a count and cannot carry a money unit (written ${raw})`,
      };
    case "fraction":
      return {
        zh: `${l}是件数，应为整数（填写为 ${raw}）`,
        en: `${l} is a count and must be a whole number (written ${raw})`,
      };
    case "negative":
      return {
        zh: `${l}是件数，不能为负数（填写为 ${raw}）`,
        en: `${l} is a count and cannot be negative (written ${raw})`,
      };
  }
}

/** counts [D]: counts are non-negative integers; 2019 本年增/减 may be negative; amounts may be decimal. */
export const counts: RuleImpl = {
  def: {
    id: "counts",
    severity: "error",
    kind: "cell",
    description: {
      zh: "件数为非负整数；2019版“本年增/减”可为负数；金额可为小数",
      en: "Counts are non-negative whole numbers; the 2019 本年增/减 may be negative; amounts may be decimal",
    },
    reads: every,
  },
};

/** cell.unreadable: text that is neither a number nor a not-applicable mark. */
export const cellUnreadable: RuleImpl = {
  def: {
    id: "cell.unreadable",
    severity: "error",
    kind: "cell",
    description: {
      zh: "单元格内容既不是数字，也不是“-”“/”“无”“不适用”等不适用标记",
      en: "A cell holds text that is neither a number nor a not-applicable mark (-, /, 无, 不适用)",
    },
    reads: every,
  },
};

/** cell.blank: an empty cell (counted as 0, or making the rules that read it not assessable). */
export const cellBlank: RuleImpl = {
  def: {
    id: "cell.blank",
    severity: "info",
    kind: "cell",
    description: {
      zh: "空白单元格：求和时按0计（或按选项视为无法核对）；真实的0请填写0，不适用请填写“-”",
      en: "A blank cell: counted as 0 in sums (or, by option, not assessable); write 0 for zero and - for not applicable",
    },
    reads: every,
  },
};

/**
 * One pass over every cell for the three cell rules. `readers` names, per cell key, the rules that a
 * blank makes not assessable (for the message under the `not-assessable` policy).
 */
export function checkCells(ctx: Context, readers: (key: string) => readonly string[]): void {
  const { report, out } = ctx;
  for (const slot of slotsOf(report.edition)) {
    const def = slot.def;
    const cell = ctx.cells[def.index]!;
    if (cell.status === "number") {
      const problem = countProblem(def, cell);
      if (problem) out.push(finding("counts", "error", def, explainCount(problem, def, cell)));
    } else if (cell.status === "invalid") {
      const raw = JSON.stringify(cell.raw);
      out.push(
        finding("cell.unreadable", "error", def, {
          zh: `${cellLabel(def)}填写为 ${raw}，无法识别：请填写数字，不适用填写“-”，没有发生填写0`,
          en: `${cellLabel(def)} says ${raw}, which is neither a number nor a not-applicable mark: write a number, - for not applicable, or 0`,
        }),
      );
    } else if (cell.status === "blank") {
      const l = cellLabel(def);
      if (ctx.blanks === "not-assessable") {
        const rules = readers(def.key).join(", ");
        out.push(
          finding("cell.blank", "info", def, {
            zh: `${l}为空白，无法核对：${rules}`,
            en: `${l} is blank, so these rules are not assessed: ${rules}`,
          }),
        );
      } else {
        out.push(
          finding("cell.blank", "info", def, {
            zh: `${l}为空白，核对时按0计；若为0请填写0，不适用请填写“-”`,
            en: `${l} is blank and counted as 0; write 0 if it is zero, - if it does not apply`,
          }),
        );
      }
    }
  }
}
