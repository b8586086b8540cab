import type { Report } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { validateReport } from "../../src/index.js";
import { sentenceAt } from "../../src/rules/text.js";
import { exampleReport } from "../_generate.js";
import { of, problems } from "../_helpers.js";

const r2021 = await exampleReport("example-2021");
const seed = await exampleReport("wulin-2020");

function withText(
  report: Report,
  section: "overview" | "applications" | "review" | "problems",
  text: string,
): Report {
  const s = report.sections[section];
  return {
    ...report,
    sections: { ...report.sections, [section]: { ...s, blocks: [...s.blocks, { type: "paragraph", text }] } },
  };
}

describe("text.numbers", () => {
  it("passes both examples: the seed's 收到…申请共0件 / 办理依申请公开0件 and every number of the 2021 example", () => {
    expect(of(validateReport(seed), "text.numbers")).toEqual([]);
    expect(of(validateReport(r2021), "text.numbers")).toEqual([]);
  });

  it("fails a number of received applications the table does not have, quoting the sentence", () => {
    const r = withText(r2021, "overview", "全年共收到政府信息公开申请430件。其余情况见表。");
    expect(of(validateReport(r), "text.numbers")).toEqual([
      {
        code: "text.numbers",
        severity: "warning",
        pointer: "/sections/overview/blocks/11/text",
        related: ["/tables/applications/newlyReceived/total"],
        expected: 421,
        actual: 430,
        message: {
          zh: "正文称收到（新收）申请 430 件，表格一、本年新收政府信息公开申请数量（总计）为 421",
          en: "The text states 430 applications received; the table (一、本年新收政府信息公开申请数量（总计）) says 421",
        },
        quote: "全年共收到政府信息公开申请430件。",
      },
    ]);
  });

  it.each([
    ["上年结转政府信息公开申请16件", "/tables/applications/carriedOver/total", 15],
    ["共办结申请416件", "/tables/applications/resultsTotal/total", 415],
    ["结转下年度继续办理20件", "/tables/applications/carriedForward/total", 21],
    ["本年发生行政复议9件", "/tables/review/reconsideration/total", 8],
    ["被提起行政诉讼6件", "/tables/review/direct/total", 7],
    ["本年制发行政规范性文件11件", "/tables/proactive/normativeDocuments/issued", 12],
  ])("fails “%s” against %s (%d)", (text, pointer, expected) => {
    const found = of(validateReport(withText(r2021, "review", `${text}。`)), "text.numbers");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      related: expect.arrayContaining([pointer]),
      expected,
      quote: `${text}。`,
    });
  });

  it("reads 制发规范性文件 against 本年新制作数量 in a 2019 report", () => {
    const found = of(validateReport(withText(seed, "overview", "本年制发规范性文件3件。")), "text.numbers");
    expect(found).toMatchObject([
      { related: ["/tables/proactive/normativeDocuments/made"], expected: 1, actual: 3 },
    ]);
  });

  it("stays silent on combined counts, other units, other sections, and does not read 收到行政复议申请 as applications", () => {
    const r = withText(
      withText(r2021, "overview", "行政复议、行政诉讼共3件；全年公开信息6215条；收到行政复议申请8件。"),
      "problems",
      "本年新收政府信息公开申请1件。",
    );
    expect(of(validateReport(r), "text.numbers")).toEqual([]);
  });

  it("does not assess a number whose cell is blank under blanks: not-assessable", () => {
    const r = withText(seed, "overview", "结转下年度继续办理2件。");
    expect(of(validateReport(r), "text.numbers")).toHaveLength(1);
    expect(of(validateReport(r, { blanks: "not-assessable" }), "text.numbers")).toEqual([]);
  });

  it("quotes exactly the sentence around the number", () => {
    expect(sentenceAt("第一句。第二句有12件；第三句", 8)).toBe("第二句有12件；");
    expect(sentenceAt("只有一句没有句号", 3)).toBe("只有一句没有句号");
  });
});

describe("text.year", () => {
  it("passes when title and text give the report year, or next year's plans", () => {
    const r = withText(r2021, "problems", "2026年政务公开工作要点将于年初印发。");
    expect(of(validateReport(r), "text.year")).toEqual([]);
    expect(of(validateReport(seed), "text.year")).toEqual([]);
  });

  it("fails a title with another year", () => {
    const r = { ...seed, meta: { ...seed.meta, title: "2019年下城区武林街道办事处信息公开年度工作报告" } };
    expect(of(validateReport(r), "text.year")).toMatchObject([
      { pointer: "/meta/title", related: ["/meta/year"], expected: 2020, actual: 2019 },
    ]);
  });

  it("fails text copied from an earlier report: “2019年政府信息公开工作” and a wrong statistics period", () => {
    const r = withText(seed, "overview", "2019年政府信息公开工作取得新进展。");
    const period = {
      ...r2021,
      preamble: [
        { type: "paragraph" as const, text: "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。" },
      ],
    };
    expect(of(validateReport(r), "text.year")).toMatchObject([
      {
        pointer: "/sections/overview/blocks/12/text",
        expected: 2020,
        actual: 2019,
        quote: "2019年政府信息公开工作取得新进展。",
      },
    ]);
    expect(of(validateReport(period), "text.year")).toMatchObject([
      { pointer: "/preamble/0/text", actual: 2024 },
    ]);
    expect(problems(validateReport(period))).toEqual(["text.year"]);
  });
});
