import { type EditionId, layoutOf, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eliminate, hasNaturalSolution } from "../src/_linear.js";
import { DIAGNOSIS_WEIGHTS, type Diagnosis, RULES, validateReport } from "../src/index.js";
import { consistentReport, exampleReport, STATED, type Stated } from "./_generate.js";
import { of, withCells } from "./_helpers.js";

const r2021 = await exampleReport("example-2021");

describe("diagnosis: the issue's example", () => {
  it("一、本年新收 (总计) 421 → 423 gives one diagnosis, that cell with 421, and no finding blames 四 (总计)", () => {
    const result = validateReport(setCell(r2021, "applications.newlyReceived.total", 423));
    expect(result.diagnosis).toEqual([
      {
        status: "located",
        explanations: [
          {
            cells: [
              {
                pointer: "/tables/applications/newlyReceived/total",
                label: "一、本年新收政府信息公开申请数量（总计）",
                raw: "423",
                suggested: 421,
              },
            ],
            cost: 0.75,
            evidence: [
              {
                zh: "正文称收到（新收）申请 421 件，与此改法一致",
                en: "the text states 421 applications received, which agrees with this change",
              },
            ],
          },
        ],
        blankColumns: [],
        explains: [0, 1, 2],
        message: {
          zh: "最可能出错的单元格：一、本年新收政府信息公开申请数量（总计），应为 421",
          en: "Most likely wrong: 一、本年新收政府信息公开申请数量（总计）, should be 421",
        },
      },
    ]);
    const blamed = result.findings.filter((f) => f.severity === "error").map((f) => f.pointer);
    expect(blamed).toEqual([
      "/tables/applications/newlyReceived/total",
      "/tables/applications/newlyReceived/total",
    ]);
    expect(result.findings.some((f) => f.pointer === "/tables/applications/carriedForward/total")).toBe(
      false,
    );
    const balance = of(result, "T3.balance")[0]!;
    expect(balance).toMatchObject({ expected: 421, actual: 423, diagnosis: 0 });
    expect(balance.related).toContain("/tables/applications/carriedForward/total");
    // The narrative finding the change explains is grouped under the diagnosis too.
    // Without expected/actual: the text's 421 is right, the finding must not ask to write 423 there.
    expect(of(result, "text.numbers")[0]).toMatchObject({
      diagnosis: 0,
      quote: expect.stringContaining("421件"),
    });
    expect(of(result, "text.numbers")[0]!.expected).toBeUndefined();
  });

  it("diagnose: false leaves the findings as the equations give them", () => {
    const result = validateReport(setCell(r2021, "applications.newlyReceived.total", 423), {
      diagnose: false,
    });
    expect(result.diagnosis).toEqual([]);
    expect(of(result, "T3.balance")[0]!.pointer).toBe("/tables/applications/carriedForward/total");
    expect(result.findings.every((f) => f.diagnosis === undefined)).toBe(true);
  });

  it("weighs last year's carried-forward figures: 二 that last year's report confirms is located", () => {
    const previous = withCells(
      { ...r2021, meta: { ...r2021.meta, year: 2024 } },
      Object.fromEntries(
        (
          [
            ["naturalPerson", 9],
            ["commercial", 2],
            ["research", 1],
            ["publicInterest", 1],
            ["legalServices", 1],
            ["otherOrg", 1],
            ["total", 15],
          ] as const
        ).map(([c, v]) => [`applications.carriedForward.${c}`, v]),
      ),
    );
    const r = withCells(r2021, {
      "applications.carriedOver.naturalPerson": 10,
      "applications.carriedOver.total": 16,
    });
    const [d] = validateReport(r, { previous }).diagnosis;
    expect(d!.status).toBe("located");
    expect(d!.explanations[0]!.cells.map((c) => [c.pointer, c.suggested])).toEqual([
      ["/tables/applications/carriedOver/naturalPerson", 9],
      ["/tables/applications/carriedOver/total", 15],
    ]);
    expect(d!.explanations[0]!.evidence.map((e) => e.zh)).toEqual([
      "正文称上年结转申请 15 件，与此改法一致",
      "上年报告的结转数为 9（二、上年结转政府信息公开申请数量（自然人）），与此改法一致",
      "上年报告的结转数为 15（二、上年结转政府信息公开申请数量（总计）），与此改法一致",
    ]);
  });

  it("says honestly when there are too many inconsistencies to localise", () => {
    const r = withCells(r2021, {
      "applications.disclosed.naturalPerson": 97,
      "applications.stateSecret.commercial": 2,
      "applications.notHeld.research": 2,
      "applications.petitions.publicInterest": 3,
    });
    const result = validateReport(r);
    expect(result.diagnosis).toMatchObject([
      {
        status: "too-many",
        explanations: [],
        message: {
          zh: "不一致之处过多（8 条勾稽关系不成立），无法定位出错的单元格：请逐条核对",
        },
      },
    ]);
    for (const f of result.findings.filter((x) => x.severity === "error")) {
      expect(f.diagnosis).toBe(0);
      expect(f.expected).toBeUndefined();
      expect(f.message.zh).toMatch(/^勾稽关系不成立：.*（不一致之处过多，无法定位）$/);
    }
  });
});

describe("diagnosis: a whole blank column (上海 2019 left 总计 blank in every result row)", () => {
  const base = consistentReport("2019", 2019, 7);
  const layout = layoutOf("2019");
  const resultKeys = layout.tables.applications.cells
    .filter((d) => d.path[1] === "total")
    .filter((d) => !["newlyReceived", "carriedOver", "carriedForward"].includes(d.path[0]))
    .map((d) => d.key);
  const blankTotals = withCells(base, Object.fromEntries(resultKeys.map((k) => [k, ""])));

  it("is one warning naming the column, and the row-total errors it causes are grouped under its diagnosis", () => {
    const result = validateReport(blankTotals);
    const column = of(result, "table.blank-column");
    expect(column).toHaveLength(1);
    expect(column[0]).toMatchObject({
      severity: "warning",
      cells: resultKeys.map((k) => layout.byKey.get(k)!.pointer),
      message: {
        zh: `表三“总计”列（三、本年度办理结果各行）整列空白（${resultKeys.length} 个单元格）：请按各行、各项填写该列，是 0 请填 0`,
      },
    });
    expect(result.diagnosis).toHaveLength(1);
    const d = result.diagnosis[0]!;
    expect(d.status).toBe("located");
    expect(d.explanations[0]!.cells).toEqual([]);
    expect(d.blankColumns).toHaveLength(1);
    // The values it gives are the original totals.
    expect(d.blankColumns[0]!.cells.map((c) => c.suggested)).toEqual(
      resultKeys.map((k) => base.tables.applications[k.split(".")[1]!]!.total!.value ?? 0),
    );
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) {
      expect(f.diagnosis).toBe(0);
      expect(resultKeys.map((k) => layout.byKey.get(k)!.pointer)).toContain(f.pointer);
      expect(f.message.zh).toMatch(/为空白，应为 \d+/);
    }
  });

  it("and a wrong cell elsewhere is still located beside it", () => {
    const r = setCell(
      blankTotals,
      "applications.newlyReceived.total",
      (base.tables.applications.newlyReceived!.total!.value ?? 0) + 3,
    );
    const d = validateReport(r).diagnosis[0]!;
    expect(d.status).toBe("located");
    expect(d.blankColumns).toHaveLength(1);
    expect(d.explanations[0]!.cells.map((c) => c.pointer)).toEqual([
      "/tables/applications/newlyReceived/total",
    ]);
  });
});

describe("the exact linear algebra", () => {
  it("solves, detects inconsistency, and tells determined unknowns from free ones", () => {
    // x + y = 5, x − y = 1 → x = 3, y = 2.
    expect(
      eliminate(
        [
          { coefs: [1n, 1n], rhs: 5n },
          { coefs: [1n, -1n], rhs: 1n },
        ],
        2,
      ),
    ).toEqual({
      consistent: true,
      values: [
        [3n, 1n],
        [2n, 1n],
      ],
      free: 0,
    });
    expect(
      eliminate(
        [
          { coefs: [1n, 1n], rhs: 5n },
          { coefs: [2n, 2n], rhs: 9n },
        ],
        2,
      ).consistent,
    ).toBe(false);
    const free = eliminate(
      [
        { coefs: [1n, 1n, 0n], rhs: 5n },
        { coefs: [0n, 0n, 2n], rhs: 3n },
      ],
      3,
    );
    expect(free.values).toEqual([undefined, undefined, [3n, 2n]]);
    expect(free.free).toBe(1);
  });

  it("finds a solution in whole non-negative numbers that changes every listed cell, or proves there is none", () => {
    // a + b = 2 with a ≠ 1 and b ≠ 1: (0, 2) or (2, 0).
    expect(
      hasNaturalSolution([{ coefs: [1n, 1n], rhs: 2n }], 2, 1n, [
        [0, 1],
        [1, 1],
      ]),
    ).toBe(true);
    // a + b = 1 with a ≠ 0 and b ≠ 0: none in whole numbers.
    expect(
      hasNaturalSolution([{ coefs: [1n, 1n], rhs: 1n }], 2, 1n, [
        [0, 0],
        [1, 0],
      ]),
    ).toBe(false);
    // 2a = 3: no whole a.
    expect(hasNaturalSolution([{ coefs: [2n, 0n], rhs: 3n }], 2, 1n, [])).toBe(false);
  });
});

// ── the property: an independent brute-force oracle ─────────────────────────────────────────────────
// It reads the equations from the rule declarations (data), evaluates them itself, tries every set of up
// to 3 cells the failing equations read, decides each set by Cramer's rule (or, when the system has
// several solutions, by searching whole values), and weighs sets with the documented weights.

interface Eq {
  readonly keys: readonly string[];
  readonly coefs: readonly number[];
}
const equationsOf = (e: EditionId): Eq[] =>
  RULES.filter((r) => r.kind === "equation").flatMap((r) =>
    (r.equations?.[e] ?? []).map((q) => {
      const coef = new Map<string, number>([[q.about, 1]]);
      for (const t of q.terms) coef.set(t.key, (coef.get(t.key) ?? 0) - t.sign);
      return { keys: [...coef.keys()], coefs: [...coef.values()] };
    }),
  );

const det = (m: number[][]): number =>
  m.length === 1
    ? m[0]![0]!
    : m[0]!.reduce(
        (s, a, j) => s + (j % 2 ? -1 : 1) * a * det(m.slice(1).map((r) => r.filter((_, k) => k !== j))),
        0,
      );

function combos<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  return xs.flatMap((x, i) => combos(xs.slice(i + 1), k - 1).map((c) => [x, ...c]));
}

interface Candidate {
  readonly keys: readonly string[];
  readonly values: ReadonlyMap<string, number | undefined>;
  readonly cost: number;
}

/** The oracle's answer: every cheapest set, and whether 4-cell sets were provably more expensive. */
function oracle(
  report: Report,
  stated: readonly Stated[],
): { best: Candidate[]; complete: boolean; read: Set<string> } {
  const e = report.edition;
  const layout = layoutOf(e);
  const cell = (k: string) => {
    const d = layout.byKey.get(k)!;
    return report.tables[d.table][d.path[0]]![d.path[1]]!;
  };
  const v = (k: string) => cell(k).value ?? 0;
  const eqs = equationsOf(e);
  const failing = eqs.filter((q) => q.keys.reduce((s, k, i) => s + q.coefs[i]! * v(k), 0) !== 0);
  const read = new Set(failing.flatMap((q) => q.keys));
  const pool = [...read];
  const candidates: Candidate[] = [];
  // A set of s cells costs at least s blanks, less one for each statement that disagrees now.
  const disagreeing = stated.filter(
    (st) => st.keys.some((k) => read.has(k)) && st.keys.reduce((s, k) => s + v(k), 0) !== st.value,
  ).length;
  const cheapest = () => Math.min(...candidates.map((c) => c.cost));
  for (let size = 1; size <= 3; size++) {
    if (size * DIAGNOSIS_WEIGHTS.blank - disagreeing > cheapest()) break;
    for (const set of combos(pool, size)) {
      if (!failing.every((q) => q.keys.some((k) => set.includes(k)))) continue;
      const rows = eqs
        .filter((q) => q.keys.some((k) => set.includes(k)))
        .map((q) => ({
          a: set.map((k) => q.coefs[q.keys.indexOf(k)] ?? 0),
          r: -q.keys.reduce((s, k, i) => s + (set.includes(k) ? 0 : q.coefs[i]! * v(k)), 0),
        }));
      const ok = (x: readonly number[]) =>
        x.every((xi, j) => Number.isInteger(xi) && xi >= 0 && xi !== v(set[j]!)) &&
        rows.every((row) => row.a.reduce((s, a, j) => s + a * x[j]!, 0) === row.r);
      let solutions: number[][] = [];
      const square = combos(rows, size).find((rs) => det(rs.map((r) => r.a)) !== 0);
      if (square) {
        const d = det(square.map((r) => r.a));
        const x = set.map((_, j) => det(square.map((r) => r.a.map((a, k) => (k === j ? r.r : a)))) / d);
        if (ok(x)) solutions = [x];
      } else {
        // Several solutions: search whole values, the last unknown solved from a row that reads it.
        const bound = rows.reduce((s, r) => s + Math.abs(r.r), 0) + 20;
        const last = rows.find((r) => r.a[size - 1] !== 0);
        if (!last) continue;
        const scan = (prefix: number[]): void => {
          if (prefix.length === size - 1) {
            const rest = last.r - prefix.reduce((s, x, j) => s + last.a[j]! * x, 0);
            const x = [...prefix, rest / last.a[size - 1]!];
            if (ok(x)) solutions.push(x);
            return;
          }
          for (let t = 0; t <= bound; t++) scan([...prefix, t]);
        };
        scan([]);
      }
      if (solutions.length === 0) continue;
      const values = new Map(
        set.map((k, j) => [
          k,
          solutions.every((x) => x[j] === solutions[0]![j]) ? solutions[0]![j] : undefined,
        ]),
      );
      let cost = set.reduce(
        (s, k) => s + (cell(k).status === "blank" ? DIAGNOSIS_WEIGHTS.blank : DIAGNOSIS_WEIGHTS.written),
        0,
      );
      for (const st of stated) {
        if (!st.keys.some((k) => set.includes(k))) continue;
        if (st.keys.some((k) => set.includes(k) && values.get(k) === undefined)) continue;
        const before = st.keys.reduce((s, k) => s + v(k), 0);
        const after = st.keys.reduce((s, k) => s + (set.includes(k) ? values.get(k)! : v(k)), 0);
        if ((before === st.value) !== (after === st.value)) cost += after === st.value ? -1 : 1;
      }
      candidates.push({ keys: set, values, cost });
    }
  }
  const best = cheapest();
  return {
    best: candidates.filter((c) => c.cost === best),
    complete: 4 * DIAGNOSIS_WEIGHTS.blank - disagreeing > best,
    read,
  };
}

const key = (report: Report, pointer: string) => layoutOf(report.edition).byPointer.get(pointer)!.key;
/** The diagnosis as global sets: the product of each group's explanations. */
function globalSets(report: Report, diagnosis: readonly Diagnosis[]): string[] {
  let sets: string[][] = [[]];
  for (const d of diagnosis) {
    sets = sets.flatMap((s) =>
      d.explanations.map((x) => [
        ...s,
        ...x.cells.map((c) => `${key(report, c.pointer)}=${c.suggested ?? "?"}`),
      ]),
    );
  }
  return sets.map((s) => s.sort().join(" ")).sort();
}
const oracleSets = (best: readonly Candidate[]) =>
  best
    .map((c) =>
      c.keys
        .map((k) => `${k}=${c.values.get(k) ?? "?"}`)
        .sort()
        .join(" "),
    )
    .sort();

describe("diagnosis: property against a brute-force oracle", () => {
  const equationCells = (e: EditionId) => [...new Set(equationsOf(e).flatMap((q) => q.keys))];
  const tally = { runs: 0, identifiable: 0, tied: 0, otherUnique: 0, incomplete: 0 };
  const timing = { impl: 0, oracle: 0 };

  it("k ≤ 2 changed cells: identifiable changes are named exactly with their original values; ties are all listed", async () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EditionId>("2019", "2021"),
        fc.integer(),
        fc.integer({ min: 1, max: 2 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        (e, seed, k, picks) => {
          const original = consistentReport(e, e === "2019" ? 2020 : 2023, seed);
          const pool = equationCells(e);
          const keys = [...new Set(picks.slice(0, k).map((p) => pool[p % pool.length]!))];
          const layout = layoutOf(e);
          const old = (k2: string) => {
            const d = layout.byKey.get(k2)!;
            return original.tables[d.table][d.path[0]]![d.path[1]]!.value ?? 0;
          };
          // Another value (never the same: 1…9 added, modulo 30).
          const changed = withCells(
            original,
            Object.fromEntries(keys.map((k2, i) => [k2, (old(k2) + 1 + (picks[2 + i]! % 9)) % 30])),
          );
          const t0 = performance.now();
          const result = validateReport(changed);
          const t1 = performance.now();
          const o = oracle(changed, STATED.get(original)!);
          timing.impl += t1 - t0;
          timing.oracle += performance.now() - t1;
          tally.runs++;
          if (result.findings.every((f) => f.severity !== "error")) {
            // Changes that cancel in every equation they touch: nothing to diagnose.
            expect(result.diagnosis).toEqual([]);
            expect(o.best).toEqual([]);
            return;
          }
          if (!o.complete) {
            tally.incomplete++;
            return;
          }
          // Every failing equation's finding points to a diagnosis; no diagnosis names a cell no failing
          // equation reads.
          for (const f of result.findings.filter((x) => x.severity === "error")) {
            expect(f.diagnosis).toBeGreaterThanOrEqual(0);
          }
          for (const d of result.diagnosis) {
            expect(d.status).not.toBe("too-many");
            for (const x of d.explanations)
              for (const c of x.cells) expect(o.read.has(key(changed, c.pointer))).toBe(true);
          }
          expect(globalSets(changed, result.diagnosis)).toEqual(oracleSets(o.best));
          const truth = keys
            .map((k2) => `${k2}=${old(k2)}`)
            .sort()
            .join(" ");
          if (o.best.length === 1 && oracleSets(o.best)[0] === truth) {
            tally.identifiable++;
            expect(result.diagnosis.every((d) => d.status === "located")).toBe(true);
          } else if (o.best.length > 1) {
            tally.tied++;
            expect(result.diagnosis.some((d) => d.status === "tied")).toBe(true);
          } else tally.otherUnique++;
        },
      ),
      // The counterexample that once showed a narrative figure over two groups (行政诉讼 = two totals).
      {
        numRuns: Number(process.env.XXGK_DIAGNOSIS_RUNS ?? 1000),
        examples: [["2021", 0, 2, [1275226605, 973684061, 0, 0]]],
      },
    );
    // Both outcomes occur: most changes are identifiable, some are honestly tied.
    expect(tally.identifiable).toBeGreaterThan(tally.runs / 2);
    expect(tally.tied).toBeGreaterThan(0);
    expect(tally.incomplete).toBe(0);
    if (process.env.XXGK_DIAGNOSIS_TALLY) {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(process.env.XXGK_DIAGNOSIS_TALLY, `${JSON.stringify({ ...tally, ...timing })}\n`);
    }
  });
});

describe("the exact linear algebra: doubles and BigInt agree", () => {
  it("on random small systems, and big values take the BigInt path with the same answer", () => {
    const row = fc.record({
      coefs: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }),
      rhs: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(2 ** 52), fc.constant(-(2 ** 60))),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (raw) => {
        const rows = raw.map((r) => ({ coefs: r.coefs.map(BigInt), rhs: BigInt(r.rhs) }));
        const solved = eliminate(rows, 3);
        // Every determined value satisfies every row whose other unknowns are determined too.
        if (!solved.consistent) return;
        for (const r of rows) {
          if (r.coefs.some((c, j) => c !== 0n && solved.values[j] === undefined)) continue;
          // Σ coef · num/den = rhs, checked over a common denominator.
          const den = solved.values.reduce((d, v) => (v ? d * v[1] : d), 1n);
          const lhs = r.coefs.reduce((s, c, j) => {
            const v = solved.values[j];
            return v ? s + (c * v[0] * den) / v[1] : s;
          }, 0n);
          expect(lhs).toBe(r.rhs * den);
        }
      }),
      { numRuns: 500 },
    );
  });
});
