import { z } from "./_zod.js";
import { type Cell, type CellInput, toCell } from "./cell.js";
import { layoutOf } from "./grid.js";
import { EDITIONS, type EditionId, SECTIONS, type SectionKey, type TableId } from "./layout.js";

/** A cell as a document gives it: a number, the text as written, or `{ raw }`. Parsed into a {@link Cell}. */
export const cellSchema = z
  .union([
    z.number().meta({ description: "a value written as a plain number" }),
    z.string().meta({ description: 'the cell exactly as written: "12", "+19", "-", "", "4359957元"' }),
    z.looseObject({ raw: z.string() }),
  ])
  .transform((input: CellInput): Cell => toCell(input));

/** A narrative block: a sub-heading or a paragraph, text as written. */
export const blockSchema = z.strictObject({
  type: z.enum(["heading", "paragraph"]),
  text: z.string(),
});

/** A section: the heading as the author wrote it, and its narrative blocks in order. */
export const sectionSchema = z.strictObject({
  heading: z.string(),
  blocks: z.array(blockSchema),
});

/** Where the public can ask about the report (optional). */
export const contactSchema = z.strictObject({
  office: z.string().optional(),
  address: z.string().optional(),
  postcode: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  website: z.string().optional(),
});

/** Metadata: who publishes the report, for which year, under which title and when. */
export const metaSchema = z.strictObject({
  /** 发布机关: the publishing organ. */
  organ: z.string().min(1),
  /** The report year (the calendar year the report covers). */
  year: z.int().min(2008).max(2100),
  title: z.string().min(1),
  /** Publication date, `YYYY-MM-DD`. */
  published: z.iso.date().optional(),
  /**
   * `agency` (a department or office: deadline 1月31日), `government` (a people's government's 本级
   * aggregate report: deadline 3月31日) or `unknown` (乡镇, 街道, or an organ that does not tell). When
   * absent, `levelOf` infers it from the organ and the text.
   */
  level: z.enum(["agency", "government", "unknown"]).optional(),
  /** Why the level is what it is (who decided, on what ground), as written by whoever set it. */
  levelReason: z.string().optional(),
  contact: contactSchema.optional(),
});

function tableSchema(edition: EditionId, table: TableId) {
  const shape = layoutOf(edition).tables[table].shape;
  return z.strictObject(
    Object.fromEntries(
      Object.entries(shape).map(([row, cols]) => [
        row,
        z.strictObject(Object.fromEntries(cols.map((c) => [c, cellSchema]))),
      ]),
    ),
  );
}

const sectionsSchema = z.strictObject(
  Object.fromEntries(SECTIONS.map((s) => [s.key, sectionSchema])) as Record<SectionKey, typeof sectionSchema>,
);

function reportSchemaOf(edition: EditionId) {
  return z.strictObject({
    $schema: z.string().optional(),
    edition: z.literal(edition),
    meta: metaSchema,
    /** Text before section 一 (the opening paragraph many reports have). */
    preamble: z.array(blockSchema),
    sections: sectionsSchema,
    tables: z.strictObject({
      proactive: tableSchema(edition, "proactive"),
      applications: tableSchema(edition, "applications"),
      review: tableSchema(edition, "review"),
    }),
  });
}

/** The schema of a report of each edition. */
export const editionSchemas = {
  "2019": reportSchemaOf("2019"),
  "2021": reportSchemaOf("2021"),
} as const;

/** The schema of a whole report document, either edition (discriminated by `edition`). */
export const reportSchema = z.discriminatedUnion("edition", [editionSchemas["2019"], editionSchemas["2021"]]);

/** A narrative block. */
export type Block = z.output<typeof blockSchema>;
/** A section's heading and narrative. */
export type Section = z.output<typeof sectionSchema>;
/** Report metadata. */
export type Meta = z.output<typeof metaSchema>;
/** A contact block. */
export type Contact = z.output<typeof contactSchema>;
/** A table's cells: row (table 四: group) key → column key → cell. */
export type TableCells = Record<string, Record<string, Cell>>;

/** A parsed report: cells are {@link Cell} objects keeping the raw text and the value. */
export interface Report {
  $schema?: string | undefined;
  edition: EditionId;
  meta: Meta;
  preamble: Block[];
  sections: Record<SectionKey, Section>;
  tables: Record<TableId, TableCells>;
}

/** A report document as stored in JSON (what {@link reportSchema} accepts). */
export type ReportDocument = z.input<typeof reportSchema>;

/** Every edition's schema must produce a {@link Report}; this fails to compile if they drift apart. */
type _Out = z.output<typeof reportSchema>;
type _Check = [
  _Out["meta"] extends Meta ? 1 : 0,
  _Out["sections"] extends Report["sections"] ? 1 : 0,
  _Out["tables"] extends Report["tables"] ? 1 : 0,
  _Out extends Report ? 1 : 0,
];
export const _schemaMatchesReport: _Check = [1, 1, 1, 1];

export { EDITIONS };
