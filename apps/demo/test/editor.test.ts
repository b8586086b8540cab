import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseReport, stringifyReport } from "@xxgk/core-model";
import fc from "fast-check";
import { expect, test } from "vitest";
import { withField, withLevel } from "../src/editor.js";

const parsed = parseReport(
  JSON.parse(
    readFileSync(fileURLToPath(import.meta.resolve("@xxgk/core-model/examples/wulin-2020.json")), "utf8"),
  ),
);
if (!parsed.ok) throw new Error("seed must parse");
const seed = parsed.report;
const before = stringifyReport(seed);

test("withField changes exactly one text, keeps it as written, and leaves the original alone", () => {
  const pointers = seed.sections.overview.blocks.map((_, i) => `/sections/overview/blocks/${i}/text`);
  fc.assert(
    fc.property(fc.constantFrom(...pointers), fc.string({ unit: "grapheme" }), (pointer, text) => {
      const next = withField(seed, pointer, text);
      const i = Number(pointer.split("/")[4]);
      expect(next.sections.overview.blocks[i]!.text).toBe(text);
      expect(next.sections.overview.blocks.filter((_, j) => j !== i)).toEqual(
        seed.sections.overview.blocks.filter((_, j) => j !== i),
      );
      // Untouched parts are shared, not copied: cheap undo snapshots.
      expect(next.tables).toBe(seed.tables);
      expect(next.sections.problems).toBe(seed.sections.problems);
      expect(stringifyReport(seed)).toBe(before);
    }),
  );
});

test("undefined removes an optional field, and the result still parses", () => {
  const dated = withField(seed, "/meta/published", "2021-01-20");
  expect(dated.meta.published).toBe("2021-01-20");
  const undated = withField(dated, "/meta/published", undefined);
  expect("published" in undated.meta).toBe(false);
  expect(parseReport(JSON.parse(stringifyReport(undated))).ok).toBe(true);
});

test("withLevel states a level or leaves it to inference, and drops the reason written for the one before", () => {
  const stated = {
    ...seed,
    meta: { ...seed.meta, level: "unknown" as const, levelReason: "管委会，未写明汇总" },
  };
  const agency = withLevel(stated, "agency");
  expect(agency.meta.level).toBe("agency");
  expect("levelReason" in agency.meta).toBe(false);
  const inferred = withLevel(stated, "");
  expect("level" in inferred.meta).toBe(false);
  expect("levelReason" in inferred.meta).toBe(false);
  expect(inferred.tables).toBe(seed.tables);
  expect(parseReport(JSON.parse(stringifyReport(inferred))).ok).toBe(true);
  expect(stated.meta.levelReason).toBe("管委会，未写明汇总");
});
