/**
 * poppler-utils for tests: a PDF checked the way a reader's tools see it — its text (`pdftotext`), words
 * with their boxes (`pdftotext -bbox`), `pdfinfo`, `pdffonts`, and PNG pages (`pdftoppm`) to look at.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let dir: string | undefined;
let n = 0;

/** Writes the PDF to a temporary file and returns its path. */
export function pdfFile(pdf: Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), "xxgk-poppler-"));
  const path = join(dir, `doc-${++n}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

const run = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/** The text of the PDF (`pdftotext`), pages separated by form feeds. */
export function pdfText(pdf: Uint8Array): string {
  return run("pdftotext", ["-enc", "UTF-8", pdfFile(pdf), "-"]);
}

/** `pdfinfo` fields as a record (`Pages`, `Page size`, `Title` …). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run("pdfinfo", ["-isodates", pdfFile(pdf)]).split("\n")) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

/** A row of `pdffonts`: the font's name (subset prefix included), type, and whether it is embedded and subset. */
export interface PdfFont {
  readonly name: string;
  readonly type: string;
  readonly emb: boolean;
  readonly sub: boolean;
}

/** The fonts the PDF uses (`pdffonts`). */
export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const lines = run("pdffonts", [pdfFile(pdf)])
    .split("\n")
    .slice(2)
    .filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s{2,}|\s(?=yes|no)/);
    const [name = "", type = ""] = cols;
    const flags = l.match(/\b(yes|no)\b/g) ?? [];
    return { name, type, emb: flags[0] === "yes", sub: flags[1] === "yes" };
  });
}

/** A word of `pdftotext -bbox`: its text, page (1-based) and box in points from the page's top-left corner. */
export interface PdfWord {
  readonly text: string;
  readonly page: number;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

const decode = (s: string) =>
  s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

/** Every word with its position, page by page. */
export function pdfWords(pdf: Uint8Array): PdfWord[] {
  const html = run("pdftotext", ["-bbox", "-enc", "UTF-8", pdfFile(pdf), "-"]);
  const words: PdfWord[] = [];
  let page = 0;
  for (const line of html.split("\n")) {
    if (line.includes("<page ")) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: decode(m[5]!) });
  }
  return words;
}

/** Writes the pages as `<prefix>-<n>.png` under `outDir` (`pdftoppm`), for people to look at. */
export function pdfToPng(pdf: Uint8Array, outDir: string, prefix: string, dpi = 60): void {
  mkdirSync(outDir, { recursive: true });
  run("pdftoppm", ["-png", "-r", String(dpi), pdfFile(pdf), join(outDir, prefix)]);
}
