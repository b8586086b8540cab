// A hand-written reader for the common case: a document that fits the schema. It walks the compiled
// layout once, builds exactly what the zod schema would output, and gives up (returns undefined) at the
// first thing it is not sure of, so that zod — the reference — handles every other document and
// produces the issues. test/fast.test.ts checks that both agree on every document either accepts.
// Why: zod's jitless object parsing costs ~10× JSON.parse per report on varied documents, which
// batch validation of thousands of reports cannot afford.
import { type Cell, toCell } from "./cell.js";
import { layoutOf } from "./grid.js";
import { type EditionId, SECTIONS, type TableId } from "./layout.js";
import { type Block, metaSchema, type Report, type Section, type TableCells } from "./schema.js";

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** True when `o` has exactly the given keys (each own and not undefined) and no others. */
function hasExactly(o: Obj, keys: readonly string[]): boolean {
  let n = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    n++;
  }
  if (n !== keys.length) return false;
  for (const k of keys) if (!Object.hasOwn(o, k) || o[k] === undefined) return false;
  return true;
}

function blocks(v: unknown): Block[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Block[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const b: unknown = v[i];
    if (!isObject(b) || !hasExactly(b, BLOCK_KEYS)) return undefined;
    const { type, text } = b;
    if ((type !== "paragraph" && type !== "heading") || typeof text !== "string") return undefined;
    out[i] = { type, text };
  }
  return out;
}

function cell(v: unknown): Cell | undefined {
  if (typeof v === "string") return toCell(v);
  if (typeof v === "number") return Number.isFinite(v) ? toCell(v) : undefined;
  if (isObject(v) && typeof v.raw === "string") {
    for (const k in v) if (!Object.hasOwn(v, k)) return undefined;
    return toCell(v.raw);
  }
  return undefined;
}

function table(v: unknown, shape: Readonly<Record<string, readonly string[]>>, rows: readonly string[]) {
  if (!isObject(v) || !hasExactly(v, rows)) return undefined;
  const out: TableCells = {};
  for (const row of rows) {
    const cols = shape[row]!;
    const src = v[row];
    if (!isObject(src) || !hasExactly(src, cols)) return undefined;
    const cells: Record<string, Cell> = {};
    for (const col of cols) {
      const c = cell(src[col]);
      if (c === undefined) return undefined;
      cells[col] = c;
    }
    out[row] = cells;
  }
  return out;
}

const BLOCK_KEYS = ["type", "text"];
const SECTION_KEYS = ["heading", "blocks"];
const SECTION_NAMES = SECTIONS.map((s) => s.key);
const TABLE_IDS: readonly TableId[] = ["proactive", "applications", "review"];
const ROOT_KEYS = ["edition", "meta", "preamble", "sections", "tables"];
const ROOT_KEYS_SCHEMA = ["$schema", ...ROOT_KEYS];
const rowsOf = (edition: EditionId): Record<TableId, readonly string[]> => {
  const { tables } = layoutOf(edition);
  return {
    proactive: Object.keys(tables.proactive.shape),
    applications: Object.keys(tables.applications.shape),
    review: Object.keys(tables.review.shape),
  };
};
const ROWS: Record<EditionId, Record<TableId, readonly string[]>> = {
  "2019": rowsOf("2019"),
  "2021": rowsOf("2021"),
};

/** The report a schema-conforming document parses to, or `undefined` to let zod decide. */
export function fastParse(input: unknown): Report | undefined {
  if (!isObject(input)) return undefined;
  const withSchema = Object.hasOwn(input, "$schema");
  if (!hasExactly(input, withSchema ? ROOT_KEYS_SCHEMA : ROOT_KEYS)) return undefined;
  if (withSchema && typeof input.$schema !== "string") return undefined;
  const edition = input.edition;
  if (edition !== "2019" && edition !== "2021") return undefined;

  const meta = metaSchema.safeParse(input.meta);
  if (!meta.success) return undefined;
  const preamble = blocks(input.preamble);
  if (preamble === undefined) return undefined;

  const srcSections = input.sections;
  if (!isObject(srcSections) || !hasExactly(srcSections, SECTION_NAMES)) return undefined;
  const sections = {} as Report["sections"];
  for (const key of SECTION_NAMES) {
    const s = srcSections[key];
    if (!isObject(s) || !hasExactly(s, SECTION_KEYS) || typeof s.heading !== "string") return undefined;
    const bs = blocks(s.blocks);
    if (bs === undefined) return undefined;
    sections[key] = { heading: s.heading, blocks: bs } satisfies Section;
  }

  const srcTables = input.tables;
  if (!isObject(srcTables) || !hasExactly(srcTables, TABLE_IDS)) return undefined;
  const layout = layoutOf(edition);
  const tables = {} as Report["tables"];
  for (const id of TABLE_IDS) {
    const t = table(srcTables[id], layout.tables[id].shape, ROWS[edition][id]);
    if (t === undefined) return undefined;
    tables[id] = t;
  }
  const report: Report = { edition, meta: meta.data, preamble, sections, tables };
  return withSchema ? { $schema: input.$schema as string, ...report } : report;
}
