// Reports the tests render: core-model's two examples and invented reports for the hard cases.
import { listCells, type Report, setCell } from "@xxgk/core-model";
import { exampleReport, longNamesAndUrls as sharedLongNames } from "@xxgk/render-contract";

/** A core-model example, parsed. */
export const example = exampleReport;

/** The 2021 example with 50 cells of table 三 holding a long note each: the table is taller than a page. */
export function tallTable3(): Report {
  let report = example("example-2021");
  const cells = listCells(report)
    .filter((e) => e.def.table === "applications")
    .slice(40, 90);
  for (const { def } of cells) report = setCell(report, def.key, "约二十件（含转办及退回件，另行统计）");
  return report;
}

/**
 * render-contract's long organ name and URLs inside justified paragraphs, without a publication date
 * (the 落款 then has no date line, and the document's date is 1 January after the report year).
 */
export function longNamesAndUrls(): Report {
  const r = sharedLongNames();
  const { published: _, ...meta } = r.meta;
  return { ...r, meta };
}

/** The 2021 example with section 五 one paragraph of ~2,000 characters: pages of nothing but body text. */
export function longParagraph(): Report {
  const r = example("example-2021");
  const text = "本机关坚持以公开为常态、不公开为例外，围绕群众关切持续深化政务公开，".repeat(60);
  return {
    ...r,
    sections: { ...r.sections, problems: { ...r.sections.problems, blocks: [{ type: "paragraph", text }] } },
  };
}
