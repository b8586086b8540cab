// Draws a report as a PDF the way offices' PDFs come out, with pdfkit, for the PDF reader's tests and
// fixtures: the title on two centred lines, indented paragraphs, the three tables in the official
// merged-cell grid (core-model's layout), their borders drawn as one stroke per cell side (WPS), as
// stroked cell rectangles, as thin filled bars (Word), or not at all; values set at the top, middle or
// bottom of their rows, so that a value line sits above or below its label's lines; a page break before
// any table row, the header rows repeated after it or not, a merged cell cut by it; page numbers in
// each style offices use, a running head. Everything varies by option so that a property test can draw
// a whole family of them.
import { createRequire } from "node:module";
import { layoutOf } from "@xxgk/core-model";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
/** The CJK face every drawn PDF uses (Noto Serif SC, static TTF). */
export const FONT = require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf");

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 72, right: 72, top: 80, bottom: 80 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const COLUMNS = {
  proactive: [150, 100, 100, 101.28],
  applications: [26, 52, 120, ...Array(7).fill(36.18)],
  review: Array(15).fill(TEXT_WIDTH / 15),
};

/** The defaults of {@link drawReport}'s options. */
export const DEFAULTS = {
  borders: "strokes",
  valueAlign: "middle",
  labelAlign: "top",
  breakBefore: undefined,
  repeatHeader: true,
  footer: "dash",
  runningHead: undefined,
  verticalLabels: true,
  tableSize: 8,
  creationDate: new Date("2025-02-25T02:02:50Z"),
  title: undefined,
  tableImage: undefined,
  userPassword: undefined,
  showTitle: true,
};

const CJK = /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]/;

/** Breaks text into lines of at most `width` points at size `size` (CJK one em, Latin half). */
function wrap(text, width, size) {
  const lines = [];
  let line = "";
  let w = 0;
  for (const ch of text) {
    const cw = CJK.test(ch) ? size : size * 0.55;
    if (w + cw > width && line !== "") {
      lines.push(line);
      line = "";
      w = 0;
    }
    line += ch;
    w += cw;
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

function pageLabel(style, n, total) {
  switch (style) {
    case "dash":
      return `- ${n} -`;
    case "emdash":
      return `— ${n} —`;
    case "page-of":
      return `第${n}页 共${total}页`;
    case "bare":
      return String(n);
    default:
      return "";
  }
}

/**
 * Draws `report` (a core-model Report) as a PDF; returns its bytes. Options (all optional):
 * `borders` "strokes" | "rects" | "bars" | "none"; `valueAlign` / `labelAlign` "top" | "middle" |
 * "bottom"; `breakBefore` { table, row } (a body row index of that table's grid: a page break before
 * it); `repeatHeader`; `footer` "dash" | "emdash" | "page-of" | "bare" | "none"; `runningHead` text;
 * `verticalLabels` (a tall label one character per line); `tableSize` (pt); `creationDate`; `title`
 * (the PDF's Title property); `tableImage` (PNG or JPEG bytes drawn instead of each table: a table
 * pasted as a picture); `userPassword` (encrypt the PDF); `showTitle` (false: no title in the text).
 */
export function drawReport(report, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margins: MARGIN,
    autoFirstPage: false,
    bufferPages: true,
    ...(o.userPassword === undefined
      ? {}
      : { userPassword: o.userPassword, ownerPassword: `${o.userPassword}-owner` }),
    info: {
      CreationDate: o.creationDate,
      ModDate: o.creationDate,
      Producer: "xxgk test",
      Creator: "xxgk test",
      ...(o.title === undefined ? {} : { Title: o.title }),
    },
  });
  doc.registerFont("body", FONT);
  doc.font("body");
  const chunks = [];
  doc.on("data", (c) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  let y = 0;
  const newPage = () => {
    doc.addPage();
    y = MARGIN.top;
  };
  const bottom = A4.height - MARGIN.bottom;
  const text = (s, x, top, size) => {
    doc.fontSize(size).text(s, x, top, { lineBreak: false, baseline: "top" });
  };

  newPage();
  // The title on two lines: the organ, then the year's report.
  const titleSize = 18;
  for (const line of o.showTitle
    ? [report.meta.organ, `${report.meta.year}年政府信息公开工作年度报告`]
    : []) {
    const w = [...line].reduce((s, ch) => s + (CJK.test(ch) ? titleSize : titleSize * 0.55), 0);
    text(line, MARGIN.left + (TEXT_WIDTH - w) / 2, y, titleSize);
    y += titleSize * 1.5;
  }
  y += 16;

  const bodySize = 12;
  const paragraph = (s, indent) => {
    const lines = wrap(`${indent ? "\u3000\u3000" : ""}${s}`, TEXT_WIDTH, bodySize);
    for (const line of lines) {
      if (y + bodySize > bottom) newPage();
      text(line, MARGIN.left, y, bodySize);
      y += bodySize * 1.6;
    }
  };
  for (const b of report.preamble) paragraph(b.text, true);
  const layout = layoutOf(report.edition);
  for (const [key, section] of Object.entries(report.sections)) {
    if (y + bodySize * 3 > bottom) newPage();
    paragraph(section.heading, true);
    for (const b of section.blocks) paragraph(b.text, b.type === "paragraph");
    const table = Object.values(layout.tables).find((t) => t.section.key === key);
    if (table && o.tableImage) {
      const img = doc.openImage(Buffer.from(o.tableImage));
      const h = (img.height / img.width) * TEXT_WIDTH;
      if (y + h > bottom) newPage();
      doc.image(img, MARGIN.left, y, { width: TEXT_WIDTH });
      y += h + 8;
    } else if (table) drawTable(table);
    y += 8;
  }

  function drawTable(table) {
    const widths = COLUMNS[table.id];
    const xs = [MARGIN.left];
    for (const w of widths) xs.push(xs[xs.length - 1] + w);
    const size = o.tableSize;
    const pad = 3;
    const lineH = size * 1.3;
    const cellLines = (cell, c) => {
      const w = xs[c + cell.colSpan] - xs[c] - 2 * pad;
      if (cell.role === "value") {
        const t = report.tables[table.id];
        const [row, col] = layout.byKey.get(cell.cell).path;
        return [t[row][col].raw];
      }
      if (o.verticalLabels && cell.rowSpan > 3 && w < size * 3) return [...cell.text];
      return wrap(cell.text, w, size);
    };
    // Grid positions: each row's cells with their column.
    const grid = [];
    const taken = table.rows.map(() => []);
    table.rows.forEach((row, r) => {
      let c = 0;
      const placed = [];
      for (const cell of row.cells) {
        while (taken[r][c]) c++;
        for (let dr = 0; dr < cell.rowSpan; dr++)
          for (let dc = 0; dc < cell.colSpan; dc++) taken[r + dr][c + dc] = true;
        placed.push({ cell, c, lines: cellLines(cell, c) });
        c += cell.colSpan;
      }
      grid.push(placed);
    });
    // Row heights: a row fits its one-row cells; a spanning cell's last row grows to fit it.
    const heights = table.rows.map(() => lineH + 2 * pad);
    grid.forEach((placed, r) => {
      for (const p of placed)
        if (p.cell.rowSpan === 1) heights[r] = Math.max(heights[r], p.lines.length * lineH + 2 * pad);
    });
    grid.forEach((placed, r) => {
      for (const p of placed) {
        if (p.cell.rowSpan === 1) continue;
        const need = p.lines.length * lineH + 2 * pad;
        let have = 0;
        for (let k = r; k < r + p.cell.rowSpan; k++) have += heights[k];
        if (need > have) heights[r + p.cell.rowSpan - 1] += need - have;
      }
    });
    const head = table.rows.map((row, r) => (row.part === "head" ? r : -1)).filter((r) => r >= 0);
    const bodyStart = head.length;
    // Rows drawn on the current page so far, for the cells that span into later rows.
    let pageRows = [];
    const flushPage = () => {
      drawRows(pageRows);
      pageRows = [];
    };
    let first = true;
    for (let r = 0; r < table.rows.length; r++) {
      const forced = o.breakBefore && o.breakBefore.table === table.id && r === bodyStart + o.breakBefore.row;
      if ((y + heights[r] > bottom || forced) && !(first && r === 0 && y <= MARGIN.top)) {
        flushPage();
        newPage();
        if (r >= bodyStart) {
          if (o.repeatHeader) {
            for (const h of head) {
              pageRows.push({ r: h, top: y, h: heights[h] });
              y += heights[h];
            }
          }
        }
      }
      first = false;
      pageRows.push({ r, top: y, h: heights[r] });
      y += heights[r];
    }
    flushPage();

    function drawRows(rows) {
      if (rows.length === 0) return;
      const at = new Map(rows.map((x) => [x.r, x]));
      const last = rows[rows.length - 1].r;
      for (const { r } of rows) {
        for (const p of grid[r]) drawCell(p, r, at, last, false);
      }
      // A cell that started on an earlier page goes on at the top of this one (its text stays there).
      const firstRow = rows.find((x) => table.rows[x.r].part === "body");
      if (firstRow) {
        grid.forEach((placed, r) => {
          if (r >= firstRow.r) return;
          for (const p of placed) {
            if (r + p.cell.rowSpan > firstRow.r && !at.has(r)) drawCell(p, r, at, last, true);
          }
        });
      }
    }

    function drawCell(p, r, at, last, continued) {
      const rows = [];
      for (let k = r; k < r + p.cell.rowSpan; k++) if (at.has(k) && k <= last) rows.push(at.get(k));
      if (rows.length === 0) return;
      const top = rows[0].top;
      const h = rows.reduce((s, x) => s + x.h, 0);
      const x0 = xs[p.c];
      const x1 = xs[p.c + p.cell.colSpan];
      border(x0, top, x1, top + h);
      // A cell a page break cuts (as Word does): its lines fill the part on this page from the top, the
      // rest go on at the top of the next part.
      const cut = r + p.cell.rowSpan - 1 > last;
      const from = continued ? (p.done ?? 0) : 0;
      let lines = p.lines.slice(from);
      if (cut || continued) {
        const fit = Math.max(0, Math.floor((h - 2 * pad) / lineH));
        lines = lines.slice(0, fit);
        p.done = from + lines.length;
      }
      if (lines.length === 0) return;
      const align = cut || continued ? "top" : p.cell.role === "value" ? o.valueAlign : o.labelAlign;
      const block = lines.length * lineH;
      const ty =
        align === "top" ? top + pad : align === "bottom" ? top + h - pad - block : top + (h - block) / 2;
      lines.forEach((line, i) => {
        if (line === "") return;
        const w = [...line].reduce((s, ch) => s + (CJK.test(ch) ? size : size * 0.55), 0);
        const tx = p.cell.role === "rowhead" || p.cell.role === "corner" ? x0 + pad : x0 + (x1 - x0 - w) / 2;
        text(line, tx, ty + i * lineH + (lineH - size) / 2, size);
      });
    }
  }

  function border(x0, y0, x1, y1) {
    if (o.borders === "none") return;
    doc.save();
    if (o.borders === "rects") {
      doc
        .lineWidth(0.5)
        .rect(x0, y0, x1 - x0, y1 - y0)
        .stroke();
    } else if (o.borders === "bars") {
      const t = 0.5;
      doc.rect(x0 - t / 2, y0 - t / 2, x1 - x0 + t, t).fill("#000000");
      doc.rect(x0 - t / 2, y1 - t / 2, x1 - x0 + t, t).fill("#000000");
      doc.rect(x0 - t / 2, y0 - t / 2, t, y1 - y0 + t).fill("#000000");
      doc.rect(x1 - t / 2, y0 - t / 2, t, y1 - y0 + t).fill("#000000");
    } else {
      doc.lineWidth(0.5);
      doc.moveTo(x0, y0).lineTo(x1, y0).stroke();
      doc.moveTo(x0, y1).lineTo(x1, y1).stroke();
      doc.moveTo(x0, y0).lineTo(x0, y1).stroke();
      doc.moveTo(x1, y0).lineTo(x1, y1).stroke();
    }
    doc.restore();
  }

  // Page furniture on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const n = i - range.start + 1;
    const label = pageLabel(o.footer, n, range.count);
    if (label !== "") {
      const w = [...label].reduce((s, ch) => s + (CJK.test(ch) ? 10.5 : 5.8), 0);
      text(label, (A4.width - w) / 2, A4.height - 50, 10.5);
    }
    if (o.runningHead) text(o.runningHead, MARGIN.left, 40, 9);
  }
  doc.end();
  return done;
}
