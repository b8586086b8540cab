// Reports the tests render: core-model's two examples and invented reports for the hard cases.
import { readFileSync } from "node:fs";
import type { Report } from "@xxgk/core-model";
import { exampleReport } from "@xxgk/render-contract";
import { nodeFontPaths } from "../src/node.js";

/** A core-model example, parsed. */
export const example = exampleReport;

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

/** A very long organ name and URLs / e-mail addresses inside justified paragraphs (shared with render-docx). */
export { longNamesAndUrls } from "@xxgk/render-contract";

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
