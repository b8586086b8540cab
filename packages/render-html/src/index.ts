/**
 * @xxgk/render-html — 政府信息公开工作年度报告 → HTML: the official merged-cell tables of both
 * editions, accessible, printable, safe under a strict Content-Security-Policy.
 */
export { scriptJson } from "./json.js";
export { readEmbeddedReport } from "./read.js";
export {
  DOCUMENT_CSP,
  REPORT_JSON_ID,
  RenderOptionError,
  renderDocument,
  renderFragment,
  renderTable,
  reportCss,
} from "./render.js";
export type { FindingMark, RenderHtmlOptions } from "./types.js";
