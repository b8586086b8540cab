// Page furniture: page numbers (`-3-`, `— 3 —`, `第3页 共5页`, `3/5`, a bare number counting the pages)
// and running heads or feet (the same line at the same place on several pages). They are not report
// text, and inside a table they would be taken for cells; they are removed before anything else.
import type { Box, PageContent, Run } from "./_page.js";
import { groupLines, type Line, lineText } from "./_text.js";

const DASHED_NUMBER = /^[-—–－‐―~～·•]+\s*(\d{1,4})\s*[-—–－‐―~～·•]+$/;
const PAGE_OF =
  /^(?:第\s*(\d{1,4})\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*(\d{1,4})\s*页|(\d{1,4})\s*\/\s*\d{1,4}|[Pp]age\s*(\d{1,4})(?:\s*of\s*\d{1,4})?)$/;
const BARE_NUMBER = /^(\d{1,4})$/;

// Page numbers sit in the bottom 15 % or top 10 % of the page; running heads nearer the edges.
const FOOT_ZONE = 0.85;
const HEAD_ZONE = 0.1;
const RUNNING_FOOT = 0.9;
const RUNNING_HEAD = 0.085;

interface Candidate {
  readonly page: PageContent;
  readonly line: Line;
  readonly text: string;
}

const inside = (l: Line, boxes: readonly Box[]): boolean =>
  boxes.some((b) => l.x0 >= b.x0 - 1 && l.x1 <= b.x1 + 1 && l.top >= b.y0 - 1 && l.base <= b.y1 + 1);

/**
 * The runs of every page that are page furniture. `tables` holds each page's ruled table boxes: a bare
 * number or a repeated line inside a table is a cell, not furniture.
 */
export function furniture(pages: readonly PageContent[], tables: readonly (readonly Box[])[]): Set<Run> {
  const out = new Set<Run>();
  const candidates: Candidate[] = [];
  pages.forEach((page, i) => {
    for (const line of groupLines(page.runs)) {
      const zone = line.top >= page.height * FOOT_ZONE || line.base <= page.height * HEAD_ZONE;
      if (!zone) continue;
      const text = lineText(line.runs).replace(/\s+/g, " ").trim();
      if (text.length > 60) continue;
      if (DASHED_NUMBER.test(text) || PAGE_OF.test(text)) {
        for (const r of line.runs) out.add(r);
        continue;
      }
      if (inside(line, tables[i] ?? [])) continue;
      candidates.push({ page, line, text });
    }
  });
  // A bare number is a page number when the numbers on several pages count with the pages.
  const bare = candidates.filter((c) => BARE_NUMBER.test(c.text));
  const offsets = new Map<number, Candidate[]>();
  for (const c of bare) {
    const off = Number(c.text) - c.page.page;
    const list = offsets.get(off);
    if (list) list.push(c);
    else offsets.set(off, [c]);
  }
  for (const group of offsets.values()) {
    if (group.length >= 2 || (pages.length === 1 && group.length === 1)) {
      for (const c of group) for (const r of c.line.runs) out.add(r);
    }
  }
  // Running heads and feet: the same text (digits aside) at the same height on at least two pages and
  // on half of them.
  const repeated = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const edge = c.line.base <= c.page.height * RUNNING_HEAD || c.line.top >= c.page.height * RUNNING_FOOT;
    if (!edge || BARE_NUMBER.test(c.text)) continue;
    const key = `${c.text.replace(/\d+/g, "#")}@${Math.round(c.line.base / 4)}`;
    const list = repeated.get(key);
    if (list) list.push(c);
    else repeated.set(key, [c]);
  }
  for (const group of repeated.values()) {
    const onPages = new Set(group.map((c) => c.page.page)).size;
    if (onPages >= 2 && onPages * 2 >= pages.length) {
      for (const c of group) for (const r of c.line.runs) out.add(r);
    }
  }
  return out;
}
