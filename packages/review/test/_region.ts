// The committed fixture region (made by scripts/region.mjs) as review sources, read from disk.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  assembleReview,
  type ReviewResult,
  type ReviewSource,
  readSource,
  type SourceRead,
} from "../src/index.js";

export const REGION = fileURLToPath(new URL("./fixtures/region/", import.meta.url));
const REPORTS = join(REGION, "reports");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Every file of the fixture region, named by its path under reports/. */
export const sources: readonly ReviewSource[] = walk(REPORTS)
  .sort()
  .map((path) => ({
    name: relative(REPORTS, path).split("\\").join("/"),
    data: new Uint8Array(readFileSync(path)),
  }));

/** The name mapping and the expected verdicts written beside the files. */
export const mapping = JSON.parse(readFileSync(join(REGION, "mapping.json"), "utf8")) as Record<
  string,
  string
>;
export const expected = JSON.parse(readFileSync(join(REGION, "expected.json"), "utf8")) as {
  reports: Record<string, { body: string; year: number; role: "primary" | "duplicate"; verdicts: string[] }>;
  notReports: string[];
};

let reads: Promise<SourceRead[]> | undefined;
/** The sources read once (importing is the slow part), shared by the tests of this process. */
export function readRegion(): Promise<SourceRead[]> {
  reads ??= Promise.all(sources.map((s) => readSource(s)));
  return reads;
}

/** The fixture region reviewed with its mapping. */
export async function reviewRegion(): Promise<ReviewResult> {
  return assembleReview(await readRegion(), { organs: mapping });
}
