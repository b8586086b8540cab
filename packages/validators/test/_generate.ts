// Consistent reports of either edition, for property tests: every error rule holds, the narrative states
// the table's numbers in the phrasings real reports use (every pattern the narrative rules know), and
// (given last year's report) the cross-year chains hold.
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

/** A figure the generated narrative states: the cells whose sum it is, and the number written. */
export interface Stated {
  readonly keys: readonly string[];
  readonly value: number;
}

/** What each generated report's narrative states about its tables (for the diagnosis oracle). */
export const STATED = new WeakMap<Report, readonly Stated[]>();

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
    } else if (row === "regulations" || row === "normativeDocuments") {
      // 2019: 对外公开总数量 grows by at most what was newly published (X.published).
      const made = int(rng, 20);
      const published = int(rng, made);
      const before =
        previous?.edition === "2019" ? numberAt(previous, `proactive.${row}.total`) : int(rng, 200);
      Object.assign(cells, {
        made: count(rng, made),
        published: count(rng, published),
        total: count(rng, Math.max(0, before + published - int(rng, 3))),
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
  const group = (...rows: string[]) => rows.reduce((s, r) => s + total(r), 0);
  const reviewTotal = (g: string) => review[g]!.total!.value ?? 0;
  const normativeKey = edition === "2021" ? "issued" : "made";
  const normative = proactive.normativeDocuments![normativeKey]!.value ?? 0;
  const para = (text: string) => ({ type: "paragraph" as const, text });
  const stated: Stated[] = [];
  /** `N件`, remembering what the number states. */
  const n = (keys: readonly string[], value: number) => {
    stated.push({ keys, value });
    return `${value}件`;
  };
  const t3 = (row: string) => `applications.${row}.total`;
  const rowsOf = (from: string, to: string) => results.slice(results.indexOf(from), results.indexOf(to) + 1);
  const withheld = rowsOf("stateSecret", "queryMatters");
  const unavailable = rowsOf("notHeld", "stillUnclear");
  const notProcessed = rowsOf("petitions", "confirmation");
  const other = edition === "2021" ? rowsOf("noCorrection", "otherReasons") : ["otherHandling"];
  const done = total("resultsTotal");
  // A share as reports print it: one decimal, of the applications completed.
  const share = (v: number) => (done > 0 && rng() < 0.6 ? `，占${((100 * v) / done).toFixed(1)}%` : "");
  const disclosed = total("disclosed");
  const partly = total("partiallyDisclosed");
  const opening =
    rng() < 0.5
      ? `其中予以公开${n([t3("disclosed")], disclosed)}${share(disclosed)}，部分公开${n([t3("partiallyDisclosed")], partly)}`
      : `其中予以公开及部分公开${n([t3("disclosed"), t3("partiallyDisclosed")], disclosed + partly)}${share(disclosed + partly)}`;
  const outcomes = ["corrected", "otherOutcome", "pending"].reduce(
    (s, c) =>
      s +
      ["reconsideration", "direct", "afterReconsideration"].reduce(
        (t, g) => t + (review[g]![c]!.value ?? 0),
        0,
      ),
    0,
  );
  const litigation = reviewTotal("direct") + reviewTotal("afterReconsideration");
  const inForce =
    edition === "2021"
      ? `，现行有效行政规范性文件${n(["proactive.normativeDocuments.inForce"], proactive.normativeDocuments!.inForce!.value ?? 0)}，现行有效规章${n(["proactive.regulations.inForce"], proactive.regulations!.inForce!.value ?? 0)}`
      : "";
  const overview = [
    para(
      `${year}年，本机关认真贯彻落实《条例》。本年制发规范性文件${n([`proactive.normativeDocuments.${normativeKey}`], normative)}${inForce}。`,
    ),
    para(
      `本年新收政府信息公开申请${n([t3("newlyReceived")], total("newlyReceived"))}，上年结转政府信息公开申请${n([t3("carriedOver")], total("carriedOver"))}，${rng() < 0.5 ? "办结" : "已答复"}${n([t3("resultsTotal")], done)}，结转下年度继续办理${n([t3("carriedForward")], total("carriedForward"))}。`,
    ),
    para(
      `${opening}；不予公开${n(withheld.map(t3), group(...withheld))}${share(group(...withheld))}，无法提供${n(unavailable.map(t3), group(...unavailable))}，不予处理${n(notProcessed.map(t3), group(...notProcessed))}，其他处理${n(other.map(t3), group(...other))}。`,
    ),
  ];
  const out: Report = {
    ...report,
    meta: {
      ...report.meta,
      published: `${year + 1}-01-${String(1 + int(rng, 30)).padStart(2, "0")}`,
      level: "agency",
    },
    preamble: [para(`本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`)],
    sections: {
      ...report.sections,
      overview: { heading: "一、总体情况", blocks: overview },
      review: {
        heading: "四、政府信息公开行政复议、行政诉讼情况",
        blocks: [
          para(
            `本年发生政府信息公开行政复议${n(["review.reconsideration.total"], reviewTotal("reconsideration"))}，行政诉讼${n(["review.direct.total", "review.afterReconsideration.total"], litigation)}${outcomes === 0 && reviewTotal("reconsideration") + litigation > 0 ? "，均获维持" : ""}。`,
          ),
        ],
      },
      problems: { heading: "五、存在的主要问题及改进情况", blocks: [para("政策解读形式较为单一。")] },
      other: { heading: "六、其他需要报告的事项", blocks: [para("本年度未收取信息处理费。")] },
    },
    tables: { proactive, applications, review },
  };
  STATED.set(out, stated);
  return out;
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
