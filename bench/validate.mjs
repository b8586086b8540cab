// bench/validate: JSON.parse + validate 10,000 generated reports (both editions, consistent, with
// narrative), against plain JSON.parse of the same bytes in the same process.
// Goal (foundation issue): ≥ 20,000 reports/s on one core and at most 5× the cost of JSON.parse.
// Then the diagnosis (error localization, issue 19): the same 10,000 reports with 0, 1 and 2 cells of
// tables 三/四 changed, validated with the diagnosis (the default) and without it (`diagnose: false`),
// interleaved in the same run. Goals: consistent reports cost nothing extra (< 5 %); a report with 2
// broken cells ≤ 2 ms.
import { layoutOf, parseReport } from "@xxgk/core-model";
import { validate, validateReport } from "@xxgk/validators";
import { compare, table } from "./_measure.mjs";

const COUNT = 10_000;

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The applicant columns of table 三 (自然人 … 其他), from core-model's layout: the same in both editions.
const APPLICANTS = layoutOf("2021").tables.applications.shape.newlyReceived.filter((c) => c !== "total");
const FIXED = new Set(["newlyReceived", "carriedOver", "resultsTotal", "carriedForward"]);

/** A consistent report document (what a user's JSON file holds), both editions alternating. */
function generate(i) {
  const rng = prng(i + 1);
  const int = (max) => Math.floor(rng() * (max + 1));
  const edition = i % 2 === 0 ? "2019" : "2021";
  const year = edition === "2019" ? 2020 : 2021 + (i % 5);
  const layout = layoutOf(edition);
  const rows = Object.keys(layout.tables.applications.shape);
  const applications = Object.fromEntries(rows.map((r) => [r, {}]));
  for (const c of APPLICANTS) {
    const over = int(6);
    let done = 0;
    for (const r of rows) {
      if (FIXED.has(r)) continue;
      const n = rng() < 0.4 ? 0 : int(9);
      applications[r][c] = n;
      done += n;
    }
    let forward = int(5);
    let received = done + forward - over;
    if (received < 0) {
      forward -= received;
      received = 0;
    }
    Object.assign(applications.newlyReceived, { [c]: received });
    Object.assign(applications.carriedOver, { [c]: over });
    Object.assign(applications.resultsTotal, { [c]: done });
    Object.assign(applications.carriedForward, { [c]: forward });
  }
  for (const r of rows) applications[r].total = APPLICANTS.reduce((s, c) => s + applications[r][c], 0);
  const review = {};
  for (const [group, cols] of Object.entries(layout.tables.review.shape)) {
    const g = {};
    let total = 0;
    for (const c of cols.slice(0, -1)) total += g[c] = int(4);
    g.total = total;
    review[group] = g;
  }
  const proactive = {};
  for (const [row, cols] of Object.entries(layout.tables.proactive.shape)) {
    proactive[row] = Object.fromEntries(
      cols.map((c) => [
        c,
        c === "change"
          ? `+${int(9)}`
          : c === "amount"
            ? edition === "2021"
              ? `${int(99999)}.${int(9)}`
              : `${int(9999999)}元`
            : rng() < 0.2
              ? "-"
              : int(300),
      ]),
    );
  }
  if (edition === "2021") {
    for (const r of ["regulations", "normativeDocuments"]) {
      const p = proactive[r];
      p.issued = int(20);
      p.repealed = int(5);
      p.inForce = p.issued + int(200);
    }
  }
  const sum = (row) => applications[row].total;
  const para = (text) => ({ type: "paragraph", text });
  const heading = (text) => ({ type: "heading", text });
  const organ = `某某市某某区第${i}街道办事处`;
  return {
    edition,
    meta: {
      organ,
      year,
      title: `${organ}${year}年政府信息公开工作年度报告`,
      published: `${year + 1}-01-20`,
      level: "agency",
    },
    preamble: [
      para(
        `本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在门户网站下载。`,
      ),
    ],
    sections: {
      overview: {
        heading: "一、总体情况",
        blocks: [
          para(
            `${year}年，本机关以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，持续深化政务公开。`,
          ),
          heading("（一）主动公开"),
          para(
            `全年主动公开政府信息${int(9000)}条。本年制发规范性文件${edition === "2021" ? proactive.normativeDocuments.issued : "若干"}件。`,
          ),
          heading("（二）依申请公开"),
          para(
            `本年新收政府信息公开申请${sum("newlyReceived")}件，上年结转政府信息公开申请${sum("carriedOver")}件，办结${sum("resultsTotal")}件，结转下年度继续办理${sum("carriedForward")}件。`,
          ),
          heading("（三）政府信息管理"),
          para("严格落实信息发布前保密审查制度，动态更新政府信息公开目录。"),
        ],
      },
      proactive: { heading: "二、主动公开政府信息情况", blocks: [] },
      applications: { heading: "三、收到和处理政府信息公开申请情况", blocks: [] },
      review: {
        heading: "四、政府信息公开行政复议、行政诉讼情况",
        blocks: [
          para(
            `本年发生政府信息公开行政复议${review.reconsideration.total}件，行政诉讼${review.direct.total + review.afterReconsideration.total}件。`,
          ),
        ],
      },
      problems: {
        heading: "五、存在的主要问题及改进情况",
        blocks: [para("政策解读形式较为单一，基层公开标准化规范化水平有待提升。")],
      },
      other: { heading: "六、其他需要报告的事项", blocks: [para("本年度未收取信息处理费。")] },
    },
    tables: { proactive, applications, review },
  };
}

const texts = Array.from({ length: COUNT }, (_, i) => JSON.stringify(generate(i)));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

// The generated reports must be clean, or the benchmark would time the error path.
let dirty = 0;
for (const t of texts) {
  const { counts } = validate(JSON.parse(t));
  if (counts.error + counts.warning > 0) dirty++;
}
if (dirty > 0) {
  process.stderr.write(`${dirty} generated reports have errors or warnings: the generator is broken\n`);
  process.exit(1);
}

let sink = 0;
// The parts run on 100 parsed documents taken 100 times, so that few parsed object graphs stay alive
// and garbage collection of the inputs is not what gets timed.
const SAMPLE = 100;
const docs = texts.slice(0, SAMPLE).map((t) => JSON.parse(t));
const reports = docs.map((d) => {
  const r = parseReport(d);
  if (!r.ok) throw new Error(`generated report does not parse: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return r.report;
});
const passes = COUNT / SAMPLE;
// A working set of 100 reports taken 100 times: what an editor re-validating the same reports sees.
const HOT = texts.slice(0, 100);
const { jsonParse, parseAndValidate, hotParse, hotValidate, validateOnly, schemaOnly, rulesOnly } = compare({
  jsonParse: () => {
    for (const t of texts) sink += JSON.parse(t).meta.year;
  },
  parseAndValidate: () => {
    for (const t of texts) sink += validate(JSON.parse(t)).counts.error;
  },
  hotParse: () => {
    for (let p = 0; p < COUNT / HOT.length; p++) for (const t of HOT) sink += JSON.parse(t).meta.year;
  },
  hotValidate: () => {
    for (let p = 0; p < COUNT / HOT.length; p++)
      for (const t of HOT) sink += validate(JSON.parse(t)).counts.error;
  },
  validateOnly: () => {
    for (let p = 0; p < passes; p++) for (const d of docs) sink += validate(d).counts.error;
  },
  schemaOnly: () => {
    for (let p = 0; p < passes; p++) for (const d of docs) sink += parseReport(d).ok ? 1 : 0;
  },
  rulesOnly: () => {
    for (let p = 0; p < passes; p++) for (const r of reports) sink += validateReport(r).counts.error;
  },
});

const perSec = (ms) => Math.round((COUNT / ms) * 1000).toLocaleString("en-US");
const us = (ms) => ((ms * 1000) / COUNT).toFixed(1);
const ratio = (ms) => `${(ms / jsonParse).toFixed(2)}×`;
process.stdout.write(
  `${COUNT.toLocaleString("en-US")} generated reports (both editions), ${(bytes / COUNT / 1024).toFixed(1)} KiB each; Node ${process.version}; wall-clock time, median of 5 interleaved rounds\n\n`,
);
table(
  ["task", "µs/report", "reports/s", "vs JSON.parse"],
  [
    ["JSON.parse (baseline)", us(jsonParse), perSec(jsonParse), "1.00×"],
    ["JSON.parse + validate()", us(parseAndValidate), perSec(parseAndValidate), ratio(parseAndValidate)],
    ["100 reports × 100: JSON.parse", us(hotParse), perSec(hotParse), "1.00× (own baseline)"],
    [
      "100 reports × 100: + validate()",
      us(hotValidate),
      perSec(hotValidate),
      `${(hotValidate / hotParse).toFixed(2)}×`,
    ],
    ["  validate() of parsed JSON", us(validateOnly), perSec(validateOnly), ratio(validateOnly)],
    ["    core-model parseReport()", us(schemaOnly), perSec(schemaOnly), ratio(schemaOnly)],
    ["    validateReport() (rules)", us(rulesOnly), perSec(rulesOnly), ratio(rulesOnly)],
  ],
);
const goalRate = (COUNT / parseAndValidate) * 1000 >= 20_000;
const goalRatio = parseAndValidate / jsonParse <= 5;
process.stdout.write(
  `\ngoal ≥ 20,000 reports/s: ${goalRate ? "met" : "NOT met"} (${perSec(parseAndValidate)}); ` +
    `goal ≤ 5× JSON.parse: ${goalRatio ? "met" : "NOT met"} (${ratio(parseAndValidate)})\n`,
);

// ── diagnosis ────────────────────────────────────────────────────────────────────────────────────────
// The cells the equations read: every cell of tables 三 and 四.
const equationCells = (edition) =>
  layoutOf(edition).cells.filter((d) => d.table === "applications" || d.table === "review");

/** The report with `k` cells of tables 三/四 changed to another value (1…9 added, modulo 30). */
function broken(text, i, k) {
  const doc = JSON.parse(text);
  const rng = prng(1_000_003 * (k + 1) + i);
  const cells = equationCells(doc.edition);
  const picked = new Set();
  while (picked.size < k) picked.add(cells[Math.floor(rng() * cells.length)]);
  for (const d of picked) {
    const row = doc.tables[d.table][d.path[0]];
    const old = typeof row[d.path[1]] === "number" ? row[d.path[1]] : 0;
    row[d.path[1]] = (old + 1 + Math.floor(rng() * 9)) % 30;
  }
  return JSON.stringify(doc);
}

const sets = [0, 1, 2].map((k) => (k === 0 ? texts : texts.map((t, i) => broken(t, i, k))));
const diagnosed = sets.map((set) =>
  set.reduce((n, t) => n + (validate(JSON.parse(t)).diagnosis.length > 0 ? 1 : 0), 0),
);
const rows = [];
for (const [k, set] of sets.entries()) {
  const { plain, withDiagnosis } = compare(
    {
      plain: () => {
        for (const t of set) sink += validate(JSON.parse(t), { diagnose: false }).counts.error;
      },
      withDiagnosis: () => {
        for (const t of set) sink += validate(JSON.parse(t)).counts.error;
      },
    },
    { rounds: k === 0 ? 5 : 3 },
  );
  const perReport = (ms) => `${((ms * 1000) / COUNT).toFixed(1)} µs`;
  rows.push([
    `${k} broken cell${k === 1 ? "" : "s"}`,
    diagnosed[k].toLocaleString("en-US"),
    perReport(plain),
    perReport(withDiagnosis),
    `${(((withDiagnosis - plain) * 1000) / Math.max(1, diagnosed[k])).toFixed(1)} µs`,
    `${((withDiagnosis / plain - 1) * 100).toFixed(1)} %`,
  ]);
  if (k === 0) rows.at(-1)[4] = "—";
}
process.stdout.write(
  `\ndiagnosis: the same ${COUNT.toLocaleString("en-US")} reports with 0, 1, 2 cells of tables 三/四 changed; JSON.parse + validate(), with and without the diagnosis, interleaved\n\n`,
);
table(
  [
    "reports",
    "diagnosed",
    "validate, diagnose: false",
    "validate (with diagnosis)",
    "added per diagnosed report",
    "added overall",
  ],
  rows,
);
const zero = Number(rows[0][5].replace(" %", ""));
const two = Number(rows[2][3].replace(" µs", ""));
process.stdout.write(
  `\ngoal: consistent reports < 5 % extra: ${zero < 5 ? "met" : "NOT met"} (${rows[0][5]}); ` +
    `2 broken cells ≤ 2 ms a report: ${two <= 2000 ? "met" : "NOT met"} (${rows[2][3]})\n`,
);
if (sink === -1) process.stdout.write("");
