/**
 * Plain-text helpers shared by the contract checks and by renderers' tests: renderers are compared on the
 * text a reader gets, so markup and line wrapping must not matter, while every character written must.
 */

const SPACE = /[\s\u00a0\u3000]+/g;

/** The text with all whitespace removed (line wrapping, indentation, `&nbsp;` and full-width spaces). */
export function squash(text: string): string {
  return text.replace(SPACE, "");
}

/** The text split into whitespace-separated tokens, in order. */
export function tokens(text: string): string[] {
  return text.split(SPACE).filter((t) => t !== "");
}

const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/**
 * What a reader sees of an HTML page, as plain text: `<script>` and `<style>` contents and comments
 * dropped (an embedded JSON copy of the report must not satisfy the contract), every tag turned into a
 * space (so adjacent cells stay separate tokens), entities decoded.
 */
export function htmlToText(html: string): string {
  const visible = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ");
  return decodeEntities(visible);
}
