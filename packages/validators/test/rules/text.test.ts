import type { Report } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { quoteAround } from "../../src/_scan.js";
import { validateReport } from "../../src/index.js";
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

  it("quotes the sentence around the number, but never more than a window of it", () => {
    expect(quoteAround("第一句。第二句有12件；第三句", 8)).toBe("第二句有12件；");
    expect(quoteAround("只有一句没有句号", 3)).toBe("只有一句没有句号");
    const long = `${"很长的句子".repeat(100)}办结12件${"还在继续".repeat(100)}`;
    const q = quoteAround(long, 500, 504);
    expect(q.startsWith("…") && q.endsWith("…")).toBe(true);
    expect(q).toContain("办结12件");
    expect(q.length).toBeLessThanOrEqual(60 + 40 + 40 + 2);
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

// The 2021 example's table 三: （一）124, （二）45, Σ（三）106, Σ（四）39, Σ（五）64, Σ（六）37, （七）总计 415,
// 一 421, 二 15; table 二: 行政规范性文件 现行有效 148, 规章 35; table 四: 行政复议 has 结果纠正 1,
// 其他结果 1, 尚未审结 2; 未经复议直接起诉 has 结果纠正 1, 尚未审结 1.
describe("text.numbers: the results of table 三, 答复, and 现行有效 documents", () => {
  it.each([
    ["本年度共收到政府信息公开申请421件，其中予以公开120件", "/tables/applications/disclosed/total", 124],
    ["其中部分公开40件", "/tables/applications/partiallyDisclosed/total", 45],
    ["其中予以公开及部分公开160件", "/tables/applications/disclosed/total", 169],
    ["公开（含部分公开）160件", "/tables/applications/partiallyDisclosed/total", 169],
    ["不予公开100件", "/tables/applications/stateSecret/total", 106],
    ["无法提供40件", "/tables/applications/notHeld/total", 39],
    ["不予处理60件", "/tables/applications/petitions/total", 64],
    ["其他处理30件", "/tables/applications/otherReasons/total", 37],
    ["全年共答复政府信息公开申请410件", "/tables/applications/resultsTotal/total", 415],
    ["截至年底，现行有效行政规范性文件393件", "/tables/proactive/normativeDocuments/inForce", 148],
    ["现行有效的规章30件", "/tables/proactive/regulations/inForce", 35],
  ])("fails “%s” against %s (%d)", (text, pointer, expected) => {
    const found = of(validateReport(withText(r2021, "applications", `${text}。`)), "text.numbers");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ related: expect.arrayContaining([pointer]), expected });
  });

  it("passes the same phrasings when they agree with the table", () => {
    const text =
      "本年度共收到政府信息公开申请421件，上年结转15件，已答复415件。其中予以公开124件，部分公开45件，不予公开106件，无法提供39件，不予处理64件，其他处理37件；予以公开及部分公开169件。现行有效行政规范性文件148件，现行有效规章35件。";
    expect(problems(validateReport(withText(r2021, "applications", text)))).toEqual([]);
  });

  it("stays silent where the words and the number may not mean the table's figure", () => {
    const r = withText(
      r2021,
      "applications",
      [
        "因涉及国家秘密不予公开1件", // one item of （三）, not Σ（三）
        "予以公开、部分公开、不予公开分别为1件", // a list, not one figure
        "收到并答复申请12件", // received and answered in one
        "答复期限平均为5个工作日",
        "其中1件予以公开", // the number before the words
        "现行有效规范性文件目录已更新，全年新增3件",
      ].join("；"),
    );
    expect(of(validateReport(r), "text.numbers")).toEqual([]);
  });

  it("a 2019 report has no 现行有效件数: 现行有效规范性文件 is not compared there", () => {
    expect(problems(validateReport(withText(seed, "overview", "现行有效规范性文件12件。")))).toEqual([]);
  });

  it("a number too long to be exact is named by its first digits and length, never rounded", () => {
    const found = of(
      validateReport(withText(r2021, "overview", `共办结申请${"9".repeat(400)}件。`)),
      "text.numbers",
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.actual).toBeUndefined();
    expect(found[0]!.expected).toBe(415);
    expect(found[0]!.message.zh).toBe(
      "正文称办结申请 999999999999…（共 400 位） 件，表格（七）总计（总计）为 415",
    );
    expect(JSON.stringify(found[0])).not.toMatch(/null|Infinity/);
    expect(JSON.stringify(found[0]).length).toBeLessThan(1000);
  });

  it("past 10 findings in a paragraph, one more finding says how many were left out", () => {
    const found = of(validateReport(withText(r2021, "overview", "办结1件，".repeat(25))), "text.numbers");
    expect(found).toHaveLength(11);
    expect(found[10]).toMatchObject({
      pointer: "/sections/overview/blocks/11/text",
      omitted: 15,
      message: { zh: "本段另有 15 处同类问题（text.numbers），未逐条列出" },
    });
  });
});

describe("text.percent", () => {
  it.each([
    ["其中予以公开124件，占29.9%"], // 124 / 415, rounded
    ["其中予以公开124件，占29.8%"], // truncated
    ["其中予以公开124件，占30%"],
    ["其中予以公开124件（占比29.5%）"], // of the 421 received
    ["其中不予公开106件，占25.5%"],
  ])("passes “%s”", (text) => {
    expect(problems(validateReport(withText(r2021, "applications", `${text}。`)))).toEqual([]);
  });

  it("fails a share that fits neither the applications completed nor those received", () => {
    const found = of(
      validateReport(withText(r2021, "applications", "其中予以公开124件，占35.0%。")),
      "text.percent",
    );
    expect(found).toMatchObject([
      {
        code: "text.percent",
        severity: "warning",
        related: ["/tables/applications/resultsTotal/total"],
        expected: 29.9,
        actual: 35,
        message: { zh: "正文称予以公开 124 件，占 35%；按（七）总计（总计） 415 计算应为 29.9%" },
        quote: "其中予以公开124件，占35.0%。",
      },
    ]);
  });
});

describe("text.upheld", () => {
  it("fails 均获维持 when table 四 has corrected, other or pending cases in the groups the sentence names", () => {
    const found = of(
      validateReport(withText(r2021, "review", "本年度发生行政复议8件，均获维持。")),
      "text.upheld",
    );
    expect(found).toMatchObject([
      {
        related: [
          "/tables/review/reconsideration/corrected",
          "/tables/review/reconsideration/otherOutcome",
          "/tables/review/reconsideration/pending",
        ],
        message: {
          zh: "正文称均获维持，四表却有：行政复议/结果纠正 1，行政复议/其他结果 1，行政复议/尚未审结 2",
        },
        quote: "本年度发生行政复议8件，均获维持。",
      },
    ]);
    const litigation = of(
      validateReport(withText(r2021, "review", "行政诉讼7件，全部维持。")),
      "text.upheld",
    );
    expect(litigation[0]!.related).toEqual([
      "/tables/review/direct/corrected",
      "/tables/review/direct/pending",
      "/tables/review/afterReconsideration/otherOutcome",
      "/tables/review/afterReconsideration/pending",
    ]);
  });

  it("stays silent when the table agrees, or the author says which cases were upheld", () => {
    expect(
      of(validateReport(withText(seed, "review", "未发生行政复议，以往案件均获维持。")), "text.upheld"),
    ).toEqual([]);
    const r = withText(r2021, "review", "已审结的行政复议案件均获维持；除1件外，行政诉讼均被维持。");
    expect(of(validateReport(r), "text.upheld")).toEqual([]);
  });
});

describe("text.fees", () => {
  it("fails a 信息处理费 amount stated beside 未收取信息处理费, quoting both", () => {
    const r = withText(r2021, "problems", "本年度共收取信息处理费1200元。");
    expect(of(validateReport(r), "text.fees")).toEqual([
      {
        code: "text.fees",
        severity: "warning",
        pointer: "/sections/problems/blocks/2/text",
        related: ["/sections/other/blocks/0/text"],
        message: {
          zh: "正文称收取信息处理费 1200元，另一处又称未收取：“本年度未收取信息处理费。”",
          en: "The text states an information-processing fee of 1200元, and elsewhere that none was charged: “本年度未收取信息处理费。”",
        },
        quote: "本年度共收取信息处理费1200元。",
      },
    ]);
  });

  it("stays silent on 0元, and never reads table 二's 行政事业性收费 (9116.36 万元) as the fee", () => {
    expect(of(validateReport(r2021), "text.fees")).toEqual([]);
    expect(of(validateReport(withText(r2021, "problems", "收取信息处理费0元。")), "text.fees")).toEqual([]);
  });
});

describe("text.year and earlier reports", () => {
  it("does not fire on a sentence that only mentions an earlier year's report", () => {
    const r = withText(
      withText(r2021, "problems", "针对2024年政府信息公开工作年度报告中指出的问题，逐项整改。"),
      "problems",
      "对照《滨河区2024年度政府信息公开工作年度报告》提出的改进措施，均已落实。",
    );
    expect(of(validateReport(r), "text.year")).toEqual([]);
  });

  it("still fires on text copied from last year's report", () => {
    const r = withText(r2021, "problems", "2024年政府信息公开工作年度报告如下。");
    expect(of(validateReport(r), "text.year")).toMatchObject([{ actual: 2024, expected: 2025 }]);
  });
});
