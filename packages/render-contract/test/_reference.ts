// A minimal faithful plain-text renderer (and ways to break it), to prove the contract can pass and fail.
import { CONTACT_FIELDS, getCell, layoutOf, type Report, SECTIONS } from "@xxgk/core-model";

export interface Breakage {
  /** Print blank cells as this instead of nothing. */
  blankAs?: string;
  /** Print not-applicable cells as this instead of what was written. */
  naAs?: string;
  /** Leave this official label out. */
  dropLabel?: string;
  /** Print section headings as the official label instead of as written. */
  officialHeadings?: boolean;
  /** Swap the output of these two cells. */
  swap?: readonly [string, string];
  /** Replace this character everywhere (a font or encoding losing it). */
  lose?: string;
  /** Leave the contact block out. */
  dropContact?: boolean;
}

export function renderPlain(report: Report, broken: Breakage = {}): string {
  const layout = layoutOf(report.edition);
  const lines: string[] = [report.meta.title, report.meta.organ, ...report.preamble.map((b) => b.text)];
  const swap = new Map(broken.swap ? [broken.swap, [broken.swap[1], broken.swap[0]]] : []);
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    lines.push(broken.officialHeadings ? s.label : section.heading, ...section.blocks.map((b) => b.text));
    if (!s.table) continue;
    for (const row of layout.tables[s.table].rows) {
      const parts = row.cells.map((c) => {
        if (c.role !== "value") return c.text === broken.dropLabel ? "" : c.text;
        const cell = getCell(report, swap.get(c.cell!) ?? c.cell!);
        if (cell.status === "blank") return broken.blankAs ?? "";
        if (cell.status === "na" && broken.naAs !== undefined) return broken.naAs;
        return cell.raw;
      });
      lines.push(parts.join("\t"));
    }
  }
  if (!broken.dropContact) {
    for (const [key, label] of CONTACT_FIELDS) {
      const value = report.meta.contact?.[key];
      if (value !== undefined) lines.push(`${label}：${value}`);
    }
  }
  const text = lines.join("\n");
  return broken.lose ? text.split(broken.lose).join("?") : text;
}
