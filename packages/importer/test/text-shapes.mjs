// Text copies of a report in the shapes real ones come in, made from a report by transformations that
// imitate them: a browser's tab-separated copy, Markdown `|` tables with span markers, a PDF viewer's
// reading order (labels apart from their values, values above labels, a table's numbers before its
// labels, row by row or column by column), and a page flattened onto one line by a crawler. The tests
// and `bench/import-text.mjs` use them; `node test/text-shapes.mjs` writes them to
// `test/fixtures/shapes/` (committed: a test checks they are what this file makes).
import { writeFileSync } from "node:fs";
import { EDITION_DEFS, getCell, layoutOf, parseReport, SECTIONS } from "@xxgk/core-model";

/** The cells of a table's official grid, row by row, value cells holding the report's text. */
function grid(report, table) {
  return layoutOf(report.edition).tables[table].rows.map((row) =>
    row.cells.map((c) => ({
      text: c.role === "value" ? getCell(report, c.cell).raw : c.text,
      role: c.role,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
    })),
  );
}

const published = (report) => (report.meta.published ? [`发布日期：${report.meta.published}`] : []);

/** The report's text before and after its tables, as blocks: `[title, …preamble]`, then per section. */
function narrative(report) {
  return {
    head: [report.meta.title, ...published(report), ...report.preamble.map((b) => b.text)],
    sections: SECTIONS.map((s) => ({
      key: s.key,
      table: s.table,
      heading: report.sections[s.key].heading,
      blocks: report.sections[s.key].blocks.map((b) => b.text),
    })),
  };
}

/** A copy made of narrative lines and, in each table's section, the table as `render(table)` writes it. */
function copy(report, render, sep = "\n") {
  const n = narrative(report);
  const out = [...n.head];
  for (const s of n.sections) {
    out.push(s.heading, ...s.blocks);
    if (s.table) out.push(render(s.table));
  }
  return `${out.join(sep)}\n`;
}

/** A table as a browser copies it: a line per row, its cells separated by tabs. */
const tabTable = (report, t) =>
  grid(report, t)
    .map((row) => row.map((c) => c.text).join("\t"))
    .join("\n");

/** A browser's copy of the page: paragraphs on lines, each table row's cells separated by tabs. */
export function tabCopy(report) {
  return copy(report, (t) => tabTable(report, t));
}

/**
 * Markdown from a converter: `|` rows (with outer pipes, or without), a separator row after the first,
 * a merged cell written once with `[cs=n]` / `[rs=n]`, paragraphs separated by blank lines.
 */
export function pipeCopy(report, { outer = true } = {}) {
  const cell = (c) => {
    const marks = [c.rowSpan > 1 ? `[rs=${c.rowSpan}]` : "", c.colSpan > 1 ? `[cs=${c.colSpan}]` : ""];
    return [c.text, ...marks].filter((x) => x !== "").join(" ");
  };
  const line = (cells) => (outer ? `| ${cells.join(" | ")} |` : cells.join(" | "));
  return copy(
    report,
    (t) => {
      const rows = grid(report, t).map((r) => line(r.map(cell)));
      const width = layoutOf(report.edition).tables[t].width;
      return [rows[0], line(Array.from({ length: width }, () => "---")), ...rows.slice(1)].join("\n");
    },
    "\n\n",
  );
}

/** Cuts a label as a narrow PDF column does: at most `width` characters a line. */
const wrap = (text, width) => text.match(new RegExp(`.{1,${width}}`, "gu")) ?? [""];

/** The leaf label of a row of table 三 or 二, and its group label (table 三's （三）…（六）). */
function rowLabels(report, table) {
  const t = layoutOf(report.edition).tables[table];
  return Object.keys(t.shape).map((row) => {
    const def = t.cells.find((d) => d.path[0] === row);
    return {
      row,
      label: def.rowLabels.at(-1),
      group: def.rowLabels.length > 2 ? def.rowLabels[1] : undefined,
    };
  });
}

const values = (report, table, row) =>
  layoutOf(report.edition).tables[table].shape[row].map((c) => getCell(report, `${table}.${row}.${c}`).raw);

/**
 * The text a PDF viewer (or `pdftotext` without `-layout`) gives: the title over two lines, narrative
 * cut into short lines with page numbers among them, every cell on a line of its own between blank
 * lines, header cells cut into pieces — and labels apart from their values where the PDF's columns
 * made it so: table 二's last value above its label; table 三's rows （一）（二） and the last result
 * rows with their values in place but their labels (and the vertical group labels) listed later.
 */
export function pdfCopy(report) {
  const n = narrative(report);
  const organ = report.meta.organ;
  const title = report.meta.title;
  const lines = [];
  const para = (text) => lines.push(...wrap(text, 30));
  const cells = (...xs) => {
    for (const x of xs) lines.push(x, "");
  };
  // The title as the PDF sets it: the organ, then the rest, with a space before 年.
  if (title.startsWith(organ)) lines.push(organ, title.slice(organ.length).replace(/(\d{4})年/, "$1 年"));
  else lines.push(title);
  for (const p of n.head.slice(1)) para(p);
  let page = 1;
  for (const s of n.sections) {
    lines.push(s.heading);
    for (const b of s.blocks) para(b);
    if (s.table === "proactive") {
      const subs = EDITION_DEFS[report.edition].proactive;
      subs.forEach((sub, k) => {
        cells(
          sub.caption.replace("第（", " 第（").replace(/^ /, ""),
          "信息内容",
          ...sub.columns.map((c) => c.label),
        );
        for (const r of sub.rows) {
          const vs = values(report, "proactive", r.key);
          // The last sub-table's value is printed a little above its label.
          if (k === subs.length - 1) cells(...vs, r.label);
          else cells(r.label, ...vs);
        }
        if (k === 1) cells(`-${++page}-`);
      });
    } else if (s.table === "applications") {
      const rows = rowLabels(report, "applications");
      const results = rows.filter(
        (r) =>
          r.row !== "newlyReceived" &&
          r.row !== "carriedOver" &&
          r.row !== "carriedForward" &&
          r.row !== "resultsTotal",
      );
      const early = results.slice(0, 2); // （一）（二）: values in place, labels later
      const late = results.slice(results.findIndex((r) => r.label.startsWith("5.要求"))); // （五）5 … （六）
      const groupOf = (r) => r.group;
      lines.push(
        "申请人情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，",
        "等于第三项加第四项之和）",
        "",
      );
      cells(
        "法人或其他组织",
        "自然人",
        "商业企",
        "业",
        "科研机",
        "构",
        "社会公益",
        "组织",
        "总计",
        "法律服务",
        "其他",
        "",
        "机构",
      );
      const row = (r) => cells(r.label, ...values(report, "applications", r.row));
      row(rows[0]);
      row(rows[1]);
      for (const r of early) cells(...values(report, "applications", r.row));
      const middle = results.slice(2, results.indexOf(late[0]));
      for (const r of middle) row(r);
      // Labels of the rows whose values came earlier, and the vertical group labels, listed together.
      cells(...early.flatMap((r) => wrap(r.label, 20)));
      lines.push("三、", ..."本年度办理", "");
      const groups = [...new Set(middle.map(groupOf).filter(Boolean))];
      for (const g of groups) cells(...wrap(g, 4));
      cells(`-${++page}-`);
      for (const r of late) cells(...values(report, "applications", r.row));
      row(rows.find((r) => r.row === "resultsTotal"));
      row(rows.find((r) => r.row === "carriedForward"));
      for (const g of [...new Set(late.map(groupOf).filter(Boolean))]) cells(...wrap(g, 4));
      for (const r of late) cells(...wrap(r.label, 14));
    } else if (s.table === "review") {
      cells("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉");
      cells("结果", "维持", "结果", "纠正", "其他", "结果", "尚未", "审结", "总计");
      const v = layoutOf(report.edition).tables.review.cells.map((d) => getCell(report, d.key).raw);
      cells(...v);
    }
  }
  lines.push(`-${++page}-`);
  return `${lines.join("\n")}\n`;
}

/**
 * The text `pdftotext -layout` gives: a row on one line, its label and values apart by spaces — but a
 * label too long for its column wrapped in it, the row's values at the cell's middle: on a line of their
 * own between the label's two lines, on the middle one of three; and table 三's group labels written
 * down their narrow column, their pieces on lines of their own among the rows' lines.
 */
export function layoutCopy(report) {
  const spaced = (label, vs) => `${label}        ${vs.join("        ")}`;
  return copy(report, (t) => {
    if (t !== "applications") {
      return grid(report, t)
        .map((row) => {
          const texts = row.map((c) => c.text);
          return row.some((c) => c.role === "value")
            ? spaced(
                texts.filter((_, k) => row[k].role !== "value").join(" "),
                texts.filter((_, k) => row[k].role === "value"),
              )
            : texts.join("    ");
        })
        .join("\n");
    }
    // The header's rows as they stand, cells apart by spaces.
    const out = grid(report, t)
      .filter((row) => row.every((c) => c.role !== "value") && row.some((c) => c.text !== ""))
      .map((row) => row.map((c) => c.text).join("    "))
      .slice(0, 3);
    const pieces = new Map();
    for (const r of rowLabels(report, t)) {
      if (r.group && !pieces.has(r.group)) pieces.set(r.group, wrap(r.group, 4));
      const group = r.group ? pieces.get(r.group) : [];
      const vs = values(report, t, r.row);
      const lines = wrap(r.label, 14);
      if (group.length > 0) out.push(`    ${group.shift()}`);
      if (lines.length === 1) out.push(spaced(`        ${lines[0]}`, vs));
      else if (lines.length === 2)
        out.push(`        ${lines[0]}`, spaced("                ", vs), `        ${lines[1]}`);
      else
        out.push(
          `        ${lines[0]}`,
          spaced(`        ${lines[1]}`, vs),
          ...lines.slice(2).map((l) => `        ${l}`),
        );
      out.push("");
    }
    return out.join("\n");
  });
}

/**
 * A PDF copy whose table 三 comes as all its numbers first, one per line, then all its row labels —
 * the numbers listed row by row (`by: "rows"`) or column by column (`by: "columns"`).
 */
export function numbersFirstCopy(report, { by = "rows" } = {}) {
  return copy(report, (t) => {
    if (t !== "applications") return tabTable(report, t);
    const rows = rowLabels(report, t);
    const table = rows.map((r) => values(report, t, r.row));
    const nums = by === "rows" ? table.flat() : table[0].flatMap((_, c) => table.map((vs) => vs[c]));
    return [...nums, ...rows.map((r) => r.label)].join("\n");
  });
}

/** A page a crawler kept with every tag removed: one line, cells run together without separators. */
export function flatCopy(report) {
  return `${copy(
    report,
    (t) =>
      grid(report, t)
        .flat()
        .map((c) => c.text)
        .join(""),
    "",
  ).replace(/\n/g, "")}\n`;
}

/** A copy whose paragraphs kept their lines but whose tables each ran together onto one line. */
export function flatTablesCopy(report) {
  return copy(report, (t) =>
    grid(report, t)
      .flat()
      .map((c) => c.text)
      .join(""),
  );
}

/** The title variations real copies have, on a copy in the seed's shape (`tabCopy`). */
export const TITLE_SHAPES = {
  /** A field label before the title. */
  label: (report) => tabCopy(report).replace(report.meta.title, `标 题：${report.meta.title}`),
  /** The title over two lines: the organ, then the year and the rest. */
  twoLines: (report) =>
    tabCopy(report).replace(
      report.meta.title,
      report.meta.title.replace(report.meta.organ, `${report.meta.organ}\n`),
    ),
  /** A site's lines before the title. */
  fifthLine: (report) => `当前位置：首页 > 政务公开 > 年度报告\n\n字号：大 中 小\n\n${tabCopy(report)}`,
  /** Full-width digits in the title's year. */
  fullWidth: (report) =>
    tabCopy(report).replace(
      report.meta.title,
      report.meta.title.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
    ),
  /** No year in the title; the preamble states the statistical period. */
  noYear: (report) =>
    tabCopy(report).replace(
      report.meta.title,
      `${report.meta.title.replace(/\d{4}年度?/, "")}\n本报告所列数据的统计期限自${report.meta.year}年1月1日起至${report.meta.year}年12月31日止。`,
    ),
  /** A sentence holding a title-like phrase comes first; the title itself is not in the copy. */
  sentence: (report) =>
    tabCopy(report).replace(
      report.meta.title,
      `根据《中华人民共和国政府信息公开条例》规定，现将我办${report.meta.year}年政府信息公开工作年度报告公布如下：`,
    ),
};

/** Every shape of one report, by file name suffix. */
export function shapesOf(report) {
  return {
    tab: tabCopy(report),
    pipe: pipeCopy(report, { outer: report.edition === "2021" }),
    pdf: pdfCopy(report),
    layout: layoutCopy(report),
    "numbers-first": numbersFirstCopy(report, { by: "rows" }),
    "columns-first": numbersFirstCopy(report, { by: "columns" }),
    flat: flatCopy(report),
    "flat-tables": flatTablesCopy(report),
  };
}

/** The examples the fixtures are made from. */
export const EXAMPLES = ["wulin-2020", "example-2021"];

/** A core-model example, parsed. */
export async function example(name) {
  const { readFileSync } = await import("node:fs");
  const { createRequire } = await import("node:module");
  const path = createRequire(import.meta.url).resolve(`@xxgk/core-model/examples/${name}.json`);
  const parsed = parseReport(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.report;
}

/** Every fixture file: `<example>.<shape>.txt`, and the title shapes of the seed. */
export async function fixtureFiles() {
  const out = {};
  for (const name of EXAMPLES) {
    const report = await example(name);
    for (const [shape, text] of Object.entries(shapesOf(report))) out[`${name}.${shape}.txt`] = text;
  }
  const seed = await example("wulin-2020");
  for (const [shape, make] of Object.entries(TITLE_SHAPES)) out[`wulin-2020.title-${shape}.txt`] = make(seed);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL("./fixtures/shapes/", import.meta.url);
  for (const [file, text] of Object.entries(await fixtureFiles())) writeFileSync(new URL(file, dir), text);
}
