import { describe, expect, it } from "vitest";
import { validateReport } from "../../src/index.js";
import { exampleReport } from "../_generate.js";
import { of, problems, withCells } from "../_helpers.js";

const r2021 = await exampleReport("example-2021");
const seed = await exampleReport("wulin-2020");

describe("counts", () => {
  it("passes whole counts, signed 2019 本年增/减 (+19, -18), decimal amounts and 元 in 采购总金额", () => {
    expect(of(validateReport(r2021), "counts")).toEqual([]);
    const r = withCells(seed, {
      "proactive.licensing.change": "-18",
      "proactive.otherServices.change": "+19",
      "proactive.procurement.amount": "4359957.5元",
    });
    expect(of(validateReport(r), "counts")).toEqual([]);
  });

  it("fails a negative count, a fractional count, a negative amount and a money unit on a count", () => {
    const r = withCells(r2021, {
      "proactive.licensing.decisions": "-3",
      "proactive.penalties.decisions": "2.5",
      "proactive.fees.amount": "-1.5",
      "proactive.coercion.decisions": "47元",
    });
    expect(of(validateReport(r), "counts").map((f) => [f.pointer, f.message.en])).toEqual([
      [
        "/tables/proactive/licensing/decisions",
        '行政许可（本年处理决定数量） is a count and cannot be negative (written "-3")',
      ],
      [
        "/tables/proactive/penalties/decisions",
        '行政处罚（本年处理决定数量） is a count and must be a whole number (written "2.5")',
      ],
      [
        "/tables/proactive/coercion/decisions",
        '行政强制（本年处理决定数量） is a count and cannot carry a money unit (written "47元")',
      ],
      [
        "/tables/proactive/fees/amount",
        '行政事业性收费（本年收费金额（单位：万元）） is an amount and cannot be negative (written "-1.5")',
      ],
    ]);
  });

  it("fails a 2019 本年增/减 that is not whole, and a 2021 收费金额 in 元 under a 万元 header", () => {
    const seedBad = withCells(seed, { "proactive.otherServices.change": "+1.5" });
    expect(of(validateReport(seedBad), "counts").map((f) => f.pointer)).toEqual([
      "/tables/proactive/otherServices/change",
    ]);
    const modernBad = withCells(r2021, { "proactive.fees.amount": "91163600元" });
    expect(of(validateReport(modernBad), "counts")[0]!.message.zh).toBe(
      '行政事业性收费（本年收费金额（单位：万元））的表头单位为万元，单元格却写作 "91163600元"：请换算为万元',
    );
  });
});

describe("cell.unreadable", () => {
  it("passes numbers and every not-applicable mark", () => {
    const r = withCells(r2021, {
      "proactive.regulations.issued": "—",
      "proactive.regulations.repealed": "不适用",
    });
    expect(of(validateReport(r), "cell.unreadable")).toEqual([]);
  });

  it("fails text that is neither, and the sums reading it are not assessed rather than cascading", () => {
    const r = withCells(r2021, { "applications.stateSecret.research": "两件" });
    const result = validateReport(r);
    expect(problems(result)).toEqual(["cell.unreadable"]);
    expect(of(result, "cell.unreadable")[0]).toMatchObject({
      severity: "error",
      pointer: "/tables/applications/stateSecret/research",
      message: { zh: expect.stringContaining("“两件”".replace(/[“”]/g, '"')) },
    });
  });
});

describe("cell.blank", () => {
  it("gives nothing when no cell is blank", () => {
    expect(of(validateReport(r2021), "cell.blank")).toEqual([]);
  });

  it("gives one info per blank cell: the seed's three blank cells of 四、结转下年度继续办理", () => {
    const found = of(validateReport(seed), "cell.blank");
    expect(found.map((f) => [f.severity, f.pointer])).toEqual([
      ["info", "/tables/applications/carriedForward/legalServices"],
      ["info", "/tables/applications/carriedForward/otherOrg"],
      ["info", "/tables/applications/carriedForward/total"],
    ]);
  });

  it("does not treat - (not applicable) as blank", () => {
    const r = withCells(r2021, { "proactive.regulations.issued": "-" });
    expect(of(validateReport(r), "cell.blank")).toEqual([]);
  });
});
