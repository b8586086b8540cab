import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inferLevel, LEVEL_RULES, levelOf, parseReport, type Report } from "../src/index.js";

const load = (name: string): Report => {
  const r = parseReport(
    JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), "utf8")),
  );
  if (!r.ok) throw new Error(name);
  return r.report;
};

const AGGREGATE_TEXT =
  "本报告由平潭综合实验区管委会办公室根据《条例》要求，汇总实验区各部门、各乡镇（街道）的年度报告编制。";
const OWN_WORK = "本报告由滨河区人民政府办公室根据《条例》编制，反映我办2025年政府信息公开工作情况。";

// organ, texts, level, rule
const CASES: readonly [string, readonly string[], string, string][] = [
  ["杭州市下城区武林街道办事处", [], "unknown", "township"],
  ["某某街道办事处", [], "unknown", "township"],
  ["武林街道", [], "unknown", "township"],
  ["青石镇人民政府", [], "unknown", "township"],
  ["云溪县白沙乡人民政府", [], "unknown", "township"],
  ["某某镇", [], "unknown", "township"],
  ["滨河区人民政府", [], "government", "government"],
  ["江南市人民政府", [AGGREGATE_TEXT], "government", "government"],
  ["镇江市人民政府", [], "government", "government"],
  ["浙江省人民政府", [], "government", "government"],
  ["某某地区行政公署", [], "government", "government"],
  ["江南市滨河区人民政府办公室", [OWN_WORK], "agency", "office"],
  ["江南市滨河区人民政府办公室", [AGGREGATE_TEXT], "government", "office-aggregate"],
  [
    "云溪县人民政府办公室",
    ["根据各乡镇、县直各单位报送的材料，县政府办公室汇总编制了本报告。"],
    "government",
    "office-aggregate",
  ],
  ["某某省人民政府办公厅", [], "agency", "office"],
  ["平潭综合实验区管理委员会", [AGGREGATE_TEXT], "government", "committee-aggregate"],
  ["某某经济开发区管委会", [], "unknown", "committee"],
  ["云溪县教育局", [], "agency", "department"],
  ["江南市住房和城乡建设局", [], "agency", "department"],
  ["湖北省樊城区卫生健康委员会", [], "agency", "department"],
  ["某某市发展和改革委", [], "agency", "department"],
  ["某某区政务服务管理办公室", [], "agency", "department"],
  ["某某市公共资源交易中心", [], "agency", "department"],
  ["镇江市公安局", [], "agency", "department"],
  ["某某市公安局交通警察支队", [], "agency", "department"],
  ["江南市滨河区财政局", [OWN_WORK], "agency", "department"],
  ["某某研究会", [], "unknown", "none"],
  ["　滨河区　人民政府 ", [], "government", "government"],
];

describe("inferLevel", () => {
  it.each(CASES)("%s → %s", (organ, texts, level, rule) => {
    const got = inferLevel(organ, texts);
    expect({ level: got.level, rule: got.rule, source: got.source }).toEqual({
      level,
      rule,
      source: "inferred",
    });
    expect(got.reason.zh.length).toBeGreaterThan(0);
    expect(got.reason.en.length).toBeGreaterThan(0);
  });

  it("names every rule once, with a reason in both languages", () => {
    const ids = LEVEL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of LEVEL_RULES) expect(r.reason.zh && r.reason.en).toBeTruthy();
    // Every rule is reached by some case above (a rule shadowed by an earlier one would never be).
    expect(new Set(CASES.map((c) => c[3]))).toEqual(new Set([...ids, "none"]));
  });

  it("reads the aggregate marker only within one sentence", () => {
    const apart = "本办汇总了全年工作。各部门积极配合，单位负责人高度重视。";
    expect(inferLevel("某某区人民政府办公室", [apart]).level).toBe("agency");
  });
});

describe("levelOf", () => {
  it("takes a level the document states, with its reason", () => {
    const r = load("example-2021");
    expect(levelOf(r)).toEqual({
      level: "agency",
      rule: "stated",
      source: "document",
      reason: { zh: "报告数据注明为部门报告", en: "the document states a department's report" },
    });
    const stated = {
      ...r,
      meta: { ...r.meta, level: "unknown" as const, levelReason: "本级与部门合并发布" },
    };
    expect(levelOf(stated).reason.zh).toBe("报告数据注明层级未定：本级与部门合并发布");
  });

  it("infers it from the organ and the report's own text when the document does not say", () => {
    const r = load("example-2021");
    const { level: _, ...meta } = r.meta;
    expect(levelOf({ ...r, meta }).rule).toBe("office");
    const aggregate = {
      ...r,
      meta,
      preamble: [{ type: "paragraph" as const, text: AGGREGATE_TEXT }],
    };
    expect(levelOf(aggregate)).toMatchObject({ level: "government", rule: "office-aggregate" });
  });

  it("accepts level unknown and a levelReason in a document", () => {
    const doc = JSON.parse(readFileSync(new URL("../examples/example-2021.json", import.meta.url), "utf8"));
    doc.meta.level = "unknown";
    doc.meta.levelReason = "乡镇";
    const parsed = parseReport(doc);
    expect(parsed.ok && parsed.report.meta).toMatchObject({ level: "unknown", levelReason: "乡镇" });
  });
});
