import { type Cell, type CellDef, type EditionId, layoutOf } from "@xxgk/core-model";
import {
  applicationColumns,
  applicationRows,
  cellLabel,
  perEdition,
  resultRows,
  slotOf,
  slotsOf,
} from "../_cells.js";
import type { Finding, Message } from "../types.js";
import { type Context, quoteRaw, type RuleImpl } from "./_rule.js";

// The cell rules are evaluated together, in one pass over the cells: see checkCells.

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
  const raw = quoteRaw(cell.raw);
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

/** cell.too-large: a number beyond exact arithmetic (core-model keeps its text and gives no value). */
export const cellTooLarge: RuleImpl = {
  def: {
    id: "cell.too-large",
    severity: "error",
    kind: "cell",
    description: {
      zh: "单元格中的数字超出可精确计算的范围（整数部分大于 9007199254740991，或有效数字超过 15 位），按原文保留、不参与求和",
      en: "A number beyond exact arithmetic (whole part above 9007199254740991, or more than 15 significant digits): kept as written, left out of every sum",
    },
    reads: every,
  },
};

/** cell.blank: an empty cell, one notice each (`blankNotices: "cell"` or `"both"`). */
export const cellBlank: RuleImpl = {
  def: {
    id: "cell.blank",
    severity: "info",
    kind: "cell",
    description: {
      zh: "空白单元格（逐格提示，选项 blankNotices 为 cell 或 both 时）：求和时按0计（或按选项视为无法核对）；真实的0请填写0，不适用请填写“-”",
      en: "A blank cell, one notice each (blankNotices cell or both): counted as 0 in sums (or, by option, not assessable); write 0 for zero and - for not applicable",
    },
    reads: every,
  },
};

/** table.blanks: the blank cells of a table, one notice listing them (the default instead of cell.blank). */
export const tableBlanks: RuleImpl = {
  def: {
    id: "table.blanks",
    severity: "info",
    kind: "cell",
    description: {
      zh: "每张表一条提示：空白单元格的个数和位置（求和时按0计，或按选项视为无法核对）；真实的0请填写0，不适用请填写“-”",
      en: "One notice per table: how many cells are blank, and which (counted as 0 in sums, or by option not assessable); write 0 for zero and - for not applicable",
    },
    reads: every,
  },
};

const columnsOf = perEdition(applicationColumns);
const allRows = perEdition(applicationRows);
/** Positions of table 三's cells, resolved once: `[row][column]` over all rows, and the result rows. */
const grid = perEdition((e) => {
  const at = (r: string) => columnsOf[e].map((c) => slotOf(e, `applications.${r}.${c}`).def.index);
  const results = new Set([...resultRows(e), "resultsTotal"]);
  const all = allRows[e].map(at);
  return {
    scopes: [
      [all, undefined],
      [allRows[e].filter((r) => results.has(r)).map(at), "三、本年度办理结果"],
    ] as const,
    names: columnsOf[e].map((c) => slotOf(e, `applications.newlyReceived.${c}`).def.colLabels.at(-1)!),
  };
});

/** table.blank-column: a column of table 三 blank in every row (or every result row) while others are not. */
export const tableBlankColumn: RuleImpl = {
  def: {
    id: "table.blank-column",
    severity: "warning",
    kind: "cell",
    description: {
      zh: "三表某一列整列空白（全部各行，或“三、本年度办理结果”各行），而其他列有数字：通常是漏填了该列（如总计列），由此引起的合计错误归于此项",
      en: "A column of table 三 left blank in every row (or every result row) while other columns have numbers: usually the column (e.g. 总计) was never filled in; the sum errors it causes are grouped under it",
    },
    reads: perEdition((e) => allRows[e].flatMap((r) => columnsOf[e].map((c) => `applications.${r}.${c}`))),
  },
};

/** A column of table 三 left blank: its label, the rows it covers, and its cells (official order). */
export interface BlankColumnFound {
  readonly col: string;
  readonly label: Message;
  readonly indexes: readonly number[];
}

/**
 * The columns of table 三 that are blank in every row, or failing that in every result row (三、本年度办理
 * 结果, （七）总计 included), while every one of those rows has something written in another column and
 * some of it is not 0.
 */
export function blankColumns(edition: EditionId, cells: readonly Cell[]): BlankColumnFound[] {
  const found: BlankColumnFound[] = [];
  const g = grid[edition];
  for (let col = 0; col < g.names.length; col++) {
    for (const [rows, scope] of g.scopes) {
      // Most reports: the column's first result cell is written, and nothing more is read.
      if (cells[rows[rows.length - 1]![col]!]!.status !== "blank") continue;
      if (!rows.every((r) => cells[r[col]!]!.status === "blank")) continue;
      // The rest of the table is filled in (every row has something written in another column, and
      // some number is not 0): a report still being filled in has no "blank column".
      const written = rows.every((r) => r.some((i, c) => c !== col && cells[i]!.status !== "blank"));
      if (!written || !rows.some((r) => r.some((i, c) => c !== col && (cells[i]!.value ?? 0) !== 0))) break;
      const name = g.names[col]!;
      found.push({
        col: columnsOf[edition][col]!,
        indexes: rows.map((r) => r[col]!),
        label:
          scope === undefined
            ? { zh: `表三“${name}”列`, en: `table 三, column ${name}` }
            : {
                zh: `表三“${name}”列（${scope}各行）`,
                en: `table 三, column ${name} (the rows of ${scope})`,
              },
      });
      break;
    }
  }
  return found;
}

/**
 * One pass over every cell for the cell rules. `readers` names, per cell key, the rules that a blank
 * makes not assessable (for the messages under the `not-assessable` policy).
 */
export function checkCells(ctx: Context, readers: (key: string) => readonly string[]): void {
  const { report, out } = ctx;
  const e = report.edition;
  const perCell = ctx.blankNotices !== "table";
  const perTable = ctx.blankNotices !== "cell";
  const blanks = new Map<CellDef["table"], CellDef[]>();
  for (const slot of slotsOf(e)) {
    const def = slot.def;
    const cell = ctx.cells[def.index]!;
    if (cell.status === "number") {
      const problem = countProblem(def, cell);
      if (problem) out.push(finding("counts", "error", def, explainCount(problem, def, cell)));
    } else if (cell.status === "invalid") {
      out.push(cell.problem === undefined ? unreadable(def, cell) : tooLarge(def, cell));
    } else if (cell.status === "blank") {
      if (perTable) {
        const list = blanks.get(def.table);
        if (list) list.push(def);
        else blanks.set(def.table, [def]);
      }
      if (perCell) out.push(blankNotice(ctx, def, readers));
    }
  }
  for (const [table, defs] of blanks) out.push(blankSummary(ctx, table, defs, readers));
  for (const column of blankColumns(e, ctx.cells)) {
    const defs = column.indexes.map((i) => layoutOf(e).cells[i]!);
    out.push({
      code: "table.blank-column",
      severity: "warning",
      pointer: defs[0]!.pointer,
      related: [],
      cells: defs.map((d) => d.pointer),
      message: {
        zh: `${column.label.zh}整列空白（${defs.length} 个单元格）：请按各行、各项填写该列，是 0 请填 0`,
        en: `${column.label.en} is blank throughout (${defs.length} cells): fill it in, writing 0 for zero`,
      },
    });
  }
}

function unreadable(def: CellDef, cell: Cell): Finding {
  return finding("cell.unreadable", "error", def, {
    zh: `${cellLabel(def)}填写为 ${quoteRaw(cell.raw, "zh")}，无法识别：请填写数字，不适用填写“-”，没有发生填写0`,
    en: `${cellLabel(def)} says ${quoteRaw(cell.raw, "en")}, which is neither a number nor a not-applicable mark: write a number, - for not applicable, or 0`,
  });
}

function tooLarge(def: CellDef, cell: Cell): Finding {
  const l = cellLabel(def);
  return finding(
    "cell.too-large",
    "error",
    def,
    cell.problem === "too-precise"
      ? {
          zh: `${l}填写为 ${quoteRaw(cell.raw, "zh")}，有效数字超过 15 位，无法精确计算：已按原文保留，不参与求和，请核对`,
          en: `${l} says ${quoteRaw(cell.raw, "en")}, more than 15 significant digits, which cannot be computed with exactly: kept as written and left out of every sum; check it`,
        }
      : {
          zh: `${l}填写为 ${quoteRaw(cell.raw, "zh")}，超出可精确计算的范围（最大 ${Number.MAX_SAFE_INTEGER}）：已按原文保留，不参与求和，请核对`,
          en: `${l} says ${quoteRaw(cell.raw, "en")}, beyond exact arithmetic (at most ${Number.MAX_SAFE_INTEGER}): kept as written and left out of every sum; check it`,
        },
  );
}

function blankNotice(ctx: Context, def: CellDef, readers: (key: string) => readonly string[]): Finding {
  const l = cellLabel(def);
  if (ctx.blanks === "not-assessable") {
    const rules = readers(def.key).join(", ");
    return finding("cell.blank", "info", def, {
      zh: `${l}为空白，无法核对：${rules}`,
      en: `${l} is blank, so these rules are not assessed: ${rules}`,
    });
  }
  return finding("cell.blank", "info", def, {
    zh: `${l}为空白，核对时按0计；若为0请填写0，不适用请填写“-”`,
    en: `${l} is blank and counted as 0; write 0 if it is zero, - if it does not apply`,
  });
}

function blankSummary(
  ctx: Context,
  table: CellDef["table"],
  defs: readonly CellDef[],
  readers: (key: string) => readonly string[],
): Finding {
  const numeral = layoutOf(ctx.report.edition).tables[table].section.numeral;
  const n = defs.length;
  const base = {
    code: "table.blanks",
    severity: "info" as const,
    pointer: `/tables/${table}`,
    related: [],
    cells: defs.map((d) => d.pointer),
  };
  if (ctx.blanks === "not-assessable") {
    const rules = [...new Set(defs.flatMap((d) => readers(d.key)))].join(", ");
    return {
      ...base,
      message: {
        zh: `表${numeral}有 ${n} 个空白单元格，读取它们的规则未核对（${rules}）；是 0 请填 0，不适用请填“-”`,
        en: `Table ${numeral} has ${n} blank cell${n === 1 ? "" : "s"}; the rules reading them are not assessed (${rules}); write 0 for zero, - for not applicable`,
      },
    };
  }
  return {
    ...base,
    message: {
      zh: `表${numeral}有 ${n} 个空白单元格，按 0 计算；是 0 请填 0，不适用请填“-”`,
      en: `Table ${numeral} has ${n} blank cell${n === 1 ? "" : "s"}, counted as 0; write 0 for zero, - for not applicable`,
    },
  };
}
