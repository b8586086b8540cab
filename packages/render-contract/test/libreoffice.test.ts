import { describe, expect, it } from "vitest";
import { convertWithLibreOffice } from "../src/libreoffice.js";

const page = (text: string) =>
  new TextEncoder().encode(`<!doctype html><meta charset="utf-8"><p>${text}</p>`);

describe("convertWithLibreOffice", () => {
  it("converts with a profile per call, so that calls can run at the same time", async () => {
    const [a, b] = await Promise.all([
      convertWithLibreOffice({ "a.html": page("甲"), "b.html": page("乙") }, { to: "pdf" }),
      convertWithLibreOffice({ "c.html": page("丙") }, { to: "pdf" }),
    ]);
    expect(Object.keys(a)).toEqual(["a.html", "b.html"]);
    expect(Object.keys(b)).toEqual(["c.html"]);
    for (const pdf of [...Object.values(a), ...Object.values(b)]) {
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");
    }
  });

  it("refuses input names that are paths", async () => {
    await expect(convertWithLibreOffice({ "../x.html": page("x") }, { to: "pdf" })).rejects.toThrow(
      /plain file name/,
    );
  });
});
