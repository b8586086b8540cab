// core-model's example reports, for the tests that draw pages, copies and documents of them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport, type Report } from "@xxgk/core-model";

const require = createRequire(import.meta.url);

/** A core-model example report: `example-2021` (the 2021 edition) or `wulin-2020` (the seed, 2019 edition). */
export function example(name: "example-2021" | "wulin-2020"): Report {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.report;
}
