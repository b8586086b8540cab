/**
 * Node-only entry: reads the two font files from the `@expo-google-fonts` packages this package depends on.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { setFontFileContent } from "./_pdfmake.js";
import { PdfRenderError } from "./errors.js";
import type { PdfFonts } from "./fonts.js";

const require = createRequire(import.meta.url);

/** Paths of the bundled TTF files (Noto Serif SC and Noto Sans SC, Regular). */
export function nodeFontPaths(): { serif: string; sans: string } {
  return {
    serif: require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"),
    sans: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  };
}

interface Fontkit {
  create(bytes: Uint8Array): unknown;
  registerFormat(format: unknown): void;
}

const TOKEN = [0x58, 0x58, 0x47, 0x4b, 0x46, 0x4f, 0x4e, 0x54]; // "XXGKFONT"
let reuseInstalled = false;

/**
 * Keeps each font parsed between documents. pdfkit parses the font file anew for every PDF (about half
 * of a warm render for a 15 MB CJK font); here the virtual file holds a small token instead, and a font
 * format registered with pdfkit's own fontkit turns the token back into the parsed font. Subsets are
 * still made per document, so output is unchanged.
 */
function installFontReuse(): void {
  if (reuseInstalled) return;
  reuseInstalled = true;
  const fromPdfmake = createRequire(require.resolve("pdfmake"));
  const fontkit = createRequire(fromPdfmake.resolve("pdfkit"))("fontkit") as Fontkit;
  const parsed = new Map<number, { bytes: Uint8Array; font?: unknown }>();
  const idOf = (token: Uint8Array): number | undefined => {
    if (token.byteLength !== TOKEN.length + 4 || TOKEN.some((b, i) => token[i] !== b)) return undefined;
    return new DataView(token.buffer, token.byteOffset, token.byteLength).getUint32(TOKEN.length);
  };
  class ReusedFont {
    static probe(token: Uint8Array): boolean {
      const id = idOf(token);
      return id !== undefined && parsed.has(id);
    }
    constructor(stream: { buffer: Uint8Array }) {
      const entry = parsed.get(idOf(stream.buffer)!)!;
      entry.font ??= fontkit.create(entry.bytes);
      // biome-ignore lint/correctness/noConstructorReturn: the format stands for an already parsed font
      return entry.font as ReusedFont;
    }
  }
  fontkit.registerFormat(ReusedFont);
  setFontFileContent((bytes) => {
    const id = parsed.size + 1;
    parsed.set(id, { bytes });
    const token = new Uint8Array(TOKEN.length + 4);
    token.set(TOKEN);
    new DataView(token.buffer).setUint32(TOKEN.length, id);
    return token;
  });
}

let cached: Promise<PdfFonts> | undefined;

/**
 * The fonts for `renderPdf`, read once per process (about 25 MB) and shared by later calls. Also lets
 * pdfmake keep fonts parsed between documents in this process (same output, about twice as fast).
 */
export function loadNodeFonts(): Promise<PdfFonts> {
  installFontReuse();
  cached ??= (async () => {
    const paths = nodeFontPaths();
    try {
      const [serif, sans] = await Promise.all([readFile(paths.serif), readFile(paths.sans)]);
      return { serif: new Uint8Array(serif), sans: new Uint8Array(sans) };
    } catch (e) {
      cached = undefined;
      throw new PdfRenderError(
        "font.unreadable",
        `cannot read the bundled fonts (${paths.serif}): reinstall @xxgk/render-pdf`,
        { cause: e },
      );
    }
  })();
  return cached;
}
