import { EDITIONS } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { LabelIndex } from "../src/_labels.js";
import { editDistance, normalizeLabel } from "../src/_normalize.js";
import { scopeOf } from "../src/_scope.js";

const rowLabels = EDITIONS.flatMap((e) =>
  (["proactive", "applications"] as const).flatMap((t) =>
    [...scopeOf(e).tables[t].rowCells.values()].map((defs) => ({
      index: scopeOf(e).tables[t].labels,
      label: defs[0]!.rowLabels.at(-1)!,
      row: defs[0]!.path[0],
    })),
  ),
);

/** Breaks a label the way CMSs do: spaces, &nbsp;, U+3000 and line breaks between characters. */
const broken = (label: string) =>
  fc
    .array(fc.constantFrom("", "", "", " ", "\u00a0", "\u3000", "\n", "\u00a0\u00a0"), {
      minLength: label.length,
      maxLength: label.length,
    })
    .map((gaps) => [...label].map((ch, i) => ch + gaps[i]).join(""));

describe("label matching", () => {
  test("every official row label matches itself exactly however whitespace breaks it", () => {
    for (const { index, label, row } of rowLabels) {
      fc.assert(
        fc.property(broken(label), (written) => {
          const m = index.match(written);
          expect(m?.kind).toBe("exact");
          expect(m?.item).toEqual({ kind: "row", row });
        }),
        { numRuns: 15 },
      );
    }
  });

  test("half-width brackets, ASCII quotes and 、 after item numbers are the same label", () => {
    const index = scopeOf("2021").tables.applications.labels;
    expect(index.match("(二)部分公开(区分处理的,只计这一情形,不计其他情形)")).toMatchObject({
      kind: "exact",
    });
    expect(index.match('3、危及"三安全一稳定"')).toMatchObject({
      kind: "exact",
      item: { row: "endangersSecurity" },
    });
  });

  test("known typos match as variants and say which label they were taken for", () => {
    const index = scopeOf("2019").tables.applications.labels;
    expect(index.match("5.属于三类内容事务信息")).toEqual({
      item: { kind: "row", row: "internalAffairs" },
      label: "5.属于三类内部事务信息",
      kind: "variant",
    });
    expect(index.match("（二）部分公开（区分处理的，只计这一情况，不计其他情形）")?.kind).toBe("variant");
  });

  test("an official label with an appended explanation matches as extended, keeping a stated unit", () => {
    const p19 = scopeOf("2019").tables.proactive.labels;
    expect(p19.match("规章(设区的市、自治州人民政府应提供相关数据)")).toMatchObject({
      kind: "extended",
      item: { row: "regulations" },
    });
    const ix = new LabelIndex([{ label: "采购总金额", item: 1 }]);
    expect(ix.match("采购总金额（万元）")).toEqual({
      item: 1,
      label: "采购总金额",
      kind: "extended",
      unit: "万元",
    });
  });

  test("a missing or differently written item number still finds the row", () => {
    const index = scopeOf("2021").tables.applications.labels;
    for (const written of ["属于国家秘密", "（1）属于国家秘密", "①属于国家秘密", "1)属于国家秘密"]) {
      expect(index.match(written)).toMatchObject({ kind: "variant", item: { row: "stateSecret" } });
    }
    expect(index.match("（七）合计")).toMatchObject({ kind: "variant", item: { row: "resultsTotal" } });
  });

  test("a one-character slip in a long label is approximate; unrelated or short texts match nothing", () => {
    const index = scopeOf("2021").tables.applications.labels;
    expect(index.match("2.没有现成信息需要另外制作")).toMatchObject({
      kind: "approximate",
      item: { row: "needsCreation" },
    });
    expect(index.match("其中：申请人撤回申请")).toBeNull();
    expect(index.match("小计")).toBeNull();
    expect(index.match("")).toBeNull();
  });

  test("labels shared by two entries are not guessed between", () => {
    const ix = new LabelIndex([
      { label: "结果维持", item: "a" },
      { label: "结果维持", item: "b" },
    ]);
    expect(ix.match("结果维持")).toBeNull();
    expect(ix.matchAll("结果维持").map((m) => m.item)).toEqual(["a", "b"]);
  });
});

describe("normalizeLabel", () => {
  test("is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeLabel(normalizeLabel(s))).toBe(normalizeLabel(s));
      }),
    );
  });
});

describe("editDistance", () => {
  test("is a metric bounded by the longer length, and exact below its bound", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b, 30);
        expect(d).toBe(editDistance(b, a, 30));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, b, 1)).toBe(Math.min(d, 2));
      }),
      // Found by a run: the last row's minimum was 1, the distance itself 3.
      { examples: [[" `", "`! "]] },
    );
  });
});
