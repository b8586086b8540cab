// The page decisions for tables 三 and 四 (kept whole in one block, or started on a fresh page where
// they may break) rest on an estimate of their height made before pdfmake lays anything out. An
// unbreakable block taller than a page would lose its end, so the estimate is held to what pdfmake draws.
import { listCells, type Report, setCell } from "@xxgk/core-model";
import fc from "fast-check";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import { printPdf } from "../src/_pdfmake.js";
import {
  buildDocDefinition,
  estimatedTableHeight,
  type PdfPreset,
  PRESETS,
  textBlockOf,
  wholeTableParts,
} from "../src/document.js";
import { resolveFonts } from "../src/fonts.js";
import { loadNodeFonts } from "../src/node.js";
import { example } from "./_fixtures.js";

const fonts = resolveFonts(await loadNodeFonts());

type Positioned = { id?: string; startPosition?: { top: number; pageNumber: number } };

/** How pdfmake draws a table laid out alone from the top of a page: its height with margins, its pages. */
async function drawn(
  report: Report,
  id: "applications" | "review",
  preset: PdfPreset,
): Promise<{ height: number; pages: number }> {
  const doc = buildDocDefinition(report, { preset, fonts });
  const table = wholeTableParts(report, id, fonts, preset)[0]!;
  // Two one-point-high marks around the table: where they land is what the table takes.
  const mark = (at: string): Content => ({ text: "·", id: at, fontSize: 1, lineHeight: 0.01 }) as Content;
  const positions: Record<string, { top: number; pageNumber: number }> = {};
  const probe: TDocumentDefinitions = {
    ...doc,
    content: [mark("start"), table, mark("end")],
    pageBreakBefore: (node) => {
      const n = node as Positioned;
      if ((n.id === "start" || n.id === "end") && n.startPosition) positions[n.id] = n.startPosition;
      return false;
    },
  };
  await printPdf(probe, fonts);
  const { start, end } = positions;
  return { height: end!.top - start!.top, pages: end!.pageNumber - start!.pageNumber + 1 };
}

describe("estimatedTableHeight", () => {
  for (const preset of ["official", "compact"] as const) {
    for (const name of ["wulin-2020", "example-2021"] as const) {
      it(`is within 1 % of a page of the drawn height of tables 三 and 四 (${name}, ${preset})`, async () => {
        const r = example(name);
        for (const id of ["applications", "review"] as const) {
          const { height, pages } = await drawn(r, id, preset);
          expect(pages).toBe(1);
          expect(Math.abs(estimatedTableHeight(r, id, fonts, preset) - height)).toBeLessThan(
            textBlockOf(preset).height * 0.01,
          );
        }
      });
    }
  }

  it("is close whenever the table fits a page, and foresees every table that does not (property)", async () => {
    const r0 = example("example-2021");
    const keys = listCells(r0)
      .filter((e) => e.def.table === "applications")
      .map((e) => e.def.key);
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.nat({ max: 9_999_999 }).map(String) },
      {
        weight: 4,
        arbitrary: fc.constantFrom("", "-", "—", "/", "无", "不适用", "4359957元", "9116.36", "1,024"),
      },
      { weight: 1, arbitrary: fc.constantFrom("12件（含转办）", "见附件说明", "N/A (not collected)") },
    );
    const page = textBlockOf("official").height;
    const pitch = PRESETS.official.bodyPitch;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 30 }),
        async (edits) => {
          const r = edits.reduce((acc: Report, [k, v]) => setCell(acc, k, v), r0);
          const { height, pages } = await drawn(r, "applications", "official");
          const estimate = estimatedTableHeight(r, "applications", fonts, "official");
          if (pages === 1) expect(Math.abs(estimate - height)).toBeLessThan(page * 0.01);
          // A table that breaks was expected to: its group labels sit at the top of their groups.
          else expect(estimate + pitch).toBeGreaterThan(page * 0.98);
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});
