import { type EditionId, layoutOf, SECTIONS } from "@xxgk/core-model";
import type { Finding, Severity } from "./types.js";

const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const PLACE = new Map<string, number>([
  ["edition", 1],
  ["meta", 2],
  ["preamble", 3],
  ...SECTIONS.map((s, i): [string, number] => [s.key, 4 + i]),
]);

const indexOf = (s: string | undefined): number => {
  const n = Number(s);
  return Number.isInteger(n) ? n : -1;
};

/** Where a pointer sits in the official reading order: [major, minor]. */
function rank(edition: EditionId | undefined, pointer: string): [number, number] {
  if (pointer === "" || pointer === "/$schema") return [0, 0];
  const parts = pointer.split("/");
  const top = parts[1]!;
  if (top === "sections" || top === "tables") {
    const major = PLACE.get(parts[2] ?? "") ?? 10;
    if (top === "tables") {
      const def = edition === undefined ? undefined : layoutOf(edition).byPointer.get(pointer);
      return [major, 1_000_000 + (def?.index ?? 0)];
    }
    return [major, parts[3] === "blocks" ? indexOf(parts[4]) : -2];
  }
  if (top === "preamble") return [3, indexOf(parts[2])];
  return [PLACE.get(top) ?? 10, 0];
}

/** Findings sorted: errors, warnings, infos; then official document and cell order; then code. Stable. */
export function sortFindings(findings: Finding[], edition: EditionId | undefined): Finding[] {
  if (findings.length < 2) return findings;
  const keyed = findings.map((f, i) => ({ f, i, r: rank(edition, f.pointer) }));
  keyed.sort(
    (a, b) =>
      SEVERITY[a.f.severity] - SEVERITY[b.f.severity] ||
      a.r[0] - b.r[0] ||
      a.r[1] - b.r[1] ||
      (a.f.code < b.f.code ? -1 : a.f.code > b.f.code ? 1 : 0) ||
      a.i - b.i,
  );
  return keyed.map((k) => k.f);
}
