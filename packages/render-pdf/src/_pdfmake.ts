/**
 * The one module that touches pdfmake's singleton: policies, fonts and the virtual file system. No URL
 * is ever fetched and no file is read; the only files pdfmake sees are our font bytes in its memory FS.
 */
import pdfmake from "pdfmake";
import type { TDocumentDefinitions, TFontDictionary } from "pdfmake/interfaces.js";
import { FONT_FAMILIES } from "./document.js";
import { PdfRenderError } from "./errors.js";
import type { PdfFonts } from "./fonts.js";

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

/** Lays out and writes the PDF with only the given fonts available. */
export async function printPdf(doc: TDocumentDefinitions, fonts: PdfFonts): Promise<Uint8Array> {
  const serif = vfsName(fonts.serif);
  const sans = vfsName(fonts.sans);
  // Set afresh for every document: pdfmake rewrites font descriptors while it resolves them.
  const dictionary: TFontDictionary = {
    [FONT_FAMILIES.serif]: { normal: serif, bold: serif, italics: serif, bolditalics: serif },
    [FONT_FAMILIES.sans]: { normal: sans, bold: sans, italics: sans, bolditalics: sans },
  };
  pdfmake.setFonts(dictionary);
  try {
    const buffer = await pdfmake.createPdf(doc).getBuffer();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (e) {
    throw new PdfRenderError("pdf.failed", `pdfmake could not make the PDF: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
