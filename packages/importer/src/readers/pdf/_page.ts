// One PDF page as geometry: its text runs and the straight rules and images it draws, in points from
// the page's top-left corner (pdf.js's viewport transform applied, so rotated and offset pages come out
// upright). Table borders arrive in several shapes — stroked lines, stroked rectangles, and rectangles
// filled as thin bars (Word and Chromium draw cell borders that way) — and all become rules here.
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfjsLib } from "./_pdfjs.js";
import { unradical } from "./_radicals.js";
import { groupLines } from "./_text.js";

/** A run of text as pdf.js extracted it. */
export interface Run {
  /** Text, without pdf.js's padding spaces at either end. */
  readonly str: string;
  /** Left and right edge, top (baseline − size) and baseline, in points from the top-left corner. */
  readonly x0: number;
  readonly x1: number;
  readonly top: number;
  readonly base: number;
  /** Font size in points. */
  readonly size: number;
  /** Written top to bottom (a vertical font): then `x0..x1` is the column and `top..base` its extent. */
  readonly vertical: boolean;
  /** pdf.js's font id, for telling fonts apart (headings from body text). */
  readonly font: string;
}

/** A straight rule: horizontal (`y0 === y1`) or vertical (`x0 === x1`), with its thickness. */
export interface Rule {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly width: number;
}

/** A rectangle in page points. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** What a page holds. */
export interface PageContent {
  /** 1-based. */
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly runs: Run[];
  readonly horizontal: Rule[];
  readonly vertical: Rule[];
  /** Images drawn, clipped to the page. */
  readonly images: Box[];
  /** Operations looked at (text items and drawing operators): the page's share of the work. */
  readonly work: number;
}

type Matrix = [number, number, number, number, number, number];

const mul = (m: Matrix, n: readonly number[]): Matrix => [
  m[0] * n[0]! + m[2] * n[1]!,
  m[1] * n[0]! + m[3] * n[1]!,
  m[0] * n[2]! + m[2] * n[3]!,
  m[1] * n[2]! + m[3] * n[3]!,
  m[0] * n[4]! + m[2] * n[5]! + m[4],
  m[1] * n[4]! + m[3] * n[5]! + m[5],
];

// A rule is thinner than this (points); a filled bar up to it is a drawn line, beyond it a shaded area.
const MAX_RULE = 2.5;
// Shorter marks are glyph-like decorations, not rules.
const MIN_RULE = 3;
// Axis-aligned within this much.
const SKEW = 0.6;

/**
 * Reads a page's text, and its rules and images when the text leaves room for them: drawing operators
 * cost pdf.js several times what its text does (it builds every glyph's outline), so a page of running
 * text — no lines with cells set apart, no wide gap a picture or an empty table could fill, enough text
 * not to be a scan — is not asked for them.
 */
export async function readPage(lib: PdfjsLib, page: PDFPageProxy): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const text = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  const runs: Run[] = [];
  let work = 0;
  for (const item of text.items) {
    work++;
    if (!("str" in item)) continue;
    const str = unradical(item.str.trim());
    if (str === "") continue;
    const t = mul(vt, item.transform as number[]);
    const size = Math.hypot(t[2], t[3]);
    if (!(size > 0.5) || !Number.isFinite(t[4]) || !Number.isFinite(t[5])) continue;
    const vertical = text.styles[item.fontName]?.vertical === true;
    if (vertical) {
      // pdf.js places a vertical run at its top centre; it advances downwards by `height`.
      const half = size / 2;
      runs.push({
        str,
        x0: t[4] - half,
        x1: t[4] + half,
        top: t[5],
        base: t[5] + Math.abs(item.height),
        size,
        vertical,
        font: item.fontName,
      });
      continue;
    }
    // Text along the page's x axis (upright, after the viewport transform); anything else (rotated
    // labels) is placed by its bounding box.
    const len = Math.abs(item.width) || size * str.length * 0.5;
    const dx = t[0] / size;
    const dy = t[1] / size;
    const ex = t[4] + dx * len;
    const ey = t[5] + dy * len;
    if (Math.abs(dy) < 0.05 && dx > 0) {
      runs.push({ str, x0: t[4], x1: ex, top: t[5] - size, base: t[5], size, vertical, font: item.fontName });
    } else {
      runs.push({
        str,
        x0: Math.min(t[4], ex),
        x1: Math.max(t[4], ex) + (Math.abs(dy) > 0.5 ? size : 0),
        top: Math.min(t[5], ey) - size,
        base: Math.max(t[5], ey),
        size,
        vertical: Math.abs(dy) > 0.5,
        font: item.fontName,
      });
    }
  }

  const horizontal: Rule[] = [];
  const vertical: Rule[] = [];
  const images: Box[] = [];
  const width = viewport.width;
  const height = viewport.height;
  if (!mayDraw(runs, height))
    return { page: page.pageNumber, width, height, runs, horizontal, vertical, images, work };
  const ops = await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
  const { OPS } = lib;
  const stack: { ctm: Matrix; lineWidth: number; fill: boolean; stroke: boolean }[] = [];
  let ctm: Matrix = [...vt] as Matrix;
  let lineWidth = 1;
  // Whether the current fill / stroke colour is visible on white paper.
  let fill = true;
  let stroke = true;

  const addRule = (ax: number, ay: number, bx: number, by: number, w: number) => {
    const dx = Math.abs(bx - ax);
    const dy = Math.abs(by - ay);
    if (dy <= SKEW && dx >= MIN_RULE) {
      const y = (ay + by) / 2;
      if (y < -1 || y > height + 1) return;
      horizontal.push({
        x0: Math.max(0, Math.min(ax, bx)),
        y0: y,
        x1: Math.min(width, Math.max(ax, bx)),
        y1: y,
        width: w,
      });
    } else if (dx <= SKEW && dy >= MIN_RULE) {
      const x = (ax + bx) / 2;
      if (x < -1 || x > width + 1) return;
      vertical.push({
        x0: x,
        y0: Math.max(0, Math.min(ay, by)),
        x1: x,
        y1: Math.min(height, Math.max(ay, by)),
        width: w,
      });
    }
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    work++;
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, lineWidth, fill, stroke });
        break;
      case OPS.restore: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, fill, stroke } = s);
        break;
      }
      case OPS.transform:
        ctm = mul(ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ctm, lineWidth, fill, stroke });
        const m = args?.[0];
        if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = mul(ctm, Array.from(m as ArrayLike<number>));
        break;
      }
      case OPS.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, fill, stroke } = s);
        break;
      }
      case OPS.setLineWidth:
        lineWidth = Number(args?.[0]) || 0;
        break;
      case OPS.setFillRGBColor:
        fill = visible(args?.[0]);
        break;
      case OPS.setStrokeRGBColor:
        stroke = visible(args?.[0]);
        break;
      case OPS.setFillGray:
      case OPS.setFillColor:
      case OPS.setFillColorN:
      case OPS.setFillCMYKColor:
        fill = true;
        break;
      case OPS.setStrokeGray:
      case OPS.setStrokeColor:
      case OPS.setStrokeColorN:
      case OPS.setStrokeCMYKColor:
        stroke = true;
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintSolidColorImageMask: {
        // An image fills the unit square of the current transform.
        const xs = [ctm[4], ctm[0] + ctm[4], ctm[2] + ctm[4], ctm[0] + ctm[2] + ctm[4]];
        const ys = [ctm[5], ctm[1] + ctm[5], ctm[3] + ctm[5], ctm[1] + ctm[3] + ctm[5]];
        const box = {
          x0: Math.max(0, Math.min(...xs)),
          y0: Math.max(0, Math.min(...ys)),
          x1: Math.min(width, Math.max(...xs)),
          y1: Math.min(height, Math.max(...ys)),
        };
        if (box.x1 - box.x0 > 1 && box.y1 - box.y0 > 1) images.push(box);
        break;
      }
      case OPS.constructPath: {
        const op = args?.[0] as number;
        const data = (args?.[1] as (Float32Array | null)[] | undefined)?.[0];
        if (!data || op === OPS.endPath) break;
        const strokes =
          op === OPS.stroke ||
          op === OPS.closeStroke ||
          op === OPS.fillStroke ||
          op === OPS.eoFillStroke ||
          op === OPS.closeFillStroke ||
          op === OPS.closeEOFillStroke;
        const fills =
          op === OPS.fill || op === OPS.eoFill || (strokes && op !== OPS.stroke && op !== OPS.closeStroke);
        work += data.length >> 2;
        tracePath(data, ctm, {
          segment:
            strokes && stroke
              ? (ax, ay, bx, by) => addRule(ax, ay, bx, by, strokeWidth(ctm, lineWidth))
              : undefined,
          polygon: fills && fill ? (pts) => thinBar(pts, addRule) : undefined,
        });
        break;
      }
      default:
        break;
    }
  }
  return { page: page.pageNumber, width, height, runs, horizontal, vertical, images, work };
}

/**
 * Whether a page's text leaves room for tables or pictures: little text (a scan), lines whose runs stand
 * apart like cells, text written vertically, or a wide band without text — between lines, or above the
 * first or below the last beyond a page's usual margins (a picture at the top or foot of a page).
 */
export function mayDraw(runs: readonly Run[], height: number): boolean {
  if (runs.reduce((n, r) => n + r.str.length, 0) < 40 || runs.some((r) => r.vertical)) return true;
  const lines = groupLines(runs);
  let apart = 0;
  for (const l of lines) {
    for (let i = 1; i < l.runs.length; i++) {
      if (l.runs[i]!.x0 - l.runs[i - 1]!.x1 > 1.5 * l.size) {
        apart++;
        break;
      }
    }
    if (apart >= 2) return true;
  }
  for (let i = 1; i < lines.length; i++) if (lines[i]!.top - lines[i - 1]!.base > height * 0.12) return true;
  const first = lines[0];
  const last = lines.at(-1);
  return (
    first !== undefined &&
    last !== undefined &&
    (first.top > height * 0.22 || height - last.base > height * 0.22)
  );
}

/** Whether a colour (pdf.js gives `#rrggbb`) shows on white paper: not white or near-white. */
function visible(color: unknown): boolean {
  if (typeof color !== "string" || !/^#[0-9a-f]{6}$/i.test(color)) return true;
  const v = Number.parseInt(color.slice(1), 16);
  return Math.min(v >> 16, (v >> 8) & 0xff, v & 0xff) < 235;
}

/** A line width in page points (at least a hairline). */
function strokeWidth(ctm: Matrix, w: number): number {
  const scale = Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) || 1;
  return Math.max(0.1, w * scale);
}

const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/**
 * Walks pdf.js's path buffer (its DrawOPS codes): straight segments to `segment`, each closed or ended
 * subpath's points to `polygon` (a curve makes a subpath no polygon).
 */
function tracePath(
  data: Float32Array,
  m: Matrix,
  out: {
    segment: ((ax: number, ay: number, bx: number, by: number) => void) | undefined;
    polygon: ((pts: number[]) => void) | undefined;
  },
): void {
  let pts: number[] = [];
  let curved = false;
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const flush = () => {
    if (out.polygon && !curved && pts.length >= 6) out.polygon(pts);
    pts = [];
    curved = false;
  };
  for (let k = 0; k < data.length; ) {
    const code = data[k++];
    if (code === MOVE || code === LINE) {
      const x = data[k++]!;
      const y = data[k++]!;
      const px = m[0] * x + m[2] * y + m[4];
      const py = m[1] * x + m[3] * y + m[5];
      if (code === MOVE) {
        flush();
        sx = px;
        sy = py;
      } else out.segment?.(cx, cy, px, py);
      pts.push(px, py);
      cx = px;
      cy = py;
    } else if (code === CURVE) {
      k += 4;
      const x = data[k++]!;
      const y = data[k++]!;
      cx = m[0] * x + m[2] * y + m[4];
      cy = m[1] * x + m[3] * y + m[5];
      curved = true;
    } else if (code === QUAD) {
      k += 2;
      const x = data[k++]!;
      const y = data[k++]!;
      cx = m[0] * x + m[2] * y + m[4];
      cy = m[1] * x + m[3] * y + m[5];
      curved = true;
    } else if (code === CLOSE) {
      if (cx !== sx || cy !== sy) out.segment?.(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
      flush();
    } else break;
  }
  flush();
}

/** A filled polygon that is a thin axis-aligned bar is a rule along its length. */
function thinBar(
  pts: number[],
  add: (ax: number, ay: number, bx: number, by: number, w: number) => void,
): void {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < pts.length; i += 2) {
    x0 = Math.min(x0, pts[i]!);
    x1 = Math.max(x1, pts[i]!);
    y0 = Math.min(y0, pts[i + 1]!);
    y1 = Math.max(y1, pts[i + 1]!);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= MAX_RULE && w >= MIN_RULE && w > h) add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, Math.max(h, 0.1));
  else if (w <= MAX_RULE && h >= MIN_RULE && h > w)
    add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, Math.max(w, 0.1));
}
