import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastParse } from "../src/_fast.js";
import { reportSchema } from "../src/index.js";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), "utf8"));
const examples = [load("wulin-2020"), load("example-2021")];

/** Every path to a value inside a JSON document. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return [at];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}

function withValue(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === DELETE) delete cur[last];
  else cur[last] = value;
  return copy;
}

const DELETE = Symbol("delete");
const anyValue = fc.oneof(
  fc.constant(DELETE),
  fc.jsonValue(),
  fc.constantFrom(
    "",
    "-",
    "+19",
    "4359957元",
    "2019",
    "2021",
    "2026-02-30",
    "2026-01-20",
    2025,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    -0,
  ),
  fc.constant(undefined),
  fc.constant({ raw: "7", note: "x" }),
);

// The fast reader is an optimisation of the zod schema: whatever it accepts, zod must accept and parse
// to the same report; whatever zod rejects, it must reject. (It may decline documents zod accepts.)
function agree(doc: unknown) {
  const fast = fastParse(doc);
  const ref = reportSchema.safeParse(doc);
  if (fast !== undefined) {
    expect(ref.success).toBe(true);
    expect(fast).toStrictEqual(ref.data);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(ref.data));
  }
  return fast;
}

describe("fast reader agrees with the schema", () => {
  it("accepts both examples and parses them exactly as zod does", () => {
    for (const doc of examples) expect(agree(doc)).toBeDefined();
  });

  it("any one value changed, added or removed anywhere: same verdict and same report as zod", () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), anyValue, (doc, pick, value) => {
        const all = paths(doc);
        const path = all[pick % all.length]!;
        agree(withValue(doc, path, value));
        const target = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc);
        if (target !== null && typeof target === "object") agree(withValue(doc, [...path, "extra"], value));
      }),
      { numRuns: 1500 },
    );
  });

  it("arbitrary JSON never passes the fast reader unless zod accepts it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void agree(v)),
      { numRuns: 500 },
    );
  });
});
