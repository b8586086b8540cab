/**
 * The one module that touches pdfmake's singleton: policies, fonts and the virtual file system. No URL
 * is ever fetched and no file is read; the only files pdfmake sees are our font bytes in its memory FS.
 */
import pdfmake from "pdfmake";
import type { TDocumentDefinitions, TFontDictionary } from "pdfmake/interfaces.js";
import { installFastStyleLookups, type StyleStackClass } from "./_styles.js";
import { PdfRenderError } from "./errors.js";
import type { ResolvedFonts } from "./fonts.js";

interface VirtualFs {
  writeFileSync(name: string, content: Uint8Array): void;
}

interface PdfmakeInternals {
  virtualfs: VirtualFs;
  setLocalAccessPolicy?: (cb: (path: string) => boolean) => void;
}

const internals = pdfmake as unknown as PdfmakeInternals;
pdfmake.setUrlAccessPolicy(() => false);
// Node only: the browser build has no file system to guard.
internals.setLocalAccessPolicy?.(() => false);

/**
 * pdfmake's style stack class in Node, loaded from the same pdfmake as the import above (Node keeps one
 * instance of each CommonJS file). Browser builds bundle their own copy and are left as they are.
 */
function styleStackClass(): StyleStackClass | undefined {
  const node = (globalThis as { process?: Partial<NodeJS.Process> }).process;
  const modules = node?.getBuiltinModule?.("node:module");
  if (modules === undefined) return undefined;
  try {
    const stack = modules.createRequire(import.meta.url)("pdfmake/js/StyleContextStack.js") as {
      default?: StyleStackClass;
    };
    return typeof stack.default?.getStyleProperty === "function" ? stack.default : undefined;
  } catch {
    return undefined; // another pdfmake layout: its own lookups are used
  }
}
const styleStack = styleStackClass();
if (styleStack !== undefined) installFastStyleLookups(styleStack);

const names = new WeakMap<Uint8Array, string>();
let fontCount = 0;

/** The virtual file name of a font's bytes, stored once per byte array. */
function vfsName(bytes: Uint8Array): string {
  let name = names.get(bytes);
  if (name === undefined) {
    name = `xxgk-font-${++fontCount}.ttf`;
    internals.virtualfs.writeFileSync(name, bytes);
    names.set(bytes, name);
  }
  return name;
}

/** The parts of pdfmake's pdfkit document that {@link reuseParsedFonts} reads and extends. */
interface FontHost {
  fonts: Record<string, Record<string, unknown>>;
  fontCache: Record<string, Record<string, { font: object; name: string; constructor: unknown }>>;
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  _font: unknown;
  getFontType(bold: boolean, italics: boolean): string;
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
}

type EmbeddedFontClass = new (
  doc: FontHost,
  font: object,
  id: string,
) => { name: string; id: string; layoutCache?: object };

/**
 * Parsed fontkit fonts by pdfmake family and type, shared by every later document of this process (a
 * family names one font file and face for the whole process: see `resolveFonts`).
 */
const parsed = new Map<string, object>();
/**
 * pdfkit's per-document cache of shaped words (glyphs and scaled positions, never changed once made),
 * shared per font; started afresh past {@link MAX_SHAPED} entries so a long batch does not grow it forever.
 */
const layouts = new WeakMap<object, object>();
const MAX_SHAPED = 20_000;
let patched = false;

/**
 * pdfkit parses a font's bytes anew for every document (fontkit.create), and the parse, its glyph
 * decoding and its layout tables are most of a warm render of a CJK font. After the first document the
 * parsed fonts are kept, and pdfmake's document class hands them to each new document's embedded font
 * (which keeps its own subset, widths and ids per document, so the bytes are the same as before).
 */
function reuseParsedFonts(doc: FontHost): void {
  for (const [family, types] of Object.entries(doc.fontCache)) {
    for (const [type, embedded] of Object.entries(types)) {
      if (typeof embedded.font !== "object") continue; // a standard PDF font: nothing parsed
      const key = `${family}/${type}`;
      if (!parsed.has(key)) {
        parsed.set(key, embedded.font);
        keepDecodedGlyphs(embedded.font as Parameters<typeof keepDecodedGlyphs>[0]);
      }
      const shaped = layouts.get(embedded.font);
      if (shaped !== undefined && Object.keys(shaped).length > MAX_SHAPED) layouts.delete(embedded.font);
    }
  }
  if (patched) return;
  const sample = Object.values(doc.fontCache).flatMap((t) => Object.values(t))[0];
  const proto = Object.getPrototypeOf(doc) as FontHost;
  if (typeof sample?.font !== "object" || typeof proto.provideFont !== "function") return;
  patched = true;
  const EmbeddedFont = sample.constructor as EmbeddedFontClass;
  const provideFont = proto.provideFont;
  proto.provideFont = function (this: FontHost, family: string, bold: boolean, italics: boolean) {
    const type = this.getFontType(bold, italics);
    const font = parsed.get(`${family}/${type}`);
    if (font !== undefined && this.fontCache[family]?.[type] === undefined) {
      // What pdfkit's font() does for font bytes: a fresh id, one embedded font per PostScript name.
      const embedded = new EmbeddedFont(this, font, `F${++this._fontCount}`);
      if (embedded.layoutCache !== undefined) {
        const shaped = layouts.get(font);
        if (shaped === undefined) layouts.set(font, embedded.layoutCache);
        else embedded.layoutCache = shaped;
      }
      const same = this._fontFamilies[embedded.name] as { font?: object } | undefined;
      let chosen: unknown = embedded;
      if (same === undefined) this._fontFamilies[embedded.name] = embedded;
      else if (same.font === font) chosen = same;
      else this._fontFamilies[embedded.id] = embedded;
      this._font = chosen;
      this.fontCache[family] ??= {};
      this.fontCache[family][type] = chosen as FontHost["fontCache"][string][string];
    }
    return provideFont.call(this, family, bold, italics);
  };
}

/** The parts of a fontkit TrueType glyph that {@link keepDecodedGlyphs} reads and wraps. */
interface GlyphHost {
  _font?: { _variationProcessor?: unknown };
  _decode?: () => unknown;
}

const decoded = new WeakMap<object, unknown>();
/** Marks a patched glyph prototype for every copy of this module in the process, as BATCHED below does. */
const DECODES_KEPT = Symbol.for("@xxgk/render-pdf decoded glyphs");

/**
 * pdfkit's subsetter decodes the outline of every glyph it embeds (fontkit's `_decode`), once per
 * document, only to see whether the glyph is made of others. A parsed font is shared by every document
 * (see reuseParsedFonts) and so are its glyph objects: each glyph's decoded table is kept with it. Not
 * for variable fonts, whose decoded points fontkit moves in place.
 */
function keepDecodedGlyphs(font: { getGlyph?: (id: number) => GlyphHost }): void {
  if (typeof font.getGlyph !== "function") return;
  const proto = Object.getPrototypeOf(font.getGlyph(0)) as GlyphHost & { [DECODES_KEPT]?: true };
  const decode = proto._decode;
  if (proto[DECODES_KEPT] || typeof decode !== "function") return;
  proto[DECODES_KEPT] = true;
  proto._decode = function (this: GlyphHost) {
    if (this._font?._variationProcessor) return decode.call(this);
    if (!decoded.has(this)) decoded.set(this, decode.call(this));
    return decoded.get(this);
  };
}

/** The parts of pdfkit's PDFReference (an object of the PDF file) that {@link batchTextWrites} wraps. */
interface PdfObjectRef {
  write(chunk: unknown): void;
  finalize(): void;
  [PENDING]?: string[] | undefined;
}

const PENDING = Symbol("xxgk pending lines");
/** Marks a patched prototype for every copy of this module in the process (no wrapper around a wrapper). */
const BATCHED = Symbol.for("@xxgk/render-pdf batched writes");

/**
 * pdfkit writes each drawing operator of a page (`1 0 0 1 72 800 cm`, a line of text…) into its object
 * as a Buffer of its own (~26,000 small Buffers for the 2021 example), only to concatenate them when the
 * object is finished. The strings written between binary chunks are kept in a list instead and handed
 * to pdfkit's own `write` as one, joined by the newlines pdfkit puts after each, before a binary chunk
 * or when the object is finished: the same bytes in the same order (pdfkit encodes text as Latin-1, one byte per
 * code unit, so the lengths it counts are the same). Anything else written goes to pdfkit as it is.
 */
export function batchTextWrites(ref: PdfObjectRef | undefined): void {
  if (ref === undefined) return;
  const proto = Object.getPrototypeOf(ref) as PdfObjectRef & { [BATCHED]?: true };
  const { write, finalize } = proto;
  if (proto[BATCHED] || typeof write !== "function" || typeof finalize !== "function") return;
  proto[BATCHED] = true;
  const flush = (r: PdfObjectRef) => {
    const lines = r[PENDING];
    if (lines === undefined) return;
    r[PENDING] = undefined;
    write.call(r, lines.join("\n")); // pdfkit appends the last newline itself
  };
  proto.write = function (this: PdfObjectRef, chunk: unknown) {
    if (typeof chunk !== "string") {
      flush(this);
      write.call(this, chunk);
      return;
    }
    const lines = this[PENDING];
    if (lines === undefined) this[PENDING] = [chunk];
    else lines.push(chunk);
  };
  proto.finalize = function (this: PdfObjectRef) {
    flush(this);
    finalize.call(this);
  };
}

/** Makes the given fonts the only ones pdfmake knows. */
function useFonts(fonts: ResolvedFonts): void {
  // Set afresh for every document: pdfmake rewrites font descriptors while it resolves them (a
  // collection's file name is replaced by its bytes).
  const dictionary: TFontDictionary = {};
  for (const [family, { source, face }] of fonts.families) {
    const file = vfsName(source.data);
    const descriptor = () => (face.inCollection ? [file, face.postscriptName] : file) as string;
    dictionary[family] = {
      normal: descriptor(),
      bold: descriptor(),
      italics: descriptor(),
      bolditalics: descriptor(),
    };
  }
  pdfmake.setFonts(dictionary);
}

/** One line of a laid-out page, as pdfmake keeps it on the pdfkit document (`_pdfMakePages`). */
interface LaidLine {
  readonly y?: number;
  readonly inlines?: ReadonlyArray<{
    readonly text: string;
    readonly xxgkSource?: string;
    readonly height?: number;
  }>;
}

/** A laid-out page: its size, margins and items. */
interface LaidPage {
  readonly pageSize: { readonly height: number };
  readonly pageMargins: { readonly bottom: number };
  readonly items: ReadonlyArray<{ readonly type: string; readonly item: LaidLine }>;
}

/**
 * The text each source (see `xxgkSource` in document.ts) has on the pages, counting only lines that lie
 * within a page's body: pdfmake positions the end of an unbreakable block taller than a page below the
 * page's foot, where no reader sees it.
 */
function visibleTexts(pages: readonly LaidPage[], footerFrom: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const page of pages) {
    const foot = page.pageSize.height - page.pageMargins.bottom + 0.5;
    for (const { type, item } of page.items) {
      if (type !== "line" || item.inlines === undefined || item.y === undefined) continue;
      const height = Math.max(0, ...item.inlines.map((i) => i.height ?? 0));
      if (item.y < footerFrom && item.y + height > foot) continue;
      for (const inline of item.inlines) {
        if (inline.xxgkSource === undefined) continue;
        out.set(inline.xxgkSource, (out.get(inline.xxgkSource) ?? "") + inline.text);
      }
    }
  }
  return out;
}

const failed = (e: unknown) =>
  new PdfRenderError("pdf.failed", `pdfmake could not make the PDF: ${(e as Error).message}`, {
    cause: e,
  });

/** The PDF and, for each text source, the text its lines hold on the pages (see {@link visibleTexts}). */
export interface Printed {
  readonly pdf: Uint8Array;
  readonly texts: ReadonlyMap<string, string>;
  readonly pages: number;
}

/** Lays out and writes the PDF with only the given fonts available. */
export async function printPdf(doc: TDocumentDefinitions, fonts: ResolvedFonts): Promise<Printed> {
  useFonts(fonts);
  try {
    const output = pdfmake.createPdf(doc);
    const buffer = await output.getBuffer();
    const pdfDocument = (await output.getStream()) as unknown as FontHost & {
      _root?: PdfObjectRef;
      _pdfMakePages?: LaidPage[];
    };
    reuseParsedFonts(pdfDocument);
    batchTextWrites(pdfDocument._root);
    const pages = pdfDocument._pdfMakePages ?? [];
    const bottom = pages[0] ? pages[0].pageSize.height - pages[0].pageMargins.bottom : 0;
    return {
      pdf: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
      texts: visibleTexts(pages, bottom),
      pages: pages.length,
    };
  } catch (e) {
    throw failed(e);
  }
}
