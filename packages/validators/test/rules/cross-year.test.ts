import { type Report, setCell } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { validate, validateReport } from "../../src/index.js";
import { example, exampleReport } from "../_generate.js";
import { of, problems, withCells } from "../_helpers.js";

const r2021 = await exampleReport("example-2021");
const seed = await exampleReport("wulin-2020");

/** Last year's report for the 2021 example: its 四 is this year's 二, its 现行有效件数 chain holds. */
function lastYear(): Report {
  const base = { ...r2021, meta: { ...r2021.meta, year: 2024 } };
  const carried = [9, 2, 1, 1, 1, 1, 15];
  const cols = [
    "naturalPerson",
    "commercial",
    "research",
    "publicInterest",
    "legalServices",
    "otherOrg",
    "total",
  ];
  let r: Report = base;
  cols.forEach((c, i) => {
    r = setCell(r, `applications.carriedForward.${c}`, carried[i]!);
  });
  // 35 = 34 + 2 − 1; 148 = 139 + 12 − 3.
  return withCells(r, { "proactive.regulations.inForce": 34, "proactive.normativeDocuments.inForce": 139 });
}

describe("X.carry-over", () => {
  it("passes when this year's 二 equals last year's 四 (2021 → 2021)", () => {
    expect(of(validateReport(r2021, { previous: lastYear() }), "X.carry-over")).toEqual([]);
  });

  it("fails per column, pointing at this year's cell and last year's cell", () => {
    const previous = setCell(lastYear(), "applications.carriedForward.commercial", 3);
    expect(of(validateReport(r2021, { previous }), "X.carry-over")).toEqual([
      {
        code: "X.carry-over",
        severity: "warning",
        pointer: "/tables/applications/carriedOver/commercial",
        related: [],
        previous: ["/tables/applications/carriedForward/commercial"],
        expected: 3,
        actual: 2,
        message: {
          zh: "二、上年结转政府信息公开申请数量（商业企业）应等于上年报告的四、结转下年度继续办理 3，实为 2",
          en: "二、上年结转政府信息公开申请数量（商业企业） should equal last year's 四、结转下年度继续办理, 3, but is 2",
        },
      },
    ]);
  });

  it("holds across the 2020 → 2021 switch: a 2019-edition 2020 report before a 2021-edition 2021 report", () => {
    const current = {
      ...r2021,
      meta: { ...r2021.meta, year: 2021, title: "2021年报告", published: "2022-01-20" },
    };
    const previous = withCells(seed, { "applications.carriedForward.naturalPerson": 9 });
    const found = of(validateReport(current, { previous }), "X.carry-over");
    expect(found.map((f) => [f.pointer, f.expected, f.actual])).toEqual([
      ["/tables/applications/carriedOver/commercial", 0, 2],
      ["/tables/applications/carriedOver/research", 0, 1],
      ["/tables/applications/carriedOver/publicInterest", 0, 1],
      ["/tables/applications/carriedOver/legalServices", 0, 1],
      ["/tables/applications/carriedOver/otherOrg", 0, 1],
      ["/tables/applications/carriedOver/total", 0, 15],
    ]);
  });
});

describe("X.stock", () => {
  it("passes when 现行有效件数 continues last year's", () => {
    expect(of(validateReport(r2021, { previous: lastYear() }), "X.stock")).toEqual([]);
  });

  it("warns when the chain breaks (a clean-up), about this year's 现行有效件数", () => {
    const previous = setCell(lastYear(), "proactive.normativeDocuments.inForce", 200);
    const found = of(validateReport(r2021, { previous }), "X.stock");
    expect(found).toMatchObject([
      {
        severity: "warning",
        pointer: "/tables/proactive/normativeDocuments/inForce",
        related: [
          "/tables/proactive/normativeDocuments/issued",
          "/tables/proactive/normativeDocuments/repealed",
        ],
        previous: ["/tables/proactive/normativeDocuments/inForce"],
        expected: 209,
        actual: 148,
      },
    ]);
  });

  it("is skipped when last year's report is in the 2019 edition (对外公开总数量 is not 现行有效件数)", () => {
    const current = { ...r2021, meta: { ...r2021.meta, year: 2021, title: "2021年报告" } };
    const previous = withCells(seed, { "proactive.normativeDocuments.total": 9999 });
    expect(of(validateReport(current, { previous }), "X.stock")).toEqual([]);
  });
});

describe("X.items", () => {
  const year2019 = withCells(
    { ...seed, meta: { ...seed.meta, year: 2019, title: "2019年报告" } },
    { "proactive.otherServices.previous": 1, "proactive.otherServices.change": "+1" },
  );

  it("passes when 上一年项目数量 = last year's 上一年项目数量 + 本年增/减", () => {
    expect(of(validateReport(seed, { previous: year2019 }), "X.items")).toEqual([]);
  });

  it("warns when it does not", () => {
    const previous = setCell(year2019, "proactive.otherServices.change", "-1");
    expect(of(validateReport(seed, { previous }), "X.items")).toMatchObject([
      {
        pointer: "/tables/proactive/otherServices/previous",
        previous: ["/tables/proactive/otherServices/previous", "/tables/proactive/otherServices/change"],
        expected: 0,
        actual: 2,
      },
    ]);
  });
});

describe("X.previous", () => {
  it("passes (nothing) when last year's document parses and is for the year before", async () => {
    const doc = await example("wulin-2020");
    const prev = structuredClone(doc) as { meta: { year: number; title: string } };
    prev.meta.year = 2019;
    prev.meta.title = "2019年报告";
    expect(of(validate(doc, { previous: prev }), "X.previous")).toEqual([]);
  });

  it("warns once and skips the cross-year rules when last year's document does not parse", async () => {
    const result = validate(await example("example-2021"), { previous: { edition: "2021", meta: {} } });
    expect(problems(result)).toEqual(["X.previous"]);
    expect(of(result, "X.previous")).toHaveLength(1);
    expect(of(result, "X.previous")[0]!.message.en).toMatch(
      /^Last year's report does not fit the report schema \(\/meta/,
    );
  });

  it("warns when last year's report is not for the year before", () => {
    const result = validateReport(r2021, { previous: seed });
    expect(of(result, "X.previous")[0]!.message.en).toBe(
      "Last year's report is for 2020, not 2024: cross-year rules skipped",
    );
    expect(of(result, "X.carry-over")).toEqual([]);
  });
});

describe("X.published", () => {
  // A real 2020 report shows 规章 对外公开总数量 7 after 0 last year and 0 newly published.
  const lastYear2019 = withCells(
    { ...seed, meta: { ...seed.meta, year: 2019 } },
    { "proactive.regulations.total": 0, "proactive.normativeDocuments.total": 1 },
  );

  it("passes when 对外公开总数量 grows by at most what was newly published", () => {
    expect(of(validateReport(seed, { previous: lastYear2019 }), "X.published")).toEqual([]);
    const r = withCells(seed, {
      "proactive.normativeDocuments.total": 2,
      "proactive.normativeDocuments.published": 1,
    });
    expect(of(validateReport(r, { previous: lastYear2019 }), "X.published")).toEqual([]);
  });

  it("fails 7 after 0 and 0 new, pointing at this year's and last year's totals", () => {
    const r = withCells(seed, {
      "proactive.regulations.made": 0,
      "proactive.regulations.published": 0,
      "proactive.regulations.total": 7,
    });
    expect(of(validateReport(r, { previous: lastYear2019 }), "X.published")).toEqual([
      {
        code: "X.published",
        severity: "warning",
        pointer: "/tables/proactive/regulations/total",
        related: ["/tables/proactive/regulations/published"],
        previous: ["/tables/proactive/regulations/total"],
        expected: 0,
        actual: 7,
        message: {
          zh: "规章（对外公开总数量）为 7，超过上年对外公开总数量 0 与本年新公开数量 0 之和 0",
          en: "规章（对外公开总数量） is 7, more than last year's 0 plus 0 newly published, 0",
        },
      },
    ]);
  });

  it("needs the 2019 edition in both years and a figure written in both", () => {
    const r = withCells(seed, { "proactive.regulations.total": 7 });
    expect(of(validateReport(r), "X.published")).toEqual([]);
    const dash = withCells(lastYear2019, { "proactive.regulations.total": "-" });
    expect(of(validateReport(r, { previous: dash }), "X.published")).toEqual([]);
  });
});
