/**
 * What the layout needs to know of a font, read from its tables (TrueType/OpenType, or one face of a
 * TrueType collection): which code points it draws (`cmap`), how wide each glyph is (`hmtx`), its line
 * height (`hhea`) and its names (`name`). pdfmake has no glyph fallback, so this is how a character that
 * would print as an empty box is found before printing, and how lines are broken before pdfmake sees them.
 */
import { PdfRenderError } from "./errors.js";

/** The set of code points a font has a glyph for. */
export interface FontCoverage {
  has(codePoint: number): boolean;
  /** How many code points are covered (for tests and diagnostics). */
  readonly size: number;
}

/** One face of a font file, measured. */
export interface FontFace extends FontCoverage {
  /** Advance width of the code point's glyph, in em (0 when the face has no glyph for it). */
  advance(codePoint: number): number;
  /** Ascender − descender (hhea), in em: the height pdfkit gives a line at line height 1. */
  readonly lineEm: number;
  /** The face's PostScript name (what pdfkit selects a face of a collection by). */
  readonly postscriptName: string;
  /** Every family, full and PostScript name the face carries, in every language it has them. */
  readonly names: readonly string[];
  /** Whether the face came out of a collection (`.ttc`). */
  readonly inCollection: boolean;
}

const UNICODE_LIMIT = 0x110000;

function tag(view: DataView, at: number): string {
  return String.fromCharCode(
    view.getUint8(at),
    view.getUint8(at + 1),
    view.getUint8(at + 2),
    view.getUint8(at + 3),
  );
}

/** Glyph ids by code point (0: none), filled from the cmap subtables. */
class GlyphMap {
  readonly glyphs = new Uint16Array(UNICODE_LIMIT);
  size = 0;

  set(cp: number, glyph: number): void {
    if (cp >= UNICODE_LIMIT || glyph === 0 || this.glyphs[cp] !== 0) return;
    this.glyphs[cp] = glyph;
    this.size++;
  }
}

/** Format 12 (segmented coverage): groups of consecutive code points mapped to consecutive glyphs. */
function readFormat12(view: DataView, at: number, out: GlyphMap): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + g * 12;
    const start = view.getUint32(p);
    const end = Math.min(view.getUint32(p + 4), UNICODE_LIMIT - 1);
    const glyph = view.getUint32(p + 8);
    for (let cp = start; cp <= end; cp++) out.set(cp, (glyph + (cp - start)) & 0xffff);
  }
}

/** Format 4 (BMP segments with deltas or a glyph index array); glyph 0 means "no glyph". */
function readFormat4(view: DataView, at: number, out: GlyphMap): void {
  const segCount = view.getUint16(at + 6) >> 1;
  const ends = at + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const ranges = deltas + segCount * 2;
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeAt = ranges + s * 2;
    const rangeOffset = view.getUint16(rangeAt);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (cp + delta) & 0xffff;
      } else {
        const p = rangeAt + rangeOffset + (cp - start) * 2;
        if (p + 2 > view.byteLength) continue;
        const raw = view.getUint16(p);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      out.set(cp, glyph);
    }
  }
}

/** The tables of one face: tag → offset in the file (absolute, also inside a collection). */
function tableDirectory(view: DataView, at: number): Map<string, number> {
  const out = new Map<string, number>();
  const numTables = view.getUint16(at + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = at + 12 + i * 16;
    out.set(tag(view, rec), view.getUint32(rec + 8));
  }
  return out;
}

function readCmap(view: DataView, cmap: number): GlyphMap {
  const out = new GlyphMap();
  const subtables = view.getUint16(cmap + 2);
  let read = 0;
  // Full-repertoire subtables first (format 12), so that format 4 only adds what they lack.
  const found: Array<{ at: number; format: number }> = [];
  for (let i = 0; i < subtables; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const at = cmap + view.getUint32(rec + 4);
    found.push({ at, format: view.getUint16(at) });
  }
  found.sort((a, b) => b.format - a.format);
  for (const { at, format } of found) {
    if (format === 12) readFormat12(view, at, out);
    else if (format === 4) readFormat4(view, at, out);
    else continue;
    read++;
  }
  if (read === 0)
    throw new PdfRenderError("font.invalid", "the font has no Unicode cmap subtable (format 4 or 12)");
  return out;
}

function utf16be(view: DataView, at: number, length: number): string {
  let s = "";
  for (let i = 0; i + 1 < length; i += 2) s += String.fromCharCode(view.getUint16(at + i));
  return s;
}

/** Family (1, 16), full (4) and PostScript (6) names, Unicode or Windows records, any language. */
export function readNames(view: DataView, name: number | undefined): { names: string[]; postscript: string } {
  if (name === undefined) return { names: [], postscript: "" };
  const count = view.getUint16(name + 2);
  const strings = name + view.getUint16(name + 4);
  const names = new Set<string>();
  let postscript = "";
  for (let i = 0; i < count; i++) {
    const rec = name + 6 + i * 12;
    const platform = view.getUint16(rec);
    const id = view.getUint16(rec + 6);
    if (id !== 1 && id !== 4 && id !== 6 && id !== 16) continue;
    const length = view.getUint16(rec + 8);
    const at = strings + view.getUint16(rec + 10);
    let text: string;
    if (platform === 0 || platform === 3) text = utf16be(view, at, length);
    else if (platform === 1 && view.getUint16(rec + 2) === 0) {
      text = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + at, length));
    } else continue;
    text = text.replace(/\0/g, "").trim();
    if (text === "") continue;
    names.add(text);
    if (id === 6 && postscript === "") postscript = text;
  }
  return { names: [...names], postscript };
}

/** Offsets of the faces in a file: one for a TTF/OTF, one per face for a TTC. */
function faceOffsets(view: DataView, bytes: Uint8Array): number[] {
  if (bytes.byteLength < 12)
    throw new PdfRenderError("font.invalid", "font file is too short to be a TrueType font");
  const signature = tag(view, 0);
  if (signature === "wOFF" || signature === "wOF2") {
    throw new PdfRenderError(
      "font.invalid",
      "WOFF fonts are not supported: give the TTF/OTF file (pdfmake embeds TTF/OTF)",
    );
  }
  if (signature === "ttcf") {
    const n = view.getUint32(8);
    return Array.from({ length: n }, (_, i) => view.getUint32(12 + i * 4));
  }
  if (view.getUint32(0) !== 0x00010000 && signature !== "OTTO" && signature !== "true") {
    throw new PdfRenderError("font.invalid", "not a TrueType/OpenType font (unknown signature)");
  }
  return [0];
}

/** The names of every face in a font file (one for TTF/OTF), for choosing a face of a collection. */
export function faceNames(bytes: Uint8Array): Array<{ postscriptName: string; names: string[] }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return faceOffsets(view, bytes).map((at) => {
      const { names, postscript } = readNames(view, tableDirectory(view, at).get("name"));
      return { postscriptName: postscript, names };
    });
  } catch (e) {
    if (e instanceof PdfRenderError) throw e;
    throw new PdfRenderError("font.invalid", "the font's tables are damaged", { cause: e });
  }
}

const sameName = (a: string, b: string) =>
  a.replace(/[\s_-]/g, "").toLowerCase() === b.replace(/[\s_-]/g, "").toLowerCase();

/**
 * Reads one face of a font file: the only one of a TTF/OTF, or the face of a collection named `face`
 * (PostScript, full or family name, in any language it carries; the first face when none is named).
 */
export function readFace(bytes: Uint8Array, face?: string): FontFace {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets = faceOffsets(view, bytes);
  try {
    let chosen = offsets[0]!;
    let named = readNames(view, tableDirectory(view, chosen).get("name"));
    if (face !== undefined) {
      const match = offsets
        .map((at) => ({ at, n: readNames(view, tableDirectory(view, at).get("name")) }))
        .find(({ n }) => n.names.some((x) => sameName(x, face)));
      if (match === undefined) {
        throw new PdfRenderError("font.invalid", `the font has no face named "${face}"`);
      }
      chosen = match.at;
      named = match.n;
    }
    const tables = tableDirectory(view, chosen);
    const cmap = tables.get("cmap");
    if (cmap === undefined) throw new PdfRenderError("font.invalid", "the font has no cmap table");
    const map = readCmap(view, cmap);
    const head = tables.get("head");
    const hhea = tables.get("hhea");
    const hmtx = tables.get("hmtx");
    if (head === undefined || hhea === undefined || hmtx === undefined) {
      throw new PdfRenderError("font.invalid", "the font lacks a head, hhea or hmtx table");
    }
    const unitsPerEm = view.getUint16(head + 18) || 1000;
    const ascent = view.getInt16(hhea + 4);
    const descent = view.getInt16(hhea + 6);
    const metrics = view.getUint16(hhea + 34);
    const widths = new Float32Array(metrics);
    for (let g = 0; g < metrics; g++) widths[g] = view.getUint16(hmtx + g * 4) / unitsPerEm;
    const last = metrics > 0 ? widths[metrics - 1]! : 0;
    const glyphs = map.glyphs;
    return {
      size: map.size,
      has: (cp) => cp >= 0 && cp < UNICODE_LIMIT && glyphs[cp] !== 0,
      advance: (cp) => {
        const g = cp >= 0 && cp < UNICODE_LIMIT ? glyphs[cp]! : 0;
        return g === 0 ? 0 : g < metrics ? widths[g]! : last;
      },
      lineEm: (ascent - descent) / unitsPerEm,
      postscriptName: named.postscript,
      names: named.names,
      inCollection: offsets.length > 1 || tag(view, 0) === "ttcf",
    };
  } catch (e) {
    if (e instanceof PdfRenderError) throw e;
    throw new PdfRenderError("font.invalid", "the font's tables are damaged", { cause: e });
  }
}

/** The code points a TrueType/OpenType font (or a collection's first face) maps to a glyph (only `cmap` is read). */
export function readCoverage(bytes: Uint8Array): FontCoverage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = faceOffsets(view, bytes)[0]!;
  try {
    const cmap = tableDirectory(view, at).get("cmap");
    if (cmap === undefined) throw new PdfRenderError("font.invalid", "the font has no cmap table");
    const map = readCmap(view, cmap);
    return { size: map.size, has: (cp) => cp >= 0 && cp < UNICODE_LIMIT && map.glyphs[cp] !== 0 };
  } catch (e) {
    if (e instanceof PdfRenderError) throw e;
    throw new PdfRenderError("font.invalid", "the font's cmap table is damaged", { cause: e });
  }
}

const cache = new WeakMap<Uint8Array, Map<string, FontFace>>();

/** {@link readFace}, remembered per font byte array and face (parsing a CJK font takes a few milliseconds). */
export function faceOf(bytes: Uint8Array, face?: string): FontFace {
  let faces = cache.get(bytes);
  if (faces === undefined) {
    faces = new Map();
    cache.set(bytes, faces);
  }
  const key = face ?? "";
  let f = faces.get(key);
  if (f === undefined) {
    f = readFace(bytes, face);
    faces.set(key, f);
  }
  return f;
}

/** {@link readCoverage}, remembered per font byte array. */
export function coverageOf(bytes: Uint8Array): FontCoverage {
  return faceOf(bytes);
}
