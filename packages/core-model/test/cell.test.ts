import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellToJSON, parseCellText, toCell } from "../src/index.js";

describe("cells keep what the author wrote", () => {
  it.each([
    ["0", 0, "number", undefined],
    ["12", 12, "number", undefined],
    ["+19", 19, "number", undefined],
    ["-18", -18, "number", undefined],
    ["9116.36", 9116.36, "number", undefined],
    ["4359957元", 4359957, "number", "元"],
    ["4,359,957", 4359957, "number", undefined],
    ["１２", 12, "number", undefined],
    ["-", null, "na", undefined],
    ["—", null, "na", undefined],
    ["/", null, "na", undefined],
    ["无", null, "na", undefined],
    ["不适用", null, "na", undefined],
    ["", null, "blank", undefined],
    ["\u00a0", null, "blank", undefined],
    ["十二", null, "invalid", undefined],
    ["1.2.3", null, "invalid", undefined],
  ])("%j → %s (%s)", (raw, value, status, unit) => {
    const c = parseCellText(raw);
    expect(c.raw).toBe(raw);
    expect(c.value).toBe(value);
    expect(c.status).toBe(status);
    expect(c.unit).toBe(unit);
  });

  it("a number given in JSON keeps its spelling", () => {
    expect(toCell(0)).toEqual({ raw: "0", value: 0, status: "number" });
    expect(toCell({ raw: "+3" })).toMatchObject({ raw: "+3", value: 3 });
  });

  it("the compact JSON form parses back to the same cell, for any text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.integer().map(String), fc.constantFrom("-", "+0", "007", "1e3", " 5 ")),
        (raw) => {
          const cell = parseCellText(raw);
          expect(toCell(cellToJSON(cell))).toEqual(cell);
        },
      ),
    );
  });
});
