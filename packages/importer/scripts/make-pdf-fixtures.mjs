#!/usr/bin/env node
// Makes the PDF reader's committed fixtures (test/fixtures/pdf/), the ways real reports' PDFs are made:
// our own render-pdf output, our HTML printed by Chromium, our render-docx output saved as PDF by
// LibreOffice, a Word document laid out as offices lay it out converted by LibreOffice, a table drawn
// without rules, a scan, a table pasted as a picture, an encrypted file, a cut-off file, a text layer
// without a Unicode mapping, and a PDF whose Chinese font is not embedded (predefined CMaps). Committed as files because Chromium's and LibreOffice's output moves
// with the fonts a machine has; run again after changing a maker: `pnpm build` first, then
// `node packages/importer/scripts/make-pdf-fixtures.mjs` (Chromium, LibreOffice and poppler-utils needed).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { layoutOf, parseReport } from "@xxgk/core-model";
import { chromiumLaunchOptions } from "@xxgk/render-contract/chromium";
import { convertWithLibreOffice } from "@xxgk/render-contract/libreoffice";
import { renderDocx } from "@xxgk/render-docx";
import { renderDocument } from "@xxgk/render-html";
import { renderPdf } from "@xxgk/render-pdf";
import { loadNodeFonts } from "@xxgk/render-pdf/node";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { chromium } from "playwright-core";
import { drawReport } from "./_draw-report.mjs";

// Row labels as offices have typed them (a typo, a stray space).
const TYPED = {
  "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
  "4.无正当理由大量反复申请": "4.无正当理由大量反复 申请",
};

const require = createRequire(import.meta.url);
const out = new URL("../test/fixtures/pdf/", import.meta.url);
mkdirSync(out, { recursive: true });
const write = (name, bytes) => {
  writeFileSync(new URL(name, out), bytes);
  console.log(`${name}  ${bytes.length} bytes`);
};
const example = (name) => {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.report;
};
const report2021 = example("example-2021");
const seed = example("wulin-2020");
const tmp = mkdtempSync(join(tmpdir(), "xxgk-pdf-fixtures-"));

// 1. Our own PDF (render-pdf), both examples, the bundled fonts only (the same on every machine).
const fonts = await loadNodeFonts({});
const rendered = (await renderPdf(report2021, { fonts })).pdf;
write("render-pdf-2021.pdf", rendered);
write("render-pdf-seed-2020.pdf", (await renderPdf(seed, { fonts, preset: "compact" })).pdf);

// 2. Our HTML printed by Chromium (its PDF draws borders as filled shapes).
{
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.setContent(renderDocument(report2021), { waitUntil: "load" });
    write("chromium-2021.pdf", await page.pdf({ format: "A4", printBackground: true }));
  } finally {
    await browser.close();
  }
}

// 3. A Word document laid out as offices lay them out, converted by LibreOffice: shaded caption rows,
// `三、本年度办理结果` one character per line, values in a paragraph of their own under an empty one, a
// label typo, a label broken by a space, the 2019 format's single （六）其他处理 row in a 2021 table,
// page numbers `- N -` in the footer, table 三 across a page break with its header repeated.
{
  const docx = await Packer.toBuffer(officeDocument(report2021));
  const pdf = (await convertWithLibreOffice({ "office-2021.docx": docx }, { to: "pdf" }))["office-2021.docx"];
  write("libreoffice-2021.pdf", pdf);
}

// 3b. Our Word document (render-docx, the 公文 layout), saved as PDF by LibreOffice: a Word user's
// 「另存为 PDF」 of a report written in Word.
{
  const { docx } = await renderDocx(report2021);
  const name = "render-docx-2021.docx";
  write("render-docx-2021.pdf", (await convertWithLibreOffice({ [name]: docx }, { to: "pdf" }))[name]);
}

// 4. Tables laid out without rules; values set below their labels' first line.
write(
  "no-rules-2021.pdf",
  await drawReport(report2021, { borders: "none", valueAlign: "bottom", footer: "page-of" }),
);

// 5. A scan: pages that are pictures only (our PDF, rasterised), no text at all.
writeFileSync(join(tmp, "r.pdf"), rendered);
const raster = (args) => execFileSync("pdftoppm", [...args, join(tmp, "r.pdf")]);
{
  const pages = [1, 2].map((n) =>
    raster([
      "-r",
      "60",
      "-gray",
      "-jpeg",
      "-jpegopt",
      "quality=35",
      "-f",
      `${n}`,
      "-l",
      `${n}`,
      "-singlefile",
    ]),
  );
  write("scanned.pdf", await imagePdf(pages));
}

// 6. A text PDF whose tables are pasted pictures (narrative and headings are text).
{
  const picture = raster([
    "-r",
    "80",
    "-gray",
    "-jpeg",
    "-jpegopt",
    "quality=40",
    "-f",
    "3",
    "-l",
    "3",
    "-x",
    "80",
    "-y",
    "120",
    "-W",
    "500",
    "-H",
    "420",
    "-singlefile",
  ]);
  write("table-image-2021.pdf", await drawReport(report2021, { tableImage: picture }));
}

// 7. Encrypted (a password is needed to open it).
write("encrypted.pdf", await drawReport(report2021, { userPassword: "xxgk" }));

// 8. Cut off: the first 60 % of our PDF (an interrupted download).
write("truncated.pdf", rendered.subarray(0, Math.floor(rendered.length * 0.6)));

// 9. A text layer without a Unicode mapping: its fonts' ToUnicode tables removed (the key renamed,
// same length, so the file stays valid): the text reads as glyph numbers.
{
  const pdf = Buffer.from(await drawReport(report2021))
    .toString("latin1")
    .replaceAll("/ToUnicode", "/ToUnicodX");
  write("garbled.pdf", Buffer.from(pdf, "latin1"));
}

// 10. A Chinese font that is not embedded (STSong-Light, encoding UniGB-UCS2-H): only pdf.js's predefined
// CMaps turn its codes into text.
{
  const centred = (size, y, text) => [size, (595 - [...text].length * size) / 2, y, text];
  write(
    "non-embedded-font.pdf",
    nonEmbeddedPdf([
      centred(22, 760, report2021.meta.organ),
      centred(22, 730, `${report2021.meta.year}年政府信息公开工作年度报告`),
      [16, 90, 680, "一、总体情况"],
      [16, 90, 650, "本年度政府信息公开工作平稳有序，主动公开政府信息六千余条，"],
      [16, 90, 622, "依申请公开办理及时规范，政府信息管理和平台建设持续加强，"],
      [16, 90, 594, "监督保障措施落实到位。"],
    ]),
  );
}

rmSync(tmp, { recursive: true, force: true });

/** A PDF of full pages that are the given JPEG pictures. */
async function imagePdf(jpegs) {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: false,
    info: { CreationDate: new Date("2025-02-25T00:00:00Z") },
  });
  const chunks = [];
  doc.on("data", (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  for (const jpeg of jpegs) {
    doc.addPage();
    doc.image(jpeg, 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
  return done;
}

/** A small PDF written by hand: lines of text in STSong-Light (not embedded), UniGB-UCS2-H. */
function nonEmbeddedPdf(lines) {
  const hex = (text) => [...text].map((ch) => ch.charCodeAt(0).toString(16).padStart(4, "0")).join("");
  const content = lines
    .map(([size, x, y, text]) => `BT /F1 ${size} Tf ${x} ${y} Td <${hex(text)}> Tj ET`)
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  ];
  let body = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function officeDocument(report) {
  const layout = layoutOf(report.edition);
  const font = { eastAsia: "仿宋_GB2312", ascii: "Times New Roman" };
  const run = (text, size = 32, bold = false) => new TextRun({ text, size, bold, font });
  const para = (text, opts = {}) =>
    new Paragraph({
      indent: { firstLine: 640 },
      spacing: { line: 560, lineRule: "exact" },
      children: [run(text)],
      ...opts,
    });
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(report.meta.organ, 44)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(`${report.meta.year} 年政府信息公开工作年度报告`, 44)],
    }),
  ];
  for (const b of report.preamble) children.push(para(b.text));
  for (const [key, section] of Object.entries(report.sections)) {
    children.push(para(section.heading, { children: [run(section.heading, 32, true)] }));
    for (const b of section.blocks) children.push(para(b.text));
    const table = Object.values(layout.tables).find((t) => t.section.key === key);
    if (table) children.push(officeTable(report, table));
  }
  return new Document({
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 992 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ["- ", PageNumber.CURRENT, " -"], size: 28 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

function officeTable(report, table) {
  const layout = layoutOf(report.edition);
  const value = (g) => {
    const def = layout.byKey.get(g.cell);
    return report.tables[def.table][def.path[0]][def.path[1]].raw;
  };
  const size = table.id === "proactive" ? 24 : 18;
  const cellParas = (g, row) => {
    if (g.role === "value") {
      // Some offices leave an empty paragraph above the value: the value sits on a line of its own.
      return row % 3 === 0 ? [new Paragraph({}), cellPara(value(g), size)] : [cellPara(value(g), size)];
    }
    if (g.rowSpan > 8 && g.colSpan === 1) return [...g.text].map((ch) => cellPara(ch, size));
    return [cellPara(TYPED[g.text] ?? g.text, size)];
  };
  const widths = {
    proactive: [2844, 2900, 2900, 2900],
    applications: [560, 1000, 2780, 660, 660, 660, 660, 660, 660, 660],
    review: Array(15).fill(636),
  }[table.id];
  const rows = [];
  let other = null;
  table.rows.forEach((row, r) => {
    const cells = row.cells;
    // The 2019 format's single （六）其他处理 row in place of the three 2021 rows: the group label over two
    // label columns, and the three rows' totals.
    const group = cells.find((g) => g.role === "rowhead" && g.text === "（六）其他处理");
    if (table.id === "applications" && report.edition === "2021" && (group || other)) {
      if (group) {
        other = { from: r, sums: new Map() };
        collect(cells);
        return;
      }
      if (cells.some((g) => g.role === "rowhead" && /^\d\./.test(g.text)) && other.from + 3 > r) {
        collect(cells);
        return;
      }
      const values = [...other.sums.values()].map(String);
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: 2,
              children: [cellPara("（六）其他处理", size)],
              verticalAlign: VerticalAlignTable.CENTER,
            }),
            ...values.map(
              (v) =>
                new TableCell({ children: [cellPara(v, size)], verticalAlign: VerticalAlignTable.CENTER }),
            ),
          ],
        }),
      );
      other = null;
    }
    rows.push(
      new TableRow({
        ...(row.part === "head" ? { tableHeader: true } : {}),
        cantSplit: true,
        children: cells.map(
          (g) =>
            new TableCell({
              ...(g.colSpan > 1 ? { columnSpan: g.colSpan } : {}),
              // 三、本年度办理结果 spans two rows fewer: the three （六） rows are one.
              ...(g.rowSpan > 1
                ? { rowSpan: g.rowSpan > 8 && report.edition === "2021" ? g.rowSpan - 2 : g.rowSpan }
                : {}),
              verticalAlign: VerticalAlignTable.CENTER,
              ...(g.role === "caption"
                ? { shading: { type: ShadingType.CLEAR, fill: "C6D9F1", color: "auto" } }
                : {}),
              children: cellParas(g, r),
            }),
        ),
      }),
    );
  });
  function collect(cells) {
    let k = 0;
    for (const g of cells) {
      if (g.role !== "value") continue;
      const n = Number(value(g)) || 0;
      other.sums.set(k, (other.sums.get(k) ?? 0) + n);
      k++;
    }
  }
  const rule = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: rule,
      bottom: rule,
      left: rule,
      right: rule,
      insideHorizontal: rule,
      insideVertical: rule,
    },
    rows,
  });
}

function cellPara(text, size) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, size, font: { eastAsia: "宋体", ascii: "Times New Roman" } })],
  });
}
