/**
 * A finding to show on the rendered report: plain data, so the renderer needs nothing from the
 * validators package. `pointer` is a JSON pointer into the report document (`/tables/applications/
 * stateSecret/total`, `/tables/review`, `/sections/problems`).
 */
export interface FindingMark {
  pointer: string;
  severity: "error" | "warning" | "info";
  message: string;
  code?: string;
  /**
   * A finding about several cells (`table.blanks` lists a table's blank cells, `table.blank-column` a
   * column): the pointers of the cells to mark, instead of the cell or the cells under `pointer`.
   */
  cells?: readonly string[];
}

/** Options of {@link renderDocument}, {@link renderFragment} and {@link renderTable}. */
export interface RenderHtmlOptions {
  /**
   * Embed the lossless report document (`toDocument(report)`) in `<script type="application/json"
   * id="xxgk-report">`, so the page can be read back. Default `true` for documents, `false` for
   * fragments (CMS editors often strip scripts).
   */
  embedJson?: boolean;
  /** Findings to mark on their cells and list above the report. */
  findings?: readonly FindingMark[];
  /** The page language; reports are in Chinese, so this is fixed. */
  lang?: "zh-CN";
  /**
   * Prefix of every `id` the output defines (header cells, sections, the JSON block), default `xxgk-`.
   * Give each report its own prefix when a page holds two. Letters, digits, `_`, `-`, `.`, `:`; starts
   * with a letter or `_`.
   */
  idPrefix?: string;
  /**
   * Include the stylesheet in a `<style>` element (default `true`). With `false`, serve
   * `@xxgk/render-html/report.css` yourself (see `stylesheetHref`).
   */
  inlineCss?: boolean;
  /** Documents only: add `<link rel="stylesheet" href="…">` (e.g. to a copy of `report.css`). */
  stylesheetHref?: string;
  /**
   * Documents only: add a `<meta http-equiv="Content-Security-Policy">` that forbids every script and
   * allows only this stylesheet (by hash). Default `true` when the CSS is inline and no
   * `stylesheetHref` is given; ignored otherwise.
   */
  csp?: boolean;
}
