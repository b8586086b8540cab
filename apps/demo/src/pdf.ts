import type { Report } from "@xxgk/core-model";

/** The two TTF faces, built into `dist/fonts/` by vite.config.ts. */
const FONT_URLS = {
  serif: "fonts/NotoSerifSC-Regular.ttf",
  sans: "fonts/NotoSansSC-Regular.ttf",
} as const;
const FONT_CACHE = "xxgk-fonts-v1";

/** Bytes received so far and the total expected (0 when the server does not say). */
export type Progress = (loaded: number, total: number) => void;

/** Fetching the fonts failed (offline before the first PDF, or the server refused). */
export class FontLoadError extends Error {
  readonly code = "FONT_LOAD";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FontLoadError";
  }
}

async function openCache(): Promise<Cache | undefined> {
  try {
    return "caches" in globalThis ? await caches.open(FONT_CACHE) : undefined;
  } catch {
    return undefined;
  }
}

/** One font: from Cache Storage if a previous PDF fetched it, otherwise streamed and counted. */
async function fontResponse(url: string, cache: Cache | undefined): Promise<Response> {
  const hit = await cache?.match(url);
  if (hit) return hit;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (cause) {
    throw new FontLoadError(`无法下载字体 ${url}（是否离线？首次生成 PDF 需要联网）`, { cause });
  }
  if (!res.ok) throw new FontLoadError(`无法下载字体 ${url}：HTTP ${res.status}`);
  return res;
}

async function readCounted(res: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!res.body) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onBytes(bytes.length);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

let fonts: Promise<{ serif: Uint8Array; sans: Uint8Array }> | undefined;

/** Both faces, downloaded once per session and kept in Cache Storage across sessions and offline. */
function loadFonts(onProgress: Progress): Promise<{ serif: Uint8Array; sans: Uint8Array }> {
  fonts ??= (async () => {
    const cache = await openCache();
    const urls = [FONT_URLS.serif, FONT_URLS.sans].map((u) => new URL(u, document.baseURI).href);
    const responses = await Promise.all(urls.map((u) => fontResponse(u, cache)));
    const total = responses.reduce((n, r) => n + Number(r.headers.get("content-length") ?? 0), 0);
    let loaded = 0;
    const count = (n: number) => {
      loaded += n;
      onProgress(loaded, total);
    };
    const [serif, sans] = await Promise.all(responses.map((r) => readCounted(r, count)));
    if (cache) {
      await Promise.all(
        urls.map((u, i) =>
          cache
            .put(u, new Response([serif, sans][i]! as BlobPart, { headers: { "content-type": "font/ttf" } }))
            .catch(() => undefined),
        ),
      );
    }
    return { serif: serif!, sans: sans! };
  })();
  fonts.catch(() => {
    fonts = undefined;
  });
  return fonts;
}

/** What the PDF renderer reports for characters its fonts lack. */
export interface PdfResult {
  readonly pdf: Uint8Array;
  readonly warnings: readonly { char: string; pointer: string; message: { zh: string; en: string } }[];
}

/**
 * Renders the report to PDF in the browser. The PDF engine is a separate chunk and the fonts are
 * fetched only now, so neither weighs on the first page load.
 */
export async function makePdf(
  report: Report,
  onProgress: Progress,
  onTypeset: () => void,
): Promise<PdfResult> {
  const [engine, faces] = await Promise.all([import("@xxgk/render-pdf"), loadFonts(onProgress)]);
  onTypeset();
  // Let the page paint the "typesetting" state before the engine takes the main thread.
  await new Promise((resolve) => setTimeout(resolve, 30));
  // The bundled faces for every role (the title in the regular serif: its bold would be a third download).
  const result = await engine.renderPdf(report, { fonts: engine.bundledFonts(faces) });
  return {
    pdf: result.pdf,
    warnings: result.warnings.flatMap((w) =>
      w.code === "glyph.missing" ? [{ char: w.char, pointer: w.pointer, message: w.message }] : [],
    ),
  };
}
