import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../src/index.js";
import { parseCsv } from "./_csv-parse.js";

describe("toCsv", () => {
  it("reads back field for field, whatever the text (RFC 4180)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.string({ unit: fc.constantFrom("a", "中", ",", '"', "\r", "\n", " ", "-") }), {
            minLength: 1,
            maxLength: 5,
          }),
          {
            maxLength: 6,
          },
        ),
        (rows) => {
          expect(parseCsv(toCsv(rows))).toEqual(rows);
        },
      ),
    );
  });

  it("quotes only when needed and writes null as an empty field", () => {
    expect(toCsv([["a", 1, null, "x,y", 'say "hi"', "两行\n文字"]])).toBe(
      'a,1,,"x,y","say ""hi""","两行\n文字"\r\n',
    );
    expect(csvField(-18)).toBe("-18");
    expect(csvField("4359957元")).toBe("4359957元");
  });
});
