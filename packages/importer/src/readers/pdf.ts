// The PDF reader: pdf.js (loaded only when a PDF is seen) gives each page's text runs and the rules it
// draws; tables come from the rules (merged cells from the borders the author drew) or, drawn without
// rules, from positions; page furniture goes; tables cut by a page break are joined; lines become
// paragraphs. What is not a readable text PDF — a scan, text without a Unicode mapping, an encrypted,
// cut-off or damaged file — is said, with no document.
import type { Diagnostics } from "../_diagnostics.js";
import type { SourceBlock, SourceDocument, TitleCandidate } from "../source.js";
import type { DocumentProperties, ImportOptions, PagePosition } from "../types.js";
import { joinTables, toBlocks } from "./pdf/_document.js";
import { furniture } from "./pdf/_furniture.js";
import type { Work } from "./pdf/_grid.js";
import { bottomOf, layoutPage, pageTables, topOf } from "./pdf/_layout.js";
import { type PageContent, readPage } from "./pdf/_page.js";
import { installedAssets, loadPdfjs, type PdfjsLib, withPdfjs } from "./pdf/_pdfjs.js";
import { type FlowLine, plainTables } from "./pdf/_plain.js";
import { checkText } from "./pdf/_quality.js";

const START: PagePosition = { page: 1, x: 0, y: 0 };

/** Reads a PDF into the intermediate document, or says why it cannot (with `null`). Never rejects. */
export async function readPdf(
  bytes: Uint8Array,
  diag: Diagnostics,
  opts: ImportOptions = {},
): Promise<SourceDocument | null> {
  if (!endsAsPdf(bytes)) {
    diag.add(
      "pdf-truncated",
      "error",
      "PDF 文件不完整：文件在 PDF 的结束标记（%%EOF）之前就断了，可能没有下载或复制完。请重新下载原文件后再导入",
      "the PDF is incomplete: the file stops before the PDF's end marker (%%EOF), so it was probably cut off while downloading or copying. Download the original again and import that",
      START,
    );
    return null;
  }
  let lib: PdfjsLib;
  try {
    lib = await loadPdfjs();
  } catch (error) {
    diag.add(
      "pdf-unavailable",
      "error",
      `无法加载 PDF 读取组件（pdf.js）：${String(error)}`,
      `the PDF reading library (pdf.js) could not be loaded: ${String(error)}`,
      START,
    );
    return null;
  }
  const warnings: string[] = [];
  const read = await withPdfjs(() => readAll(lib, bytes, opts), warnings);
  noteWarnings(warnings, diag);
  if ("error" in read) {
    refuseOpen(read.error, diag);
    return null;
  }
  if (read.failed.length > 0) {
    const pages = read.failed.map((f) => f.page).join("、");
    diag.add(
      "pdf-damaged",
      "error",
      `PDF 文件已损坏：第 ${pages} 页无法读取（${read.failed[0]!.reason}）。请重新下载原文件，或在 PDF 阅读器中打开后另存一份再导入`,
      `the PDF is damaged: page ${pages} cannot be read (${read.failed[0]!.reason}). Download the original again, or open it in a PDF viewer and save a new copy to import`,
      { page: read.failed[0]!.page, x: 0, y: 0 },
    );
    return null;
  }
  if (!checkText(read.pages, diag)) return null;
  const blocks = layoutPages(read.pages).blocks;
  const properties = read.properties;
  const titles: TitleCandidate[] =
    properties.title === undefined
      ? []
      : [{ text: properties.title, pos: { ...START, excerpt: properties.title }, noted: true }];
  return {
    format: "pdf",
    start: START,
    blocks,
    tables: "grids",
    titleAt: "before-sections",
    containers: [],
    titles,
    published: [],
    properties,
  };
}

/**
 * Lays out read pages into the intermediate document's blocks, counting the work done (for the
 * linearity tests): tables from rules, furniture removed, lines and plain tables, tables joined over
 * page breaks, paragraphs.
 */
export function layoutPages(pages: readonly PageContent[]): { blocks: SourceBlock[]; work: number } {
  const work: Work = { n: 0 };
  const ruled = pages.map((p) => pageTables(p, work));
  const drop = furniture(
    pages,
    ruled.map((ts) => ts.map((t) => t.box)),
  );
  const parts = pages.map((p, i) => layoutPage(p, ruled[i]!, drop, work));
  // Tables laid out without rules, over the whole document: one may go on over a page break. A line
  // can go on from the previous page when nothing else stands between them.
  const flow: FlowLine[] = [];
  parts.forEach(({ blocks, lines }, i) => {
    const page = pages[i]!.page;
    const top = Math.min(Number.POSITIVE_INFINITY, ...blocks.map(topOf));
    const bottom = Math.max(Number.NEGATIVE_INFINITY, ...blocks.map(bottomOf));
    lines.forEach((line, k) => {
      flow.push({
        line,
        page,
        first: k === 0 && line.top < top,
        last: k === lines.length - 1 && line.base > bottom,
      });
    });
  });
  const plain = plainTables(flow, work);
  const laid = parts.map(({ blocks }) => blocks);
  for (const t of plain.tables)
    laid[pages.findIndex((p) => p.page === t.page)]!.push({ kind: "table", page: t.page, table: t });
  flow.forEach((f, k) => {
    if (!plain.used.has(k))
      laid[pages.findIndex((p) => p.page === f.page)]!.push({ kind: "line", page: f.page, line: f.line });
  });
  for (const blocks of laid) blocks.sort((a, b) => topOf(a) - topOf(b));
  joinTables(laid, work);
  const blocks = toBlocks(
    laid,
    pages.map((p) => p.width),
    work,
  );
  return { blocks, work: work.n + pages.reduce((n, p) => n + p.work, 0) };
}

// A complete PDF ends with %%EOF (a few bytes of line ends or padding may follow).
function endsAsPdf(bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048));
  const eof = [0x25, 0x25, 0x45, 0x4f, 0x46];
  outer: for (let i = tail.length - eof.length; i >= 0; i--) {
    for (let k = 0; k < eof.length; k++) if (tail[i + k] !== eof[k]) continue outer;
    return true;
  }
  return false;
}

interface Read {
  readonly pages: PageContent[];
  readonly failed: { page: number; reason: string }[];
  readonly properties: DocumentProperties;
}

async function readAll(
  lib: PdfjsLib,
  bytes: Uint8Array,
  opts: ImportOptions,
): Promise<Read | { error: unknown }> {
  const assets = installedAssets();
  const cMapUrl = opts.pdf?.cMapUrl ?? assets?.cMapUrl;
  const standardFontDataUrl = opts.pdf?.standardFontDataUrl ?? assets?.standardFontDataUrl;
  let task: ReturnType<PdfjsLib["getDocument"]>;
  try {
    task = lib.getDocument({
      // pdf.js takes the buffer over (it is transferred to its worker side): give it a copy, and a plain
      // Uint8Array (it refuses Node's Buffer).
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useWasm: false,
      verbosity: lib.VerbosityLevel.WARNINGS,
      ...(cMapUrl === undefined ? {} : { cMapUrl, cMapPacked: true }),
      ...(standardFontDataUrl === undefined ? {} : { standardFontDataUrl }),
      useWorkerFetch: false,
      disableFontFace: true,
      useSystemFonts: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      disableAutoFetch: true,
      disableStream: true,
      disableRange: true,
      enableXfa: false,
      stopAtErrors: false,
    });
  } catch (error) {
    return { error };
  }
  try {
    const doc = await task.promise;
    const meta = await doc.getMetadata().catch(() => null);
    const pages: PageContent[] = [];
    const failed: { page: number; reason: string }[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      try {
        const page = await doc.getPage(i);
        pages.push(await readPage(lib, page));
        page.cleanup();
      } catch (error) {
        failed.push({ page: i, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { pages, failed, properties: propertiesOf(meta?.info) };
  } catch (error) {
    return { error };
  } finally {
    await task.destroy();
  }
}

function refuseOpen(error: unknown, diag: Diagnostics): void {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    diag.add(
      "pdf-encrypted",
      "error",
      "这个 PDF 已加密，需要密码才能打开。请用密码在 PDF 阅读器中打开，另存（或打印）为不加密的 PDF 后再导入，或改用报告的网页",
      "this PDF is encrypted and needs a password to open. Open it with the password in a PDF viewer and save (or print) it as an unencrypted PDF to import, or import the report's web page instead",
      START,
    );
    return;
  }
  diag.add(
    "pdf-damaged",
    "error",
    `PDF 文件已损坏，无法读取（${message}）。请重新下载原文件，或在 PDF 阅读器中打开后另存一份再导入`,
    `the PDF is damaged and cannot be read (${message}). Download the original again, or open it in a PDF viewer and save a new copy to import`,
    START,
  );
}

/** pdf.js's warnings about the file, said once each (at most five, then how many more). */
function noteWarnings(warnings: readonly string[], diag: Diagnostics): void {
  const unique = [...new Set(warnings.filter((w) => !/fake worker/i.test(w)))];
  if (unique.length === 0) return;
  const shown = unique.slice(0, 5).join("; ");
  const more = unique.length > 5 ? `（另有 ${unique.length - 5} 条）` : "";
  const moreEn = unique.length > 5 ? ` (and ${unique.length - 5} more)` : "";
  diag.add(
    "pdf-warning",
    "info",
    `PDF 文件有不规范之处，读取组件 pdf.js 已自行处理：${shown}${more}`,
    `the PDF has irregularities the pdf.js library worked around: ${shown}${moreEn}`,
    START,
  );
}

const PDF_DATE =
  /^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([+\-Zz])\s*(\d{2})?'?(\d{2})?'?)?/;

/** A PDF date (`D:20250225100250+08'00'`) as ISO 8601 with the offset as stated. */
export function pdfDate(s: string): string | undefined {
  const m = PDF_DATE.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", se = "00", sign, oh = "00", om = "00"] = m;
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31 ||
    Number(h) > 23 ||
    Number(mi) > 59
  ) {
    return undefined;
  }
  const zone = sign === undefined ? "" : sign === "Z" || sign === "z" ? "Z" : `${sign}${oh}:${om}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${se}${zone}`;
}

function propertiesOf(info: unknown): DocumentProperties {
  const out: DocumentProperties = {};
  if (typeof info !== "object" || info === null) return out;
  const get = (k: string): string | undefined => {
    const v = (info as Record<string, unknown>)[k];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const title = get("Title");
  const author = get("Author");
  const creator = get("Creator");
  const producer = get("Producer");
  const created = get("CreationDate");
  const modified = get("ModDate");
  if (title !== undefined) out.title = title;
  if (author !== undefined) out.author = author;
  if (creator !== undefined) out.creator = creator;
  if (producer !== undefined) out.producer = producer;
  const c = created === undefined ? undefined : pdfDate(created);
  const m = modified === undefined ? undefined : pdfDate(modified);
  if (c !== undefined) out.created = c;
  if (m !== undefined) out.modified = m;
  return out;
}
