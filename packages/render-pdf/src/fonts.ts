import { type FontFace, faceOf } from "./_glyphs.js";
import type { Chain } from "./_lines.js";

/**
 * The four typographic roles of a 公文: the title (方正小标宋), the body (仿宋_GB2312), 一级标题 (黑体)
 * and 二级标题 (楷体_GB2312). Table column heads use the 一级标题 face, everything else in tables the body.
 */
export type FontRole = "title" | "body" | "heading1" | "heading2";

/** Every role, in the order the result lists them. */
export const FONT_ROLES: readonly FontRole[] = ["title", "body", "heading1", "heading2"];

/** A font file: TTF/OTF bytes, or a TrueType collection (`.ttc`) and the face to use in it. */
export interface FontSource {
  readonly data: Uint8Array;
  /** A collection's face by PostScript, full or family name (any language it carries); default the first. */
  readonly face?: string;
  /** Where the bytes came from (a path or a URL), for the result and for messages. */
  readonly file?: string;
}

/**
 * The fonts of a PDF: for each role the faces to draw with, in order — each character is drawn in the
 * first face that has it, so an office font that lacks a rare character falls back to the next face
 * instead of printing a box. Build it with {@link bundledFonts} and {@link withOfficeFonts}; in Node,
 * `loadNodeFonts()` from `@xxgk/render-pdf/node` does both.
 */
export type PdfFonts = Readonly<Record<FontRole, readonly FontSource[]>>;

/** The bundled faces (npm dependencies): Noto Serif SC, its bold, Noto Sans SC. */
export interface BundledFontBytes {
  /** Noto Serif SC Regular: the body (the nearest free face to 仿宋), and 二级标题 (no free 楷体 TTF is on npm). */
  readonly serif: Uint8Array;
  /** Noto Serif SC Bold: the title (a heavy 宋, the nearest free face to 小标宋); the serif when absent. */
  readonly serifBold?: Uint8Array;
  /** Noto Sans SC Regular: 一级标题 and table heads (黑体). */
  readonly sans: Uint8Array;
}

/** The bundled faces as {@link PdfFonts}: each role's own face, then the others for characters it lacks. */
export function bundledFonts(b: BundledFontBytes): PdfFonts {
  const serif: FontSource = { data: b.serif, file: "Noto Serif SC Regular (bundled)" };
  const sans: FontSource = { data: b.sans, file: "Noto Sans SC Regular (bundled)" };
  const bold: FontSource = b.serifBold ? { data: b.serifBold, file: "Noto Serif SC Bold (bundled)" } : serif;
  return {
    title: bold === serif ? [serif, sans] : [bold, serif, sans],
    body: [serif, sans],
    heading1: [sans, serif],
    heading2: [serif, sans],
  };
}

/** `fonts` with the office's own fonts put first for the roles given; the others keep theirs. */
export function withOfficeFonts(fonts: PdfFonts, office: Partial<Record<FontRole, FontSource>>): PdfFonts {
  const out = { ...fonts };
  for (const role of FONT_ROLES) {
    const own = office[role];
    if (own !== undefined) out[role] = [own, ...fonts[role]];
  }
  return out;
}

/** Which file served a role: the first face of its chain, and how it was chosen. */
export interface FontUse {
  readonly role: FontRole;
  /** `FontSource.file` of the face (or `(unnamed)`). */
  readonly file: string;
  /** The face inside the file (PostScript name). */
  readonly face: string;
  /** Characters of the role's texts drawn by a later face of the chain because this one lacks them. */
  readonly fallbackChars: number;
}

/** A chain resolved: each source measured and given a pdfmake family name. */
export interface ResolvedFonts {
  readonly chains: Readonly<Record<FontRole, Chain>>;
  /** pdfmake family name → the source it draws with. */
  readonly families: ReadonlyMap<string, { readonly source: FontSource; readonly face: FontFace }>;
}

const families = new WeakMap<Uint8Array, Map<string, string>>();
let familyCount = 0;

/** The pdfmake family name of a source: one per byte array and face, stable for the process. */
function familyOf(source: FontSource): string {
  let byFace = families.get(source.data);
  if (byFace === undefined) {
    byFace = new Map();
    families.set(source.data, byFace);
  }
  const key = source.face ?? "";
  let name = byFace.get(key);
  if (name === undefined) {
    name = `XxgkFont${++familyCount}`;
    byFace.set(key, name);
  }
  return name;
}

/** Measures every face of `fonts` (each once per process) and names them for pdfmake. */
export function resolveFonts(fonts: PdfFonts): ResolvedFonts {
  const all = new Map<string, { source: FontSource; face: FontFace }>();
  const chain = (sources: readonly FontSource[]): Chain =>
    sources.map((source) => {
      const family = familyOf(source);
      let entry = all.get(family);
      if (entry === undefined) {
        entry = { source, face: faceOf(source.data, source.face) };
        all.set(family, entry);
      }
      return { face: entry.face, family };
    });
  const chains = Object.fromEntries(FONT_ROLES.map((r) => [r, chain(fonts[r])])) as Record<FontRole, Chain>;
  return { chains, families: all };
}
