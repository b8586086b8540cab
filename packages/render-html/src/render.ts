import { type Report, type TableId, toDocument } from "@xxgk/core-model";
import { run } from "./_handlebars.js";
import { css, documentCssHash } from "./_templates.js";
import { reportView, singleTableView } from "./_view.js";
import type { RenderHtmlOptions } from "./types.js";

/** The `id` of the `<script type="application/json">` element holding the report (default prefix). */
export const REPORT_JSON_ID = "xxgk-report";

const DEFAULT_PREFIX = "xxgk-";
const ID_PREFIX = /^(?:[A-Za-z_][\w.:-]*)?$/;

/** A render option that cannot work; `option` names it. */
export class RenderOptionError extends RangeError {
  readonly code = "XXGK_RENDER_OPTION";
  readonly option: string;
  constructor(option: string, message: string) {
    super(message);
    this.name = "RenderOptionError";
    this.option = option;
  }
}

function prefixOf(options: RenderHtmlOptions): string {
  const prefix = options.idPrefix ?? DEFAULT_PREFIX;
  if (!ID_PREFIX.test(prefix)) {
    throw new RenderOptionError(
      "idPrefix",
      `idPrefix ${JSON.stringify(prefix)} cannot start HTML ids: use letters, digits, "_", "-", ".", ":" and start with a letter or "_"`,
    );
  }
  if (options.lang !== undefined && options.lang !== "zh-CN") {
    throw new RenderOptionError(
      "lang",
      `lang ${JSON.stringify(options.lang)} is not supported: reports are "zh-CN"`,
    );
  }
  return prefix;
}

/** The Content-Security-Policy a standalone document carries: no script at all, only its own style. */
export const DOCUMENT_CSP = `default-src 'none'; style-src '${documentCssHash}'; base-uri 'none'; form-action 'none'`;

/**
 * The whole report as a standalone HTML document (`<!doctype html>`, `lang="zh-CN"`, inline CSS, the
 * report JSON embedded), readable on a phone and printable on A4.
 */
export function renderDocument(report: Report, options: RenderHtmlOptions = {}): string {
  const prefix = prefixOf(options);
  const inlineCss = options.inlineCss ?? true;
  const stylesheetHref = options.stylesheetHref ?? false;
  const csp = inlineCss && stylesheetHref === false && (options.csp ?? true) ? DOCUMENT_CSP : false;
  return run("document", {
    csp,
    documentCss: inlineCss,
    stylesheetHref,
    report: reportView(report, {
      prefix,
      findings: options.findings ?? [],
      inlineCss: false,
      json: (options.embedJson ?? true) ? toDocument(report) : false,
    }),
  });
}

/**
 * The report as one `<article class="xxgk-report">` element for pasting into a site's CMS page, with
 * its stylesheet in a `<style>` scoped to `.xxgk-report` (unless `inlineCss: false`).
 */
export function renderFragment(report: Report, options: RenderHtmlOptions = {}): string {
  const prefix = prefixOf(options);
  return run("fragment", {
    ...reportView(report, {
      prefix,
      findings: options.findings ?? [],
      inlineCss: options.inlineCss ?? true,
      json: (options.embedJson ?? false) ? toDocument(report) : false,
    }),
  });
}

/** One table (二 `proactive`, 三 `applications`, 四 `review`) in its scroll wrapper, without styles. */
export function renderTable(
  report: Report,
  table: TableId,
  options: Pick<RenderHtmlOptions, "idPrefix" | "findings"> = {},
): string {
  const prefix = prefixOf(options);
  return run("tableFast", singleTableView(report, table, prefix, options.findings ?? []));
}

/** The report stylesheet (every rule scoped under `.xxgk-report`), e.g. for a preview pane. */
export function reportCss(): string {
  return css;
}
