import { cellAtPointer, type Report, renderedTexts } from "@xxgk/core-model";
import { PdfRenderError } from "./errors.js";

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, "");

/** Where a text of the report is, in words: a cell's labels, or the pointer. */
function placeOf(source: string, report: Report): string {
  const def = cellAtPointer(report.edition, source);
  if (def !== undefined) return `${source}（${[...def.rowLabels, ...def.colLabels].join(" / ")}）`;
  return source;
}

/**
 * Every text a rendering must show (core-model's `renderedTexts`, the render contract's list) is on some
 * page of the laid-out document; else the PDF would silently lose it. Throws naming the first missing.
 */
export function checkLayout(report: Report, texts: ReadonlyMap<string, string>): void {
  for (const t of renderedTexts(report)) {
    const want = squash(t.kind === "contact" ? `${t.label}：${t.text}` : t.text);
    if (want === "") continue;
    const got = squash(texts.get(t.source) ?? "");
    if (!got.includes(want)) {
      const where = placeOf(t.source, report);
      throw new PdfRenderError(
        "content.lost",
        `the layout left out the text at ${where} ("${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}"); no PDF was written`,
      );
    }
  }
}
