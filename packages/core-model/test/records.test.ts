import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CELL_RECORD_FIELDS,
  cellRecords,
  createReport,
  layoutOf,
  parseCellText,
  setCell,
} from "../src/index.js";

const cellText = fc.oneof(
  fc.constantFrom(
    "",
    "-",
    "—",
    "0",
    "12",
    "+19",
    "-18",
    "9116.36",
    "4359957元",
    "１２",
    " 3 ",
    "不适用",
    "约10",
  ),
  fc.string({ maxLength: 6 }),
);

describe("cellRecords", () => {
  it("gives every cell of the edition once, in official order, with raw exactly as set", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2020, 2025),
        fc.array(fc.tuple(fc.nat(), cellText), { maxLength: 30 }),
        (year, edits) => {
          let report = createReport({ organ: "某局", year });
          const cells = layoutOf(report.edition).cells;
          const written = new Map<string, string>();
          for (const [n, text] of edits) {
            const def = cells[n % cells.length]!;
            report = setCell(report, def.key, text);
            written.set(def.pointer, text);
          }
          const records = cellRecords(report);
          expect(records.map((r) => r.pointer)).toEqual(cells.map((c) => c.pointer));
          for (const r of records) {
            const text = written.get(r.pointer) ?? "";
            expect(r.raw).toBe(text);
            expect(r.value).toBe(parseCellText(text).value);
          }
        },
      ),
    );
  });

  it("labels table 四 by columns only, and every record has exactly the documented fields", () => {
    const records = cellRecords(createReport({ organ: "某局", year: 2025 }));
    for (const r of records) expect(Object.keys(r)).toEqual([...CELL_RECORD_FIELDS]);
    expect(new Set(records.map((r) => r.table))).toEqual(new Set(["二", "三", "四"]));
    expect(records.filter((r) => r.table === "四").map((r) => r.row)).toEqual(Array(15).fill(""));
  });
});
