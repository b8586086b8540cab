import fc from "fast-check";
import { describe, expect, test } from "vitest";
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
