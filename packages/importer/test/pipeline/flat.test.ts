// Flattened pages: labels found inside one long line, runs of digits split by the hard equations only.
import { cellRecords, createReport, layoutOf, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importText } from "../../src/index.js";
import { consistentApplications } from "../_arbitrary.js";
// @ts-expect-error: a plain ES module shared with the bench, without types
import { flatCopy, flatTablesCopy } from "../text-shapes.mjs";

const layout = layoutOf("2021");
const app = layout.tables.applications;
const ROWS = Object.keys(app.shape);
const RESULTS = ROWS.slice(ROWS.indexOf("disclosed"), ROWS.indexOf("resultsTotal"));

/** A 2021 report whose every cell is "0" but those given (row key → its cells, in column order). */
function reportWith(rows: Record<string, readonly (number | string)[]>, organ = "某某街道办事处"): Report {
  let r = createReport({ organ, year: 2023, edition: "2021" });
  for (const def of layout.cells) {
    const given = rows[def.table === "review" ? `review.${def.path[0]}` : def.path[0]];
    const k = layout.tables[def.table].shape[def.path[0]]!.indexOf(def.path[1]);
    r = setCell(r, def.key, given ? String(given[k]) : "0");
  }
  return r;
}

const rawOf = (r: Report, row: string) =>
  app.shape[row]!.map((c) => (r.tables.applications[row] as Record<string, { raw: string }>)[c]!.raw);

describe("a flattened table 三", () => {
  // 11|0|0|0|0|1|12 and 1|10|0|0|0|1|12 both add up; only the column sums tell them apart:
  // 一 (5 …) + 二 (6 …) = （七）+ 四 (0) puts 11 under 自然人.
  const fixture = reportWith({
    newlyReceived: [5, 0, 0, 0, 0, 0, 5],
    carriedOver: [6, 0, 0, 0, 0, 1, 7],
    disclosed: [11, 0, 0, 0, 0, 1, 12],
    resultsTotal: [11, 0, 0, 0, 0, 1, 12],
  });

  test("row totals alone are ambiguous; the column sums decide", () => {
    const text = flatCopy(fixture) as string;
    expect(text).toContain("（一）予以公开110000112");
    const result = importText(text);
    expect(rawOf(result.report!, "disclosed")).toEqual(["11", "0", "0", "0", "0", "1", "12"]);
    expect(rawOf(result.report!, "resultsTotal")).toEqual(["11", "0", "0", "0", "0", "1", "12"]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "split-by-arithmetic",
        pointer: "/tables/applications/disclosed/naturalPerson",
        message: expect.objectContaining({ zh: expect.stringContaining("11 | 0 | 0 | 0 | 0 | 1 | 12") }),
      }),
    );
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  test("when the column sums allow both splits too, the rows stay blank and list them", () => {
    // Now 一 is ambiguous as well: 一 = （七） whichever way, so nothing decides.
    const open = reportWith({
      newlyReceived: [11, 0, 0, 0, 0, 1, 12],
      disclosed: [11, 0, 0, 0, 0, 1, 12],
      resultsTotal: [11, 0, 0, 0, 0, 1, 12],
    });
    const result = importText(flatCopy(open));
    for (const row of ["newlyReceived", "disclosed", "resultsTotal"]) {
      expect(rawOf(result.report!, row)).toEqual(["", "", "", "", "", "", ""]);
      const said = result.diagnostics.find((d) => d.pointer === `/tables/applications/${row}/naturalPerson`)!;
      expect(said).toMatchObject({ code: "split-ambiguous", severity: "warning" });
      expect(said.message.zh).toContain("11 | 0 | 0 | 0 | 0 | 1 | 12");
      expect(said.message.zh).toContain("1 | 10 | 0 | 0 | 0 | 1 | 12");
    }
    // The rows the runs of zeros make are read: they split one way only.
    expect(rawOf(result.report!, "carriedOver")).toEqual(["0", "0", "0", "0", "0", "0", "0"]);
    expect(result.stats.missing).toBe(21);
  });

  test("a page's sections are split out of the line, headings kept as written", () => {
    const r = importText(flatCopy(fixture)).report!;
    expect(r.sections.overview.heading).toBe("一、总体情况");
    expect(r.sections.problems.heading).toBe("五、存在的主要问题及改进情况");
    expect(r.meta.organ).toBe("某某街道办事处");
  });

  test("a page footer kept between a label and the next is no value: the row stays blank, said", () => {
    // A PDF copied in reading order, then flattened: the row's values sit elsewhere, its page's footer
    // (`-3-`) after its label. Read as values it would put - | 3 | - under 自然人 … 科研机构.
    const text = (flatCopy(fixture) as string).replace(
      "本机关不掌握相关政府信息0000000",
      "本机关不掌握相关政府信息-3-",
    );
    expect(text).toContain("本机关不掌握相关政府信息-3-2.没有现成信息");
    const result = importText(text);
    expect(rawOf(result.report!, "notHeld")).toEqual(["", "", "", "", "", "", ""]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "missing-cells",
        pointer: "/tables/applications/notHeld/naturalPerson",
      }),
    );
    expect(result.diagnostics.some((d) => d.code === "stray-value")).toBe(false);
    // Without that row's values the column sums no longer decide （一）; every other cell is the
    // fixture's or blank, never another value.
    const want = new Map(cellRecords(fixture).map((c) => [c.pointer, c.raw]));
    for (const c of cellRecords(result.report!))
      if (c.raw !== "") expect(c.raw, c.pointer).toBe(want.get(c.pointer));
  });

  test("the same when only the tables ran together, each on its line", () => {
    const result = importText(flatTablesCopy(fixture));
    expect(rawOf(result.report!, "resultsTotal")).toEqual(["11", "0", "0", "0", "0", "1", "12"]);
  });
});

describe("flattening a consistent report and importing it", () => {
  /** Table 三's cells, consistent (rows add up, 一+二 = （七）+四, （七） = Σ results), small numbers. */
  const consistent = fc
    .record({
      // Most rows all zero, as in most reports: the runs that remain are few and ambiguous often.
      applications: consistentApplications({ max: 14, sparse: true }),
      proactive: fc.array(fc.nat({ max: 300 }), { minLength: 10, maxLength: 10 }),
      review: fc.array(fc.array(fc.nat({ max: 12 }), { minLength: 4, maxLength: 4 }), {
        minLength: 3,
        maxLength: 3,
      }),
    })
    .map(({ applications, proactive, review }) => {
      const rows: Record<string, number[]> = { ...applications };
      let k = 0;
      for (const [row, cols] of Object.entries(layout.tables.proactive.shape)) {
        rows[row] = cols.map(() => proactive[k++ % proactive.length]!);
      }
      ["reconsideration", "direct", "afterReconsideration"].forEach((g, i) => {
        const v = review[i]!;
        rows[`review.${g}`] = [...v, v.reduce((s, x) => s + x, 0)];
      });
      return { rows, report: reportWith(rows) };
    });

  test("gives back every cell the arithmetic determines, and never a wrong one", () => {
    fc.assert(
      fc.property(consistent, ({ rows, report }) => {
        const result = importText(flatCopy(report));
        expect(result.report).not.toBeNull();
        const want = new Map(cellRecords(report).map((c) => [c.pointer, c.raw]));
        const got = new Map(cellRecords(result.report!).map((c) => [c.pointer, c.raw]));
        for (const [pointer, raw] of got) {
          if (raw === "") {
            // Table 四 is one row: its three groups split from one run.
            const row = pointer
              .split("/")
              .slice(0, pointer.startsWith("/tables/review/") ? 3 : 4)
              .join("/");
            expect(
              result.diagnostics.some((d) => d.pointer?.startsWith(row)),
              pointer,
            ).toBe(true);
          } else expect(raw, pointer).toBe(want.get(pointer));
        }
        // What the arithmetic determines, found here by brute force (a different method from the
        // importer's search): the rows of table 三 whose candidate is the same in every combination of
        // candidates that satisfies the column equations.
        const oracle = determinedRows(rows);
        if (oracle === null) return;
        for (const row of ROWS) {
          const placed = rawOf(result.report!, row).every((c) => c !== "");
          expect(placed, `${row}: ${rows[row]!.join("|")}`).toBe(oracle.has(row));
        }
        // Table 二's runs split one way only by their tokens are read; table 四's by its totals.
        for (const [row, cols] of Object.entries(layout.tables.proactive.shape)) {
          if (tokenSplits(rows[row]!.join(""), cols.length, () => true) === 1) {
            expect(got.get(`/tables/proactive/${row}/${cols[0]}`)).toBe(String(rows[row]![0]));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** The number of ways to split `digits` into `n` numbers without leading zeros that `ok` accepts. */
function tokenSplits(digits: string, n: number, ok: (values: number[]) => boolean, out?: number[][]): number {
  let count = 0;
  const walk = (at: number, acc: number[]) => {
    if (acc.length === n) {
      if (at === digits.length && ok(acc)) {
        count++;
        out?.push([...acc]);
      }
      return;
    }
    for (let end = at + 1; end <= digits.length; end++) {
      const tok = digits.slice(at, end);
      if (tok.length > 1 && tok[0] === "0") break;
      walk(end, [...acc, Number(tok)]);
    }
  };
  walk(0, []);
  return count;
}

/** Brute force over every combination of row candidates (when there are few): the rows determined. */
function determinedRows(rows: Record<string, number[]>): Set<string> | null {
  const cands = new Map<string, number[][]>();
  let product = 1;
  for (const row of ROWS) {
    const list: number[][] = [];
    const rowTotal = (v: number[]) => v.slice(0, 6).reduce((s, x) => s + x, 0) === v[6];
    tokenSplits(rows[row]!.join(""), 7, rowTotal, list);
    cands.set(row, list);
    product *= list.length;
    if (product > 5_000) return null;
  }
  const choice = new Map<string, number[]>();
  const seen = new Map<string, Set<string>>(ROWS.map((r) => [r, new Set()]));
  const holds = () =>
    [0, 1, 2, 3, 4, 5, 6].every((c) => {
      const v = (r: string) => choice.get(r)![c]!;
      const results = RESULTS.reduce((s, r) => s + v(r), 0);
      return (
        v("resultsTotal") === results &&
        v("newlyReceived") + v("carriedOver") === v("resultsTotal") + v("carriedForward")
      );
    });
  const walk = (k: number) => {
    if (k === ROWS.length) {
      if (holds()) for (const r of ROWS) seen.get(r)!.add(choice.get(r)!.join("|"));
      return;
    }
    for (const c of cands.get(ROWS[k]!)!) {
      choice.set(ROWS[k]!, c);
      walk(k + 1);
    }
  };
  walk(0);
  return new Set(ROWS.filter((r) => seen.get(r)!.size === 1));
}
