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
    expect(of(validateReport(r, { diagnose: false }), "T4.total")).toEqual([
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

  it("diagnosed: the total the narrative contradicts is located; outcomes that could each be wrong are a tie", () => {
    // The text says 行政复议8件 (so 9 is the wrong cell) and 行政诉讼7件 = 4 + 3 (so direct/总计 4 is right,
    // and one of the outcomes that can go down by one is wrong: upheld 2, corrected 1 or pending 2).
    const r = withCells(r2021, { "review.direct.pending": 2, "review.reconsideration.total": 9 });
    const result = validateReport(r);
    expect(result.diagnosis.map((d) => d.status)).toEqual(["located", "tied"]);
    const [reconsideration, direct] = result.diagnosis;
    expect(reconsideration!.explanations).toMatchObject([
      { cells: [{ pointer: "/tables/review/reconsideration/total", suggested: 8 }], cost: 0.75 },
    ]);
    expect(direct!.explanations.map((x) => x.cells.map((c) => [c.pointer, c.suggested]))).toEqual([
      [["/tables/review/direct/upheld", 1]],
      [["/tables/review/direct/corrected", 0]],
      [["/tables/review/direct/pending", 1]],
    ]);
    const findings = of(result, "T4.total");
    expect(findings.map((f) => [f.pointer, f.expected, f.diagnosis])).toEqual([
      ["/tables/review/reconsideration/total", 8, 0],
      ["/tables/review/direct/total", undefined, 1],
    ]);
    // No blame on direct/总计: the finding says the sum fails, not which cell is wrong.
    expect(findings[1]!.message.zh).toBe(
      "勾稽关系不成立：行政诉讼/未经复议直接起诉：结果维持＋结果纠正＋其他结果＋尚未审结＝总计，两边相差 1（出错的单元格无法唯一确定，见诊断）",
    );
  });
});
