import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeOrgan, OrganMappingError, parseOrganMapping, resolveOrgans } from "../src/index.js";

describe("normalizeOrgan", () => {
  it.each([
    ["江南市 滨河区\u3000人民政府", "江南市滨河区人民政府"],
    ["ＸＸ市第１中学", "XX市第1中学"],
    ["某某区（本级）", "某某区(本级)"],
    ["“某某”街道办事处", "某某街道办事处"],
    ["某某区〔开发区〕管委会", "某某区(开发区)管委会"],
  ])("%s → %s", (name, normalized) => {
    expect(normalizeOrgan(name)).toBe(normalized);
  });
});

describe("parseOrganMapping", () => {
  it("accepts an object of names", () => {
    expect(parseOrganMapping({ 旧名: "新名", 新名: "新名" })).toEqual({ 旧名: "新名", 新名: "新名" });
  });

  it.each([
    [[], "must be a JSON object"],
    ["x", "must be a JSON object"],
    [null, "must be a JSON object"],
    [{ 旧名: "" }, 'the name mapping\'s "旧名" must name a body'],
    [{ 旧名: 3 }, 'the name mapping\'s "旧名" must name a body'],
    [{ a: "b", b: "c", c: "a" }, "goes round in a circle"],
    [{ a: "b", b: "a" }, "goes round in a circle"],
  ])("refuses %j", (json, message) => {
    let error: unknown;
    try {
      parseOrganMapping(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrganMappingError);
    expect((error as OrganMappingError).message).toContain(message);
    expect((error as OrganMappingError).text.zh.length).toBeGreaterThan(0);
  });
});

describe("resolveOrgans", () => {
  it("follows the mapping through chains, compares names normalised", () => {
    const r = resolveOrgans(["下城区甲街道", "拱墅区 甲街道", "丙局"], { 下城区甲街道: "拱墅区甲街道" });
    expect(Object.fromEntries(r.bodyOf)).toEqual({
      下城区甲街道: "拱墅区甲街道",
      拱墅区甲街道: "拱墅区甲街道",
      丙局: "丙局",
    });
    const chain = resolveOrgans(["A市一局", "A市二局", "A市三局"], {
      A市一局: "A市二局",
      A市二局: "A市三局",
    });
    expect(new Set(chain.bodyOf.values())).toEqual(new Set(["A市三局"]));
  });

  it("takes a name for the one longer name it is the tail of, if it begins with a place", () => {
    const r = resolveOrgans(["杭州市下城区武林街道办事处", "下城区武林街道办事处", "武林街道办事处"]);
    expect(r.bodyOf.get("下城区武林街道办事处")).toBe("杭州市下城区武林街道办事处");
    expect(r.how.get("下城区武林街道办事处")).toBe("suffix");
    // "武林街道办事处" does not begin with a place: it stays itself.
    expect(r.bodyOf.get("武林街道办事处")).toBe("武林街道办事处");
  });

  it("leaves a tail shared by two longer names alone", () => {
    const r = resolveOrgans(["江南市滨河区教育局", "湖北市滨河区教育局", "滨河区教育局"]);
    expect(r.bodyOf.get("滨河区教育局")).toBe("滨河区教育局");
    expect(r.how.get("滨河区教育局")).toBe("name");
  });

  it("does not depend on the order of the names", () => {
    const names = [
      "江南市滨河区教育局",
      "滨河区教育局",
      "云溪县教育局",
      "A县B镇",
      "B镇",
      "江南市滨河区人民政府",
    ];
    const reference = resolveOrgans(names, { 云溪县教育局: "云溪县教育体育局" });
    fc.assert(
      fc.property(fc.shuffledSubarray(names, { minLength: names.length }), (order) => {
        const r = resolveOrgans(order, { 云溪县教育局: "云溪县教育体育局" });
        expect(Object.fromEntries(r.bodyOf)).toEqual(Object.fromEntries(reference.bodyOf));
        expect(Object.fromEntries(r.how)).toEqual(Object.fromEntries(reference.how));
      }),
    );
  });
});
