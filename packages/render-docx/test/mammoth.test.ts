// Another program's reading of our DOCX: mammoth (the DOCX → HTML converter a DOCX importer would use)
// must see tables 二 / 三 / 四 with the official spans and header rows, every cell as written.
import { EDITIONS, type GridCell, layoutOf, type Report } from "@xxgk/core-model";
import { Parser } from "htmlparser2";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { renderDocx } from "../src/index.js";
import { example } from "./_fixtures.js";

interface HtmlCell {
  readonly head: boolean;
  readonly rowSpan: number;
  readonly colSpan: number;
  text: string;
}

/** Every table of an HTML page as rows of cells, with `<thead>` cells marked. */
function htmlTables(html: string): HtmlCell[][][] {
  const tables: HtmlCell[][][] = [];
  let inHead = false;
  let cell: HtmlCell | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === "table") tables.push([]);
      else if (name === "thead") inHead = true;
      else if (name === "tr") tables.at(-1)!.push([]);
      else if (name === "td" || name === "th") {
        cell = {
          head: inHead,
          rowSpan: Number(attrs.rowspan ?? 1),
          colSpan: Number(attrs.colspan ?? 1),
          text: "",
        };
        tables.at(-1)!.at(-1)!.push(cell);
      }
    },
    ontext(text) {
      if (cell) cell.text += text;
    },
    onclosetag(name) {
      if (name === "thead") inHead = false;
      else if (name === "td" || name === "th") cell = undefined;
    },
  });
  parser.write(html);
  parser.end();
  return tables;
}

function expectedText(g: GridCell, report: Report): string {
  if (g.role !== "value") return g.text;
  const def = layoutOf(report.edition).byKey.get(g.cell!)!;
  return report.tables[def.table][def.path[0]]?.[def.path[1]]?.raw ?? "";
}

describe("mammoth reads our tables", () => {
  it.each(
    EDITIONS.map((e) => [e, example(e === "2019" ? "wulin-2020" : "example-2021")] as const),
  )("%s edition: the official spans, header rows and cells", async (_edition, report) => {
    const { docx } = await renderDocx(report);
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(docx) });
    const tables = htmlTables(value);
    expect(tables).toHaveLength(3);
    const layout = layoutOf(report.edition);
    (["proactive", "applications", "review"] as const).forEach((id, i) => {
      const official = layout.tables[id].rows.map((row) =>
        row.cells.map((g) => ({
          head: row.part === "head",
          rowSpan: g.rowSpan,
          colSpan: g.colSpan,
          text: expectedText(g, report),
        })),
      );
      expect(tables[i], id).toEqual(official);
    });
  });
});
