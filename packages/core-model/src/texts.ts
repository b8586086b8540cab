import { layoutOf } from "./grid.js";
import { SECTIONS } from "./layout.js";
import { pointerOf } from "./pointer.js";
import { listCells } from "./report.js";
import type { Contact, Report } from "./schema.js";

/** The contact block's fields in printed order, each with its official label (联系机构, 地址 …). */
export const CONTACT_FIELDS: readonly (readonly [keyof Contact, string])[] = [
  ["office", "联系机构"],
  ["address", "地址"],
  ["postcode", "邮编"],
  ["phone", "电话"],
  ["email", "电子邮箱"],
  ["website", "网址"],
];

/** What kind of text of a report a rendering must show. */
export type RenderedTextKind =
  | "title"
  | "organ"
  | "preamble"
  | "heading"
  | "block"
  | "label"
  | "cell"
  | "contact";

/** One text every faithful rendering of a report shows, and where it comes from. */
export interface RenderedText {
  readonly kind: RenderedTextKind;
  /**
   * Where it comes from: the JSON pointer of the author's text (`/meta/title`, a cell's pointer,
   * `/meta/contact/postcode`), or for an official table label `/tables/<table>#<row>.<column>` (its
   * position in core-model's grid).
   */
  readonly source: string;
  readonly text: string;
  /** For a contact field: its label (`邮编`), printed before the value. */
  readonly label?: string;
}

/**
 * Every text a rendering of the report must show, in reading order: title, organ, preamble, each
 * section's heading and blocks, every official label of its tables and every non-blank cell as
 * written, and the contact block. The render contract checks HTML, PDF and DOCX output against it, and
 * the PDF renderer checks its own layout with it before it writes a page.
 */
export function renderedTexts(report: Report): RenderedText[] {
  const out: RenderedText[] = [
    { kind: "title", source: "/meta/title", text: report.meta.title },
    { kind: "organ", source: "/meta/organ", text: report.meta.organ },
  ];
  report.preamble.forEach((b, i) => {
    out.push({ kind: "preamble", source: pointerOf(["preamble", i, "text"]), text: b.text });
  });
  const layout = layoutOf(report.edition);
  const cells = new Map(listCells(report).map((c) => [c.def.key, c]));
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    out.push({ kind: "heading", source: pointerOf(["sections", s.key, "heading"]), text: section.heading });
    section.blocks.forEach((b, i) => {
      out.push({ kind: "block", source: pointerOf(["sections", s.key, "blocks", i, "text"]), text: b.text });
    });
    if (s.table === undefined) continue;
    layout.tables[s.table].rows.forEach((row, r) => {
      row.cells.forEach((g, c) => {
        if (g.role !== "value") {
          if (g.text !== "")
            out.push({ kind: "label", source: `/tables/${s.table}#${r}.${c}`, text: g.text });
          return;
        }
        const entry = cells.get(g.cell!);
        if (entry !== undefined && entry.cell.raw !== "")
          out.push({ kind: "cell", source: entry.def.pointer, text: entry.cell.raw });
      });
    });
  }
  for (const [key, label] of CONTACT_FIELDS) {
    const value = report.meta.contact?.[key];
    if (value !== undefined && value.trim() !== "")
      out.push({ kind: "contact", source: pointerOf(["meta", "contact", key]), text: value, label });
  }
  return out;
}
