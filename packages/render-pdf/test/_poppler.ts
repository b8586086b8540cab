// Test helpers around poppler-utils: the PDF is checked the way a reader's tools see it. The shared ones
// come from @xxgk/render-contract/poppler; the two below only these tests use.
import { execFileSync, spawnSync } from "node:child_process";
import { pdfFile } from "@xxgk/render-contract/poppler";

export {
  type PdfWord as Word,
  pdfFile,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfToPng,
  pdfWords,
} from "@xxgk/render-contract/poppler";

/** What poppler complains about while reading every page (syntax errors in content streams …). */
export function pdfComplaints(pdf: Uint8Array): string {
  return spawnSync("pdftotext", [pdfFile(pdf), "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    .stderr;
}

/** The text above `bottom` points on every page: the body without the page numbers in the foot margin. */
export function pdfTextAbove(pdf: Uint8Array, bottom: number): string {
  const h = String(Math.floor(bottom));
  return execFileSync(
    "pdftotext",
    ["-enc", "UTF-8", "-x", "0", "-y", "0", "-W", "700", "-H", h, pdfFile(pdf), "-"],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
}
