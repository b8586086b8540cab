import { layoutOf } from "@xxgk/core-model";
import { describe, expect, test } from "vitest";
import { scopeOf } from "../../src/_scope.js";
import {
  chunksOf,
  JOINT_BUDGET,
  type JointRow,
  rowEquations,
  solveJoint,
  splitRow,
  tokenizations,
} from "../../src/pipeline/split.js";

const defs = (edition: "2019" | "2021", table: "proactive" | "applications" | "review", row: string) =>
  scopeOf(edition).tables[table].rowCells.get(row)!;
const split = (run: string, d: ReturnType<typeof defs>, eqs = rowEquations("2021", d), max = 10) =>
  splitRow(chunksOf(run)!, d, eqs, max);

describe("splitting a run of digits into a row's cells", () => {
  test("the issue's example: 21710000218 under 一、本年新收 splits only as 217|1|0|0|0|0|218", () => {
    const d = defs("2021", "applications", "newlyReceived");
    expect(split("21710000218", d).splits).toEqual([["217", "1", "0", "0", "0", "0", "218"]]);
    // Without the row total it could be many things.
    expect(split("21710000218", d, []).splits.length).toBeGreaterThan(1);
  });

  test("no leading zeros: 000 under 规章 is 0|0|0 and nothing else", () => {
    expect(split("000", defs("2021", "proactive", "regulations"), []).splits).toEqual([["0", "0", "0"]]);
    expect(split("0500", defs("2021", "proactive", "regulations"), []).splits).toEqual([["0", "50", "0"]]);
  });

  test("table 二 has no equation: 6233440 stays undecided", () => {
    const s = split("6233440", defs("2021", "proactive", "normativeDocuments"), []);
    expect(s.splits).toContainEqual(["62", "33", "440"]);
    expect(s.splits.length).toBeGreaterThan(1);
  });

  test("a sign only in 2019's 本年增/减; decimals and 元/万元 only in amounts", () => {
    const items = defs("2019", "proactive", "licensing"); // 上一年项目数量 | 本年增/减 | 处理决定数量
    expect(split("12+1913", items, []).splits).toEqual([
      ["12", "+1", "913"],
      ["12", "+19", "13"],
      ["12", "+191", "3"],
    ]);
    expect(split("5-3", items, []).splits).toEqual([["5", "-", "3"]]);
    expect(split("0-18-", items, []).splits).toEqual([["0", "-18", "-"]]);
    expect(split("9116.36", defs("2021", "proactive", "fees"), []).splits).toEqual([["9116.36"]]);
    expect(split("12.5", defs("2021", "proactive", "licensing"), []).splits).toEqual([]);
    expect(split("124359957元", defs("2019", "proactive", "procurement"), []).splits).toContainEqual([
      "12",
      "4359957元",
    ]);
  });

  test("not applicable marks and full-width digits, kept as written", () => {
    expect(split("---", defs("2021", "proactive", "regulations"), []).splits).toEqual([["-", "-", "-"]]);
    expect(split("１０２", defs("2021", "proactive", "regulations"), []).splits).toEqual([
      ["１", "０", "２"],
    ]);
    expect(split("无/—", defs("2021", "proactive", "regulations"), []).splits).toEqual([["无", "/", "—"]]);
  });

  test("spaces the copy kept are boundaries; as many chunks as cells are the cells", () => {
    const d = defs("2021", "proactive", "regulations");
    expect(split("62 33 440", d, []).splits).toEqual([["62", "33", "440"]]);
    const inner = split("62 33440", d, []).splits;
    expect(inner).toContainEqual(["62", "33", "440"]);
    expect(inner).not.toContainEqual(["6", "233", "440"]);
    expect(chunksOf("62 元x")).toBeNull();
  });

  test("table 四's three totals split its fifteen values", () => {
    const d = defs("2021", "review", "");
    // 行政复议 1|2|0|0|3, 未经复议直接起诉 10|0|0|0|10, 复议后起诉 1|0|0|0|1.
    expect(split("12003100001010001", d).splits).toEqual([
      ["1", "2", "0", "0", "3", "10", "0", "0", "0", "10", "1", "0", "0", "0", "1"],
    ]);
    expect(split("12003100001010001", d, []).splits.length).toBeGreaterThan(1);
  });

  test("a run too long for its row is not searched", () => {
    const s = split("1".repeat(5000), defs("2021", "applications", "newlyReceived"));
    expect(s).toEqual({ splits: [], incomplete: false });
  });

  test("fewer values than cells: read only when the tokens are forced", () => {
    const d = defs("2019", "applications", "carriedForward");
    expect(tokenizations(chunksOf("0000")!, d).splits).toEqual([["0", "0", "0", "0"]]);
    expect(tokenizations(chunksOf("1230")!, d).splits).toHaveLength(2);
  });
});

describe("the joint search over table 三", () => {
  const columns = layoutOf("2021").tables.applications.shape.newlyReceived!;
  const zero = [0, 0, 0, 0, 0, 0, 0];
  const rows = Object.keys(layoutOf("2021").tables.applications.shape);

  test("column sums decide between splits each row total allows", () => {
    const a = [11, 0, 0, 0, 0, 1, 12];
    const b = [1, 10, 0, 0, 0, 1, 12];
    const joint: JointRow[] = rows.map((row) => {
      if (row === "newlyReceived") return { row, candidates: [[5, 0, 0, 0, 0, 0, 5]] };
      if (row === "carriedOver") return { row, candidates: [[6, 0, 0, 0, 0, 1, 7]] };
      if (row === "disclosed" || row === "resultsTotal") return { row, candidates: [a, b] };
      return { row, candidates: [zero] };
    });
    const out = solveJoint("2021", joint, columns);
    expect(out.get("resultsTotal")).toEqual({ kind: "determined", candidate: 0 });
    expect(out.get("disclosed")).toEqual({ kind: "determined", candidate: 0 });
  });

  test("when the column sums allow both, both rows stay undecided", () => {
    const a = [11, 0, 0, 0, 0, 1, 12];
    const b = [1, 10, 0, 0, 0, 1, 12];
    const joint: JointRow[] = rows.map((row) =>
      ["newlyReceived", "disclosed", "resultsTotal"].includes(row)
        ? { row, candidates: [a, b] }
        : { row, candidates: [zero] },
    );
    const out = solveJoint("2021", joint, columns);
    for (const r of ["newlyReceived", "disclosed", "resultsTotal"]) {
      expect(out.get(r)).toEqual({ kind: "ambiguous", solutions: [0, 1] });
    }
  });

  test("a row whose values are unknown takes its equations out of the search", () => {
    const joint: JointRow[] = rows.map((row) =>
      row === "carriedForward"
        ? { row, candidates: null }
        : row === "newlyReceived"
          ? { row, candidates: [zero, [1, 0, 0, 0, 0, 0, 1]] }
          : { row, candidates: [zero] },
    );
    expect(solveJoint("2021", joint, columns).get("newlyReceived")!.kind).toBe("ambiguous");
  });

  test(`stops at ${JOINT_BUDGET.toLocaleString("en")} steps: "search budget exhausted", never a guess`, () => {
    // Every result row adds 0 or 2 to 自然人 and the total says 21: no combination adds up, but the bounds
    // cannot see it (the sum is odd) and C(21, 10) ways come close, so only the budget ends the search.
    const joint: JointRow[] = rows.map((row) => {
      if (row === "resultsTotal") return { row, candidates: [[21, 0, 0, 0, 0, 0, 21]] };
      if (row === "newlyReceived" || row === "carriedOver" || row === "carriedForward")
        return { row, candidates: null };
      return { row, candidates: [zero, [2, 0, 0, 0, 0, 0, 2]] };
    });
    const out = solveJoint("2021", joint, columns);
    expect(out.get("disclosed")).toEqual({ kind: "budget" });
  });
});
