// Reports the tests render: core-model's two examples and invented reports for the hard cases.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { listCells, parseReport, type Report, setCell } from "@xxgk/core-model";

const require = createRequire(import.meta.url);

/** A core-model example, parsed. */
export function example(name: "wulin-2020" | "example-2021"): Report {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.report;
}

/** The 2021 example with 50 cells of table 三 holding a long note each: the table is taller than a page. */
export function tallTable3(): Report {
  let report = example("example-2021");
  const cells = listCells(report)
    .filter((e) => e.def.table === "applications")
    .slice(40, 90);
  for (const { def } of cells) report = setCell(report, def.key, "约二十件（含转办及退回件，另行统计）");
  return report;
}

/** A very long organ name, URLs and e-mail addresses inside justified paragraphs, no publication date. */
export function longNamesAndUrls(): Report {
  const r = example("example-2021");
  const organ =
    "中华人民共和国某某省某某市某某区人民政府某某街道办事处综合行政执法队政务公开与信息化建设工作领导小组办公室";
  const url =
    "https://www.binhe.example.gov.cn/col/col1229123456/art/2025/art_8f1e2d3c4b5a69788796a5b4c3d2e1f0.html";
  const blocks = [
    { type: "paragraph" as const, text: `全文见区政府门户网站政府信息公开专栏${url}，欢迎查阅。` },
    {
      type: "paragraph" as const,
      text: "咨询邮箱gk-office-binhe-district-government@binhe.example.gov.cn，电话0571-00000000。",
    },
  ];
  const { published: _, ...meta } = r.meta;
  return {
    ...r,
    meta: { ...meta, organ, title: `${organ}${r.meta.year}年政府信息公开工作年度报告` },
    sections: { ...r.sections, other: { ...r.sections.other, blocks } },
  };
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
