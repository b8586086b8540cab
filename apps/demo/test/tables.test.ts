import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isBlock, parseBlock } from "../src/tables.js";

// A cell as a spreadsheet copies it: any text without tabs or line breaks, including "" and "-".
const cellText = fc.oneof(
  fc.constantFrom("", "-", "0", "+19", "4359957元", " 12 ", "无"),
  fc.string({ unit: "grapheme" }).filter((s) => !/[\t\r\n]/.test(s)),
);
const block = fc.array(fc.array(cellText, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 });
const newline = fc.constantFrom("\n", "\r\n", "\r");
const join = (rows: string[][], nl: string) => rows.map((r) => r.join("\t")).join(nl);

describe("parseBlock", () => {
  test("gives back exactly the cells copied, whatever the line endings (spreadsheets end with one)", () => {
    fc.assert(
      fc.property(block, newline, (rows, nl) => {
        expect(parseBlock(join(rows, nl) + nl)).toEqual(rows);
      }),
    );
  });

  test("without the final line break too, unless the last row is one empty cell", () => {
    fc.assert(
      fc.property(block, newline, (rows, nl) => {
        fc.pre(!(rows.at(-1)!.length === 1 && rows.at(-1)![0] === ""));
        expect(parseBlock(join(rows, nl))).toEqual(rows);
      }),
    );
  });

  test("keeps blank and '-' cells as written", () => {
    expect(parseBlock("1\t\t-\r\n\t4\t+5\r\n")).toEqual([
      ["1", "", "-"],
      ["", "4", "+5"],
    ]);
  });
});

describe("isBlock", () => {
  test("a single value is pasted as text, a tab or line break makes a block", () => {
    fc.assert(
      fc.property(cellText, (v) => {
        expect(isBlock(v)).toBe(false);
        expect(isBlock(`${v}\t${v}`)).toBe(true);
        expect(isBlock(`${v}\n`)).toBe(true);
      }),
    );
  });
});
