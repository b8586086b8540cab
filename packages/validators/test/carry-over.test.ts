import { editionForYear, getCell, layoutOf, type Report } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { carryOver, validateReport } from "../src/index.js";
import { consistentReport, exampleReport } from "./_generate.js";
import { of, withCells } from "./_helpers.js";

const seed = await exampleReport("wulin-2020");
const r2021 = await exampleReport("example-2021");
const APPLICANT_COLUMNS = layoutOf("2021").tables.applications.shape.carriedOver!;

/** Every cell of a report as `key → raw`, for comparing whole tables. */
const raws = (r: Report) =>
  Object.fromEntries(layoutOf(r.edition).cells.map((d) => [d.key, getCell(r, d.key).raw]));

describe("carryOver", () => {
  it("starts 2021 from the 2020 seed: the 2021 edition, the organ, headings, 上年结转 column by column", () => {
    const { report, cells } = carryOver(seed);
    expect(report.edition).toBe("2021");
    expect(report.meta).toEqual({
      organ: seed.meta.organ,
      year: 2021,
      title: "2021年下城区武林街道办事处信息公开年度工作报告",
    });
    // The seed's own heading wording is kept ("五、存在主要问题及改进情况", no 的), sub-headings too.
    expect(report.sections.problems).toEqual({ heading: "五、存在主要问题及改进情况", blocks: [] });
    expect(report.sections.overview.blocks).toEqual(
      seed.sections.overview.blocks.filter((b) => b.type === "heading"),
    );
    expect(report.preamble).toEqual([]);
    // 四 of 2020 was 0 0 0 0 and three blanks: exactly that, blanks still blank.
    expect(APPLICANT_COLUMNS.map((c) => getCell(report, `applications.carriedOver.${c}`).raw)).toEqual([
      "0",
      "0",
      "0",
      "0",
      "",
      "",
      "",
    ]);
    expect(cells.map((c) => [c.code, c.pointer, c.previous, c.carried])).toEqual(
      APPLICANT_COLUMNS.map((c) => [
        "X.carry-over",
        `/tables/applications/carriedOver/${c}`,
        [`/tables/applications/carriedForward/${c}`],
        true,
      ]),
    );
    // Nothing else is filled: the 2021 edition has no 上一年项目数量.
    const filled = Object.entries(raws(report)).filter(([, raw]) => raw !== "");
    expect(filled.map(([k]) => k)).toEqual(
      APPLICANT_COLUMNS.slice(0, 4).map((c) => `applications.carriedOver.${c}`),
    );
  });

  it("2019 → 2020: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减; '-' stays '-', blank stays blank", () => {
    const base = { ...seed, meta: { ...seed.meta, year: 2019, title: "2019年报告" } };
    const previous = withCells(base, {
      "proactive.licensing.previous": 40,
      "proactive.licensing.change": "-18",
      "proactive.otherServices.previous": 2,
      "proactive.otherServices.change": "+2",
      "proactive.penalties.previous": "-",
      "proactive.penalties.change": "-",
      "proactive.coercion.previous": "",
      "proactive.coercion.change": "",
      "proactive.fees.previous": 7,
      "proactive.fees.change": "",
    });
    const { report } = carryOver(previous);
    expect(report.edition).toBe("2019");
    expect(report.meta.title).toBe("2020年报告");
    const previousColumn = ["licensing", "otherServices", "penalties", "coercion", "fees"].map(
      (r) => getCell(report, `proactive.${r}.previous`).raw,
    );
    expect(previousColumn).toEqual(["22", "4", "-", "", "7"]);
    expect(getCell(report, "proactive.licensing.change").raw).toBe("");
    expect(of(validateReport(report, { previous }), "X.items")).toEqual([]);
  });

  it("leaves a cell blank, and says so, when last year's cell is unreadable", () => {
    const previous = withCells(r2021, { "applications.carriedForward.research": "三" });
    const { report, cells } = carryOver({ ...previous, meta: { ...previous.meta, year: 2024 } });
    expect(getCell(report, "applications.carriedOver.research").raw).toBe("");
    expect(cells.filter((c) => !c.carried).map((c) => c.key)).toEqual(["applications.carriedOver.research"]);
  });

  it("takes no title it cannot move on: a title without the year becomes the customary one", () => {
    const previous = { ...r2021, meta: { ...r2021.meta, year: 2024, title: "政府信息公开工作年度报告" } };
    expect(carryOver(previous).report.meta.title).toBe(`${r2021.meta.organ}2025年政府信息公开工作年度报告`);
  });

  it("carries a level the document states, and states none when last year's did not (a 街道 is inferred)", () => {
    expect(carryOver(r2021).report.meta.level).toBe("agency");
    expect(carryOver({ ...seed, meta: { ...seed.meta, level: "government" } }).report.meta.level).toBe(
      "government",
    );
    expect("level" in carryOver(seed).report.meta).toBe(false);
  });

  it("refuses a year other than the next one", () => {
    expect(() => carryOver(seed, 2022)).toThrow(RangeError);
    expect(() => carryOver(seed, 2020)).toThrow(RangeError);
  });

  it("for any consistent report of either edition, the next year's carried cells satisfy the cross-year rules", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2019, max: 2030 }), fc.integer(), (year, s) => {
        const previous = consistentReport(editionForYear(year), year, s);
        const { report, cells } = carryOver(previous);
        expect(report.edition).toBe(editionForYear(year + 1));
        expect(report.meta.year).toBe(year + 1);
        const findings = validateReport(report, { previous });
        expect([...of(findings, "X.carry-over"), ...of(findings, "X.items")]).toEqual([]);
        // 二、上年结转 is last year's 四 exactly as written, column by column.
        for (const c of APPLICANT_COLUMNS) {
          expect(getCell(report, `applications.carriedOver.${c}`).raw).toBe(
            getCell(previous, `applications.carriedForward.${c}`).raw,
          );
        }
        // Only the carried cells hold anything.
        const carried = new Set(cells.map((c) => c.key));
        for (const [key, raw] of Object.entries(raws(report))) if (!carried.has(key)) expect(raw).toBe("");
      }),
      { numRuns: 150 },
    );
  });
});
