import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { formulaOf, INDICATORS, stringifyReview } from "../src/index.js";
import { reviewRegion } from "./_region.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

it("the README's indicator table is the indicator table, formulas as formulaOf words them", () => {
  for (const d of INDICATORS) {
    expect(readme).toContain(`| \`${d.id}\` | ${d.label.zh} | ${d.kind} | ${formulaOf(d)} |`);
  }
});

it("the README's review.json shape names every field review.json has", async () => {
  const shape = /## review\.json\n([\s\S]*?)\n## /.exec(readme)![1]!;
  const keys = new Set<string>();
  const walk = (v: unknown, parent: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, parent);
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        // Indicator ids are keys of `indicators`, documented as `[id]`.
        if (parent !== "indicators") keys.add(k);
        walk(x, k);
      }
    }
  };
  walk(JSON.parse(stringifyReview((await reviewRegion()).review)), "");
  for (const k of keys) expect(shape, k).toMatch(new RegExp(`\\b${k}\\b`));
});
