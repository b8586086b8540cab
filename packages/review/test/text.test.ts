import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport, type Report, SECTIONS } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import {
  copyCheck,
  isStandard,
  narrativeSentences,
  normalizeSentence,
  STANDARD_SENTENCES,
} from "../src/text.js";

const example = (name: string): Report => {
  const path = createRequire(import.meta.url).resolve(`@xxgk/core-model/examples/${name}.json`);
  const r = parseReport(JSON.parse(readFileSync(path, "utf8")));
  if (!r.ok) throw new Error(name);
  return r.report;
};

/** A report whose sections 一, 五, 六 hold the given paragraphs. */
function withNarrative(
  base: Report,
  overview: string[],
  problems: string[] = [],
  other: string[] = [],
): Report {
  const para = (text: string) => ({ type: "paragraph" as const, text });
  return {
    ...base,
    sections: {
      ...base.sections,
      overview: { ...base.sections.overview, blocks: overview.map(para) },
      problems: { ...base.sections.problems, blocks: problems.map(para) },
      other: { ...base.sections.other, blocks: other.map(para) },
    },
  };
}

const plusOne = (t: string) => t.replace(/(20\d\d)/g, (y) => String(Number(y) + 1));

describe("normalizeSentence", () => {
  it("masks years and numbers and drops spaces and punctuation", () => {
    expect(normalizeSentence("2021年，全年收到申请 12 件。")).toBe(
      normalizeSentence("2022年,全年收到申请7件"),
    );
    expect(normalizeSentence("二〇二一年工作要点")).toBe(normalizeSentence("二〇二二年工作要点"));
    expect(normalizeSentence("收到申请１２件")).toBe("收到申请#件");
  });

  it("knows the format's standard sentences and headings, in any year", () => {
    expect(
      isStandard(normalizeSentence("本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。")),
    ).toBe(true);
    expect(isStandard(normalizeSentence("本年度未收取信息处理费。"))).toBe(true);
    for (const s of SECTIONS) expect(isStandard(normalizeSentence(s.label))).toBe(true);
    expect(isStandard(normalizeSentence("本年度我局收到申请3件。"))).toBe(false);
    expect(STANDARD_SENTENCES.length).toBeGreaterThan(10);
  });
});

describe("narrativeSentences", () => {
  it("cuts sections 一, 五, 六 into sentences, leaving out headings, standard and very short sentences", () => {
    const r = withNarrative(
      example("example-2021"),
      ["全年主动公开信息6215条；全年清理过时信息312条。本年度未收取信息处理费。", "无。"],
      ["政策解读形式较为单一！下一步将丰富解读形式。"],
      ["本年度未收取信息处理费。"],
    );
    expect(narrativeSentences(r).map((s) => [s.section, s.text])).toEqual([
      ["overview", "全年主动公开信息6215条；"],
      ["overview", "全年清理过时信息312条。"],
      ["problems", "政策解读形式较为单一！"],
      ["problems", "下一步将丰富解读形式。"],
    ]);
  });
});

describe("copyCheck", () => {
  const base = example("example-2021");
  const lastYear = withNarrative(
    base,
    [
      "2024年，滨河区人民政府办公室以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，持续深化政务公开。",
      "全年通过区政府门户网站主动公开政府信息5120条，本年制发规范性文件10件，同步发布政策解读材料。",
    ],
    ["2024年，我办政府信息公开工作虽取得一定成效，但仍存在政策解读形式较为单一等问题。"],
  );

  it("flags last year's text with every year + 1 as fully repeated, quoting the passage", () => {
    const current = withNarrative(
      base,
      lastYear.sections.overview.blocks.map((b) => plusOne(b.text)),
      lastYear.sections.problems.blocks.map((b) => plusOne(b.text)),
    );
    const check = copyCheck(narrativeSentences(current), narrativeSentences(lastYear))!;
    expect(check.ratio).toBe(1);
    expect(check.passages[0]).toEqual({
      section: "overview",
      text: expect.stringMatching(/^2025年，滨河区人民政府办公室以习近平新时代/),
    });
    expect(check.passages.map((p) => p.section)).toEqual(["overview", "problems"]);
  });

  it("does not count two reports that share only the standard sentences", () => {
    const standard = [
      "本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。",
      "本年度未收取信息处理费。",
      "（一）主动公开",
    ];
    const a = withNarrative(base, [
      ...standard,
      "全年通过门户网站主动公开政府信息6215条，清理过时失效信息312条，政务新媒体发布信息4870条，均按规定经过保密审查。",
      "依申请公开办理流程进一步规范，答复文书统一使用范本，所有申请均在法定期限内答复。",
    ]);
    const b = withNarrative(base, [
      ...standard,
      "本年围绕优化营商环境发布政策文件和解读材料，开展政府开放日活动三次，回应关切更加及时，社会评价持续向好。",
      "下一步将建立栏目巡查和提醒机制，细化发布前审核流程，稳步扩大公共数据开放范围。",
    ]);
    expect(copyCheck(narrativeSentences(a), narrativeSentences(b))!.ratio).toBe(0);
  });

  it("gives the share of repeated characters, and nothing for a text too short to judge", () => {
    const half = withNarrative(base, [
      lastYear.sections.overview.blocks[0]!.text,
      "全年通过政务新媒体发布信息四千余条，开展政策解读直播两场，组织业务培训三次，社会评价持续向好。",
    ]);
    const check = copyCheck(narrativeSentences(half), narrativeSentences(lastYear))!;
    expect(check.ratio).toBeGreaterThan(0.4);
    expect(check.ratio).toBeLessThan(0.6);
    expect(
      copyCheck(narrativeSentences(withNarrative(base, ["全年无申请。"])), narrativeSentences(lastYear)),
    ).toBeNull();
  });
});
