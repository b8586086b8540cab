// A small reader for the HTML this package writes (tests only): tables into cells with attributes,
// and a dense grid after expanding rowspan/colspan, to compare with core-model's official grid.
import { htmlToText } from "@xxgk/render-contract";

export interface ParsedCell {
  readonly tag: "th" | "td";
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export function attrsOf(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = htmlToText(m[2]!);
  return out;
}

/** The rows of the `<table data-table="id">` in `html`, each a list of cells in source order. */
export function parseTable(html: string, id: string): ParsedCell[][] {
  const m = new RegExp(`<table\\b[^>]*data-table="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  if (!m) throw new Error(`no table ${id}`);
  return [...m[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<(th|td)((?:\s[^>]*)?)>([\s\S]*?)<\/\1>/g)].map((c) => {
      const attrs = attrsOf(c[2]!);
      return {
        tag: c[1] as "th" | "td",
        attrs,
        text: htmlToText(c[3]!),
        rowSpan: Number(attrs.rowspan ?? 1),
        colSpan: Number(attrs.colspan ?? 1),
      };
    }),
  );
}

/** The table as a dense matrix: each position holds the cell covering it (as HTML lays it out). */
export function expand(rows: readonly ParsedCell[][]): ParsedCell[][] {
  const out: ParsedCell[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (out[r]![c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          if (!out[r + dr]) throw new Error(`rowspan of "${cell.text}" runs past the table`);
          out[r + dr]![c + dc] = cell;
        }
      }
      c += cell.colSpan;
    }
  });
  return out;
}

/** Every `id="…"` the HTML defines, in order. */
export function idsOf(html: string): string[] {
  return [...html.matchAll(/<[a-z][^>]*?\sid="([^"]*)"/g)].map((m) => m[1]!);
}
