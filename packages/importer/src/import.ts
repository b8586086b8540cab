import { Diagnostics } from "./_diagnostics.js";
import { runPipeline } from "./pipeline/index.js";
import { readHtml } from "./readers/html.js";
import { readText } from "./readers/text.js";
import type { ImportOptions, ImportResult } from "./types.js";

// Not a regex replace: on a 100 KB page it showed in profiles, to remove nothing.
const strip = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** Reads a plain-text copy of a report (one cell per line, as scraped from a page). */
export function importText(text: string, opts: ImportOptions = {}): ImportResult {
  const diag = new Diagnostics();
  return runPipeline(readText(strip(text)), diag, opts);
}

/** Reads a published HTML page, or a page rendered by `@xxgk/render-html` (losslessly, via its embedded JSON). */
export function importHtml(html: string, opts: ImportOptions = {}): ImportResult {
  const diag = new Diagnostics();
  return runPipeline(readHtml(strip(html), diag), diag, opts);
}

const MARKUP = /<(?:!doctype|html|head|body|table|div|p|tr|td)\b/i;

/**
 * Reads a report from a published page or a text copy, detecting which (option `format`). Never throws:
 * what cannot be read comes back as diagnostics, and `report` is `null` when no report could be made.
 */
export function importReport(source: string, opts: ImportOptions = {}): ImportResult {
  const format = opts.format ?? "auto";
  const html = format === "html" || (format === "auto" && MARKUP.test(source.slice(0, 4096)));
  return html ? importHtml(source, opts) : importText(source, opts);
}
