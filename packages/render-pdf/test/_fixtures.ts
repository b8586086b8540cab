// Reports the tests render: core-model's two examples and invented reports for the hard cases.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseReport, type Report } from "@xxgk/core-model";
import { nodeFontPaths } from "../src/node.js";

const require = createRequire(import.meta.url);

/** A core-model example, parsed. */
export function example(name: "wulin-2020" | "example-2021"): Report {
  const parsed = parseReport(
    JSON.parse(readFileSync(require.resolve(`@xxgk/core-model/examples/${name}.json`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.report;
}

const SENTENCE =
  "本机关坚持以公开为常态、不公开为例外，围绕群众关切持续深化政务公开，推进决策、执行、管理、服务、结果公开，";

/** The 2021 example with about 40 pages of narrative in section 五. */
export function longNarrative(): Report {
  const r = example("example-2021");
  const blocks = Array.from({ length: 120 }, (_, i) => ({
    type: "paragraph" as const,
    text: `${i + 1}. ${SENTENCE.repeat(3)}全年办理事项${i * 7}件。`,
  }));
  return { ...r, sections: { ...r.sections, problems: { ...r.sections.problems, blocks } } };
}

/**
 * The 2021 example with section 五 made of sub-headings, each followed by a paragraph of 1–7 sentences
 * (lengths from `seed`), so that sub-headings fall at every height of a page somewhere.
 */
export function manySubheadings(seed: number): Report {
  const r = example("example-2021");
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
  const blocks = Array.from({ length: 30 }, (_, i) => [
    { type: "heading" as const, text: `（${i + 1}）关于第${i + 1}项工作的情况` },
    { type: "paragraph" as const, text: SENTENCE.repeat(1 + Math.floor(next() * 7)) },
  ]).flat();
  return { ...r, sections: { ...r.sections, problems: { ...r.sections.problems, blocks } } };
}

/** A very long organ name and URLs / e-mail addresses inside justified paragraphs. */
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
      text: `咨询邮箱gk-office-binhe-district-government@binhe.example.gov.cn，电话0571-00000000。`,
    },
    { type: "paragraph" as const, text: `${SENTENCE}详见${url}及${url.replace("art_", "doc_")}。` },
  ];
  return {
    ...r,
    meta: { ...r.meta, organ, title: `${organ}${r.meta.year}年政府信息公开工作年度报告` },
    sections: { ...r.sections, other: { ...r.sections.other, blocks } },
  };
}

/** The seed report with a rare name (CJK Extension B `𠮷`) in the organ and in a paragraph. */
export function rareCharacters(): Report {
  const r = example("wulin-2020");
  const blocks = [...r.sections.overview.blocks, { type: "paragraph" as const, text: "联系人：𠮷先生。" }];
  return {
    ...r,
    meta: { ...r.meta, organ: "下城区𠮷祥街道办事处" },
    sections: { ...r.sections, overview: { ...r.sections.overview, blocks } },
  };
}

/** The bundled font files' bytes, as `bundledFonts` takes them. */
export function bundledBytes(): { serif: Uint8Array; serifBold: Uint8Array; sans: Uint8Array } {
  const paths = nodeFontPaths();
  return {
    serif: readFileSync(paths.serif),
    serifBold: readFileSync(paths.serifBold),
    sans: readFileSync(paths.sans),
  };
}
