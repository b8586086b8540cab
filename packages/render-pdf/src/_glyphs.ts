/**
 * Which code points a TrueType font maps to a glyph, read from its `cmap` table. pdfmake has no glyph
 * fallback, so this is how a character that would print as an empty box is found before printing.
 */
import { PdfRenderError } from "./errors.js";

/** The set of code points a font has a glyph for. */
export interface FontCoverage {
  has(codePoint: number): boolean;
  /** How many code points are covered (for tests and diagnostics). */
  readonly size: number;
}

const UNICODE_LIMIT = 0x110000;

class BitCoverage implements FontCoverage {
  readonly bits = new Uint8Array(UNICODE_LIMIT >> 3);
  size = 0;

  add(cp: number): void {
    if (cp >= UNICODE_LIMIT) return;
    const mask = 1 << (cp & 7);
    const i = cp >> 3;
    if ((this.bits[i]! & mask) === 0) {
      this.bits[i]! |= mask;
      this.size++;
    }
  }

  has(cp: number): boolean {
    return cp >= 0 && cp < UNICODE_LIMIT && (this.bits[cp >> 3]! & (1 << (cp & 7))) !== 0;
  }
}

function tag(view: DataView, at: number): string {
  return String.fromCharCode(
    view.getUint8(at),
    view.getUint8(at + 1),
    view.getUint8(at + 2),
    view.getUint8(at + 3),
  );
}

/** Format 12 (segmented coverage): groups of consecutive code points mapped to consecutive glyphs. */
function readFormat12(view: DataView, at: number, out: BitCoverage): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + g * 12;
    const start = view.getUint32(p);
    const end = Math.min(view.getUint32(p + 4), UNICODE_LIMIT - 1);
    const glyph = view.getUint32(p + 8);
    for (let cp = start; cp <= end; cp++) if (glyph + (cp - start) !== 0) out.add(cp);
  }
}

/** Format 4 (BMP segments with deltas or a glyph index array); glyph 0 means "no glyph". */
function readFormat4(view: DataView, at: number, out: BitCoverage): void {
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
      if (glyph !== 0) out.add(cp);
    }
  }
}

/** Reads the Unicode `cmap` subtables of a TrueType/OpenType font (not a collection, not WOFF). */
export function readCoverage(bytes: Uint8Array): FontCoverage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12)
    throw new PdfRenderError("font.invalid", "font file is too short to be a TrueType font");
  const signature = tag(view, 0);
  if (signature === "wOFF" || signature === "wOF2") {
    throw new PdfRenderError(
      "font.invalid",
      "WOFF fonts are not supported: give the TTF file (pdfmake embeds TTF/OTF)",
    );
  }
  if (signature === "ttcf") {
    throw new PdfRenderError(
      "font.invalid",
      "font collections (.ttc) are not supported: give a single TTF file",
    );
  }
  if (view.getUint32(0) !== 0x00010000 && signature !== "OTTO" && signature !== "true") {
    throw new PdfRenderError("font.invalid", "not a TrueType/OpenType font (unknown signature)");
  }
  try {
    const numTables = view.getUint16(4);
    let cmap = -1;
    for (let i = 0; i < numTables; i++) {
      if (tag(view, 12 + i * 16) === "cmap") cmap = view.getUint32(12 + i * 16 + 8);
    }
    if (cmap < 0) throw new PdfRenderError("font.invalid", "the font has no cmap table");
    const out = new BitCoverage();
    const subtables = view.getUint16(cmap + 2);
    let read = 0;
    for (let i = 0; i < subtables; i++) {
      const rec = cmap + 4 + i * 8;
      const platform = view.getUint16(rec);
      const encoding = view.getUint16(rec + 2);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      const at = cmap + view.getUint32(rec + 4);
      const format = view.getUint16(at);
      if (format === 12) readFormat12(view, at, out);
      else if (format === 4) readFormat4(view, at, out);
      else continue;
      read++;
    }
    if (read === 0)
      throw new PdfRenderError("font.invalid", "the font has no Unicode cmap subtable (format 4 or 12)");
    return out;
  } catch (e) {
    if (e instanceof PdfRenderError) throw e;
    throw new PdfRenderError("font.invalid", "the font's cmap table is damaged", { cause: e });
  }
}

const cache = new WeakMap<Uint8Array, FontCoverage>();

/** {@link readCoverage}, remembered per font byte array (parsing a CJK cmap takes a few milliseconds). */
export function coverageOf(bytes: Uint8Array): FontCoverage {
  let c = cache.get(bytes);
  if (!c) {
    c = readCoverage(bytes);
    cache.set(bytes, c);
  }
  return c;
}
