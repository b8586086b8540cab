/**
 * Node-only entry: reads the two font files from the `@expo-google-fonts` packages this package depends on.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
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

let cached: Promise<PdfFonts> | undefined;

/** The fonts for `renderPdf`, read once per process (about 25 MB) and shared by later calls. */
export function loadNodeFonts(): Promise<PdfFonts> {
  cached ??= (async () => {
    const paths = nodeFontPaths();
    try {
      const [serif, sans] = await Promise.all([readFile(paths.serif), readFile(paths.sans)]);
      // Views, not copies: a Buffer of a file this size owns its memory, and copying 25 MB costs ~0.1 s.
      const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      return { serif: view(serif), sans: view(sans) };
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
