import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importText } from "../../src/index.js";
import { findPublished, looksLikeTitle, parseTitle } from "../../src/pipeline/meta.js";
import { isSubHeading, matchHeading } from "../../src/pipeline/sections.js";

describe("parseTitle", () => {
  test("the seed's title: year first, organ after", () => {
    expect(parseTitle("2020年下城区武林街道办事处信息公开年度工作报告")).toEqual({
      year: 2020,
      organ: "下城区武林街道办事处",
    });
  });

  test("organ before the year", () => {
    expect(parseTitle("江南市滨河区人民政府办公室2025年政府信息公开工作年度报告")).toEqual({
      year: 2025,
      organ: "江南市滨河区人民政府办公室",
    });
    expect(parseTitle("关于云溪县教育局2023年度政府信息公开工作年度报告")).toEqual({
      year: 2023,
      organ: "云溪县教育局",
    });
  });

  test("any organ and year read back from both title forms", () => {
    const organ = fc
      .array(fc.constantFrom(..."江南滨河云溪青石市区县镇街道办事处局委员会人民政府办公室"), {
        minLength: 2,
        maxLength: 14,
      })
      .map((cs) => cs.join(""))
      .filter((o) => !/公开|报告|年/.test(o));
    fc.assert(
      fc.property(organ, fc.integer({ min: 2008, max: 2100 }), (o, year) => {
        expect(parseTitle(`${o}${year}年政府信息公开工作年度报告`)).toEqual({ year, organ: o });
        expect(parseTitle(`${year}年${o}政府信息公开工作年度报告`)).toEqual({ year, organ: o });
      }),
    );
  });

  test("no year, no meta", () => {
    expect(parseTitle("政府信息公开工作年度报告")).toEqual({});
    expect(looksLikeTitle("一、总体情况")).toBe(false);
  });
});

describe("matchHeading", () => {
  test("official headings and published variants, kept apart from table row labels", () => {
    expect(matchHeading("一、总体情况", -1)).toEqual({ key: "overview", index: 0, exact: true });
    expect(matchHeading("一、总体概述", -1)).toEqual({ key: "overview", index: 0, exact: false });
    expect(matchHeading("五、存在主要问题及改进情况", 3)).toEqual({
      key: "problems",
      index: 4,
      exact: false,
    });
    expect(matchHeading("三、本年度办理结果", 1)).toBeNull();
    expect(matchHeading("四、结转下年度继续办理", 2)).toBeNull();
    expect(matchHeading("二、主动公开政府信息情况", 2)).toBeNull();
  });

  test("sub-headings are short enumerated lines", () => {
    expect(isSubHeading("1、主动公开情况")).toBe(true);
    expect(isSubHeading("（一）主动公开")).toBe(true);
    expect(isSubHeading("1、主动公开情况。全年主动公开政府信息14条。")).toBe(false);
    expect(isSubHeading("全年收到政务信息公开申请共0件")).toBe(false);
  });
});

describe("findPublished", () => {
  test("prefers 发布日期 over 成文日期 and ignores impossible dates", () => {
    expect(findPublished("成文日期：2021-01-28|发布日期：|2021-01-29")).toBe("2021-01-29");
    expect(findPublished("成文日期：2021年1月8日")).toBe("2021-01-08");
    expect(findPublished("发布时间：2021-13-40")).toBeUndefined();
  });
});

describe("titles as text copies write them", () => {
  const body = ["一、总体情况", "概述。", "二、主动公开政府信息情况"].join("\n");
  const meta = (head: string) => importText(`${head}\n${body}`, {}).report?.meta;

  test("a field label before the title is not part of it", () => {
    expect(parseTitle("标题：平潭综合实验区管委会2021年政府信息公开工作年度报告")).toEqual({
      year: 2021,
      organ: "平潭综合实验区管委会",
    });
    expect(meta("标 题: 平潭综合实验区管委会2021年政府信息公开工作年度报告")).toMatchObject({
      organ: "平潭综合实验区管委会",
      title: "平潭综合实验区管委会2021年政府信息公开工作年度报告",
    });
  });

  test("a title over two or three lines is joined", () => {
    expect(meta("淮安市人民政府\n2024 年政府信息公开工作年度报告")).toMatchObject({
      organ: "淮安市人民政府",
      year: 2024,
    });
    expect(meta("江南市滨河区\n人民政府办公室\n2025年政府信息公开工作年度报告")).toMatchObject({
      organ: "江南市滨河区人民政府办公室",
      year: 2025,
    });
    expect(meta("2021年某某县教育局政府信息公开\n工作年度报告")).toMatchObject({
      organ: "某某县教育局",
      year: 2021,
    });
  });

  test("the title need not be the first line: a site's lines before it are passed over", () => {
    expect(
      meta("当前位置：首页 > 政务公开\n字号：大 中 小\n\n打印\n某某县教育局2021年政府信息公开工作年度报告"),
    ).toMatchObject({ organ: "某某县教育局", year: 2021 });
  });

  test("full-width digits and a year in Chinese numerals", () => {
    expect(parseTitle("某某县教育局２０２１年政府信息公开工作年度报告")).toEqual({
      year: 2021,
      organ: "某某县教育局",
    });
    expect(parseTitle("某某县教育局二〇二一年政府信息公开工作年度报告")).toEqual({
      year: 2021,
      organ: "某某县教育局",
    });
  });

  test("the end of a range of years is no year of report", () => {
    const result = importText(`某某县教育局政府信息公开工作年度报告\n本页收录2020—2023年度的报告。\n${body}`);
    expect(result.report).toBeNull();
    expect(result.diagnostics.some((d) => d.code === "year-from-text")).toBe(false);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: "year-missing" }));
  });

  test("no year in the title: the statistical period gives it, with a notice", () => {
    const result = importText(
      `某某县教育局政府信息公开工作年度报告\n本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n${body}`,
    );
    expect(result.report!.meta).toMatchObject({ organ: "某某县教育局", year: 2022 });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "year-from-text", severity: "info" }),
    );
  });

  test("a sentence is never a title", () => {
    const sentence =
      "根据《中华人民共和国政府信息公开条例》要求，现将我办2021年政府信息公开工作年度报告公布如下：";
    expect(looksLikeTitle(sentence)).toBe(false);
    const result = importText(`${sentence}\n${body}`);
    expect(result.report).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toContain("title-missing");
  });

  test("what stands where the organ should is refused when it is no organ's name, and said", () => {
    expect(parseTitle("我办2021年政府信息公开工作年度报告")).toEqual({ year: 2021, rejected: "我办" });
    const result = importText(`我办2021年政府信息公开工作年度报告\n${body}`);
    expect(result.report).toBeNull();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "organ-unsure", severity: "warning", pointer: "/meta/organ" }),
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: "organ-missing", severity: "error" }),
    );
  });
});
