import { cellRecords, layoutOf } from "@xxgk/core-model";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { excelText, type Review, type ReviewResult, reviewWorkbook, workbookDate } from "../src/index.js";
import { reviewRegion } from "./_region.js";

let result: ReviewResult;
let review: Review;
let bytes: Uint8Array;
const book = new ExcelJS.Workbook();

beforeAll(async () => {
  result = await reviewRegion();
  review = result.review;
  bytes = await reviewWorkbook(review, result.reports);
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
});

/** A sheet's rows as arrays of cell values (index 0 = column A), header first. */
function rows(name: string): unknown[][] {
  const cached = sheets.get(name);
  if (cached) return cached;
  const ws = book.getWorksheet(name)!;
  const out: unknown[][] = [];
  const width = ws.columnCount; // computed by scanning every row: once
  ws.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      values.push(v === undefined ? null : v);
    }
    out.push(values);
  });
  sheets.set(name, out);
  return out;
}
const sheets = new Map<string, unknown[][]>();

const byHeader = (name: string) => {
  const [head, ...body] = rows(name);
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [String(h), r[i]])));
};

describe("review.xlsx", () => {
  it("has the sheets, each with a frozen header row and set column widths", () => {
    expect(book.worksheets.map((w) => w.name)).toEqual([
      "报告",
      "问题",
      "指标",
      "表二",
      "表三",
      "表四",
      "非报告文件",
    ]);
    for (const ws of book.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThan(10);
      expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
    }
  });

  it("报告: one row per report, numbers as numbers", () => {
    const reports = byHeader("报告");
    expect(reports).toHaveLength(review.reports.length);
    const late = reports.find((r) => r.源文件 === "滨河区/区政府办/2022年政府信息公开工作年度报告.html")!;
    expect(late).toEqual({
      机关: "江南市滨河区人民政府办公室",
      年度: 2022,
      格式版本: "2021",
      层级: "部门",
      层级依据: "人民政府办公室报告本机关工作，属县级以上人民政府部门",
      公布日期: "2023-02-15",
      期限: "2023-01-31",
      期限情况: "逾期",
      源文件: "滨河区/区政府办/2022年政府信息公开工作年度报告.html",
      读取方式: "html",
      错误: 0,
      警告: 1,
      提示: 0,
      与上年重复比例: review.reports.find((r) => r.file === late.源文件)!.copy!.ratio,
      内容雷同的报告: null,
      上年报告: "滨河区/区政府办/2021年政府信息公开工作年度报告.json",
      重复文件: null,
      单元格确定: 200,
      不确定: 0,
      缺失: 0,
    });
    const row = reports.indexOf(late) + 2;
    expect(book.getWorksheet("报告")!.getRow(row).getCell(14).numFmt).toBe("0.0%");
    expect(book.getWorksheet("报告")!.getRow(row).getCell(2).numFmt).toBe("0");
  });

  it("问题: one row per finding, with the cell's label path, expected and actual", () => {
    const findings = byHeader("问题");
    expect(findings).toHaveLength(review.reports.reduce((n, r) => n + r.findings.length, 0));
    const broken = findings.find((f) => f.代码 === "T3.row-total")!;
    expect(broken).toMatchObject({
      源文件: "云溪县/青石镇/2022年政府信息公开工作年度报告.txt",
      机关: "云溪县青石镇人民政府",
      年度: 2022,
      来源: "校验",
      严重程度: "错误",
      "单元格（标签路径）": "表三：三、本年度办理结果 / （一）予以公开 / 申请人情况 / 总计",
      指针: "/tables/applications/disclosed/total",
    });
    expect(broken.实为).toBe((broken.应为 as number) + 1);
    expect(typeof broken.说明).toBe("string");
    const copy = findings.find((f) => f.代码 === "review.copy")!;
    expect(copy).toMatchObject({ 来源: "审查", 严重程度: "警告" });
    expect(String(copy.原文).length).toBeGreaterThan(20);
  });

  it("指标: the indicators of every report, rates as fractions formatted as percentages", () => {
    const sheet = byHeader("指标");
    expect(sheet).toHaveLength(review.reports.length);
    const head = rows("指标")[0]!;
    expect(head.slice(0, 6)).toEqual(["源文件", "机关", "年度", "新收申请数", "较上年", "含空白"]);
    for (const [i, r] of review.reports.entries()) {
      const row = rows("指标")[i + 1]!;
      expect(row[0]).toBe(r.file);
      expect(row[3]).toBe(r.indicators.newlyReceived!.value);
      const rateColumn = head.indexOf("予以公开率");
      expect(row[rateColumn]).toBe(r.indicators.disclosureRate!.value);
    }
    const ws = book.getWorksheet("指标")!;
    expect(ws.getRow(2).getCell(head.indexOf("予以公开率") + 1).numFmt).toBe("0.0%");
    const changed = review.reports.findIndex((r) => r.indicators.disclosureRate!.change !== null);
    const cell = ws.getRow(changed + 2).getCell(head.indexOf("予以公开率") + 2);
    // A rate's change in percentage points: 0.05 → 5.0.
    expect(cell.value).toBeCloseTo(review.reports[changed]!.indicators.disclosureRate!.change! * 100, 4);
    expect(cell.numFmt).toBe("+0.0;-0.0;0.0");
    expect(head.at(-3)).toBe("行政规范性文件现行有效件数衔接");
  });

  it("表二, 表三, 表四: every report's cells in long form, as xxgk cells prints them", () => {
    for (const [table, sheet] of [
      ["二", "表二"],
      ["三", "表三"],
      ["四", "表四"],
    ] as const) {
      const got = rows(sheet).slice(1);
      const want = review.reports.flatMap((r) =>
        cellRecords(result.reports.get(r.id)!)
          .filter((c) => c.table === table)
          .map((c) => [
            r.file,
            r.organ,
            r.year,
            c.row || null,
            c.column,
            c.raw === "" ? null : c.raw,
            c.value,
            c.pointer,
          ]),
      );
      expect(got).toEqual(want);
    }
    // The seed's 4359957元 and its "-" cells stay as written; its value is a number.
    const seedRow = rows("表二").find(
      (r) =>
        r[7] === "/tables/proactive/procurement/amount" && r[2] === 2020 && String(r[0]).startsWith("武林"),
    );
    expect(seedRow?.slice(5, 7)).toEqual(["4359957元", 4359957]);
    expect(rows("表三").length - 1).toBe(
      review.reports.reduce((n, r) => n + layoutOf(r.edition).tables.applications.cells.length, 0),
    );
  });

  it("非报告文件: the files that are not reports and why", () => {
    expect(byHeader("非报告文件")).toEqual(
      review.notReports.map((n) => ({ 文件: n.file, 代码: n.code, 原因: n.reason.zh })),
    );
  });

  it("is the same bytes every time: fixed document and zip entry times", async () => {
    expect(Buffer.from(await reviewWorkbook(review, result.reports)).equals(Buffer.from(bytes))).toBe(true);
    expect(workbookDate(review).toISOString()).toBe("2024-01-01T00:00:00.000Z");
    const files = unzipSync(bytes);
    expect(strFromU8(files["docProps/core.xml"]!)).toContain("2024-01-01T00:00:00Z");
    expect(book.creator).toBe("xxgk review");
    // Every entry of the central directory is dated 2024-01-01 00:00 (DOS date and time).
    const entries = centralDirectory(bytes);
    expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(files).sort());
    const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;
    for (const e of entries) expect([e.name, e.date, e.time]).toEqual([e.name, dosDate, 0]);
  });
});

/** The names and DOS dates and times of a zip's central directory (APPNOTE 4.3.12, 4.3.16). */
function centralDirectory(zip: Uint8Array): { name: string; date: number; time: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: { name: string; date: number; time: number }[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    out.push({
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
    });
    at += 46 + skip;
  }
  return out;
}

describe("excelText", () => {
  it("keeps what a cell can hold and replaces what XML cannot carry", () => {
    expect(excelText("4359957元 - +19")).toBe("4359957元 - +19");
    expect(excelText("a\ud800b\udc00c\ufffe😀")).toBe("a\ufffdb\ufffdc\ufffd😀");
    const long = excelText("字".repeat(40000));
    expect(long).toHaveLength(32767);
    expect(long.endsWith("…")).toBe(true);
  });
});
