import { describe, expect, it } from "vitest";
import { validate, validateReport } from "../src/index.js";
import { example, exampleReport } from "./_generate.js";
import { withCells } from "./_helpers.js";

describe("validate", () => {
  it("gives the seed report no error and no warning, only one notice for its three blank cells", async () => {
    const r = validate(await example("wulin-2020"));
    expect(r.counts).toEqual({ error: 0, warning: 0, info: 1 });
    expect(r.findings[0]).toMatchObject({
      code: "table.blanks",
      pointer: "/tables/applications",
      cells: [
        "/tables/applications/carriedForward/legalServices",
        "/tables/applications/carriedForward/otherOrg",
        "/tables/applications/carriedForward/total",
      ],
    });
    expect(r.diagnosis).toEqual([]);
    expect(r.report?.meta.organ).toBe("杭州市下城区武林街道办事处");
  });

  it("gives the 2021 example nothing at all", async () => {
    expect(validate(await example("example-2021"))).toMatchObject({
      findings: [],
      counts: { error: 0, warning: 0, info: 0 },
    });
  });

  it("sorts errors, warnings, infos, then in official document and cell order", async () => {
    const base = await exampleReport("wulin-2020");
    const report = withCells(
      { ...base, meta: { ...base.meta, published: "2021-05-01" } },
      {
        "review.afterReconsideration.total": 1,
        "proactive.licensing.decisions": "-2",
        "applications.stateSecret.total": 1,
      },
    );
    const r = validateReport(report, { blankNotices: "both" });
    expect(r.findings.map((f) => `${f.severity} ${f.code} ${f.pointer}`)).toEqual([
      "error counts /tables/proactive/licensing/decisions",
      "error T3.results-total /tables/applications/stateSecret/total",
      "error T3.row-total /tables/applications/stateSecret/total",
      "error T4.total /tables/review/afterReconsideration/total",
      "warning deadline /meta/published",
      "info table.blanks /tables/applications",
      "info cell.blank /tables/applications/carriedForward/legalServices",
      "info cell.blank /tables/applications/carriedForward/otherOrg",
      "info cell.blank /tables/applications/carriedForward/total",
    ]);
    expect(r.counts).toEqual({ error: 4, warning: 1, info: 4 });
  });

  it("treats an unknown blanks option as the default, counting blanks as 0", async () => {
    const doc = await example("wulin-2020");
    const r = validate(doc, { blanks: "sometimes" as "count-as-zero", blankNotices: "each" as "cell" });
    expect(r.counts.info).toBe(1);
    expect(r.findings[0]!.message.zh).toContain("按 0 计算");
  });

  it("does not change the report it is given", async () => {
    const report = await exampleReport("example-2021");
    const before = JSON.stringify(report);
    validateReport(report, { blanks: "not-assessable" });
    expect(JSON.stringify(report)).toBe(before);
  });
});
