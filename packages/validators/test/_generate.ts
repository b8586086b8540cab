// Consistent reports of either edition, for property tests: every error rule holds, the narrative states
// the table's numbers, and (given last year's report) the cross-year chains hold.
import {
  type Cell,
  createReport,
  type EditionId,
  getCell,
  layoutOf,
  parseReport,
  type Report,
  type TableCells,
  toCell,
} from "@xxgk/core-model";

/** A small deterministic PRNG (mulberry32), so a fast-check integer seed fixes the whole report. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, max: number) => Math.floor(rng() * (max + 1));

/** A zero written as the author might: `0`, blank or `-`. */
function zero(rng: Rng): Cell {
  const r = rng();
  return r < 0.6 ? toCell(0) : r < 0.8 ? toCell("") : toCell("-");
}
const count = (rng: Rng, n: number): Cell => (n === 0 ? zero(rng) : toCell(n));
const numberAt = (report: Report, key: string) => getCell(report, key).value ?? 0;

// The applicant columns of table 三 (自然人 … 其他), from core-model's layout: the same in both editions.
const APPLICANTS = layoutOf("2021").tables.applications.shape.newlyReceived!.filter((c) => c !== "total");

/** A consistent report of `edition` for `year`; with `previous`, this year continues last year's chains. */
export function consistentReport(edition: EditionId, year: number, seed: number, previous?: Report): Report {
  const rng = prng(seed);
  const report = createReport({ organ: "某某街道办事处", year, edition });
  const layout = layoutOf(edition);
  const rows = Object.keys(layout.tables.applications.shape);
  const results = rows.filter(
    (r) => !["newlyReceived", "carriedOver", "resultsTotal", "carriedForward"].includes(r),
  );
  const app: Record<string, Record<string, number>> = Object.fromEntries(rows.map((r) => [r, {}]));
  for (const c of APPLICANTS) {
    const over = previous ? numberAt(previous, `applications.carriedForward.${c}`) : int(rng, 6);
    let done = 0;
    for (const r of results) {
      const n = rng() < 0.4 ? 0 : int(rng, 9);
      app[r]![c] = n;
      done += n;
    }
    let forward = int(rng, 5);
    let received = done + forward - over;
    if (received < 0) {
      forward -= received;
      received = 0;
    }
    Object.assign(app.newlyReceived!, { [c]: received });
    Object.assign(app.carriedOver!, { [c]: over });
    Object.assign(app.resultsTotal!, { [c]: done });
    Object.assign(app.carriedForward!, { [c]: forward });
  }
  const applications: TableCells = {};
  for (const r of rows) {
    const total = APPLICANTS.reduce((s, c) => s + app[r]![c]!, 0);
    applications[r] = Object.fromEntries([
      ...APPLICANTS.map((c) => [c, count(rng, app[r]![c]!)]),
      ["total", count(rng, total)],
    ]);
  }

  const review: TableCells = {};
  for (const [group, cols] of Object.entries(layout.tables.review.shape)) {
    const parts = cols.filter((c) => c !== "total").map(() => (rng() < 0.5 ? 0 : int(rng, 4)));
    review[group] = Object.fromEntries([
      ...parts.map((n, i) => [cols[i]!, count(rng, n)]),
      [
        "total",
        count(
          rng,
          parts.reduce((a, b) => a + b, 0),
        ),
      ],
    ]);
  }

  const proactive: TableCells = {};
  for (const [row, cols] of Object.entries(layout.tables.proactive.shape)) {
    const cells: Record<string, Cell> = {};
    if (edition === "2021" && row !== "regulations" && row !== "normativeDocuments") {
      for (const c of cols)
        cells[c] = c === "amount" ? toCell((int(rng, 999_999) / 100).toFixed(2)) : count(rng, int(rng, 2000));
    } else if (edition === "2021") {
      const issued = int(rng, 20);
      const before =
        previous?.edition === "2021" ? numberAt(previous, `proactive.${row}.inForce`) : int(rng, 200);
      const repealed = int(rng, Math.min(10, before + issued));
      Object.assign(cells, {
        issued: count(rng, issued),
        repealed: count(rng, repealed),
        inForce: count(rng, before + issued - repealed),
      });
    } else if (row === "procurement") {
      Object.assign(cells, {
        count: count(rng, int(rng, 30)),
        amount: rng() < 0.5 ? toCell(`${int(rng, 9_999_999)}元`) : toCell(int(rng, 99999)),
      });
    } else if (cols.includes("change")) {
      const before =
        previous?.edition === "2019"
          ? numberAt(previous, `proactive.${row}.previous`) + numberAt(previous, `proactive.${row}.change`)
          : int(rng, 40);
      const change = int(rng, before + 5) - before;
      cells.previous = count(rng, before);
      cells.change = change === 0 ? zero(rng) : toCell(change > 0 ? `+${change}` : String(change));
      if (cols.includes("decisions")) cells.decisions = count(rng, int(rng, 500));
    } else {
      for (const c of cols) cells[c] = count(rng, int(rng, 20));
    }
    proactive[row] = cells;
  }

  const total = (row: string) => APPLICANTS.reduce((s, c) => s + app[row]![c]!, 0);
  const reviewTotal = (g: string) => review[g]!.total!.value ?? 0;
  const normative = proactive.normativeDocuments![edition === "2021" ? "issued" : "made"]!.value ?? 0;
  const para = (text: string) => ({ type: "paragraph" as const, text });
  return {
    ...report,
    meta: {
      ...report.meta,
      published: `${year + 1}-01-${String(1 + int(rng, 30)).padStart(2, "0")}`,
      level: "agency",
    },
    preamble: [para(`本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`)],
    sections: {
      ...report.sections,
      overview: {
        heading: "一、总体情况",
        blocks: [
          para(`${year}年，本机关认真贯彻落实《条例》。本年制发规范性文件${normative}件。`),
          para(
            `本年新收政府信息公开申请${total("newlyReceived")}件，上年结转政府信息公开申请${total("carriedOver")}件，办结${total("resultsTotal")}件，结转下年度继续办理${total("carriedForward")}件。`,
          ),
        ],
      },
      review: {
        heading: "四、政府信息公开行政复议、行政诉讼情况",
        blocks: [
          para(
            `本年发生政府信息公开行政复议${reviewTotal("reconsideration")}件，行政诉讼${reviewTotal("direct") + reviewTotal("afterReconsideration")}件。`,
          ),
        ],
      },
      problems: { heading: "五、存在的主要问题及改进情况", blocks: [para("政策解读形式较为单一。")] },
      other: { heading: "六、其他需要报告的事项", blocks: [para("本年度未收取信息处理费。")] },
    },
    tables: { proactive, applications, review },
  };
}

/** Loads an example of core-model as a plain document. */
export async function example(name: "wulin-2020" | "example-2021"): Promise<Record<string, unknown>> {
  const { readFile } = await import("node:fs/promises");
  return JSON.parse(
    await readFile(new URL(`../../core-model/examples/${name}.json`, import.meta.url), "utf8"),
  );
}

/** Parses an example of core-model into a report. */
export async function exampleReport(name: "wulin-2020" | "example-2021"): Promise<Report> {
  const r = parseReport(await example(name));
  if (!r.ok) throw new Error(`${name} does not parse: ${JSON.stringify(r.issues)}`);
  return r.report;
}
