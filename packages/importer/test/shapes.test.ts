// The text shapes real copies come in, made from core-model's examples by test/text-shapes.mjs: every
// cell comes back as the example has it, or blank with a diagnostic on its row — which rows, per shape,
// is written down here. Never a wrong value.
import { readdirSync, readFileSync } from "node:fs";
import { cellRecords, type Report } from "@xxgk/core-model";
import { describe, expect, test } from "vitest";
import { type ImportResult, importText } from "../src/index.js";
// @ts-expect-error: a plain ES module shared with the bench, without types
import { EXAMPLES, example, fixtureFiles } from "./text-shapes.mjs";

const dir = new URL("./fixtures/shapes/", import.meta.url);
const made = (await fixtureFiles()) as Record<string, string>;
const examples = new Map<string, Report>();
for (const name of EXAMPLES as string[]) examples.set(name, (await example(name)) as Report);

test("the committed fixtures are what test/text-shapes.mjs makes (run it after changing it)", () => {
  expect(readdirSync(dir).sort()).toEqual(Object.keys(made).sort());
  for (const [file, text] of Object.entries(made))
    expect(readFileSync(new URL(file, dir), "utf8")).toBe(text);
});

const APPLICATION_ROWS_2019 = Object.keys(
  (examples.get("wulin-2020")!.tables.applications as Record<string, unknown>) ?? {},
);

/**
 * Per fixture: the rows (JSON pointers) that stay blank, with the diagnostic code said on each. Every
 * other cell is read as the example has it.
 */
const BLANK_ROWS: Record<string, Record<string, string>> = {
  // Table 二 has no equation: `2135` under 规章 splits as 2|1|35, 2|13|5 or 21|3|5.
  "example-2021.flat.txt": {
    "/tables/proactive/regulations": "split-ambiguous",
    "/tables/proactive/normativeDocuments": "split-ambiguous",
  },
  "example-2021.flat-tables.txt": {
    "/tables/proactive/regulations": "split-ambiguous",
    "/tables/proactive/normativeDocuments": "split-ambiguous",
  },
  // `124359957元`: 1 | 24359957元, 12 | 4359957元 …
  "wulin-2020.flat.txt": { "/tables/proactive/procurement": "split-ambiguous" },
  "wulin-2020.flat-tables.txt": { "/tables/proactive/procurement": "split-ambiguous" },
  // The seed leaves three cells of 四、结转 empty: listed numbers first, 158 values for 161 cells
  // cannot be given to rows (never guessed), so table 三 stays blank.
  "wulin-2020.numbers-first.txt": Object.fromEntries(
    APPLICATION_ROWS_2019.map((r) => [`/tables/applications/${r}`, "missing-cells"]),
  ),
  "wulin-2020.columns-first.txt": Object.fromEntries(
    APPLICATION_ROWS_2019.map((r) => [`/tables/applications/${r}`, "missing-cells"]),
  ),
};

const ORGANS: Record<string, string> = {
  "wulin-2020": "下城区武林街道办事处",
  "example-2021": "江南市滨河区人民政府办公室",
};

const results = new Map<string, ImportResult>(Object.entries(made).map(([f, text]) => [f, importText(text)]));

describe.each(Object.keys(made).filter((f) => !f.includes(".title-sentence.")))("%s", (file) => {
  const report = examples.get(file.split(".")[0]!)!;
  const result = results.get(file)!;

  test("every cell as the example has it, or blank with a diagnostic on its row; never another value", () => {
    expect(result.report).not.toBeNull();
    const want = new Map(cellRecords(report).map((c) => [c.pointer, c.raw]));
    const blank = BLANK_ROWS[file] ?? {};
    const rowOf = (pointer: string) => pointer.split("/").slice(0, 4).join("/");
    for (const c of cellRecords(result.report!)) {
      const code = blank[rowOf(c.pointer)];
      if (code === undefined) {
        expect(c.raw, c.pointer).toBe(want.get(c.pointer));
        continue;
      }
      expect(c.raw, c.pointer).toBe("");
      expect(
        result.diagnostics.some(
          (d) => d.code === code && d.pointer !== undefined && rowOf(d.pointer) === rowOf(c.pointer),
        ),
        `${code} on ${rowOf(c.pointer)}`,
      ).toBe(true);
    }
    // The organ as the title names it (the seed's title says 下城区…, its data 杭州市下城区…).
    expect(result.report!.meta).toMatchObject({ organ: ORGANS[file.split(".")[0]!], year: report.meta.year });
  });

  test("cells it was unsure of are counted, and said", () => {
    const { placed, unsure, missing, total } = result.stats;
    expect(placed + unsure + missing).toBe(total);
    if (unsure > 0) expect(result.diagnostics.some((d) => d.pointer?.startsWith("/tables/"))).toBe(true);
  });
});

describe("how the shapes were read", () => {
  test("flattened 2021: table 三 and 四 split by their equations alone, each row said", () => {
    const r = results.get("example-2021.flat.txt")!;
    const split = r.diagnostics.filter((d) => d.code === "split-by-arithmetic");
    // Every row of table 三; table 四's 15 single digits split one way only, by their tokens alone.
    expect(new Set(split.map((d) => d.pointer!.split("/")[3]))).toEqual(
      new Set(Object.keys(examples.get("example-2021")!.tables.applications)),
    );
    expect(r.stats).toEqual({ placed: 19, unsure: 175, missing: 6, total: 200 });
    expect(
      r.diagnostics.find((d) => d.pointer === "/tables/proactive/regulations/issued")!.message.zh,
    ).toContain("2 | 1 | 35");
  });

  test("PDF reading order: values listed apart from their labels are given to them by the official order", () => {
    const r = results.get("example-2021.pdf.txt")!;
    expect(r.diagnostics.filter((d) => d.code === "order-recovered")).toHaveLength(3);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  test("numbers listed column by column are told from row by row by table 三's row totals", () => {
    for (const f of ["example-2021.numbers-first.txt", "example-2021.columns-first.txt"]) {
      const r = results.get(f)!;
      expect(r.diagnostics.filter((d) => d.code === "order-recovered")).toHaveLength(1);
      expect(r.stats.unsure).toBe(175);
    }
  });

  test("a sentence is never taken for the title: no organ rather than a wrong one", () => {
    const r = results.get("wulin-2020.title-sentence.txt")!;
    expect(r.report).toBeNull();
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([
      "title-missing",
      "year-missing",
      "organ-missing",
    ]);
    const given = importText(made["wulin-2020.title-sentence.txt"]!, { year: 2020, organ: "武林街道办事处" });
    expect(given.report!.tables).toEqual(examples.get("wulin-2020")!.tables);
  });

  test("a title without a year takes the statistical period's, with a notice", () => {
    const r = results.get("wulin-2020.title-noYear.txt")!;
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: "year-from-text", severity: "info", pointer: "/meta/year" }),
    );
    expect(r.report!.meta.title).toBe("下城区武林街道办事处信息公开年度工作报告");
  });
});
