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

  // Issue 23 item 11: a 400-digit cell gave "expected": null and "= Infinity", a 17-digit run lost its
  // last digit in `value`. Such numbers are decided here, once: kept as written, never a value.
  it.each([
    ["9".repeat(400), "too-large"],
    ["21317000001324019", "too-large"],
    ["9007199254740992", "too-large"],
    ["-9007199254740992", "too-large"],
    ["9,007,199,254,740,992", "too-large"],
    ["１".repeat(20), "too-large"],
    [`${"1".repeat(17)}元`, "too-large"],
    ["0.1234567890123456", "too-precise"],
    ["1234567890.123456", "too-precise"],
    ["0.0000000000000001", "too-precise"],
  ])("%j cannot be held exactly: invalid, kept as written (%s)", (raw, problem) => {
    const c = parseCellText(raw);
    expect(c).toEqual({ raw, value: null, status: "invalid", problem });
    expect(toCell(cellToJSON(c))).toEqual(c);
  });

  it.each([
    ["9007199254740991", 9007199254740991],
    ["-9007199254740991", -9007199254740991],
    ["0009007199254740991", 9007199254740991],
    ["123456789012.345", 123456789012.345],
    ["9116.3600000000000000", 9116.36],
    ["0.000000000000001", 1e-15],
  ])("%j is still exact: a number", (raw, value) => {
    expect(parseCellText(raw)).toEqual({ raw, value, status: "number" });
  });

  it("a JSON number beyond Number.MAX_SAFE_INTEGER is kept as JSON.parse gave it, and is not a value", () => {
    const n = JSON.parse("21317000001324019") as number;
    expect(toCell(n)).toEqual({
      raw: "21317000001324020",
      value: null,
      status: "invalid",
      problem: "too-large",
    });
    expect(toCell(1e300)).toMatchObject({ value: null, status: "invalid", problem: "too-large" });
    expect(toCell(5e-324)).toMatchObject({
      raw: "5e-324",
      value: null,
      status: "invalid",
      problem: "too-precise",
    });
    expect(toCell(0.1 + 0.2)).toMatchObject({ value: null, status: "invalid", problem: "too-precise" });
    expect(toCell(9116.36)).toEqual({ raw: "9116.36", value: 9116.36, status: "number" });
    expect(toCell(1e-7)).toEqual({ raw: "1e-7", value: 1e-7, status: "number" });
    expect(toCell(Number.MAX_SAFE_INTEGER)).toEqual({
      raw: "9007199254740991",
      value: Number.MAX_SAFE_INTEGER,
      status: "number",
    });
  });

  it("every number cell holds a safe value; digits beyond it never round silently", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+-]?\d{1,30}(\.\d{1,20})?$/), (raw) => {
        const c = parseCellText(raw);
        if (c.status === "number") {
          expect(Number.isFinite(c.value)).toBe(true);
          expect(Math.abs(c.value!)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
          // The value says exactly what was written (up to leading / trailing zeros).
          const canon = (s: string) =>
            s
              .replace(/^[+]/, "")
              .replace(/^(-?)0+(?=\d)/, "$1")
              .replace(/(\.\d*?)0+$/, "$1")
              .replace(/\.$/, "");
          expect(canon(String(c.value))).toBe(canon(raw).replace(/^-0$/, "0"));
        } else {
          expect(c).toMatchObject({ status: "invalid", value: null });
          expect(["too-large", "too-precise"]).toContain(c.problem);
        }
      }),
      { numRuns: 2000 },
    );
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
