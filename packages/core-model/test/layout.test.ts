import { describe, expect, it } from "vitest";
import { APPLICATIONS_CORNER_NOTE, EDITIONS, expandGrid, layoutOf } from "../src/index.js";

const labelGrid = (edition: "2019" | "2021", table: "proactive" | "applications" | "review") => {
  const t = layoutOf(edition).tables[table];
  return expandGrid(t.rows, t.width).map((row) =>
    row.map((s) => (s.cell.role === "value" ? "#" : s.cell.text)),
  );
};

describe("official layouts", () => {
  it("table 三 has 25 data rows in 2021 and 23 in 2019, seven value columns each", () => {
    expect(layoutOf("2021").tables.applications.cells).toHaveLength(175);
    expect(layoutOf("2019").tables.applications.cells).toHaveLength(161);
    for (const e of EDITIONS) {
      const t = layoutOf(e).tables.applications;
      expect(t.width).toBe(10);
      expect(t.cells.slice(0, 7).map((c) => c.colLabels.at(-1))).toEqual([
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
      ]);
    }
  });

  it("table 三's header follows FORMAT.md: corner note 3×3, 自然人 and 总计 span two rows", () => {
    const g = labelGrid("2021", "applications");
    expect(g.slice(0, 3)).toEqual([
      [...Array(3).fill(APPLICATIONS_CORNER_NOTE), ...Array(7).fill("申请人情况")],
      [...Array(3).fill(APPLICATIONS_CORNER_NOTE), "自然人", ...Array(5).fill("法人或其他组织"), "总计"],
      [
        ...Array(3).fill(APPLICATIONS_CORNER_NOTE),
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
      ],
    ]);
  });

  it("table 三's row labels span as the format prints them", () => {
    for (const [edition, results] of [
      ["2019", 20],
      ["2021", 22],
    ] as const) {
      const g = labelGrid(edition, "applications").slice(3);
      expect(g[0]!.slice(0, 4)).toEqual([...Array(3).fill("一、本年新收政府信息公开申请数量"), "#"]);
      expect(g.filter((r) => r[0] === "三、本年度办理结果")).toHaveLength(results);
      expect(g[2]!.slice(0, 4)).toEqual(["三、本年度办理结果", "（一）予以公开", "（一）予以公开", "#"]);
      expect(g.filter((r) => r[1] === "（三）不予公开")).toHaveLength(8);
      expect(g.at(-1)!.slice(0, 3)).toEqual(Array(3).fill("四、结转下年度继续办理"));
      const sixth = g.filter((r) => r[1] === "（六）其他处理");
      expect(sixth).toHaveLength(edition === "2019" ? 1 : 3);
      if (edition === "2019") expect(sixth[0]![2]).toBe("（六）其他处理");
    }
  });

  it("table 四 is one row of 15 under a three-level header", () => {
    for (const e of EDITIONS) {
      const g = labelGrid(e, "review");
      expect(g).toHaveLength(4);
      expect(g[0]).toEqual([...Array(5).fill("行政复议"), ...Array(10).fill("行政诉讼")]);
      expect(g[1]!.slice(0, 5)).toEqual(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]);
      expect(g[1]!.slice(5)).toEqual([...Array(5).fill("未经复议直接起诉"), ...Array(5).fill("复议后起诉")]);
      expect(g[3]).toEqual(Array(15).fill("#"));
      expect(layoutOf(e).tables.review.cells[7]!.colLabels).toEqual([
        "行政诉讼",
        "未经复议直接起诉",
        "其他结果",
      ]);
    }
  });

  it("table 二 differs between editions and spans the last value over the free columns", () => {
    const g19 = labelGrid("2019", "proactive");
    expect(g19[0]).toEqual(Array(4).fill("第二十条第（一）项"));
    expect(g19[1]).toEqual(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]);
    expect(g19.at(-2)).toEqual(["信息内容", "采购项目数量", "采购总金额", "采购总金额"]);
    expect(g19.flat()).toContain("规范性文件");
    const g21 = labelGrid("2021", "proactive");
    expect(g21.flat()).toContain("行政规范性文件");
    expect(g21.flat()).not.toContain("第二十条第（九）项");
    expect(g21.at(-1)).toEqual(["行政事业性收费", "#", "#", "#"]);
    expect(layoutOf("2021").tables.proactive.cells.at(-1)).toMatchObject({ kind: "amount", unit: "万元" });
  });

  it("every cell key and pointer is unique and cells are numbered in reading order", () => {
    for (const e of EDITIONS) {
      const l = layoutOf(e);
      expect(l.byKey.size).toBe(l.cells.length);
      expect(l.byPointer.size).toBe(l.cells.length);
      expect(l.cells.map((c) => c.index)).toEqual(l.cells.map((_, i) => i));
      expect(l.cells.map((c) => c.table)).toEqual(
        [...l.cells.map((c) => c.table)].sort((a, b) => order[a] - order[b]),
      );
    }
  });
});

const order = { proactive: 0, applications: 1, review: 2 };
