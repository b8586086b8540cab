// Reports for property tests: either edition, every cell drawn from what published reports write.
import { createReport, layoutOf, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";

const cellText = fc.oneof(
  { weight: 5, arbitrary: fc.nat({ max: 20000 }).map(String) },
  { weight: 2, arbitrary: fc.constant("") },
  { weight: 2, arbitrary: fc.constantFrom("-", "—", "/", "无", "不适用") },
  { weight: 1, arbitrary: fc.integer({ min: -50, max: 50 }).map((n) => (n > 0 ? `+${n}` : String(n))) },
  { weight: 1, arbitrary: fc.constantFrom("4359957元", "9116.36", "12.5万元", "0件", "1,204") },
);

const text = fc
  .array(fc.constantFrom(..."政府信息公开工作年度报告主动依申请办理结果<>&\"'《》，。、0123456789abc "), {
    minLength: 1,
    maxLength: 40,
  })
  .map((cs) => cs.join("").trim() || "无");

/** A valid report of either edition with arbitrary cells, organ, year and narrative. */
export function arbitraryReport(): fc.Arbitrary<Report> {
  return fc
    .record({
      edition: fc.constantFrom("2019" as const, "2021" as const),
      organ: fc.constantFrom("某某街道办事处", "江南市滨河区人民政府办公室", "云溪县教育局", "A&B <局>"),
      year: fc.integer({ min: 2019, max: 2030 }),
      paragraphs: fc.array(text, { maxLength: 3 }),
      seed: fc.array(cellText, { minLength: 200, maxLength: 200 }),
    })
    .map(({ edition, organ, year, paragraphs, seed }) => {
      let report = createReport({ organ, year, edition });
      layoutOf(edition).cells.forEach((def, i) => {
        report = setCell(report, def.key, seed[i % seed.length]!);
      });
      const sections = { ...report.sections };
      sections.overview = {
        ...sections.overview,
        blocks: paragraphs.map((t) => ({ type: "paragraph" as const, text: t })),
      };
      return { ...report, sections };
    });
}

const app2021 = layoutOf("2021").tables.applications;
const APP_ROWS = Object.keys(app2021.shape);
const RESULT_ROWS = APP_ROWS.slice(APP_ROWS.indexOf("disclosed"), APP_ROWS.indexOf("resultsTotal"));
const six = (max: number) => fc.array(fc.nat({ max }), { minLength: 6, maxLength: 6 });

/**
 * A 2021 table 三 whose arithmetic holds (T3.balance, T3.results-total, T3.row-total): row key → its
 * seven values, 总计 last; numbers up to `max`. `sparse`: most result rows all zero, as in most reports.
 */
export function consistentApplications({
  max,
  sparse = false,
}: {
  max: number;
  sparse?: boolean;
}): fc.Arbitrary<Record<string, number[]>> {
  return fc
    .record({
      results: fc.array(six(max), { minLength: RESULT_ROWS.length, maxLength: RESULT_ROWS.length }),
      keep: fc.array(sparse ? fc.boolean() : fc.constant(true), {
        minLength: RESULT_ROWS.length,
        maxLength: RESULT_ROWS.length,
      }),
      forward: six(max),
      over: six(max),
    })
    .map(({ results, keep, forward, over }) => {
      const t: Record<string, number[]> = {};
      RESULT_ROWS.forEach((r, i) => {
        t[r] = keep[i] ? results[i]! : [0, 0, 0, 0, 0, 0];
      });
      const total = [0, 1, 2, 3, 4, 5].map((c) => RESULT_ROWS.reduce((s, r) => s + t[r]![c]!, 0));
      t.resultsTotal = total;
      t.carriedForward = forward;
      t.carriedOver = over.map((o, c) => Math.min(o, total[c]! + forward[c]!));
      t.newlyReceived = total.map((x, c) => x + forward[c]! - t.carriedOver![c]!);
      for (const r of APP_ROWS) t[r] = [...t[r]!, t[r]!.reduce((s, x) => s + x, 0)];
      return t;
    });
}
