import { type EditionId, layoutOf, type Report, setCell, toDocument } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RULES, rulesReading, validate, validateReport } from "../src/index.js";
import { consistentReport, example } from "./_generate.js";

const kindOf = new Map(RULES.map((r) => [r.id, r.kind]));
const edition = fc.constantFrom<EditionId>("2019", "2021");
const yearOf = (e: EditionId, offset: number) => (e === "2019" ? 2020 : 2022 + offset);
const problems = (r: { findings: readonly { severity: string; code: string }[] }) =>
  [...new Set(r.findings.filter((f) => f.severity !== "info").map((f) => f.code))].sort();
// The rules whose firing a one-cell change decides by itself: the equations and the stated numbers. A
// share (text.percent), "均获维持" (text.upheld) and X.published depend on how much the cell moved.
const EXACT = new Set([...RULES.filter((r) => r.kind === "equation").map((r) => r.id), "text.numbers"]);
const decided = (r: { findings: readonly { severity: string; code: string }[] }) =>
  problems(r).filter((c) => EXACT.has(c) || kindOf.get(c) === "cross-year");

/** Adds `delta` to a cell, writing the new value as a plain number (blank and "-" count as 0). */
function bump(report: Report, index: number, delta: number): { report: Report; key: string } {
  const def = layoutOf(report.edition).cells[index % layoutOf(report.edition).cells.length]!;
  const cell = report.tables[def.table][def.path[0]]![def.path[1]]!;
  return { report: setCell(report, def.key, (cell.value ?? 0) + delta), key: def.key };
}

describe("generated consistent reports", () => {
  it("pass every error and warning rule, in either edition, also as JSON documents", () => {
    fc.assert(
      fc.property(edition, fc.integer(), fc.nat(8), (e, seed, offset) => {
        const report = consistentReport(e, yearOf(e, offset), seed);
        const r = validateReport(report);
        expect(problems(r)).toEqual([]);
        expect(problems(validate(JSON.parse(JSON.stringify(toDocument(report)))))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("changing any one cell fires exactly the table and narrative rules that read it", () => {
    fc.assert(
      fc.property(
        edition,
        fc.integer(),
        fc.nat(300),
        fc.integer({ min: 1, max: 7 }),
        (e, seed, index, delta) => {
          const { report, key } = bump(consistentReport(e, yearOf(e, 0), seed), index, delta);
          const expected = rulesReading(e, key).filter((id) => EXACT.has(id));
          expect(decided(validateReport(report)).filter((c) => EXACT.has(c))).toEqual(expected.sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with last year's report (across the 2020→2021 switch too), changing a cell also fires the cross-year rules reading it", () => {
    const pairs = fc.constantFrom<[EditionId, number]>(["2019", 2020], ["2021", 2021], ["2021", 2024]);
    fc.assert(
      fc.property(
        pairs,
        fc.integer(),
        fc.integer(),
        fc.nat(300),
        fc.integer({ min: 1, max: 7 }),
        ([e, year], s1, s2, index, delta) => {
          const previous = consistentReport(year === 2021 ? "2019" : e, year - 1, s1);
          const current = consistentReport(e, year, s2, previous);
          expect(problems(validateReport(current, { previous }))).toEqual([]);
          const { report, key } = bump(current, index, delta);
          const pair = `${previous.edition}>${e}` as const;
          const expected = RULES.filter((r) => {
            if (r.kind === "cross-year")
              return (r.crossYear?.[pair] ?? []).some(
                (q) => q.about === key || q.terms.some((t) => !t.previous && t.key === key),
              );
            return EXACT.has(r.id) && r.reads[e].includes(key);
          }).map((r) => r.id);
          expect(decided(validateReport(report, { previous })).filter((c) => c !== "X.published")).toEqual(
            expected.sort(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("fuzzing: validate never throws", () => {
  const wellFormed = (r: ReturnType<typeof validate>) => {
    expect(r.report !== undefined || r.findings.some((f) => f.severity === "error")).toBe(true);
    for (const f of r.findings) {
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(f.pointer === "" || f.pointer.startsWith("/")).toBe(true);
      expect(f.message.zh.length).toBeGreaterThan(0);
      expect(f.message.en.length).toBeGreaterThan(0);
    }
    const c = r.counts;
    expect(c.error + c.warning + c.info).toBe(r.findings.length);
  };

  it("on arbitrary JSON, as document and as last year's report", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (doc, prev) => {
        wellFormed(validate(doc));
        wellFormed(validate(doc, { previous: prev }));
      }),
      { numRuns: 500 },
    );
  });

  it("on arbitrary values (undefined, functions' absence, symbols as data)", () => {
    fc.assert(
      fc.property(fc.anything(), (doc) => wellFormed(validate(doc))),
      { numRuns: 300 },
    );
  });

  it("on real reports with one value anywhere replaced by arbitrary JSON", async () => {
    const docs = [await example("wulin-2020"), await example("example-2021")];
    const paths = docs.map((d) => {
      const out: (string | number)[][] = [];
      const walk = (v: unknown, path: (string | number)[]) => {
        out.push(path);
        if (v !== null && typeof v === "object") {
          for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
        }
      };
      walk(d, []);
      return out.filter((p) => p.length > 0);
    });
    fc.assert(
      fc.property(fc.nat(1), fc.nat(), fc.jsonValue(), fc.boolean(), (which, at, value, asPrevious) => {
        const doc = structuredClone(docs[which]!) as Record<string, unknown>;
        const path = paths[which]![at % paths[which]!.length]!;
        let parent: Record<string | number, unknown> = doc;
        for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
        parent[path[path.length - 1]!] = value;
        wellFormed(asPrevious ? validate(docs[1], { previous: doc }) : validate(doc));
      }),
      { numRuns: 1000 },
    );
  });
});
