// One report per import: a page (or a copy) may hold several reports — two years of one office, two
// offices — one after another. They are told apart by their section headings starting again at 一, and
// each goes through the pipeline on its own: never merged, never one silently dropped.
import { textLine } from "../_normalize.js";
import type { BlockRange, SourceBlock, SourceDocument } from "../source.js";
import { looksLikeTitle } from "./meta.js";
import { MAYBE_HEADING, splitHeading } from "./sections.js";

/** How many section headings a run must have to count as a report of its own (a report has six). */
const REPORT_HEADINGS = 4;

/**
 * The reports a document holds, each as a document of its own: one, unless the section headings start
 * again at 一 (worded as a heading, not by a keyword alone) after a run of at least four, and the new run
 * has four too — then each run is a report, from the title line just before its 一 (else from its 一).
 * The page's own title and date (`titles`, `published`) go with the first.
 */
export function splitReports(doc: SourceDocument): SourceDocument[] {
  const runs: { first: number; last: number; count: number }[] = [];
  let index = -1;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== "text" || b.cell || !MAYBE_HEADING.test(b.text)) return;
    const text = textLine(b.text);
    const m = splitHeading(text, index)?.match;
    const run = runs[runs.length - 1];
    if (m && run) {
      index = m.index;
      run.last = i;
      run.count++;
    } else if (m) {
      index = m.index;
      runs.push({ first: i, last: i, count: 1 });
    } else if (index >= 1) {
      const again = splitHeading(text, -1)?.match;
      if (again?.index === 0 && !again.keyword) {
        index = 0;
        runs.push({ first: i, last: i, count: 1 });
      }
    }
  });
  // A short run after a restart is not a report: it stays with the one before.
  const kept: (typeof runs)[number][] = [];
  for (const run of runs) {
    const prev = kept[kept.length - 1];
    if (prev && (run.count < REPORT_HEADINGS || prev.count < REPORT_HEADINGS)) {
      prev.last = run.last;
      prev.count += run.count;
    } else kept.push(run);
  }
  if (kept.length < 2) return [doc];
  const starts = kept.map((run, k) => {
    if (k === 0) return 0;
    let start = run.first;
    for (let i = kept[k - 1]!.last + 1; i < run.first; i++) {
      const b = doc.blocks[i]!;
      if (b.kind === "text" && b.text.includes("报告") && looksLikeTitle(textLine(b.text))) start = i;
    }
    return start;
  });
  return starts.map((from, k) => {
    const to = starts[k + 1] ?? doc.blocks.length;
    const blocks: SourceBlock[] = doc.blocks.slice(from, to);
    const containers: BlockRange[] = [];
    for (const c of doc.containers) {
      const f = Math.max(c.from, from);
      const t = Math.min(c.to, to);
      if (f < t) containers.push({ from: f - from, to: t - from });
    }
    if (k === 0) return { ...doc, blocks, containers };
    return { ...doc, start: blocks[0]!.pos, blocks, containers, titles: [], published: [] };
  });
}
