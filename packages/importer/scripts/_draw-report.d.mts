// Types of _draw-report.mjs (a plain script module, so the fixture script runs without a build step).
import type { Report, TableId } from "@xxgk/core-model";

/** How {@link drawReport} lays a report out; every option has a default. */
export interface DrawOptions {
  borders?: "strokes" | "rects" | "bars" | "none";
  valueAlign?: "top" | "middle" | "bottom";
  labelAlign?: "top" | "middle" | "bottom";
  breakBefore?: { table: TableId; row: number } | undefined;
  repeatHeader?: boolean;
  footer?: "dash" | "emdash" | "page-of" | "bare" | "none";
  runningHead?: string | undefined;
  verticalLabels?: boolean;
  tableSize?: number;
  creationDate?: Date;
  title?: string;
  tableImage?: Uint8Array;
  userPassword?: string;
  showTitle?: boolean;
}

/** The CJK face the drawn PDFs use. */
export const FONT: string;
export const DEFAULTS: Required<
  Omit<DrawOptions, "breakBefore" | "runningHead" | "title" | "tableImage" | "userPassword">
>;
/** Draws a report as a PDF the way offices' PDFs come out (see the module's header). */
export function drawReport(report: Report, options?: DrawOptions): Promise<Uint8Array>;
