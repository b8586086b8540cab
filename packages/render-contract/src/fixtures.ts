import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type CellInput, createReport, parseReport, type Report, setCell } from "@xxgk/core-model";

/** A report every renderer must render faithfully, with a name for test titles. */
export interface ContractFixture {
  readonly name: string;
  /** What the fixture exercises, for people reading a failure. */
  readonly about: string;
  readonly report: Report;
}

const require = createRequire(import.meta.url);

/** One of core-model's two examples, parsed: `wulin-2020` (the seed, 2019 edition) or `example-2021`. */
export function exampleReport(name: "wulin-2020" | "example-2021"): Report {
  return example(`${name}.json`);
}

function example(file: string): Report {
  const path = require.resolve(`@xxgk/core-model/examples/${file}`);
  const parsed = parseReport(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new Error(`core-model example ${path} does not parse: ${first?.pointer} ${first?.message}`);
  }
  return parsed.report;
}

function fill(report: Report, cells: Readonly<Record<string, CellInput>>): Report {
  return Object.entries(cells).reduce((r, [key, input]) => setCell(r, key, input), report);
}

/**
 * 2019 edition, invented: signed changes (`+19`, `-18`), every not-applicable spelling, blanks next to
 * real zeros, a unit in a cell, headings worded as real reports word them, characters that are rare but
 * in every Chinese font (亳, 谯, 歙, 黟, 盱眙, 〇), and `&`/`<` in the narrative.
 */
function synthetic2019(): Report {
  const base = createReport({
    organ: "安徽省亳州市谯城区人民政府办公室",
    year: 2020,
    title: "亳州市谯城区人民政府办公室二〇二〇年政府信息公开工作年度报告",
  });
  const withText: Report = {
    ...base,
    preamble: [{ type: "paragraph", text: "本报告依据《条例》第五十条编制，数据统计期限为二〇二〇年全年。" }],
    sections: {
      overview: {
        heading: "一、总体概述",
        blocks: [
          { type: "heading", text: "（一）主动公开" },
          {
            type: "paragraph",
            text: "全年赴歙县、黟县、盱眙县、睢宁县、濮阳市、儋州市、涪陵区学习交流，主动公开信息1,024条。",
          },
          { type: "paragraph", text: "公开目录按 A&B <类别> 编排，“三安全一稳定”事项严格审查。" },
        ],
      },
      proactive: { heading: "二、主动公开政府信息情况", blocks: [] },
      applications: {
        heading: "三、收到和处理政府信息公开申请情况",
        blocks: [{ type: "paragraph", text: "空白单元格表示原表未填写。" }],
      },
      review: { heading: "四、政府信息公开行政复议、行政诉讼情况", blocks: [] },
      problems: {
        heading: "五、存在主要问题及改进情况",
        blocks: [{ type: "paragraph", text: "基层公开力量不足；下一步加强培训。" }],
      },
      other: { heading: "六、其他需要报告的事项", blocks: [{ type: "paragraph", text: "无。" }] },
    },
  };
  return fill(withText, {
    "proactive.regulations.made": "-",
    "proactive.regulations.published": "-",
    "proactive.regulations.total": "-",
    "proactive.normativeDocuments.made": 3,
    "proactive.normativeDocuments.published": "",
    "proactive.normativeDocuments.total": 12,
    "proactive.licensing.previous": 40,
    "proactive.licensing.change": "+19",
    "proactive.licensing.decisions": "1,024",
    "proactive.otherServices.previous": 30,
    "proactive.otherServices.change": "-18",
    "proactive.otherServices.decisions": "",
    "proactive.penalties.previous": "—",
    "proactive.penalties.change": "/",
    "proactive.penalties.decisions": "不适用",
    "proactive.coercion.previous": 0,
    "proactive.coercion.change": 0,
    "proactive.coercion.decisions": 0,
    "proactive.fees.previous": 2,
    "proactive.fees.change": "无",
    "proactive.procurement.count": 3,
    "proactive.procurement.amount": "4359957元",
    "applications.newlyReceived.naturalPerson": 5,
    "applications.newlyReceived.research": 0,
    "applications.newlyReceived.total": 5,
    "applications.disclosed.naturalPerson": 4,
    "applications.disclosed.total": 4,
    "applications.otherHandling.naturalPerson": 1,
    "applications.otherHandling.total": 1,
    "applications.resultsTotal.naturalPerson": 5,
    "applications.resultsTotal.total": 5,
    "applications.carriedForward.naturalPerson": 0,
    "review.reconsideration.upheld": 1,
    "review.reconsideration.total": 1,
    "review.direct.upheld": 0,
    "review.direct.total": 0,
  });
}

/** 2021 edition, invented: almost every cell blank (as many real reports leave zeros), a decimal amount. */
function sparse2021(): Report {
  const base = createReport({ organ: "浙江省衢州市柯城区鄞江街道办事处", year: 2023 });
  const withText: Report = {
    ...base,
    sections: {
      ...base.sections,
      overview: {
        heading: "一、总体情况",
        blocks: [{ type: "paragraph", text: "本年度无依申请公开事项。" }],
      },
      other: {
        heading: "六、其他需要报告的事项",
        blocks: [{ type: "paragraph", text: "本机关未收取信息处理费。" }],
      },
    },
  };
  return fill(withText, {
    "proactive.normativeDocuments.issued": 2,
    "proactive.normativeDocuments.inForce": 17,
    "proactive.fees.amount": "9116.36",
    "applications.noCorrection.total": 0,
    "review.afterReconsideration.pending": 1,
  });
}

/**
 * The reports of the contract: the seed (武林街道 2020, 2019 edition), core-model's complete 2021
 * example, and two invented reports covering what the examples lack.
 */
export function contractFixtures(): readonly ContractFixture[] {
  return [
    {
      name: "wulin-2020",
      about: "the seed report, 2019 edition, `-` rows and three blanks",
      report: example("wulin-2020.json"),
    },
    { name: "example-2021", about: "a complete 2021-edition report", report: example("example-2021.json") },
    {
      name: "synthetic-2019",
      about: "+19/-18, every n/a spelling, blanks, rare CJK, & and <",
      report: synthetic2019(),
    },
    { name: "sparse-2021", about: "2021 edition left almost entirely blank", report: sparse2021() },
  ];
}

/**
 * Not part of the contract's fixtures, shared by the renderers' layout tests: the 2021 example with an
 * organ name longer than a line (in the title and the 落款) and URLs / e-mail addresses inside justified
 * paragraphs of section 六, which must wrap inside the text block without stretching the line before.
 */
export function longNamesAndUrls(): Report {
  const r = example("example-2021.json");
  const organ =
    "中华人民共和国某某省某某市某某区人民政府某某街道办事处综合行政执法队政务公开与信息化建设工作领导小组办公室";
  const url =
    "https://www.binhe.example.gov.cn/col/col1229123456/art/2025/art_8f1e2d3c4b5a69788796a5b4c3d2e1f0.html";
  const sentence =
    "本机关坚持以公开为常态、不公开为例外，围绕群众关切持续深化政务公开，推进决策、执行、管理、服务、结果公开，";
  const blocks = [
    { type: "paragraph" as const, text: `全文见区政府门户网站政府信息公开专栏${url}，欢迎查阅。` },
    {
      type: "paragraph" as const,
      text: "咨询邮箱gk-office-binhe-district-government@binhe.example.gov.cn，电话0571-00000000。",
    },
    { type: "paragraph" as const, text: `${sentence}详见${url}及${url.replace("art_", "doc_")}。` },
  ];
  return {
    ...r,
    meta: { ...r.meta, organ, title: `${organ}${r.meta.year}年政府信息公开工作年度报告` },
    sections: { ...r.sections, other: { ...r.sections.other, blocks } },
  };
}
