import { createReport, type EditionId, layoutOf, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";

/** A report of the edition with random counts in tables 三 and 四 (totals random or blank too). */
export const filled = (edition: EditionId) => {
  const cells = [...layoutOf(edition).tables.applications.cells, ...layoutOf(edition).tables.review.cells];
  return fc
    .array(fc.option(fc.nat({ max: 40 }), { nil: undefined, freq: 6 }), {
      minLength: cells.length,
      maxLength: cells.length,
    })
    .map((values) =>
      cells.reduce<Report>(
        (r, def, i) => setCell(r, def.key, values[i] === undefined ? "" : values[i]!),
        createReport({ organ: "某某街道办事处", year: edition === "2019" ? 2020 : 2023 }),
      ),
    );
};
