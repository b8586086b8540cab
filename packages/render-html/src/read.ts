import { REPORT_JSON_ID } from "./render.js";

const ENTITY_FREE_ID = /^[\w.:-]+$/;

/**
 * Reads back the report document embedded by {@link renderDocument} (the JSON of `toDocument(report)`),
 * or `undefined` when the page has none. Pass it to core-model's `parseReport` to get the report.
 * Throws `SyntaxError` if the block is there but is not JSON (the page was edited by hand).
 */
export function readEmbeddedReport(html: string, id: string = REPORT_JSON_ID): unknown {
  if (!ENTITY_FREE_ID.test(id)) throw new RangeError(`not an id this renderer writes: ${JSON.stringify(id)}`);
  const open = new RegExp(`<script\\b[^>]*\\bid="${id.replace(/[.:-]/g, "\\$&")}"[^>]*>`, "i");
  const m = open.exec(html);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const end = html.indexOf("</script", start);
  if (end < 0) throw new SyntaxError(`the <script id="${id}"> block is not closed`);
  return JSON.parse(html.slice(start, end));
}
