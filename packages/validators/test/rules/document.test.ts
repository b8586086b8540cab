import { describe, expect, it } from "vitest";
import { validate, validateReport } from "../../src/index.js";
import { example, exampleReport } from "../_generate.js";
import { of, problems } from "../_helpers.js";

const r2021 = await exampleReport("example-2021");
const seed = await exampleReport("wulin-2020");

describe("edition", () => {
  it("passes a 2020 report in the 2019 edition and a 2025 report in the 2021 edition", () => {
    expect(of(validateReport(seed), "edition")).toEqual([]);
    expect(of(validateReport(r2021), "edition")).toEqual([]);
  });

  it("fails a 2021+ report in the 2019 edition", () => {
    const r = { ...seed, meta: { ...seed.meta, year: 2021, title: "2021年报告" } };
    expect(of(validateReport(r), "edition")).toEqual([
      {
        code: "edition",
        severity: "error",
        pointer: "/edition",
        related: ["/meta/year"],
        message: {
          zh: "2021年度报告应使用中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号），而本报告使用的是2019版格式",
          en: "A 2021 report must use the 2021 edition (国办公开办函〔2021〕30号); this one uses the 2019 edition",
        },
      },
    ]);
  });

  it("gives one edition finding, not a cascade, for 2021 tables declared as 2019 and for 2019 tables declared as 2021", async () => {
    const modern = await example("example-2021");
    modern.edition = "2019";
    const r1 = validate(modern);
    expect(r1.findings.map((f) => f.code)).toEqual(["edition"]);
    expect(r1.report).toBeUndefined();
    const old = await example("wulin-2020");
    old.edition = "2021";
    const r2 = validate(old);
    expect(r2.findings.map((f) => [f.code, f.pointer])).toEqual([["edition", "/edition"]]);
    expect(r2.findings[0]!.message.en).toContain('set "edition" to "2019"');
  });

  it("names the edition when it is missing, and still reports the document's other problems", async () => {
    const doc = await example("wulin-2020");
    delete doc.edition;
    (doc.meta as Record<string, unknown>).year = "2020";
    const r = validate(doc);
    expect(r.findings.map((f) => [f.code, f.pointer])).toEqual([
      ["edition", "/edition"],
      ["schema", "/meta/year"],
    ]);
    expect(r.findings[0]!.message.en).toContain('add "edition": "2019"');
  });
});

describe("sections", () => {
  it("passes when all six sections have headings and 一, 五, 六 have text", () => {
    expect(of(validateReport(r2021), "sections")).toEqual([]);
  });

  it("fails an empty 五 and a blank heading", () => {
    const r = {
      ...r2021,
      sections: {
        ...r2021.sections,
        problems: {
          heading: "五、存在的主要问题及改进情况",
          blocks: [{ type: "paragraph" as const, text: "  " }],
        },
        review: { ...r2021.sections.review, heading: "" },
      },
    };
    expect(of(validateReport(r), "sections").map((f) => [f.pointer, f.message.en])).toEqual([
      [
        "/sections/review/heading",
        "Section 四 has no heading; it should be “四、政府信息公开行政复议、行政诉讼情况”",
      ],
      [
        "/sections/problems/blocks",
        "“五、存在的主要问题及改进情况” has no text: write it (state “无” if there is nothing to report)",
      ],
    ]);
  });

  it("reports a section missing from the document as sections, not as a bare schema error", async () => {
    const doc = await example("example-2021");
    delete (doc.sections as Record<string, unknown>).other;
    const r = validate(doc);
    expect(r.findings.map((f) => [f.code, f.pointer, f.message.zh])).toEqual([
      ["sections", "/sections/other", "缺少“六、其他需要报告的事项”部分"],
    ]);
  });
});

describe("deadline", () => {
  it("passes on or before 1月31日 for a department and 3月31日 for a government, and without a date", () => {
    expect(of(validateReport(r2021), "deadline")).toEqual([]);
    const onTime = { ...r2021, meta: { ...r2021.meta, published: "2026-01-31" } };
    expect(of(validateReport(onTime), "deadline")).toEqual([]);
    const gov = { ...r2021, meta: { ...r2021.meta, published: "2026-03-31", level: "government" as const } };
    expect(of(validateReport(gov), "deadline")).toEqual([]);
    expect(of(validateReport(seed), "deadline")).toEqual([]);
  });

  it("warns a department published on 2月1日 and a government on 4月1日", () => {
    const late = { ...r2021, meta: { ...r2021.meta, published: "2026-02-01" } };
    expect(of(validateReport(late), "deadline")).toMatchObject([
      {
        severity: "warning",
        pointer: "/meta/published",
        message: { en: expect.stringContaining("2026-01-31") },
      },
    ]);
    const gov = { ...r2021, meta: { ...r2021.meta, published: "2026-04-01", level: "government" as const } };
    expect(problems(validateReport(gov))).toEqual(["deadline"]);
  });

  const AGGREGATE = "本报告由平潭综合实验区管委会办公室汇总实验区各部门、各乡镇（街道）年度报告编制。";
  const OWN = "本报告反映我办本机关2025年政府信息公开工作情况。";
  // organ, stated level (or none: inferred), preamble text, published, expected severity (or none)
  const CASES: readonly [string, string | undefined, string, string, string | undefined][] = [
    // 平潭's 本级 reports, published in March: on time for a government, and no longer called late.
    ["平潭综合实验区管理委员会", undefined, AGGREGATE, "2026-03-05", undefined],
    ["平潭综合实验区管理委员会", undefined, AGGREGATE, "2026-03-10", undefined],
    ["平潭综合实验区管理委员会", undefined, AGGREGATE, "2026-04-02", "warning"],
    ["滨河区人民政府", undefined, OWN, "2026-03-08", undefined],
    ["滨河区人民政府", undefined, OWN, "2026-04-01", "warning"],
    ["滨河区人民政府办公室", undefined, AGGREGATE, "2026-03-31", undefined],
    // The office reporting on its own work is a department (our 2021 example is one).
    ["滨河区人民政府办公室", undefined, OWN, "2026-02-01", "warning"],
    ["滨河区人民政府办公室", undefined, OWN, "2026-01-31", undefined],
    ["云溪县教育局", undefined, OWN, "2026-02-15", "warning"],
    // 乡镇 and 街道: neither deadline applies, so a date between the two is a notice …
    ["杭州市下城区武林街道办事处", undefined, OWN, "2026-03-08", "info"],
    ["青石镇人民政府", undefined, OWN, "2026-02-01", "info"],
    ["青石镇人民政府", undefined, OWN, "2026-01-20", undefined],
    // … and a date after both is late whatever the level.
    ["青石镇人民政府", undefined, OWN, "2026-04-01", "warning"],
    ["某某经济开发区管委会", undefined, OWN, "2026-03-01", "info"],
    // A stated level wins over the name.
    ["青石镇人民政府", "agency", OWN, "2026-02-01", "warning"],
    ["云溪县教育局", "unknown", OWN, "2026-02-01", "info"],
    ["云溪县教育局", "government", OWN, "2026-03-01", undefined],
  ];

  it.each(CASES)("%s (level %s), published %s → %s", (organ, level, text, published, severity) => {
    const { level: _, ...meta } = r2021.meta;
    const report = {
      ...r2021,
      meta: { ...meta, organ, published, ...(level === undefined ? {} : { level: level as "agency" }) },
      preamble: [{ type: "paragraph" as const, text }],
    };
    expect(of(validateReport(report), "deadline").map((f) => f.severity)).toEqual(
      severity === undefined ? [] : [severity],
    );
  });

  it("says why when the level is unknown, and which level it inferred otherwise", () => {
    const { level: _, ...meta } = seed.meta;
    const street = { ...seed, meta: { ...meta, published: "2021-03-08" } };
    expect(of(validateReport(street), "deadline")).toEqual([
      {
        code: "deadline",
        severity: "info",
        pointer: "/meta/published",
        related: ["/meta/year", "/meta/level"],
        message: {
          zh: "报告层级未定（乡镇、街道不在《条例》第四十九条两个期限的适用范围内，除非地方另有规定），未判断是否逾期：公布日期 2021-03-08 晚于部门报告期限 2021-01-31，早于政府本级报告期限 2021-03-31；如适用期限已知，请在 meta.level 注明",
          en: "The level is unknown (条例 art. 49 sets no date for 乡镇 and 街道 unless local rules do), so lateness is not assessed: published 2021-03-08, after the departments' deadline 2021-01-31 but within the governments' 2021-03-31; state meta.level if the deadline that applies is known",
        },
      },
    ]);
    const { level: __, ...meta2021 } = r2021.meta;
    const office = { ...r2021, meta: { ...meta2021, published: "2026-02-03" } };
    expect(of(validateReport(office), "deadline")[0]!.message.zh).toBe(
      "公布日期 2026-02-03 晚于《条例》第四十九条规定的部门年度报告期限 2026-01-31（推断：人民政府办公室报告本机关工作，属县级以上人民政府部门）",
    );
  });
});

describe("schema", () => {
  it("passes both examples", async () => {
    expect(of(validate(await example("wulin-2020")), "schema")).toEqual([]);
    expect(of(validate(await example("example-2021")), "schema")).toEqual([]);
  });

  it("maps each zod issue to a finding at its JSON pointer, unknown keys one by one", async () => {
    const doc = await example("example-2021");
    const apps = (doc.tables as Record<string, Record<string, Record<string, unknown>>>).applications!;
    apps.newlyReceived!.naturalPersons = 1;
    apps.disclosed!.total = true;
    (doc.meta as Record<string, unknown>).published = "2026/01/20";
    const r = validate(doc);
    expect(r.report).toBeUndefined();
    expect(r.counts).toEqual({ error: 3, warning: 0, info: 0 });
    expect(r.findings.map((f) => [f.code, f.pointer])).toEqual([
      ["schema", "/meta/published"],
      ["schema", "/tables/applications/newlyReceived/naturalPersons"],
      ["schema", "/tables/applications/disclosed/total"],
    ]);
    expect(r.findings[2]!.message.en).toBe(
      '/tables/applications/disclosed/total: a cell must be a number, the text as written ("12", "-", "") or {"raw": text}',
    );
  });

  it("asks for the edition, not for a cell, when the edition is missing or unknown", () => {
    for (const doc of [{ bad: 1 }, { edition: "2022" }, { edition: 2021 }]) {
      const edition = validate(doc).findings.find((f) => f.pointer === "/edition");
      expect(edition?.message.en).toBe(
        '/edition: the edition must be "2019" (reports up to the year 2020) or "2021" (from 2021); add or correct it',
      );
      expect(edition?.message.zh).toContain('"2019"');
    }
  });

  it("says what is wrong with something that is not a report at all", () => {
    expect(validate(null).findings).toMatchObject([{ code: "schema", severity: "error", pointer: "" }]);
    expect(validate("report").counts.error).toBeGreaterThan(0);
  });
});
