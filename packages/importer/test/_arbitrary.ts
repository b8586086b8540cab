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
