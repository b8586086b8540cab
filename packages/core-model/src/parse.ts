import { fastParse } from "./_fast.js";
import type { z } from "./_zod.js";
import { pointerOf } from "./pointer.js";
import { type Report, reportSchema } from "./schema.js";

/** Why a document is not a report: a JSON pointer to the place, a stable code and a message. */
export interface SchemaIssue {
  /** JSON pointer to the offending value ("" = the whole document). */
  readonly pointer: string;
  /** zod's issue code (`invalid_type`, `unrecognized_keys`, `invalid_union`, …). */
  readonly code: string;
  readonly message: string;
  /** For `unrecognized_keys`: the unknown keys (their pointers are `pointer + "/" + key`). */
  readonly keys?: readonly string[];
  /** What was expected, when zod says (`string`, `number`, …). */
  readonly expected?: string;
}

/** The outcome of {@link parseReport}: a report, or the places where the document does not fit. */
export type ParseResult = { ok: true; report: Report } | { ok: false; issues: SchemaIssue[] };

function toIssue(i: z.core.$ZodIssue): SchemaIssue {
  const base = {
    pointer: pointerOf(i.path.map((p) => (typeof p === "symbol" ? String(p) : p))),
    code: i.code,
    message: i.message,
  };
  if (i.code === "unrecognized_keys") return { ...base, keys: i.keys };
  if (i.code === "invalid_type") return { ...base, expected: i.expected };
  return base;
}

/**
 * Checks any JSON value against the report schema and parses its cells. Never throws on bad input:
 * every problem comes back as an issue with a JSON pointer.
 */
export function parseReport(input: unknown): ParseResult {
  const fast = fastParse(input);
  if (fast !== undefined) return { ok: true, report: fast };
  const r = reportSchema.safeParse(input);
  if (r.success) return { ok: true, report: r.data as Report };
  return { ok: false, issues: r.error.issues.map(toIssue) };
}
