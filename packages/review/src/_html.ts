// HTML built with a tagged template that escapes every interpolated value unless it is already `Html`
// (markup made by this same template, or by @xxgk/render-html). The review's pages are a few tables of
// computed values, not a document to lay out, so a precompiled template engine would add a build step and
// generated files for no gain; escaping by default keeps the rule "every user text escaped" by construction.

/** Markup that is already safe to place as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function part(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(part).join("");
  return escapeHtml(String(value));
}

/** `html\`<td>${text}</td>\``: every value escaped (arrays joined, `null`/`undefined`/`false` empty) unless it is {@link Html}. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Trusts markup produced elsewhere (render-html's output, an SVG built here from numbers). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** The `'sha256-…'` source of a CSP for an inline `<style>` or `<script>` with exactly this content. */
export async function cspHash(content: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(content));
  let binary = "";
  for (const b of new Uint8Array(digest)) binary += String.fromCharCode(b);
  return `'sha256-${btoa(binary)}'`;
}
