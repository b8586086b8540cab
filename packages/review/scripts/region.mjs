#!/usr/bin/env node
// Generates a region's published reports — several bodies, several years, both editions — from
// core-model's two examples, as the review reads them: HTML pages rendered by @xxgk/render-html without
// their embedded data (so the importer reads the visible tables, as it does on a government site), plain-
// text copies of the same pages, a Word document (@xxgk/render-docx), and our own JSON. Every table is consistent within a report and with
// the body's report of the year before; the narrative states the table's numbers. Defects are planted
// on purpose and listed with the verdicts they must give.
//   node scripts/region.mjs   (after a build) writes test/fixtures/region/, the committed fixture folder;
//   test/review.test.ts checks that the folder is what this script makes.
// Also imported by bench/review.mjs (`generateRegion`) and the tests (`fixtureRegion`).
import { readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  defaultTitle,
  editionForYear,
  layoutOf,
  parseReport,
  SECTIONS,
  setCell,
  toDocument,
} from "@xxgk/core-model";
import { renderDocx } from "@xxgk/render-docx";
import { renderDocument } from "@xxgk/render-html";

const require = createRequire(import.meta.url);
const example = (name) => {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`core-model's example ${name} does not parse`);
  return parsed.report;
};
/** The base report of each edition: its sections' headings and its layout; cells and text are replaced. */
const BASE = { 2019: example("wulin-2020"), 2021: example("example-2021") };

/** mulberry32: a small deterministic PRNG, so the same options give the same files on every machine. */
function random(seedText) {
  let a = 0x811c9dc5;
  for (const ch of seedText) a = Math.imul(a ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rnd, lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
/** Two different entries of a list. */
const pickTwo = (rnd, list) => {
  const i = Math.floor(rnd() * list.length);
  const j = (i + 1 + Math.floor(rnd() * (list.length - 1))) % list.length;
  return [list[i], list[j]];
};

const APPLICANTS = ["naturalPerson", "commercial", "research", "publicInterest", "legalServices", "otherOrg"];
/** Rows of table 三 that are results (between 二 and （七）), from the layout, per edition. */
const resultRows = (edition) =>
  Object.keys(layoutOf(edition).tables.applications.shape).filter(
    (r) => !["newlyReceived", "carriedOver", "resultsTotal", "carriedForward"].includes(r),
  );

/**
 * One year's numbers of a body, consistent with last year's (`prev`): 二、上年结转 = last year's 四, the
 * 行政规范性文件 in force = last year's + issued − repealed. Returns the numbers and the state for next year.
 */
function numbersFor(rnd, edition, prev, scale) {
  const newly = {};
  const carriedOver = {};
  const carriedForward = {};
  const results = {};
  for (const rowKey of resultRows(edition)) results[rowKey] = {};
  for (const a of APPLICANTS) {
    const big =
      a === "naturalPerson" ? scale : a === "commercial" ? Math.ceil(scale / 3) : Math.ceil(scale / 12);
    newly[a] = int(rnd, 0, big);
    carriedOver[a] = prev ? prev.carriedForward[a] : int(rnd, 0, 2);
    carriedForward[a] = int(rnd, 0, Math.min(2, newly[a] + carriedOver[a]));
    let left = newly[a] + carriedOver[a] - carriedForward[a];
    const rows = resultRows(edition);
    // Most requests are disclosed; the rest spread thinly over the other results.
    for (const rowKey of rows.slice(2)) {
      const n = left > 0 && rnd() < 0.25 ? int(rnd, 0, Math.min(2, left)) : 0;
      results[rowKey][a] = n;
      left -= n;
    }
    const partial = int(rnd, 0, Math.floor(left / 4));
    results.partiallyDisclosed[a] = partial;
    results.disclosed[a] = left - partial;
  }
  const inForcePrev = prev?.inForce ?? int(rnd, 20, 160);
  const issued = int(rnd, 0, 12);
  const repealed = int(rnd, 0, Math.min(4, inForcePrev));
  const review = {};
  for (const group of ["reconsideration", "direct", "afterReconsideration"]) {
    review[group] = {
      upheld: int(rnd, 0, 4),
      corrected: rnd() < 0.3 ? int(rnd, 0, 2) : 0,
      otherOutcome: rnd() < 0.2 ? 1 : 0,
      pending: rnd() < 0.2 ? 1 : 0,
    };
  }
  return {
    newly,
    carriedOver,
    carriedForward,
    results,
    issued,
    repealed,
    inForce: inForcePrev + issued - repealed,
    licensing: int(rnd, 0, 900),
    penalties: int(rnd, 0, 400),
    coercion: int(rnd, 0, 30),
    review,
    procurement: int(rnd, 0, 20),
  };
}

const totalOf = (row) => APPLICANTS.reduce((n, a) => n + row[a], 0);

/** The report's cells from its numbers, as `key → written value`. */
function cellsFor(edition, n) {
  const cells = {};
  const put = (row, values) => {
    for (const a of APPLICANTS) cells[`applications.${row}.${a}`] = values[a];
    cells[`applications.${row}.total`] = totalOf(values);
  };
  put("newlyReceived", n.newly);
  put("carriedOver", n.carriedOver);
  const sum = {};
  for (const a of APPLICANTS) sum[a] = 0;
  for (const [row, values] of Object.entries(n.results)) {
    put(row, values);
    for (const a of APPLICANTS) sum[a] += values[a];
  }
  put("resultsTotal", sum);
  put("carriedForward", n.carriedForward);
  for (const [group, v] of Object.entries(n.review)) {
    for (const [k, x] of Object.entries(v)) cells[`review.${group}.${k}`] = x;
    cells[`review.${group}.total`] = v.upheld + v.corrected + v.otherOutcome + v.pending;
  }
  if (edition === "2021") {
    Object.assign(cells, {
      "proactive.regulations.issued": "-",
      "proactive.regulations.repealed": "-",
      "proactive.regulations.inForce": "-",
      "proactive.normativeDocuments.issued": n.issued,
      "proactive.normativeDocuments.repealed": n.repealed,
      "proactive.normativeDocuments.inForce": n.inForce,
      "proactive.licensing.decisions": n.licensing,
      "proactive.penalties.decisions": n.penalties,
      "proactive.coercion.decisions": n.coercion,
      "proactive.fees.amount": "-",
    });
  } else {
    Object.assign(cells, {
      "proactive.regulations.made": "-",
      "proactive.regulations.published": "-",
      "proactive.regulations.total": "-",
      "proactive.normativeDocuments.made": n.issued,
      "proactive.normativeDocuments.published": n.issued,
      "proactive.normativeDocuments.total": n.inForce,
      "proactive.licensing.previous": "-",
      "proactive.licensing.change": "-",
      "proactive.licensing.decisions": n.licensing,
      "proactive.otherServices.previous": "-",
      "proactive.otherServices.change": "-",
      "proactive.otherServices.decisions": "-",
      "proactive.penalties.previous": "-",
      "proactive.penalties.change": "-",
      "proactive.penalties.decisions": n.penalties,
      "proactive.coercion.previous": "-",
      "proactive.coercion.change": "-",
      "proactive.coercion.decisions": n.coercion,
      "proactive.fees.previous": "-",
      "proactive.fees.change": "-",
      "proactive.procurement.count": n.procurement,
      "proactive.procurement.amount": `${n.procurement * 15300}元`,
    });
  }
  return cells;
}

// Sentence fragments a body's narrative is drawn from: enough variety that two bodies' texts share little.
const WORK = [
  "围绕优化营商环境",
  "围绕保障和改善民生",
  "聚焦重大项目建设",
  "聚焦乡村振兴",
  "围绕安全生产",
  "聚焦生态环境保护",
  "围绕教育教学改革",
  "聚焦社会救助",
  "围绕城市更新",
  "聚焦基层治理",
  "围绕医疗卫生服务",
  "聚焦财政预决算",
];
const DID = [
  "及时发布政策文件和解读材料",
  "动态调整主动公开基本目录",
  "开展政策解读“进社区”活动",
  "完善重点领域信息公开专栏",
  "规范依申请公开办理流程",
  "加强公开前保密审查",
  "开展政府开放日活动",
  "推进决策预公开",
  "扩大政务新媒体覆盖面",
  "开展公开工作专项检查",
  "整合网站栏目和检索功能",
  "编制办事指南并同步公开",
];
const HOW = [
  "由分管负责同志牵头",
  "建立周调度、月通报机制",
  "明确专人负责",
  "联合业务科室逐项落实",
  "纳入年度绩效考核",
  "组织业务培训",
  "实行清单化管理",
  "坚持问题导向",
];
const GAIN = [
  "群众获取信息更加便捷",
  "公开质量稳步提升",
  "回应关切更加及时",
  "办理时效明显加快",
  "公开内容更加规范",
  "社会评价持续向好",
];
const PROBLEM = [
  "政策解读形式较为单一",
  "部分栏目更新不够及时",
  "依申请公开答复的规范性有待加强",
  "基层公开标准化水平不高",
  "信息发布审核把关还需细化",
  "公开平台检索功能不够完善",
  "工作人员业务能力有待提升",
  "数据开放力度不够",
];
const PLAN = [
  "丰富图解、音视频等解读形式",
  "建立栏目巡查和提醒机制",
  "制定答复文书范本并组织复核",
  "推进基层政务公开标准目录动态调整",
  "细化发布前审核流程",
  "升级平台检索和智能问答功能",
  "开展分层分类培训",
  "稳步扩大公共数据开放范围",
];

/** A body's narrative for a year: section 一 (with the table's numbers), 五 and 六, and the preamble. */
function narrativeFor(rnd, organ, short, year, cells) {
  const sentence = () =>
    `${pick(rnd, WORK)}，${short}${pick(rnd, HOW)}，${pickTwo(rnd, DID).join("，")}，${pick(rnd, GAIN)}。`;
  const received = cells["applications.newlyReceived.total"];
  const carried = cells["applications.carriedOver.total"];
  const done = cells["applications.resultsTotal.total"];
  const forward = cells["applications.carriedForward.total"];
  const issued = cells["proactive.normativeDocuments.issued"] ?? cells["proactive.normativeDocuments.made"];
  return {
    preamble: [
      `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    ],
    overview: [
      `${year}年，${organ}${pick(rnd, HOW)}，认真贯彻落实《条例》，${pick(rnd, DID)}。`,
      "（一）主动公开",
      `${sentence()}全年制发规范性文件${issued}件，均按规定公开。${sentence()}`,
      "（二）依申请公开",
      `本年新收政府信息公开申请${received}件，上年结转${carried}件，办结${done}件，结转下年度继续办理${forward}件。${sentence()}`,
      "（三）政府信息管理",
      `${sentence()}${sentence()}`,
      "（四）政府信息公开平台建设",
      sentence(),
      "（五）监督保障",
      sentence(),
    ],
    problems: [
      `${short}政府信息公开工作仍存在${pickTwo(rnd, PROBLEM).join("、")}等问题。`,
      `下一步，${short}将${pickTwo(rnd, PLAN).join("，")}，${pick(rnd, GAIN)}。`,
    ],
    other: ["本年度未收取信息处理费。"],
  };
}

const HEADINGS = /^（[一二三四五]）/;

/** A report of a body for a year, from its numbers and narrative, on the base report of the year's edition. */
function makeReport({ organ, year, published, cells, text }) {
  const edition = editionForYear(year);
  const base = BASE[edition];
  let report = {
    edition,
    meta: { organ, year, title: defaultTitle(organ, year), ...(published ? { published } : {}) },
    preamble: text.preamble.map((t) => ({ type: "paragraph", text: t })),
    sections: Object.fromEntries(
      SECTIONS.map((s) => [
        s.key,
        {
          heading: base.sections[s.key].heading.replace("五、存在主要问题", "五、存在的主要问题"),
          blocks: (text[s.key] ?? []).map((t) => ({
            type: HEADINGS.test(t) ? "heading" : "paragraph",
            text: t,
          })),
        },
      ]),
    ),
    tables: base.tables,
  };
  for (const def of layoutOf(edition).cells) report = setCell(report, def.key, cells[def.key] ?? "");
  return report;
}

/** A published page: the rendered report without its embedded data, inside a little site chrome that states the date. */
function page(report) {
  const html = renderDocument(report, { embedJson: false });
  const date = report.meta.published;
  const chrome = date
    ? `<div class="site-head">政府信息公开专栏</div>\n<div class="info">发布日期：${date}　来源：${report.meta.organ}</div>\n`
    : `<div class="site-head">政府信息公开专栏</div>\n`;
  return html
    .replace("<head>", `<head>\n${date ? `<meta name="PubDate" content="${date}">\n` : ""}`)
    .replace("<body>", `<body>\n${chrome}`);
}

/**
 * A plain-text copy of the report as a browser gives it when the page is selected and copied: the
 * title, the text, and each table row as its cells one per line after a tab (as the importer's
 * fixtures have it). No date: the copy holds the article only.
 */
function textCopy(report) {
  const layout = layoutOf(report.edition);
  const lines = [report.meta.title, ""];
  for (const b of report.preamble) lines.push(b.text, "");
  for (const s of SECTIONS) {
    lines.push(report.sections[s.key].heading, "");
    for (const b of report.sections[s.key].blocks) lines.push(b.text);
    if (s.table) {
      for (const row of layout.tables[s.table].rows) {
        lines.push("");
        for (const c of row.cells) {
          if (c.role !== "value") lines.push(`\t${c.text}`);
          else {
            const def = layout.byKey.get(c.cell);
            lines.push(`\t${report.tables[def.table][def.path[0]][def.path[1]].raw}`);
          }
        }
      }
      lines.push("");
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

const shortName = (organ) =>
  organ.endsWith("人民政府办公室")
    ? "我办"
    : organ.endsWith("人民政府")
      ? "我区"
      : /[镇乡]人民政府$/.test(organ)
        ? "我镇"
        : organ.endsWith("街道办事处")
          ? "我街道"
          : "我局";

/**
 * Reports of `bodies` × `years` (bodies named 某某区第N局 …), every `format` in turn — the bench's input.
 * Each body's years chain consistently. Returns `{ name, data }` files.
 */
export function generateRegion({ bodies = 100, years = [2021, 2022, 2023], formats = ["html"] } = {}) {
  const files = [];
  for (let b = 0; b < bodies; b++) {
    const organ = `江南市第${b + 1}区${pick(random(`kind${b}`), ["教育局", "财政局", "民政局", "卫生健康委员会", "自然资源局", "住房和城乡建设局"])}`;
    let prev;
    for (const year of years) {
      const rnd = random(`${organ}${year}`);
      const edition = editionForYear(year);
      const n = numbersFor(rnd, edition, prev, 60);
      prev = n;
      const cells = cellsFor(edition, n);
      const report = makeReport({
        organ,
        year,
        published: `${year + 1}-01-${String(int(rnd, 10, 28)).padStart(2, "0")}`,
        cells,
        text: narrativeFor(rnd, organ, "我局", year, cells),
      });
      const format = formats[(b + year) % formats.length];
      // Base names unique over the region, as `xxgk import --out-dir` needs them.
      const name = `${organ}/${organ}${year}年报告.${format === "text" ? "txt" : format}`;
      files.push({
        name,
        data:
          format === "html"
            ? page(report)
            : format === "text"
              ? textCopy(report)
              : `${JSON.stringify(toDocument(report), null, 2)}\n`,
      });
    }
  }
  return files;
}

/** One body of the fixture: its names by year, and what each year holds. */
const FIXTURE_BODIES = [
  {
    // The office reporting on its own work: a department (deadline 1月31日). 2022 published late.
    organ: "江南市滨河区人民政府办公室",
    folder: "滨河区/区政府办",
    years: {
      2020: { format: "text", published: "2021-01-20" },
      2021: { format: "json", published: "2022-01-25", duplicate: "html" },
      2022: { format: "html", published: "2023-02-15", verdicts: ["late"] },
      2023: { format: "html", published: "2024-01-26", title: "滨河区人民政府办公室" },
    },
  },
  {
    // The 本级 report of the district government, compiled by its office: deadline 3月31日, so the March
    // dates (as 平潭's) are on time. No 2020 report.
    organ: "江南市滨河区人民政府",
    folder: "滨河区/区政府",
    aggregate: true,
    years: {
      2021: { format: "html", published: "2022-03-05" },
      2022: { format: "html", published: "2023-03-08" },
      2023: { format: "html", published: "2024-03-10" },
    },
  },
  {
    // A 街道 (no deadline of its own), renamed when 下城区 merged into 拱墅区: the mapping ties the names.
    organ: "杭州市下城区武林街道办事处",
    renamed: { from: 2021, organ: "杭州市拱墅区武林街道办事处" },
    folder: "武林街道",
    years: {
      2020: { format: "json", seed: true },
      2021: { format: "html", published: "2022-03-08", verdicts: ["undetermined"] },
      2022: { format: "text" },
      2023: { format: "html", published: "2024-01-18" },
    },
  },
  {
    // 2023's narrative is 2022's with every year + 1 (and so last year's numbers in its text).
    organ: "云溪县教育局",
    folder: "云溪县/教育局",
    years: {
      2020: { format: "html", published: "2021-01-22" },
      2021: { format: "text" },
      2022: { format: "html", published: "2023-01-16" },
      2023: { format: "html", published: "2024-01-19", copyOfPrevious: true, verdicts: ["copy"] },
    },
  },
  {
    // 2022 has a broken total: （一）予以公开's 总计 one more than its row.
    organ: "云溪县青石镇人民政府",
    folder: "云溪县/青石镇",
    years: {
      2021: { format: "html", published: "2022-01-20" },
      2022: { format: "text", brokenTotal: true, verdicts: ["error"] },
      2023: { format: "html", published: "2024-01-12", verdicts: ["similar"] },
    },
  },
  {
    // 2023's narrative is 青石镇's with the name changed: two bodies sharing most of their text.
    organ: "云溪县白沙镇人民政府",
    folder: "云溪县/白沙镇",
    years: {
      2021: { format: "docx" },
      2022: { format: "html", published: "2023-01-30" },
      2023: {
        format: "html",
        published: "2024-01-15",
        copyOf: "云溪县青石镇人民政府",
        verdicts: ["similar"],
      },
    },
  },
];

/** The name mapping of the fixture region (bodies renamed): old name → the body's current name. */
export const FIXTURE_MAPPING = { 杭州市下城区武林街道办事处: "杭州市拱墅区武林街道办事处" };

/**
 * The fixture region: files (pages, text copies, a Word document, JSON, a duplicate, two files that are
 * not reports),
 * the name mapping, and the expected verdicts: per report file its body, year, whether it is a
 * duplicate, and the verdicts planted (`late`, `undetermined`, `copy`, `similar`, `error`); every other
 * report must be free of errors and warnings.
 */
export async function fixtureRegion() {
  const files = [];
  const expected = { reports: {}, notReports: [], mapping: FIXTURE_MAPPING };
  const narratives = new Map(); // `${organ}/${year}` → text
  const lastCells = new Map(); // `${organ}/${year}` → cells
  for (const body of FIXTURE_BODIES) {
    let prev;
    for (const [yearText, spec] of Object.entries(body.years)) {
      const year = Number(yearText);
      const organ = body.renamed && year >= body.renamed.from ? body.renamed.organ : body.organ;
      const edition = editionForYear(year);
      const rnd = random(`${body.organ}${year}`);
      const verdicts = [...(spec.verdicts ?? [])];
      let report;
      if (spec.seed) {
        // The seed itself; next year's report carries over what it carried forward (blank = 0).
        report = BASE["2019"];
        const forward = {};
        for (const a of APPLICANTS) forward[a] = report.tables.applications.carriedForward[a].value ?? 0;
        prev = {
          carriedForward: forward,
          inForce: report.tables.proactive.normativeDocuments.total.value ?? 0,
        };
      } else {
        const n = numbersFor(rnd, edition, prev, body.aggregate ? 90 : 30);
        prev = n;
        const cells = cellsFor(edition, n);
        let text = narrativeFor(rnd, organ, shortName(organ), year, cells);
        if (body.aggregate) {
          text.preamble.unshift(
            `本报告由${organ}办公室根据《条例》要求，汇总区政府各部门、各街道（镇）年度报告编制。`,
          );
        }
        if (spec.copyOfPrevious) {
          const last = narratives.get(`${organ}/${year - 1}`);
          // Last year's numbers stay in the copied text: where they differ from this year's table, the
          // validators' text.numbers warns too.
          const quoted = ["newlyReceived", "carriedOver", "resultsTotal", "carriedForward"].map(
            (r) => `applications.${r}.total`,
          );
          quoted.push("proactive.normativeDocuments.issued");
          if (quoted.some((k) => cells[k] !== lastCells.get(`${organ}/${year - 1}`)[k]))
            verdicts.push("text.numbers");
          const plusOne = (t) => t.replace(/(20\d\d)年/g, (_, y) => `${Number(y) + 1}年`);
          text = {
            preamble: last.preamble.map(plusOne),
            overview: last.overview.map(plusOne),
            problems: last.problems.map(plusOne),
            other: last.other,
          };
        }
        if (spec.copyOf) {
          const other = narratives.get(`${spec.copyOf}/${year}`);
          const rename = (t) => t.replaceAll(spec.copyOf, organ).replaceAll("青石镇", "白沙镇");
          text = {
            preamble: other.preamble.map(rename),
            overview: other.overview.map(rename),
            problems: other.problems.map(rename),
            other: other.other,
          };
          // Its own numbers where the text states them.
          const own = narrativeFor(random(`${organ}${year}n`), organ, "我镇", year, cells).overview;
          text.overview[2] = text.overview[2].replace(
            /制发规范性文件\d+件/,
            `制发规范性文件${cells["proactive.normativeDocuments.issued"]}件`,
          );
          text.overview[4] = own[4];
        }
        narratives.set(`${organ}/${year}`, text);
        lastCells.set(`${organ}/${year}`, { ...cells });
        if (spec.brokenTotal) cells["applications.disclosed.total"] += 1;
        report = makeReport({
          organ: spec.title && year >= 2023 ? spec.title : organ,
          year,
          published: spec.published,
          cells,
          text,
        });
      }
      const stem = `${body.folder}/${year}年政府信息公开工作年度报告`;
      const write = async (format) => {
        const name = `${stem}.${format === "text" ? "txt" : format}`;
        const data =
          format === "html"
            ? page(report)
            : format === "text"
              ? textCopy(report)
              : format === "docx"
                ? (await renderDocx(report)).docx
                : `${JSON.stringify(toDocument(report), null, 2)}\n`;
        files.push({ name, data });
        return name;
      };
      const main = await write(spec.format);
      expected.reports[main] = { body: body.renamed?.organ ?? body.organ, year, role: "primary", verdicts };
      if (spec.duplicate) {
        const dup = await write(spec.duplicate);
        expected.reports[dup] = {
          body: body.renamed?.organ ?? body.organ,
          year,
          role: "duplicate",
          verdicts: [],
        };
      }
    }
  }
  files.push({
    name: "说明.txt",
    data: "本文件夹收录滨河区、云溪县及武林街道2020—2023年度政府信息公开工作年度报告，供审查使用。\n",
  });
  files.push({
    name: "云溪县/附件/logo.png",
    data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  });
  expected.notReports = ["云溪县/附件/logo.png", "说明.txt"];
  return { files, mapping: FIXTURE_MAPPING, expected };
}

// The committed fixture folder, with the mapping and the expected verdicts beside it.
const here = dirname(fileURLToPath(import.meta.url));
const FOLDER = join(here, "..", "test", "fixtures", "region");

async function folderContents() {
  const { files, mapping, expected } = await fixtureRegion();
  const out = new Map(
    files.map((f) => [
      `reports/${f.name}`,
      typeof f.data === "string" ? Buffer.from(f.data) : Buffer.from(f.data),
    ]),
  );
  out.set("mapping.json", Buffer.from(`${JSON.stringify(mapping, null, 2)}\n`));
  out.set("expected.json", Buffer.from(`${JSON.stringify(expected, null, 2)}\n`));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const want = await folderContents();
  await rm(FOLDER, { recursive: true, force: true });
  for (const [name, data] of want) {
    await mkdir(dirname(join(FOLDER, name)), { recursive: true });
    await writeFile(join(FOLDER, name), data);
  }
  process.stdout.write(`wrote ${want.size} files to ${FOLDER}\n`);
}
