// The baseline of bench/review: the workbook an evaluator would build from `xxgk import` + `xxgk
// validate --format json` (findings.json in the working directory), with the same rows as review.xlsx's
// 报告, 问题 and 表二 / 表三 / 表四, written the way @xxgk/review writes them (exceljs's streaming writer,
// one shared style per column). Writes baseline.xlsx.
import { readFileSync, writeFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { cellRecords, parseReport } from "@xxgk/core-model";
import ExcelJS from "exceljs";

const findings = JSON.parse(readFileSync("findings.json", "utf8")).files;
const reports = findings.map((f) => [f, parseReport(JSON.parse(readFileSync(f.file, "utf8"))).report]);
const chunks = [];
const stream = new PassThrough();
stream.on("data", (c) => chunks.push(c));
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
const HEAD = { font: { bold: true } };

function sheet(name, width, rows) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = Array.from({ length: width }, () => ({ width: 20 }));
  const styles = Array.from({ length: width }, () => ({}));
  const head = ws.addRow(Array.from({ length: width }, (_, i) => `c${i}`));
  head.eachCell((c) => {
    c.style = HEAD;
  });
  head.commit();
  for (const values of rows) {
    const row = ws.addRow(values.map((v) => (v === null ? undefined : v)));
    values.forEach((v, i) => {
      if (v !== null) row.getCell(i + 1).style = styles[i];
    });
    row.commit();
  }
  ws.commit();
}

sheet(
  "报告",
  20,
  reports.map(([f, r]) => [
    r.meta.organ,
    r.meta.year,
    r.edition,
    "部门",
    "层级依据",
    r.meta.published ?? null,
    null,
    "按时",
    f.file,
    "html",
    f.counts.error,
    f.counts.warning,
    f.counts.info,
    null,
    null,
    null,
    null,
    200,
    0,
    0,
  ]),
);
sheet(
  "问题",
  12,
  reports.flatMap(([f, r]) =>
    f.findings.map((x) => [
      f.file,
      r.meta.organ,
      r.meta.year,
      "校验",
      x.code,
      x.severity,
      null,
      x.pointer,
      x.expected ?? null,
      x.actual ?? null,
      x.message.zh,
      x.quote ?? null,
    ]),
  ),
);
for (const t of ["二", "三", "四"]) {
  sheet(
    `表${t}`,
    8,
    reports.flatMap(([f, r]) =>
      cellRecords(r)
        .filter((c) => c.table === t)
        .map((c) => [f.file, r.meta.organ, r.meta.year, c.row || null, c.column, c.raw, c.value, c.pointer]),
    ),
  );
}
await wb.commit();
writeFileSync("baseline.xlsx", Buffer.concat(chunks));
