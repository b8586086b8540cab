import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faceNames, readCoverage, readFace } from "../src/_glyphs.js";
import { PdfRenderError } from "../src/errors.js";
import { bundledBytes } from "./_fixtures.js";

/** A minimal sfnt holding only a `cmap` with one subtable (format 4 or 12) mapping `cps` to glyphs 1…n. */
function fontWithCmap(cps: readonly number[], format: 4 | 12): Uint8Array {
  const sorted = [...new Set(cps)].sort((a, b) => a - b);
  let sub: Uint8Array;
  if (format === 12) {
    sub = new Uint8Array(16 + sorted.length * 12);
    const v = new DataView(sub.buffer);
    v.setUint16(0, 12);
    v.setUint32(4, sub.length);
    v.setUint32(12, sorted.length);
    sorted.forEach((cp, i) => {
      v.setUint32(16 + i * 12, cp);
      v.setUint32(20 + i * 12, cp);
      v.setUint32(24 + i * 12, i + 1);
    });
  } else {
    // One segment per code point using idDelta, plus the 0xFFFF terminator segment.
    const segs = [...sorted.map((cp, i) => ({ cp, delta: (i + 1 - cp) & 0xffff })), { cp: 0xffff, delta: 1 }];
    const n = segs.length;
    sub = new Uint8Array(16 + n * 8);
    const v = new DataView(sub.buffer);
    v.setUint16(0, 4);
    v.setUint16(2, sub.length);
    v.setUint16(6, n * 2);
    segs.forEach((s, i) => {
      v.setUint16(14 + i * 2, s.cp);
      v.setUint16(16 + n * 2 + i * 2, s.cp);
      v.setUint16(16 + n * 4 + i * 2, s.delta);
      v.setUint16(16 + n * 6 + i * 2, 0);
    });
  }
  const cmap = new Uint8Array(12 + sub.length);
  const cv = new DataView(cmap.buffer);
  cv.setUint16(2, 1);
  cv.setUint16(4, 3);
  cv.setUint16(6, format === 12 ? 10 : 1);
  cv.setUint32(8, 12);
  cmap.set(sub, 12);
  const font = new Uint8Array(12 + 16 + cmap.length);
  const fv = new DataView(font.buffer);
  fv.setUint32(0, 0x00010000);
  fv.setUint16(4, 1);
  font.set([0x63, 0x6d, 0x61, 0x70], 12);
  fv.setUint32(12 + 8, 28);
  fv.setUint32(12 + 12, cmap.length);
  font.set(cmap, 28);
  return font;
}

describe("readCoverage", () => {
  it("reads exactly the mapped code points from a format 12 cmap", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 0x10ffff }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 0x10ffff }),
        (cps, probe) => {
          const cov = readCoverage(fontWithCmap(cps, 12));
          expect(cov.size).toBe(cps.length);
          for (const cp of cps) expect(cov.has(cp)).toBe(true);
          expect(cov.has(probe)).toBe(cps.includes(probe));
        },
      ),
    );
  });

  it("reads exactly the mapped code points from a format 4 cmap", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 0xfffe }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 0xfffe }),
        (cps, probe) => {
          const cov = readCoverage(fontWithCmap(cps, 4));
          expect(cov.size).toBe(cps.length);
          expect(cov.has(probe)).toBe(cps.includes(probe));
        },
      ),
    );
  });

  it("knows what the bundled fonts have: GB2312 text and punctuation, but not Extension B", async () => {
    const fonts = bundledBytes();
    for (const bytes of [fonts.serif, fonts.serifBold, fonts.sans]) {
      const cov = readCoverage(bytes);
      for (const ch of "政府信息公开（一）“三安全一稳定”、—0123456789元.-+/亳谯歙黟盱眙〇") {
        expect(cov.has(ch.codePointAt(0)!), ch).toBe(true);
      }
      expect(cov.has(0x20bb7)).toBe(false); // 𠮷
    }
  });

  it.each([
    ["WOFF", [0x77, 0x4f, 0x46, 0x46], /WOFF/],
    ["anything else", [0x25, 0x50, 0x44, 0x46], /not a TrueType/],
  ])("rejects %s with a font.invalid error that says what to give instead", (_, head, message) => {
    const bytes = new Uint8Array(64);
    bytes.set(head);
    const err = (() => {
      try {
        readCoverage(bytes);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PdfRenderError);
    expect((err as PdfRenderError).code).toBe("font.invalid");
    expect((err as Error).message).toMatch(message);
  });

  it("reads a face of a TrueType collection, chosen by any of its names", () => {
    const ukai = "/usr/share/fonts/truetype/arphic/ukai.ttc";
    const names = faceNames(readFileSync(ukai));
    expect(names.length).toBeGreaterThan(1);
    const cn = readFace(readFileSync(ukai), "AR PL UKai CN");
    expect(cn.inCollection).toBe(true);
    expect(cn.postscriptName).toBe("UKaiCN");
    expect(cn.has("楷".codePointAt(0)!)).toBe(true);
    expect(cn.advance("楷".codePointAt(0)!)).toBeCloseTo(1, 2);
    expect(readFace(readFileSync(ukai), "ar pl ukai tw").postscriptName).toBe("UKaiTW");
    expect(() => readFace(readFileSync(ukai), "No Such Face")).toThrow(/no face named "No Such Face"/);
  });

  it("reports a damaged cmap as font.invalid instead of crashing", () => {
    const font = fontWithCmap([0x4e00], 12).slice(0, 40);
    expect(() => readCoverage(font)).toThrow(PdfRenderError);
  });
});
