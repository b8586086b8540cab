// Plain view models for the templates. Everything that depends only on the edition (labels, spans, ids,
// headers lists) is built once per edition and id prefix and cached; a render only fills in values.
import {
  BLANK,
  type Block,
  type CellStatus,
  CONTACT_FIELDS,
  chineseDate,
  type EditionId,
  type GridCell,
  type GridRow,
  layoutOf,
  type Report,
  SECTIONS,
  type SectionKey,
  type TableId,
} from "@xxgk/core-model";
import type HandlebarsType from "handlebars";
import { run, trusted } from "./_handlebars.js";
import type { FindingMark } from "./types.js";

interface HeadView {
  readonly isHead: true;
  readonly isValue: false;
  readonly id: string;
  readonly scope: string;
  readonly headers: string;
  readonly rowSpan: number | false;
  readonly colSpan: number | false;
  readonly cls: string;
  readonly text: string;
}

interface NoteView {
  readonly isHead: false;
  readonly isValue: false;
  readonly rowSpan: number | false;
  readonly colSpan: number | false;
  readonly text: string;
}

/** A value cell's fixed part; a render adds `raw`, `status` and `mark`. */
interface SlotView {
  readonly isHead: false;
  readonly isValue: true;
  readonly key: string;
  readonly table: TableId;
  readonly path: readonly [string, string];
  readonly headers: string;
  readonly colSpan: number | false;
}

interface MarkView {
  readonly id: string;
  readonly severity: FindingMark["severity"];
  readonly describedBy: string;
}

interface ValueView extends SlotView {
  readonly raw: string;
  readonly status: CellStatus;
  readonly mark: MarkView | false;
}

type StaticCell = HeadView | NoteView | SlotView;

interface StaticRow {
  readonly cells: readonly StaticCell[];
  /** Whether any cell is a value slot (rows without one are shared between renders as they are). */
  readonly hasValues: boolean;
}

interface StaticGroup {
  readonly tag: "thead" | "tbody";
  readonly rows: readonly StaticRow[];
}

interface StaticTable {
  readonly id: TableId;
  readonly edition: EditionId;
  readonly domId: string;
  readonly captionId: string;
  readonly caption: string;
  readonly groups: readonly StaticGroup[];
}

const span = (n: number): number | false => (n > 1 ? n : false);

function staticCell(cell: GridCell, prefix: string, table: TableId, edition: EditionId): StaticCell {
  const headers = cell.headers.map((h) => prefix + h).join(" ");
  if (cell.role === "value") {
    const def = layoutOf(edition).byKey.get(cell.cell!)!;
    return {
      isHead: false,
      isValue: true,
      key: def.key,
      table,
      path: def.path,
      headers,
      colSpan: span(cell.colSpan),
    };
  }
  if (cell.role === "corner" || cell.id === undefined) {
    return {
      isHead: false,
      isValue: false,
      rowSpan: span(cell.rowSpan),
      colSpan: span(cell.colSpan),
      text: cell.text,
    };
  }
  return {
    isHead: true,
    isValue: false,
    id: prefix + cell.id,
    scope: cell.scope ?? (cell.role === "rowhead" ? "row" : "col"),
    headers,
    rowSpan: span(cell.rowSpan),
    colSpan: span(cell.colSpan),
    cls: `xxgk-${cell.role}`,
    text: cell.text,
  };
}

/** Head rows in one thead; body rows in tbodies, a new one at each sub-table caption (table 二). */
function groupRows(rows: readonly GridRow[], toRow: (r: GridRow) => StaticRow): StaticGroup[] {
  const groups: { tag: "thead" | "tbody"; rows: StaticRow[] }[] = [];
  for (const row of rows) {
    const tag = row.part === "head" ? "thead" : "tbody";
    const startsSubTable = row.cells[0]?.role === "caption";
    const last = groups.at(-1);
    if (last && last.tag === tag && !startsSubTable) last.rows.push(toRow(row));
    else groups.push({ tag, rows: [toRow(row)] });
  }
  return groups;
}

const tableCache = new Map<string, StaticTable>();

function staticTable(edition: EditionId, table: TableId, prefix: string): StaticTable {
  const cacheKey = `${edition}\u0000${table}\u0000${prefix}`;
  const hit = tableCache.get(cacheKey);
  if (hit) return hit;
  const layout = layoutOf(edition).tables[table];
  const built: StaticTable = {
    id: table,
    edition,
    domId: `${prefix}table-${table}`,
    captionId: `${prefix}table-${table}-caption`,
    caption: layout.section.label,
    groups: groupRows(layout.rows, (row) => {
      const cells = row.cells.map((c) => staticCell(c, prefix, table, edition));
      return { cells, hasValues: cells.some((c) => c.isValue) };
    }),
  };
  tableCache.set(cacheKey, built);
  return built;
}

const SEVERITY_RANK: Readonly<Record<FindingMark["severity"], number>> = { error: 3, warning: 2, info: 1 };
const SEVERITY_LABEL: Readonly<Record<FindingMark["severity"], string>> = {
  error: "错误",
  warning: "警告",
  info: "提示",
};

interface MarkAcc {
  severity: FindingMark["severity"];
  ids: string[];
}

interface Marks {
  readonly cells: ReadonlyMap<string, MarkView>;
  readonly sections: ReadonlyMap<SectionKey, FindingMark["severity"]>;
  readonly list: FindingsView | false;
}

interface FindingItemView {
  readonly id: string;
  readonly severity: FindingMark["severity"];
  readonly severityLabel: string;
  readonly pointer: string;
  readonly target: string | false;
  readonly where: string;
  readonly message: string;
  readonly code: string | false;
}

interface FindingsView {
  readonly headingId: string;
  readonly heading: string;
  readonly items: readonly FindingItemView[];
}

function within(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

function add(acc: Map<string, MarkAcc>, key: string, severity: FindingMark["severity"], id: string): void {
  const m = acc.get(key);
  if (!m) acc.set(key, { severity, ids: [id] });
  else {
    m.ids.push(id);
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[m.severity]) m.severity = severity;
  }
}

const NO_MARKS: Marks = { cells: new Map(), sections: new Map(), list: false };

/**
 * Places findings: a pointer naming a cell marks it; one naming a row or table (`/tables/review`) marks
 * its cells, or only the `cells` it lists (a summary of a table's blank cells); one inside a section
 * (`/sections/problems/blocks/0`) marks the section. Every finding is listed, in the order given,
 * whether or not it could be placed.
 */
function placeFindings(report: Report, findings: readonly FindingMark[], prefix: string): Marks {
  if (findings.length === 0) return NO_MARKS;
  const layout = layoutOf(report.edition);
  const cellAcc = new Map<string, MarkAcc>();
  const sectionAcc = new Map<string, MarkAcc>();
  const items = findings.map((f, i): FindingItemView => {
    const id = `${prefix}finding-${i + 1}`;
    const exact = layout.byPointer.get(f.pointer);
    const cells = f.cells
      ? f.cells.flatMap((p) => layout.byPointer.get(p) ?? [])
      : exact
        ? [exact]
        : f.pointer.startsWith("/tables/")
          ? layout.cells.filter((c) => within(c.pointer, f.pointer))
          : [];
    for (const c of cells) add(cellAcc, c.key, f.severity, id);
    const section = SECTIONS.find((s) => within(f.pointer, `/sections/${s.key}`));
    if (section) add(sectionAcc, section.key, f.severity, id);
    let target: string | false = false;
    let where = f.pointer === "" ? "全文" : f.pointer;
    if (cells.length > 0) {
      const first = cells[0]!;
      const tableLabel = layout.tables[first.table].section.label;
      target = `${prefix}cell-${first.key}`;
      where =
        exact && !f.cells
          ? `表${layout.tables[first.table].section.numeral}：${[...first.rowLabels, ...first.colLabels].join(" / ")}`
          : tableLabel;
    } else if (section) {
      target = `${prefix}${section.key}`;
      where = report.sections[section.key].heading || section.label;
    }
    return {
      id,
      severity: f.severity,
      severityLabel: SEVERITY_LABEL[f.severity],
      pointer: f.pointer,
      target,
      where,
      message: f.message,
      code: f.code ?? false,
    };
  });
  const cellMarks = new Map<string, MarkView>();
  for (const [key, m] of cellAcc) {
    cellMarks.set(key, { id: `${prefix}cell-${key}`, severity: m.severity, describedBy: m.ids.join(" ") });
  }
  const sections = new Map<SectionKey, FindingMark["severity"]>();
  for (const [key, m] of sectionAcc) sections.set(key as SectionKey, m.severity);
  return {
    cells: cellMarks,
    sections,
    list: { headingId: `${prefix}findings`, heading: `检查结果（${findings.length}条）`, items },
  };
}

/** The view of one table for the `table` template: the cached static table with values filled in. */
function tableView(
  edition: EditionId,
  table: TableId,
  prefix: string,
  fill: (c: StaticCell) => StaticCell | ValueView,
) {
  const t = staticTable(edition, table, prefix);
  return {
    id: t.id,
    edition: t.edition,
    domId: t.domId,
    captionId: t.captionId,
    caption: t.caption,
    groups: t.groups.map((g) => ({
      tag: g.tag,
      rows: g.rows.map((r) => (r.hasValues ? { cells: r.cells.map(fill) } : r)),
    })),
  };
}

function valueFiller(report: Report, table: TableId, marks: Marks) {
  const cells = report.tables[table];
  return (c: StaticCell): StaticCell | ValueView => {
    if (!c.isValue) return c;
    const cell = cells[c.path[0]]?.[c.path[1]] ?? BLANK;
    return { ...c, raw: cell.raw, status: cell.status, mark: marks.cells.get(c.key) ?? false };
  };
}

/**
 * A table rendered once per edition and id prefix by the `table` template with placeholder values, and
 * cut at the values: what lies between them is fixed markup (official labels, ids, headers lists), so a
 * render only has to put in each value's status, mark and text (`tableFast`). Rendering every header cell
 * through Handlebars on every call would cost ten times more (bench/render-html).
 */
interface Skeleton {
  /** Markup before each value cell's `data-status` value, in document order. */
  readonly pre: readonly HandlebarsType.SafeString[];
  readonly post: HandlebarsType.SafeString;
  readonly slots: readonly SlotView[];
}

// Neither can occur in a core-model label or a validated id prefix.
const STATUS_MARK = "\u0000status";
const RAW_MARK = "\u0000raw";
const skeletonCache = new Map<string, Skeleton>();

function skeleton(edition: EditionId, table: TableId, prefix: string): Skeleton {
  const cacheKey = `${edition}\u0000${table}\u0000${prefix}`;
  const hit = skeletonCache.get(cacheKey);
  if (hit) return hit;
  const t = staticTable(edition, table, prefix);
  const slots = t.groups.flatMap((g) =>
    g.rows.flatMap((r) => r.cells.filter((c): c is SlotView => c.isValue)),
  );
  const html = run(
    "table",
    tableView(edition, table, prefix, (c) =>
      c.isValue ? { ...c, raw: RAW_MARK, status: STATUS_MARK as CellStatus, mark: false } : c,
    ),
  );
  const parts = html.split(`${STATUS_MARK}">${RAW_MARK}</td>`);
  if (parts.length !== slots.length + 1) {
    throw new Error(
      `internal: the ${edition} ${table} skeleton has ${parts.length - 1} value cells, not ${slots.length}`,
    );
  }
  const built: Skeleton = { pre: parts.slice(0, -1).map(trusted), post: trusted(parts.at(-1)!), slots };
  skeletonCache.set(cacheKey, built);
  return built;
}

/** The view of one table for the `tableFast` template: the skeleton plus this report's values. */
function fastTableView(report: Report, table: TableId, prefix: string, marks: Marks) {
  const sk = skeleton(report.edition, table, prefix);
  const cells = report.tables[table];
  const marked = marks !== NO_MARKS;
  const parts = new Array(sk.slots.length);
  for (let i = 0; i < sk.slots.length; i++) {
    const slot = sk.slots[i]!;
    const cell = cells[slot.path[0]]?.[slot.path[1]] ?? BLANK;
    parts[i] = {
      pre: sk.pre[i],
      status: cell.status,
      raw: cell.raw,
      mark: marked ? (marks.cells.get(slot.key) ?? false) : false,
    };
  }
  return { marked, parts, post: sk.post };
}

const blockView = (b: Block) => ({ isHeading: b.type === "heading", text: b.text });

/** Options the views need, already defaulted. */
export interface ViewOptions {
  readonly prefix: string;
  readonly findings: readonly FindingMark[];
  readonly inlineCss: boolean;
  readonly json: unknown;
}

/** The view of a whole report (the `report` template). */
export function reportView(report: Report, o: ViewOptions) {
  const marks = placeFindings(report, o.findings, o.prefix);
  const { meta } = report;
  const contact = meta.contact
    ? CONTACT_FIELDS.flatMap(([k, label]) => {
        const value = meta.contact?.[k];
        return value === undefined ? [] : [{ label, value }];
      })
    : [];
  return {
    edition: report.edition,
    year: meta.year,
    title: meta.title,
    organ: meta.organ,
    inlineCss: o.inlineCss,
    findings: marks.list,
    preamble: report.preamble.map(blockView),
    sections: SECTIONS.map((s) => ({
      key: s.key,
      id: o.prefix + s.key,
      headingId: `${o.prefix}${s.key}-heading`,
      heading: report.sections[s.key].heading,
      mark: marks.sections.get(s.key) ?? false,
      blocks: report.sections[s.key].blocks.map(blockView),
      table: s.table ? fastTableView(report, s.table, o.prefix, marks) : false,
    })),
    published: meta.published ? { iso: meta.published, text: chineseDate(meta.published) } : false,
    contact: contact.length > 0 ? contact : false,
    json: o.json,
    jsonId: `${o.prefix}report`,
  };
}

/** The view of one table alone (the `tableFast` template). */
export function singleTableView(
  report: Report,
  table: TableId,
  prefix: string,
  findings: readonly FindingMark[],
) {
  return fastTableView(report, table, prefix, placeFindings(report, findings, prefix));
}

/**
 * The same table rendered the plain way, every cell through the `table` template (tests check that the
 * fast path gives exactly this).
 */
export function referenceTableHtml(
  report: Report,
  table: TableId,
  prefix: string,
  findings: readonly FindingMark[],
): string {
  const marks = placeFindings(report, findings, prefix);
  return run("table", tableView(report.edition, table, prefix, valueFiller(report, table, marks)));
}
