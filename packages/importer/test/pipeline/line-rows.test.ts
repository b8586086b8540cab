// Tables written as lines: the smaller items of issue #22 and the order of values a PDF copy scrambles.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { importReport, importText } from "../../src/index.js";

const seed = readFileSync(new URL("../fixtures/seed-wulin-2020.txt", import.meta.url), "utf8");
const raws = (cells: Record<string, { raw: string }> | undefined) =>
  Object.values(cells ?? {}).map((c) => c.raw);

/** The seed with its table 三 row `label` (its label line and value lines) replaced by `lines`. */
function replaceRow(label: string, lines: string): string {
  const at = seed.indexOf(`\t${label}\n`);
  let end = at + label.length + 2;
  while (/^\t\d+\n/.test(seed.slice(end))) end = seed.indexOf("\n", end) + 1;
  return seed.slice(0, at) + lines + seed.slice(end);
}

describe("a lone value in a short row", () => {
  test.each([
    "0",
    "5",
  ])("%s is not put under 自然人 when it could be any column's: the row stays blank, said", (v) => {
    const text = replaceRow("（七）总计", `\t（七）总计\n\t${v}\n`);
    expect(text).not.toBe(seed);
    const result = importText(text);
    expect(raws(result.report!.tables.applications.resultsTotal)).toEqual(["", "", "", "", "", "", ""]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "lone-value",
        severity: "warning",
        pointer: "/tables/applications/resultsTotal/naturalPerson",
      }),
    );
    expect(result.diagnostics.filter((d) => d.code === "row-missing")).toEqual([]);
  });
});

describe("a row label on its group label's line", () => {
  test("（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769: the row gets its values", () => {
    const text = replaceRow(
      "1.本机关不掌握相关政府信息",
      "\t（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769\n",
    ).replace("\t（四）无法提供\n", "");
    expect(text).not.toBe(seed);
    const result = importText(text);
    expect(raws(result.report!.tables.applications.notHeld)).toEqual([
      "746",
      "12",
      "0",
      "0",
      "10",
      "1",
      "769",
    ]);
  });

  test("and glued to it without a space", () => {
    const text = replaceRow(
      "（一）予以公开",
      "\t三、本年度办理结果（一）予以公开\n\t3\n\t0\n\t0\n\t0\n\t0\n\t0\n\t3\n",
    );
    const result = importText(text);
    expect(raws(result.report!.tables.applications.disclosed)).toEqual(["3", "0", "0", "0", "0", "0", "3"]);
  });
});

describe("a label a layout copy wrapped around its values", () => {
  const partly = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
  const written = ["447", "7", "0", "0", "0", "0", "454"];
  test("values on a line of their own between the label's lines belong to it", () => {
    const text = replaceRow(
      partly,
      "\t（二）部分公开（区分处理的，只计这一情\n   447   7   0   0   0   0   454\n\t形，不计其他情形）\n",
    );
    expect(text).not.toBe(seed);
    const result = importText(text);
    expect(raws(result.report!.tables.applications.partiallyDisclosed)).toEqual(written);
    expect(
      result.diagnostics.filter((d) => d.severity !== "info" && d.pointer?.includes("partially")),
    ).toEqual([]);
  });

  test("and over three lines, the values after the middle one, a group label's piece in between", () => {
    const text = replaceRow(
      partly,
      "\t（二）部分公开（区分处理\n\t（三）不\n\t的，只计这一情形， 447 7 0 0 0 0 454\n\t不计其他情形）\n",
    );
    const result = importText(text);
    expect(raws(result.report!.tables.applications.partiallyDisclosed)).toEqual(written);
  });

  // A label cut short is an approximate match of its row (said, its cells unsure): the values after it
  // are that row's whatever follows; a whole row label between never joins it.
  const seedTotal = raws(importText(seed).report!.tables.applications.resultsTotal);
  test.each([
    ["a whole row label after the values", "\t（七）总计\n\t形，不计其他情形）\n"],
    ["a line that does not finish the label", "\t另有说明\n"],
  ])("%s: the values stay the cut label's row, said as approximate", (_, after) => {
    const text = replaceRow(
      partly,
      `\t（二）部分公开（区分处理的，只计这一情\n   447   7   0   0   0   0   454\n${after}`,
    );
    const result = importText(text);
    expect(raws(result.report!.tables.applications.partiallyDisclosed)).toEqual(written);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "label-approximate", severity: "warning" }),
    );
    expect(raws(result.report!.tables.applications.resultsTotal)).toEqual(seedTotal);
  });
});

describe("small things a text copy says", () => {
  test("发布日期：2020-01-31 in the copy is the publication date", () => {
    const text = seed.replace("\n一、总体情况", "\n发布日期：2021-01-31\n一、总体情况");
    expect(text).not.toBe(seed);
    const r = importText(text).report!;
    expect(r.meta.published).toBe("2021-01-31");
    expect(r.preamble.map((b) => b.text).join("")).not.toContain("发布日期");
  });

  test("a unit stated only in the header is carried into the cell, with a notice", () => {
    const text = seed
      .replace("\t采购总金额\n", "\t采购总金额(万元)\n")
      .replace("\t4359957元\n", "\t435.99\n");
    expect(text).not.toBe(seed);
    const result = importText(text);
    expect(result.report!.tables.proactive.procurement!.amount).toEqual({
      raw: "435.99万元",
      value: 435.99,
      status: "number",
      unit: "万元",
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "unit-from-header", pointer: "/tables/proactive/procurement/amount" }),
    );
    // A value that states its own unit keeps it.
    const own = importText(seed.replace("\t采购总金额\n", "\t采购总金额(万元)\n"));
    expect(own.report!.tables.proactive.procurement!.amount!.raw).toBe("4359957元");
  });

  test("plain text that mentions <p> and <tr> is read as text, the sniffing step decides", async () => {
    const text = seed.replace("一、总体情况\n", "一、总体情况\n网页中的<p>段落和<tr>表格行标记已去掉。\n");
    const result = await importReport(text);
    expect(result.format).toBe("text");
    expect(result.report!.tables).toEqual(importText(seed).report!.tables);
  });
});

describe("| tables", () => {
  const header = "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |";
  const rows = ["| 规章 | 1 | 2 | 3 |", "| 规范性文件 | 4 |  | 6 |"];
  const withTable = (lines: string[]) =>
    seed.replace(/\t第二十条第（一）项\n[\s\S]*?(?=\t第二十条第（五）项)/, `${lines.join("\n")}\n\n`);

  test("read like tab rows: with or without outer pipes, separator rows skipped, empty cells blank", () => {
    for (const lines of [
      ["| 第二十条第（一）项 [cs=4] |  |  |  |", "| --- | --- | --- | --- |", header, ...rows],
      [
        "第二十条第（一）项 [cs=4] |  |  | ",
        "--- | --- | --- | ---",
        header.slice(2, -2),
        ...rows.map((r) => r.slice(2, -2)),
      ],
    ]) {
      const text = withTable(lines);
      expect(text).not.toBe(seed);
      const result = importText(text);
      expect(raws(result.report!.tables.proactive.regulations)).toEqual(["1", "2", "3"]);
      expect(raws(result.report!.tables.proactive.normativeDocuments)).toEqual(["4", "", "6"]);
      expect(
        result.diagnostics.filter((d) => d.severity !== "info" && d.pointer?.includes("regulations")),
      ).toEqual([]);
    }
  });

  test("span markers are taken out; a converter's empty cell after a merged label is not a value", () => {
    const text = seed.replace(
      /\t（一）予以公开\n(?:\t\d+\n)+/,
      "| 三、本年度办理结果 [rs=20] | （一）予以公开 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n",
    );
    expect(text).not.toBe(seed);
    const r = importText(text).report!;
    expect(raws(r.tables.applications.disclosed)).toEqual(["2", "0", "0", "0", "0", "0", "2"]);
  });

  test("a breadcrumb with a | stays text", () => {
    const text = `首页 | 政务公开 | 年度报告\n${seed}`;
    const r = importText(text).report!;
    expect(r.meta.organ).toBe("下城区武林街道办事处");
    expect(r.tables).toEqual(importText(seed).report!.tables);
  });
});

describe("values a PDF copy lists apart from their labels", () => {
  test("table 四's values among its header cells that do not add up: left blank, said", () => {
    const text = seed.replace(
      /(\t总计\n\n)((?:\t0\n){15})/,
      "$1\t1\n\t0\n\t0\n\t0\n\t结果维持\n\t9\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n",
    );
    expect(text).not.toBe(seed);
    const result = importText(text);
    expect(raws(result.report!.tables.review.reconsideration)).toEqual(["", "", "", "", ""]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "order-unrecoverable",
        pointer: "/tables/review/reconsideration/upheld",
      }),
    );
  });

  test("the same values without header cells between them are the author's, kept as written", () => {
    const text = seed.replace(
      /(\t总计\n\n)((?:\t0\n){15})/,
      `$1${"\t1\n\t0\n\t0\n\t0\n\t9\n"}${"\t0\n".repeat(10)}`,
    );
    const result = importText(text);
    expect(raws(result.report!.tables.review.reconsideration)).toEqual(["1", "0", "0", "0", "9"]);
    expect(result.diagnostics.filter((d) => d.code.startsWith("order"))).toEqual([]);
  });

  test("values no order can give to rows are left out with one diagnostic, their rows blank", () => {
    // Eleven values after 四、结转 where no labelled row is waiting for them.
    const text = seed.replace(
      "\t四、结转下年度继续办理\n\t0\n\t0\n\t0\n\t0\n",
      `\t四、结转下年度继续办理\n${"\t3\n".repeat(18)}`,
    );
    const result = importText(text);
    const stray = result.diagnostics.filter((d) => d.code === "stray-value");
    expect(stray).toHaveLength(1);
    expect(stray[0]!.message.zh).toContain("11 个数值");
    expect(raws(result.report!.tables.applications.carriedForward)).toEqual(["", "", "", "", "", "", ""]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "order-unrecoverable",
        pointer: "/tables/applications/carriedForward/naturalPerson",
      }),
    );
  });
});
