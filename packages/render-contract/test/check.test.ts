import { getCell, layoutOf, listCells, type Report } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRendererOutput, contractFixtures, officialLabels } from "../src/index.js";
import { type Breakage, renderPlain } from "./_reference.js";

const fixtures = contractFixtures();
const byName = (name: string): Report => fixtures.find((f) => f.name === name)!.report;
const codes = (report: Report, broken: Breakage) =>
  checkRendererOutput(report, renderPlain(report, broken)).map((v) => v.code);

describe("the contract's fixtures", () => {
  it("cover both editions, +19/-18, every n/a spelling, blanks next to zeros, and a unit in a cell", () => {
    expect(new Set(fixtures.map((f) => f.report.edition))).toEqual(new Set(["2019", "2021"]));
    const raws = new Set(fixtures.flatMap((f) => listCells(f.report).map((e) => e.cell.raw)));
    for (const raw of ["+19", "-18", "-", "—", "/", "无", "不适用", "", "0", "4359957元", "9116.36"]) {
      expect(raws).toContain(raw);
    }
  });

  it("keep the seed's three blanks in 四、结转下年度继续办理", () => {
    const seed = byName("wulin-2020");
    expect(
      ["legalServices", "otherOrg", "total"].map(
        (c) => getCell(seed, `applications.carriedForward.${c}`).raw,
      ),
    ).toEqual(["", "", ""]);
  });
});

describe("a faithful rendering passes", () => {
  it.each(fixtures.map((f) => [f.name, f.report] as const))("%s", (_, report) => {
    expect(checkRendererOutput(report, renderPlain(report))).toEqual([]);
  });

  it("however the text is wrapped", () => {
    const report = byName("synthetic-2019");
    const text = renderPlain(report);
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 60 }), (cuts) => {
        // Insert line breaks only where there already is a token boundary or inside CJK text (PDF wrapping).
        let wrapped = text;
        for (const at of [...new Set(cuts)].sort((a, b) => b - a)) {
          const before = wrapped[at - 1] ?? " ";
          if (/[\s\u3400-\u9fff]/.test(before)) wrapped = `${wrapped.slice(0, at)}\n${wrapped.slice(at)}`;
        }
        expect(checkRendererOutput(report, wrapped)).toEqual([]);
      }),
    );
  });
});

describe("a broken rendering fails", () => {
  it("printing blanks as 0 breaks blank-filled, for every fixture that has a blank", () => {
    for (const f of fixtures) {
      const blanks = listCells(f.report).filter((e) => e.cell.status === "blank").length;
      expect(codes(f.report, { blankAs: "0" }).includes("blank-filled")).toBe(blanks > 0);
    }
  });

  it("printing any single blank cell of any fixture as 0 or - is caught", () => {
    const cases = fixtures.flatMap((f) =>
      listCells(f.report)
        .filter((e) => e.cell.status === "blank")
        .map((e) => [f.report, e.def.key] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.constantFrom("0", "-"), ([report, key], filler) => {
        const text = renderPlain(report).replace(/$/, "");
        // Re-render with only this blank filled in: the reference renderer prints cells in grid order.
        const patched = renderWithCell(report, key, filler);
        expect(text).not.toBe(patched);
        expect(checkRendererOutput(report, patched).map((v) => v.code)).toContain("blank-filled");
      }),
    );
  });

  it("dropping the - of not-applicable cells breaks na-kept", () => {
    expect(codes(byName("wulin-2020"), { naAs: "" })).toContain("na-kept");
    expect(codes(byName("synthetic-2019"), { naAs: "-" })).toContain("na-kept");
  });

  it("dropping any one official label is caught", () => {
    for (const f of fixtures) {
      for (const label of officialLabels(f.report)) {
        const text = renderPlain(f.report, { dropLabel: label });
        // A label that is part of another printed text (其他 in 其他处理) cannot be missed by a reader.
        const stillThere = text.replace(/\s+/g, "").includes(label);
        const found = checkRendererOutput(f.report, text).some(
          (v) => v.code === "label" && v.expected === label,
        );
        expect(found, `${f.name}: ${label}`).toBe(!stillThere);
      }
    }
  });

  it("dropping a label that only appears once (1.属于国家秘密, the corner note) is caught", () => {
    const report = byName("example-2021");
    expect(codes(report, { dropLabel: "1.属于国家秘密" })).toEqual(["label"]);
    const note = layoutOf("2021").tables.applications.rows[0]!.cells[0]!.text;
    expect(codes(report, { dropLabel: note })).toEqual(["label"]);
  });

  it("leaving the contact block out breaks contact, one violation per field", () => {
    const report = byName("example-2021");
    const v = checkRendererOutput(report, renderPlain(report, { dropContact: true }));
    expect(v.map((x) => x.code)).toEqual(Array(6).fill("contact"));
    expect(v[2]!.expected).toBe("邮编：310000");
  });

  it("normalising headings the author wrote differently breaks heading", () => {
    expect(codes(byName("wulin-2020"), { officialHeadings: true })).toEqual(["heading"]);
    expect(codes(byName("synthetic-2019"), { officialHeadings: true })).toEqual(["heading", "heading"]);
  });

  it("swapping two different values breaks value-order", () => {
    const report = byName("example-2021");
    expect(
      codes(report, {
        swap: ["applications.newlyReceived.naturalPerson", "applications.newlyReceived.total"],
      }),
    ).toEqual(["value-order"]);
  });

  it("losing a rare character breaks the organ, title or text that holds it", () => {
    expect(codes(byName("synthetic-2019"), { lose: "亳" })).toEqual(["title", "organ"]);
    expect(codes(byName("synthetic-2019"), { lose: "黟" })).toEqual(["block"]);
    const withFffd = `${renderPlain(byName("example-2021"))}\ufffd`;
    expect(checkRendererOutput(byName("example-2021"), withFffd).map((v) => v.code)).toEqual([
      "replacement-char",
    ]);
  });

  it("says which cell went missing, with its labels", () => {
    const report = byName("example-2021");
    const text = renderPlain(report).replace("9116.36", "9116.4");
    expect(checkRendererOutput(report, text)).toEqual([
      {
        code: "value-order",
        expected: "9116.36",
        message:
          'cell proactive.fees.amount (第二十条第（八）项 / 行政事业性收费 / 本年收费金额（单位：万元）) = "9116.36" not found after the 9 cells before it (cells must appear in official order, as written)',
      },
    ]);
  });
});

function renderWithCell(report: Report, key: string, filler: string): string {
  const def = layoutOf(report.edition).byKey.get(key)!;
  const row = report.tables[def.table][def.path[0]]!;
  const patched: Report = {
    ...report,
    tables: {
      ...report.tables,
      [def.table]: {
        ...report.tables[def.table],
        [def.path[0]]: { ...row, [def.path[1]]: { raw: filler, value: null, status: "invalid" } },
      },
    },
  };
  return renderPlain(patched);
}
