import { existsSync, linkSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { layoutOf, resolvePointer } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import type { CellRecord } from "../../src/index.js";
import { parseCsv } from "../_csv-parse.js";
import { EXAMPLES, scratch, xxgk } from "../_helpers.js";

type Expected = Pick<CellRecord, "table" | "row" | "column" | "raw">;

/**
 * The seed report's tables, read straight from the scraped text (test/fixtures, a copy of
 * /work/shared/domain/seed-wulin-2020.txt). Each table cell starts a line with a tab, a cell may
 * continue on lines without one (`商\n\n业\n\n企\n\n业`), and rows are separated by a blank line.
 * An empty cell stands for a merged cell above or to the left.
 */
function seedTables(): Expected[] {
  const text = readFileSync(new URL("../fixtures/seed-wulin-2020.txt", import.meta.url), "utf8");
  const between = (from: string, to: string) => {
    const start = text.indexOf(`\n${from}\n`);
    const end = text.indexOf(`\n${to}\n`);
    if (start < 0 || end < 0) throw new Error(`seed text lacks ${from} or ${to}`);
    return text
      .slice(start + from.length + 2, end)
      .replace(/^\n+|\s+$/g, "")
      .split(/\n\n(?=\t)/)
      .map((row) => row.split(/\n(?=\t)/).map((cell) => cell.replace(/^\t/, "").replaceAll("\n", "")));
  };
  const out: Expected[] = [];

  // 二: caption rows, a header row starting 信息内容, then data rows.
  let caption = "";
  let header: string[] = [];
  for (const cells of between("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")) {
    if (cells.length === 1) caption = cells[0]!;
    else if (cells[0] === "信息内容") header = cells;
    else {
      cells.slice(1).forEach((raw, i) => {
        out.push({ table: "二", row: `${caption} / ${cells[0]}`, column: header[i + 1]!, raw });
      });
    }
  }

  // 三: three header rows (corner + 申请人情况; 自然人 法人或其他组织 总计; the five organisation kinds).
  const t3 = between("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况");
  const [h1, h2, h3] = [t3[0]!, t3[1]!, t3[2]!];
  const top = h1[1]!;
  const columns = [
    `${top} / ${h2[1]}`,
    ...h3.slice(2, 7).map((leaf) => `${top} / ${h2[2]} / ${leaf}`),
    `${top} / ${h2[3]}`,
  ];
  expect(columns).toHaveLength(7);
  let path: string[] = [];
  for (const cells of t3.slice(3)) {
    const labelCount = cells.findIndex((c) => /^\d+$/.test(c));
    path = cells.slice(0, labelCount).map((label, i) => label || path[i]!);
    const values = cells.slice(labelCount);
    // Short rows (四、结转下年度继续办理 has 4 values for 7 columns) are read left to right; the rest is blank.
    columns.forEach((column, i) => {
      out.push({ table: "三", row: path.join(" / "), column, raw: values[i] ?? "" });
    });
  }

  // 四: 行政复议 ×5, then 行政诉讼 / 未经复议直接起诉 ×5 and 行政诉讼 / 复议后起诉 ×5.
  const [g1, g2, g3, data] = between("四、政府信息公开行政复议、行政诉讼情况", "五、存在主要问题及改进情况");
  const reviewColumns = [
    ...g2!.slice(0, 5).map((l) => `${g1![0]} / ${l}`),
    ...g3!.slice(5, 10).map((l) => `${g1![1]} / ${g2![5]} / ${l}`),
    ...g3!.slice(10, 15).map((l) => `${g1![1]} / ${g2![6]} / ${l}`),
  ];
  data!.forEach((raw, i) => {
    out.push({ table: "四", row: "", column: reviewColumns[i]!, raw });
  });
  return out;
}

const expectedValue = (raw: string) => (raw === "" || raw === "-" ? null : Number(raw.replace(/元$/, "")));

describe("xxgk cells", () => {
  it("exports the seed example exactly as the seed text has it, in official order", async () => {
    const expected = seedTables();
    expect(expected).toHaveLength(layoutOf("2019").cells.length);
    const r = await xxgk(["cells", EXAMPLES.wulin, "--format", "json"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const records = JSON.parse(r.stdout) as CellRecord[];
    expect(records.map(({ table, row, column, raw }) => ({ table, row, column, raw }))).toEqual(expected);
    expect(records.map((c) => c.value)).toEqual(expected.map((e) => expectedValue(e.raw)));
    expect(records.find((c) => c.raw === "4359957元")).toEqual({
      table: "二",
      row: "第二十条第（九）项 / 政府集中采购",
      column: "采购总金额",
      raw: "4359957元",
      value: 4359957,
      pointer: "/tables/proactive/procurement/amount",
    });
  });

  it("names rows and columns by their official label paths", async () => {
    const r = await xxgk(["cells", EXAMPLES.y2021, "--format", "json"]);
    const records = JSON.parse(r.stdout) as CellRecord[];
    expect(records).toContainEqual(
      expect.objectContaining({
        table: "三",
        row: "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密",
        column: "申请人情况 / 法人或其他组织 / 商业企业",
        pointer: "/tables/applications/stateSecret/commercial",
      }),
    );
    expect(records.filter((c) => c.table === "四").every((c) => c.row === "")).toBe(true);
    expect(records.filter((c) => c.table === "四").map((c) => c.column)[5]).toBe(
      "行政诉讼 / 未经复议直接起诉 / 结果维持",
    );
  });

  it("gives CSV and JSON with the same records, and every pointer leads to the cell as written", async () => {
    for (const file of [EXAMPLES.wulin, EXAMPLES.y2021]) {
      const doc = JSON.parse(readFileSync(file, "utf8"));
      const json = JSON.parse((await xxgk(["cells", file, "--format", "json"])).stdout) as CellRecord[];
      const csv = await xxgk(["cells", file]);
      expect(csv.code).toBe(0);
      const [head, ...rows] = parseCsv(csv.stdout);
      expect(head).toEqual(["table", "row", "column", "raw", "value", "pointer"]);
      expect(rows).toEqual(
        json.map((c) => [
          c.table,
          c.row,
          c.column,
          c.raw,
          c.value === null ? "" : String(c.value),
          c.pointer,
        ]),
      );
      for (const c of json) expect(String(resolvePointer(doc, c.pointer))).toBe(c.raw);
    }
  });

  it("--bom starts the CSV with a UTF-8 byte-order mark for Excel, and defuses formula-like text", async () => {
    const dir = scratch();
    const doc = JSON.parse(readFileSync(EXAMPLES.wulin, "utf8"));
    doc.tables.proactive.fees.previous = '=HYPERLINK("http://x")';
    doc.tables.proactive.otherServices.change = "+2";
    writeFileSync(join(dir, "r.json"), JSON.stringify(doc));
    const plain = await xxgk(["cells", "r.json"], { cwd: dir });
    const excel = await xxgk(["cells", "r.json", "--bom"], { cwd: dir });
    expect(plain.stdout.startsWith("table,")).toBe(true);
    expect(excel.stdout.startsWith("\uFEFFtable,")).toBe(true);
    const raws = (out: string) => parseCsv(out.replace(/^\uFEFF/, "")).map((row) => row[3]);
    expect(raws(plain.stdout)).toContain('=HYPERLINK("http://x")');
    expect(raws(excel.stdout)).toContain('\'=HYPERLINK("http://x")');
    // Numbers and "-" are what the author wrote and are safe: kept as they are.
    expect(raws(excel.stdout)).toContain("+2");
    expect(raws(excel.stdout)).toContain("-");
    expect((await xxgk(["cells", "r.json", "--bom", "--format", "json"], { cwd: dir })).code).toBe(2);
  });

  it("writes -o FILE, refuses to replace it without --force, and never writes over its input", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "r.json"), readFileSync(EXAMPLES.wulin));
    expect(await xxgk(["cells", "r.json", "-o", "cells.csv"], { cwd: dir })).toMatchObject({
      code: 0,
      stdout: "",
    });
    const first = readFileSync(join(dir, "cells.csv"), "utf8");
    expect(parseCsv(first)).toHaveLength(layoutOf("2019").cells.length + 1);
    const again = await xxgk(["cells", "r.json", "-o", "cells.csv", "--format", "json"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("cells.csv 已存在；加 --force 覆盖");
    expect(readFileSync(join(dir, "cells.csv"), "utf8")).toBe(first);
    expect(
      (await xxgk(["cells", "r.json", "-o", "cells.csv", "--format", "json", "--force"], { cwd: dir })).code,
    ).toBe(0);
    expect(readFileSync(join(dir, "cells.csv"), "utf8").startsWith("[")).toBe(true);
    const before = readFileSync(join(dir, "r.json"), "utf8");
    const self = await xxgk(["cells", "r.json", "-o", "./r.json", "--force", "--lang", "en"], { cwd: dir });
    expect(self.code).toBe(2);
    expect(self.stderr).toContain("./r.json is the input file r.json; it cannot also be the output");
    expect(readFileSync(join(dir, "r.json"), "utf8")).toBe(before);
    // A hard link is the input under another name (as `R.JSON` is on a case-insensitive file system).
    linkSync(join(dir, "r.json"), join(dir, "r-link.csv"));
    const linked = await xxgk(["cells", "r.json", "-o", "r-link.csv", "--force", "--lang", "en"], {
      cwd: dir,
    });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain("r-link.csv is the input file r.json; it cannot also be the output");
    expect(readFileSync(join(dir, "r.json"), "utf8")).toBe(before);
    expect(existsSync(join(dir, "nope", "x.csv"))).toBe(false);
    expect((await xxgk(["cells", "r.json", "-o", "nope/x.csv"], { cwd: dir })).code).toBe(2);
  });

  it("exits 1 naming the places when the JSON is not a report, 2 when it is not JSON", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "notreport.json"), JSON.stringify({ edition: "2021", meta: {} }));
    writeFileSync(join(dir, "broken.json"), '{"edition": "2021",\n "meta": {,}}');
    const a = await xxgk(["cells", "notreport.json", "--lang", "en"], { cwd: dir });
    expect(a.code).toBe(1);
    expect(a.stdout).toBe("");
    expect(a.stderr).toContain("notreport.json is not a report document");
    expect(a.stderr).toMatch(/^ {2}.*\/meta\/organ.*$/m);
    const b = await xxgk(["cells", "broken.json"], { cwd: dir });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("broken.json:2:11: 不是合法的 JSON");
    expect((await xxgk(["cells"], { cwd: dir })).code).toBe(2);
    expect((await xxgk(["cells", "a.json", "b.json"], { cwd: dir })).code).toBe(2);
  });

  it("reads standard input for -", async () => {
    const r = await xxgk(["cells", "-", "--format", "json"], { stdin: readFileSync(EXAMPLES.y2021) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(layoutOf("2021").cells.length);
  });
});
