#!/usr/bin/env node
import { readFileSync } from "node:fs";
// Makes the Word fixtures that imitate documents as offices make them, once; the files are committed.
//   node scripts/docx-fixtures.mjs   (after `pnpm build`; needs LibreOffice's soffice) writes test/fixtures/docx/
//
// - office-2021.docx, office-2019.docx: office-style pages (a letterhead, bold headings, the three tables
//   with labels split over runs of different fonts and over two paragraphs, values with a second, blank
//   paragraph or their unit on a line of its own, table 二 as separate small tables, table 三 broken by a
//   page break and continued with its header rows repeated, or with the header rows repeated inside the
//   table) converted from HTML to DOCX by LibreOffice — which writes merged cells as `w:gridSpan` and
//   `w:vMerge restart/continue` as Word does, and the header rows as `w:tblHeader`.
// - draft-2021.docx: the 2021 page as a draft under review, by editing the XML LibreOffice wrote: a cell
//   value changed and a sentence added and deleted as tracked changes, a paragraph mark deleted (two
//   paragraphs joined), a table row deleted, a formatting change, two comments.
//   draft-2021-libreoffice.docx: that draft opened and saved again by LibreOffice, as an office program
//   writes tracked changes and comments.
// - split-2019.docx: the 2019 page with every run split into runs of one or two characters (as Word leaves
//   text after edits: revision ids, spell-check marks, bookmarks, rendered page breaks between them) and
//   its vertical merges written as Word writes them (`<w:vMerge/>` for continue).
// Each `<name>.expected.json` holds the report the document states (core-model's document form, the
// tracked changes accepted) and the diagnostics its import must give.
// The tables come from core-model's layout: this script types no official label.
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import {
  defaultTitle,
  getCell,
  layoutOf,
  parseReport,
  SECTIONS,
  setCell,
  toDocument,
} from "@xxgk/core-model";
import { convertWithLibreOffice } from "@xxgk/render-contract/libreoffice";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

const require = createRequire(import.meta.url);
const OUT = new URL("../test/fixtures/docx/", import.meta.url);
const DOCX = "docx:MS Word 2007 XML";

const example = (name) => {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`core-model's example ${name} does not parse`);
  return parsed.report;
};

/** A report of another organ and year, some cells as offices write them: blank, `-`, a unit. */
function officeReport(base, organ, year, cells) {
  let report = {
    ...base,
    meta: { organ, year, title: defaultTitle(organ, year) },
  };
  for (const [key, value] of Object.entries(cells)) report = setCell(report, key, value);
  return report;
}

const REPORT_2021 = officeReport(example("example-2021"), "江南市滨河区市场监督管理局", 2025, {
  "proactive.regulations.issued": "-",
  "proactive.regulations.repealed": "-",
  "proactive.regulations.inForce": "-",
  "applications.stateSecret.research": "",
  "applications.otherReasons.otherOrg": "",
});
const REPORT_2019 = officeReport(example("wulin-2020"), "云溪县青石镇人民政府", 2020, {
  "proactive.regulations.made": "-",
  "proactive.procurement.amount": "12.5万元",
  "applications.queryMatters.legalServices": "",
});

const NUMBER_2021 = "滨市监〔2026〕3号";
const NUMBER_2019 = "青政〔2021〕2号";
const HEADING_VARIANT = [
  { code: "heading-variant", severity: "info", pointer: "/sections/problems/heading" },
];

const esc = (s) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/**
 * A label as an office types it: in two runs of different fonts (Word starts a run wherever the font,
 * the language or the revision changes), every third long one over two paragraphs.
 */
function labelHtml(text, n) {
  const at = text.includes("）") ? text.indexOf("）") + 1 : Math.ceil(text.length / 2);
  const [a, b] = [text.slice(0, at), text.slice(at)];
  if (b === "") return `<span style="font-family:'仿宋_GB2312'">${esc(a)}</span>`;
  if (n % 3 === 0 && text.length > 10) return `<p>${esc(a)}</p><p>${esc(b)}</p>`;
  return `<span style="font-family:'Times New Roman'">${esc(a)}</span><span style="font-family:'仿宋_GB2312'">${esc(b)}</span>`;
}

/** A value as typed: a unit on its own line, or an empty paragraph after it now and then. */
function valueHtml(raw, n) {
  const unit = /^([\d.]+)([^\d.]+)$/.exec(raw);
  if (unit) return `<p>${esc(unit[1])}</p><p>${esc(unit[2])}</p>`;
  if (raw !== "" && n % 7 === 0) return `<p>${esc(raw)}</p><p>&nbsp;</p>`;
  return esc(raw);
}

/** Each grid cell of a table with the grid column it starts in. */
function placed(rows) {
  const taken = rows.map(() => []);
  return rows.map((row, r) => {
    let c = 0;
    return row.cells.map((cell) => {
      while (taken[r][c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) if (taken[r + dr]) taken[r + dr][c + dc] = true;
      }
      const at = { cell, row: r, col: c };
      c += cell.colSpan;
      return at;
    });
  });
}

/**
 * Rows `[from, to)` of a table as HTML rows. A merged cell that starts above `from` is cut as Word cuts it
 * when a table is split: an empty cell spans the rest.
 */
function rowsHtml(report, rows, from, to, counter, override = () => undefined) {
  const grid = placed(rows);
  const out = [];
  for (let r = from; r < to; r++) {
    const cells = grid[r].map((p) => ({ ...p, span: Math.min(p.cell.rowSpan, to - r) }));
    if (r === from) {
      for (let above = 0; above < from; above++) {
        for (const p of grid[above]) {
          if (above + p.cell.rowSpan > from) {
            cells.push({
              cell: { ...p.cell, text: "", role: "corner" },
              col: p.col,
              span: Math.min(above + p.cell.rowSpan, to) - from,
            });
          }
        }
      }
      cells.sort((x, y) => x.col - y.col);
    }
    const tds = cells.map(({ cell, span }) => {
      const n = counter.n++;
      const attrs = `${span > 1 ? ` rowspan="${span}"` : ""}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ""}`;
      const raw = cell.role === "value" ? getCell(report, cell.cell).raw : undefined;
      const body =
        (raw === undefined ? undefined : override(cell.cell, raw)) ??
        (raw !== undefined ? valueHtml(raw, n) : cell.text === "" ? "" : labelHtml(cell.text, n));
      return `<td${attrs}>${body}</td>`;
    });
    out.push(`<tr>${tds.join("")}</tr>`);
  }
  return out;
}

const TABLE = '<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">';

/** Table 二 as one small table per 第二十条 item, as many offices lay it out. */
function proactiveHtml(report, counter) {
  const rows = layoutOf(report.edition).tables.proactive.rows;
  const starts = rows.flatMap((r, i) => (r.cells[0].role === "caption" ? [i] : []));
  return starts
    .map(
      (s, k) =>
        `${TABLE}${rowsHtml(report, rows, s, starts[k + 1] ?? rows.length, counter).join("")}</table><p></p>`,
    )
    .join("");
}

/**
 * Table 三 with its header rows as Word's repeating header rows. `break`: broken by a page break before
 * this row and continued in a second table that starts with the header rows again; `repeat`: the header
 * rows typed again inside the table before this row (a table broken by hand).
 */
function applicationsHtml(report, counter, opts) {
  const t = layoutOf(report.edition).tables.applications;
  const heads = t.rows.filter((r) => r.part === "head").length;
  const head = `<thead>${rowsHtml(report, t.rows, 0, heads, counter).join("")}</thead>`;
  if (opts.break !== undefined) {
    const first = rowsHtml(report, t.rows, heads, opts.break, counter, opts.override);
    const rest = rowsHtml(report, t.rows, opts.break, t.rows.length, counter, opts.override);
    const inserted = opts.insertRow ?? "";
    return `${TABLE}${head}<tbody>${first.join("")}${inserted}</tbody></table><p style="page-break-before:always"></p>${TABLE}<tbody>${rowsHtml(report, t.rows, 0, heads, counter).join("")}${rest.join("")}</tbody></table>`;
  }
  const before = rowsHtml(report, t.rows, heads, opts.repeat, counter);
  const again = rowsHtml(report, t.rows, 0, heads, counter);
  const after = rowsHtml(report, t.rows, opts.repeat, t.rows.length, counter);
  return `${TABLE}${head}<tbody>${before.join("")}${again.join("")}${after.join("")}</tbody></table>`;
}

function reviewHtml(report, counter) {
  const t = layoutOf(report.edition).tables.review;
  const heads = t.rows.filter((r) => r.part === "head").length;
  return `${TABLE}<thead>${rowsHtml(report, t.rows, 0, heads, counter).join("")}</thead><tbody>${rowsHtml(report, t.rows, heads, t.rows.length, counter).join("")}</tbody></table>`;
}

const para = (text) => `<p style="text-indent:2em;font-family:'仿宋_GB2312'">${text}</p>`;

/**
 * An office's report as a page: letterhead, title, preamble, the six sections (headings in bold 黑体,
 * sub-headings in 楷体), the tables, the sign-off. `edit(section, i, html)` lets the draft rewrite a block.
 */
function officePage(report, opts) {
  const counter = { n: 1 };
  const { organ, year } = report.meta;
  const edit = opts.edit ?? ((_s, _i, html) => html);
  const parts = [
    `<p align="center" style="color:#c00000;font-size:28pt;font-family:'方正小标宋简体'">${esc(organ)}</p>`,
    `<p align="center" style="font-family:'仿宋_GB2312'">${esc(opts.number)}</p>`,
    opts.titleBreak
      ? `<p align="center" style="font-size:22pt;font-family:'方正小标宋简体'">${esc(organ)}<br>${year}年政府信息公开工作年度报告</p>`
      : `<p align="center" style="font-size:22pt;font-family:'方正小标宋简体'">${esc(report.meta.title)}</p>`,
    ...report.preamble.map((b) => para(esc(b.text))),
  ];
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    parts.push(`<p style="font-family:'黑体'"><b>${esc(section.heading)}</b></p>`);
    section.blocks.forEach((b, i) => {
      const html =
        b.type === "heading" ? `<p style="font-family:'楷体_GB2312'">${esc(b.text)}</p>` : para(esc(b.text));
      parts.push(edit(s.key, i, html, b));
    });
    if (s.table === "proactive") parts.push(proactiveHtml(report, counter));
    if (s.table === "applications") parts.push(applicationsHtml(report, counter, opts.applications));
    if (s.table === "review") parts.push(reviewHtml(report, counter));
  }
  parts.push(`<p align="right">${esc(organ)}</p>`, `<p align="right">${year + 1}年1月20日</p>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(report.meta.title)}</title></head><body>${parts.join("\n")}</body></html>`;
}

// ---- the draft: tokens in the page, turned into tracked changes and comments in the XML ----

const AUTHOR = 'w:author="审核人" w:date="2026-01-12T09:30:00Z"';
const TOKEN_STYLE = "color:#0000fe";
const token = (kind, text = "") => `<span style="${TOKEN_STYLE}">⟦${kind}:${esc(text)}⟧</span>`;

/** The accepted report of the draft and the page that marks its changes. */
function draft() {
  const base = REPORT_2021;
  const key = "applications.newlyReceived.naturalPerson";
  const value = getCell(base, key).raw;
  const old = String(Number(value) + 2);
  // What the draft says once every change is accepted.
  const overview = base.sections.overview.blocks;
  const added = "另有12条政策解读同步发布。";
  const removed = "（初稿数据待核）";
  const joinedA = "下一步，我局将丰富图解、视频等解读形式，";
  const joinedB = "推进基层政务公开标准目录动态调整。";
  let accepted = structuredClone(base);
  accepted.sections.overview.blocks[2] = { type: "paragraph", text: `${overview[2].text}${added}` };
  accepted.sections.problems.blocks = [
    base.sections.problems.blocks[0],
    { type: "paragraph", text: `${joinedA}${joinedB}` },
  ];
  accepted = parseOrThrow(accepted);
  const page = officePage(
    {
      ...base,
      sections: {
        ...base.sections,
        problems: {
          ...base.sections.problems,
          blocks: [
            base.sections.problems.blocks[0],
            { type: "paragraph", text: joinedA },
            { type: "paragraph", text: joinedB },
          ],
        },
      },
    },
    {
      number: NUMBER_2021,
      titleBreak: true,
      applications: {
        break: 18,
        insertRow: `<tr><td colspan="3">${token("rowdel")}其中：当面申请</td>${"<td>1</td>".repeat(7)}</tr>`,
        override: (cellKey) =>
          cellKey === key
            ? `${token("del", old)}${token("ins", value)}${token("comment", "此数与台账不一致，请核对")}`
            : undefined,
      },
      edit: (section, i, html, block) => {
        if (section === "overview" && i === 2)
          return para(`${esc(block.text)}${token("del", removed)}${token("ins", added)}`);
        if (section === "overview" && i === 4)
          return para(
            `${esc(block.text.slice(0, 10))}${token("fmt", block.text.slice(10, 14))}${esc(block.text.slice(14))}`,
          );
        if (section === "problems" && i === 0)
          return para(`${esc(block.text)}${token("comment", "请补充具体问题")}`);
        if (section === "problems" && i === 1) return para(`${esc(block.text)}${token("pdel")}`);
        return html;
      },
    },
  );
  if (!page.includes(`⟦del:${old}⟧`)) throw new Error("the draft's changed cell was not found");
  return { accepted, page };
}

function parseOrThrow(report) {
  const parsed = parseReport(JSON.parse(JSON.stringify(report)));
  if (!parsed.ok) throw new Error(`invalid report: ${JSON.stringify(parsed.issues[0])}`);
  return parsed.report;
}

// The page's tokens are coloured 0000FE; LibreOffice splits a run where the script changes (CJK / Latin),
// so the token runs are joined again before the tokens are read.
const TOKEN_RUN =
  /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*?0000FE(?:(?!<\/w:rPr>).)*?<\/w:rPr>)<w:t(?: [^>]*)?>([^<]*)<\/w:t><\/w:r>/gs;
const ADJACENT_TOKEN_RUNS =
  /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*?0000FE(?:(?!<\/w:rPr>).)*?<\/w:rPr>)<w:t(?: [^>]*)?>([^<]*)<\/w:t><\/w:r><w:r><w:rPr>(?:(?!<\/w:rPr>).)*?0000FE(?:(?!<\/w:rPr>).)*?<\/w:rPr><w:t(?: [^>]*)?>([^<]*)<\/w:t><\/w:r>/s;

/** The draft's tokens as tracked changes and comments; returns the package and what was marked. */
function markChanges(files) {
  let xml = strFromU8(files["word/document.xml"]);
  for (let m = ADJACENT_TOKEN_RUNS.exec(xml); m; m = ADJACENT_TOKEN_RUNS.exec(xml)) {
    xml = `${xml.slice(0, m.index)}<w:r>${m[1]}<w:t xml:space="preserve">${m[2]}${m[3]}</w:t></w:r>${xml.slice(m.index + m[0].length)}`;
  }
  let id = 100;
  const comments = [];
  const marked = { inserted: 0, deleted: 0, formatted: 0, comments: 0 };
  const rPrOf = (inner) => /<w:rPr>.*?<\/w:rPr>|<w:rPr\/>/s.exec(inner)?.[0] ?? "";
  const tokenXml = (rPr, kind, text) => {
    switch (kind) {
      case "del":
        marked.deleted++;
        return `<w:del w:id="${id++}" ${AUTHOR}><w:r>${rPr}<w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`;
      case "ins":
        marked.inserted++;
        return `<w:ins w:id="${id++}" ${AUTHOR}><w:r>${rPr}<w:t xml:space="preserve">${text}</w:t></w:r></w:ins>`;
      case "fmt":
        marked.formatted++;
        return `<w:r><w:rPr><w:b/><w:rPrChange w:id="${id++}" ${AUTHOR}><w:rPr/></w:rPrChange></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
      case "comment": {
        const c = comments.length;
        comments.push(text);
        marked.comments++;
        return `<w:commentRangeStart w:id="${c}"/><w:commentRangeEnd w:id="${c}"/><w:r><w:commentReference w:id="${c}"/></w:r>`;
      }
      case "pdel":
        return "<!--pdel-->";
      case "rowdel":
        return "<!--rowdel-->";
      default:
        throw new Error(`unknown token ${kind}`);
    }
  };
  xml = xml.replace(TOKEN_RUN, (_m, rPrWithColour, text) => {
    const rPr = rPrWithColour.replace(/<w:color [^>]*\/>/, "");
    return text.replace(/⟦(\w+):([^⟧]*)⟧|([^⟦]+)/g, (_t, kind, inner, plain) =>
      plain === undefined
        ? tokenXml(rPr, kind, inner)
        : `<w:r>${rPr}<w:t xml:space="preserve">${plain}</w:t></w:r>`,
    );
  });
  // A deleted paragraph mark: the paragraph joins the next one when the change is accepted.
  xml = xml.replace(/<w:p>((?:(?!<\/w:p>).)*?)<!--pdel-->((?:(?!<\/w:p>).)*?)<\/w:p>/gs, (_m, a, b) => {
    marked.deleted++;
    const mark = `<w:del w:id="${id++}" ${AUTHOR}/>`;
    const p = `${a}${b}`;
    const withMark = /<w:pPr>.*?<w:rPr>/s.test(p)
      ? p.replace(/(<w:pPr>(?:(?!<\/w:pPr>).)*?<w:rPr>)/s, `$1${mark}`)
      : p.replace(/<\/w:pPr>/, `<w:rPr>${mark}</w:rPr></w:pPr>`);
    return `<w:p>${withMark}</w:p>`;
  });
  // A deleted row: its mark in the row's properties, each of its runs deleted.
  xml = xml.replace(/<w:tr>((?:(?!<\/w:tr>).)*?<!--rowdel-->(?:(?!<\/w:tr>).)*?)<\/w:tr>/gs, (_m, row) => {
    marked.deleted++;
    let r = row.replace("<!--rowdel-->", "");
    r = r.replace(
      /<w:trPr>|<w:trPr\/>/,
      (t) => `<w:trPr><w:del w:id="${id++}" ${AUTHOR}/>${t.endsWith("/>") ? "</w:trPr>" : ""}`,
    );
    r = r.replace(/<w:r>((?:(?!<\/w:r>).)*?)<w:t(?: [^>]*)?>([^<]*)<\/w:t><\/w:r>/gs, (_x, inner, text) => {
      marked.deleted++;
      return `<w:del w:id="${id++}" ${AUTHOR}><w:r>${rPrOf(inner)}<w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`;
    });
    return `<w:tr>${r}</w:tr>`;
  });
  for (const left of ["⟦", "<!--"]) {
    const at = xml.indexOf(left);
    if (at >= 0) throw new Error(`a draft token was left in the document: ${xml.slice(at - 300, at + 200)}`);
  }
  files["word/document.xml"] = strToU8(xml);
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  files["word/comments.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments ${W}>${comments
      .map(
        (text, c) =>
          `<w:comment w:id="${c}" ${AUTHOR} w:initials="审"><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:comment>`,
      )
      .join("")}</w:comments>`,
  );
  const types = strFromU8(files["[Content_Types].xml"]);
  files["[Content_Types].xml"] = strToU8(
    types.replace(
      "</Types>",
      '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
    ),
  );
  const rels = strFromU8(files["word/_rels/document.xml.rels"]);
  files["word/_rels/document.xml.rels"] = strToU8(
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rIdXxgkComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
    ),
  );
  return marked;
}

/** Every run of text split into runs of one or two characters, with what Word leaves between them. */
function splitRuns(files) {
  let xml = strFromU8(files["word/document.xml"]);
  let n = 0;
  xml = xml.replace(
    /<w:r>((?:(?!<\/w:r>).)*?)<w:t(?: [^>]*)?>([^<]{2,})<\/w:t><\/w:r>/gs,
    (_m, inner, text) => {
      const rPr = /<w:rPr>.*?<\/w:rPr>|<w:rPr\/>/s.exec(inner)?.[0] ?? "";
      const chars = [...text];
      const out = [];
      for (let i = 0; i < chars.length; i += 2) {
        n++;
        const piece = chars.slice(i, i + 2).join("");
        const between = [
          `<w:proofErr w:type="spellStart"/>`,
          `<w:bookmarkStart w:id="${n}" w:name="_Hlk${1000 + n}"/><w:bookmarkEnd w:id="${n}"/>`,
          "",
          `<w:proofErr w:type="spellEnd"/>`,
        ][n % 4];
        const lastRendered = n % 11 === 0 ? "<w:lastRenderedPageBreak/>" : "";
        out.push(
          `${i > 0 ? between : ""}<w:r w:rsidR="00${(0xa10000 + n).toString(16).toUpperCase()}">${rPr}${lastRendered}<w:t xml:space="preserve">${piece.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r>`,
        );
      }
      return out.join("");
    },
  );
  const merges = (xml.match(/<w:vMerge w:val="continue"\/>/g) ?? []).length;
  if (merges === 0) throw new Error("LibreOffice wrote no vertical merge to rewrite");
  xml = xml.replace(/<w:vMerge w:val="continue"\/>/g, "<w:vMerge/>");
  files["word/document.xml"] = strToU8(xml);
  return { runs: n, merges };
}

const zip = (files) =>
  zipSync(
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, [v, { mtime: new Date("2026-01-12T00:00:00Z") }]]),
    ),
  );

/**
 * What the import must give: the report the document states — with, as for a web page, the letterhead
 * above the title kept as the first lines of the preamble and the sign-off (organ, date) as the last
 * paragraphs of section 六, its date the published date — and the diagnostics it must say.
 */
function expected(report, number, diagnostics) {
  const doc = toDocument(report);
  const { organ, year } = doc.meta;
  const preamble = [organ, number].map((text) => ({ type: "paragraph", text })).concat(doc.preamble ?? []);
  const signOff = [organ, `${year + 1}年1月20日`].map((text) => ({ type: "paragraph", text }));
  const sections = {
    ...doc.sections,
    other: { ...doc.sections.other, blocks: [...doc.sections.other.blocks, ...signOff] },
  };
  // The sign-off's date is the date the report was issued: the published date when nothing states one.
  const meta = { organ, year, title: doc.meta.title, published: `${year + 1}-01-20` };
  return `${JSON.stringify({ edition: doc.edition, meta, preamble, sections, tables: doc.tables, diagnostics }, null, 2)}\n`;
}

await mkdir(OUT, { recursive: true });
const d = draft();
const pages = {
  "office-2021.html": officePage(REPORT_2021, {
    number: NUMBER_2021,
    titleBreak: true,
    applications: { break: 18 },
  }),
  "office-2019.html": officePage(REPORT_2019, {
    number: NUMBER_2019,
    titleBreak: false,
    applications: { repeat: 25 },
  }),
  "draft-2021.html": d.page,
};
const converted = await convertWithLibreOffice(
  Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, strToU8(v)])),
  { to: DOCX },
);
await writeFile(new URL("office-2021.docx", OUT), converted["office-2021.html"]);
await writeFile(new URL("office-2019.docx", OUT), converted["office-2019.html"]);

const draftFiles = unzipSync(converted["draft-2021.html"]);
const marked = markChanges(draftFiles);
const draftDocx = zip(draftFiles);
await writeFile(new URL("draft-2021.docx", OUT), draftDocx);
const resaved = await convertWithLibreOffice({ "draft-2021-libreoffice.docx": draftDocx }, { to: DOCX });
await writeFile(new URL("draft-2021-libreoffice.docx", OUT), resaved["draft-2021-libreoffice.docx"]);

const splitFiles = unzipSync(converted["office-2019.html"]);
const split = splitRuns(splitFiles);
await writeFile(new URL("split-2019.docx", OUT), zip(splitFiles));

await writeFile(new URL("office-2021.expected.json", OUT), expected(REPORT_2021, NUMBER_2021, []));
await writeFile(
  new URL("office-2019.expected.json", OUT),
  expected(REPORT_2019, NUMBER_2019, HEADING_VARIANT),
);
const changes = { code: "tracked-changes", severity: "warning" };
await writeFile(
  new URL("draft-2021.expected.json", OUT),
  expected(d.accepted, NUMBER_2021, [{ ...changes, marked }]),
);
await writeFile(
  new URL("draft-2021-libreoffice.expected.json", OUT),
  expected(d.accepted, NUMBER_2021, [changes]),
);
await writeFile(
  new URL("split-2019.expected.json", OUT),
  expected(REPORT_2019, NUMBER_2019, HEADING_VARIANT),
);
console.log(
  `written to ${OUT.pathname}: tracked changes ${JSON.stringify(marked)}; runs split ${split.runs}, merges ${split.merges}`,
);
