// A report as a government site publishes it — an HTML page with the three tables drawn as nested
// headers with spans — or as a browser copies that page's text (a table row per line, its cells
// separated by tabs, spans dropped). Every label comes from core-model's layout. The value columns of
// a table can be drawn in another order (header and data moved together) to test header-order reading.
import {
  APPLICATIONS_CORNER_NOTE,
  type CellDef,
  EDITION_DEFS,
  getCell,
  layoutOf,
  PROACTIVE_ROW_HEADER,
  type Report,
  SECTIONS,
  type TableId,
} from "@xxgk/core-model";

/** A cell of a drawn table: its text and spans. */
interface Drawn {
  readonly text: string;
  readonly rowSpan?: number;
  readonly colSpan?: number;
  /** A header cell (`<th>`). */
  readonly head?: boolean;
}

export interface PageOptions {
  /**
   * For a table, the order its value columns are drawn in, as official column indexes of a row (groups
   * kept together: `[0, 2, 1, 3, 4, 5, 6]` swaps 商业企业 and 科研机构). Header and data follow it.
   */
  readonly order?: Partial<Record<TableId, readonly number[]>>;
  /** The header's labels in this order but the data in the official one (a header typed wrong). */
  readonly headerOnly?: boolean;
}

/** The header rows over value columns whose label paths are `paths` (left to right). */
function headerRows(paths: readonly (readonly string[])[]): Drawn[][] {
  const depth = Math.max(...paths.map((p) => p.length));
  const rows: Drawn[][] = [];
  for (let d = 0; d < depth; d++) {
    const row: Drawn[] = [];
    for (let i = 0; i < paths.length; ) {
      const p = paths[i]!;
      if (p.length <= d) {
        i++;
        continue;
      }
      if (p.length === d + 1) {
        row.push({ text: p[d]!, rowSpan: depth - d, head: true });
        i++;
        continue;
      }
      let j = i + 1;
      const prefix = p.slice(0, d + 1).join("\u0001");
      while (j < paths.length && paths[j]!.slice(0, d + 1).join("\u0001") === prefix) j++;
      row.push({ text: p[d]!, colSpan: j - i, head: true });
      i = j;
    }
    rows.push(row);
  }
  return rows;
}

const byRow = (cells: readonly CellDef[]): Map<string, CellDef[]> => {
  const rows = new Map<string, CellDef[]>();
  for (const c of cells) rows.set(c.path[0], [...(rows.get(c.path[0]) ?? []), c]);
  return rows;
};

/** The tables of a report as drawn grids, by table. */
function grids(report: Report, opts: PageOptions): Record<TableId, Drawn[][]> {
  const layout = layoutOf(report.edition);
  const cellText = (def: CellDef): string => getCell(report, def.key).raw;
  // Table 二's sub-tables differ in columns: an order applies to those it fits.
  const arrange = <T>(id: TableId, xs: readonly T[]): T[] => {
    const order = opts.order?.[id];
    return order && order.length === xs.length ? order.map((j) => xs[j]!) : [...xs];
  };
  const values = (id: TableId, defs: readonly CellDef[]): Drawn[] =>
    (opts.headerOnly ? [...defs] : arrange(id, defs)).map((d) => ({ text: cellText(d) }));

  const proactive: Drawn[][] = [];
  const rows = byRow(layout.tables.proactive.cells);
  for (const sub of EDITION_DEFS[report.edition].proactive) {
    proactive.push([{ text: sub.caption, colSpan: sub.columns.length + 1, head: true }]);
    proactive.push([
      { text: PROACTIVE_ROW_HEADER, head: true },
      ...arrange("proactive", sub.columns).map((c) => ({ text: c.label, head: true })),
    ]);
    for (const r of sub.rows)
      proactive.push([{ text: r.label, head: true }, ...values("proactive", rows.get(r.key)!)]);
  }

  const appRows = byRow(layout.tables.applications.cells);
  const first = [...appRows.values()][0]!;
  const appHeader = headerRows(arrange("applications", first).map((d) => d.colLabels));
  appHeader[0]!.unshift({ text: APPLICATIONS_CORNER_NOTE, rowSpan: appHeader.length, head: true });
  const applications: Drawn[][] = [
    ...appHeader,
    ...[...appRows.values()].map((defs) => [
      { text: defs[0]!.rowLabels.at(-1)!, head: true },
      ...values("applications", defs),
    ]),
  ];

  const reviewDefs = layout.tables.review.cells;
  const review: Drawn[][] = [
    ...headerRows(arrange("review", reviewDefs).map((d) => d.colLabels)),
    values("review", reviewDefs),
  ];
  return { proactive, applications, review };
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The report as a published page: its title, sections, narrative and tables. */
export function reportPage(report: Report, opts: PageOptions = {}): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(report.meta.title)}</title></head><body>\n${reportArticle(report, opts)}\n</body></html>`;
}

/** The article of {@link reportPage} alone (to put several on one page). */
export function reportArticle(report: Report, opts: PageOptions = {}): string {
  const tables = grids(report, opts);
  const out = [`<div class="article"><h1>${escapeHtml(report.meta.title)}</h1>`];
  for (const b of report.preamble) out.push(`<p>${escapeHtml(b.text)}</p>`);
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    out.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    for (const b of section.blocks) out.push(`<p>${escapeHtml(b.text)}</p>`);
    if (!s.table) continue;
    out.push("<table>");
    for (const row of tables[s.table]) {
      const cells = row.map((c) => {
        const tag = c.head ? "th" : "td";
        const spans = `${c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ""}${c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ""}`;
        return `<${tag}${spans}>${escapeHtml(c.text)}</${tag}>`;
      });
      out.push(`<tr>${cells.join("")}</tr>`);
    }
    out.push("</table>");
  }
  out.push("</div>");
  return out.join("\n");
}

/** The report's page as a browser copies its text: a table row per line, cells separated by tabs. */
export function reportText(report: Report, opts: PageOptions = {}): string {
  const tables = grids(report, opts);
  const out = [report.meta.title, ...report.preamble.map((b) => b.text)];
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    out.push(section.heading);
    for (const b of section.blocks) out.push(b.text);
    if (!s.table) continue;
    for (const row of tables[s.table]) out.push(row.map((c) => c.text).join("\t"));
  }
  return out.join("\n");
}
