import { describe, expect, it } from "vitest";
import { validateReport } from "../../src/index.js";
import { exampleReport } from "../_generate.js";
import { of, withCells } from "../_helpers.js";

const r2021 = await exampleReport("example-2021");

describe("T4.total", () => {
  it("passes when each group's outcomes add up to its 总计", () => {
    expect(of(validateReport(r2021), "T4.total")).toEqual([]);
  });

  it("fails per group, about the group's 总计, naming its four outcome cells", () => {
    const r = withCells(r2021, { "review.direct.pending": 2, "review.reconsideration.total": 9 });
    expect(of(validateReport(r), "T4.total")).toEqual([
      {
        code: "T4.total",
        severity: "error",
        pointer: "/tables/review/reconsideration/total",
        related: [
          "/tables/review/reconsideration/upheld",
          "/tables/review/reconsideration/corrected",
          "/tables/review/reconsideration/otherOutcome",
          "/tables/review/reconsideration/pending",
        ],
        expected: 8,
        actual: 9,
        message: {
          zh: "行政复议/总计应为结果维持、结果纠正、其他结果、尚未审结之和 8，实为 9",
          en: "行政复议/总计 should be upheld + corrected + other + pending = 8 but is 9",
        },
      },
      expect.objectContaining({ pointer: "/tables/review/direct/total", expected: 5, actual: 4 }),
    ]);
  });
});
