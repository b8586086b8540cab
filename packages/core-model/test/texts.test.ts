import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CONTACT_FIELDS,
  layoutOf,
  listCells,
  parseReport,
  type Report,
  renderedTexts,
} from "../src/index.js";

const example = (name: string): Report => {
  const parsed = parseReport(
    JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), "utf8")),
  );
  if (!parsed.ok) throw new Error(name);
  return parsed.report;
};

describe("renderedTexts", () => {
  const report = example("example-2021");
  const texts = renderedTexts(report);

  it("lists every non-blank cell as written, every official label once per place, and the contact block", () => {
    const cells = texts.filter((t) => t.kind === "cell");
    expect(cells.map((t) => t.source)).toEqual(
      listCells(report)
        .filter((c) => c.cell.raw !== "")
        .map((c) => c.def.pointer),
    );
    const labels = Object.values(layoutOf("2021").tables).flatMap((t) =>
      t.rows.flatMap((r) => r.cells.filter((c) => c.role !== "value" && c.text !== "")),
    );
    expect(texts.filter((t) => t.kind === "label")).toHaveLength(labels.length);
    expect(texts.filter((t) => t.kind === "contact").map((t) => [t.label, t.text])).toEqual(
      CONTACT_FIELDS.map(([k, label]) => [label, report.meta.contact![k]]),
    );
    expect(texts[0]).toEqual({ kind: "title", source: "/meta/title", text: report.meta.title });
  });

  it("names a label by its place in the grid, and every source once", () => {
    expect(texts.find((t) => t.text === "三、本年度办理结果")!.source).toMatch(
      /^\/tables\/applications#\d+\.\d+$/,
    );
    const sources = texts.map((t) => t.source);
    expect(new Set(sources).size).toBe(sources.length);
  });
});
