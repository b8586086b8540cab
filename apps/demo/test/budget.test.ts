// Bytes are deterministic, so the initial-JavaScript budget is checked here (timings are not).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RULES } from "@xxgk/validators";
import { expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

interface Budget {
  budget: number;
  initialGzip: number;
  workerGzip: number;
  startGzip: number;
  ok: boolean;
  initial: { file: string; gzip: number }[];
  worker: { file: string; gzip: number }[];
  lazy: { file: string; gzip: number }[];
}

const budget = JSON.parse(
  execFileSync(process.execPath, [join(ROOT, "scripts", "budget.mjs"), "--json"], {
    cwd: ROOT,
    encoding: "utf8",
  }),
) as Budget;
const manifest = JSON.parse(readFileSync(join(ROOT, "dist", ".vite", "manifest.json"), "utf8")) as Record<
  string,
  { file: string; isEntry?: boolean; dynamicImports?: string[] }
>;

test("initial JavaScript, the validation worker included, stays within 200 KB gzipped", () => {
  expect(budget.initial.length).toBeGreaterThan(0);
  expect(budget.worker.map((f) => f.file)).toEqual([expect.stringMatching(/validation\.worker-.*\.js$/)]);
  expect(budget.initialGzip).toBe(budget.initial.reduce((n, f) => n + f.gzip, 0));
  expect(budget.startGzip).toBe(budget.initialGzip + budget.workerGzip);
  expect(budget.startGzip).toBeLessThanOrEqual(200 * 1024);
  expect(budget.ok).toBe(true);
});

test("the validators ship once, in the worker: the page's initial JavaScript carries none of their rules", () => {
  const text = (files: { file: string }[]) =>
    files.map((f) => readFileSync(join(ROOT, "dist", f.file), "utf8")).join("\n");
  const page = text(budget.initial);
  const worker = text(budget.worker);
  // Rules' descriptions are string literals of the validators' code, kept verbatim by the minifier
  // (all but one or two, built from parts).
  const descriptions = RULES.map((r) => r.description.zh);
  expect(descriptions.length).toBeGreaterThan(10);
  expect(descriptions.filter((d) => page.includes(d))).toEqual([]);
  expect(descriptions.filter((d) => worker.includes(d)).length).toBeGreaterThan(descriptions.length - 3);
});

test("the PDF engine is loaded on demand, not with the page", () => {
  const pdfEntry = Object.entries(manifest).find(([id]) => id.includes("render-pdf/src/index.ts"));
  expect(pdfEntry).toBeDefined();
  const initialFiles = new Set(budget.initial.map((f) => f.file));
  expect(initialFiles.has(pdfEntry![1].file)).toBe(false);
  expect(budget.lazy.map((f) => f.file)).toContain(pdfEntry![1].file);
});

test("the importer, the HTML renderer and the Word engine (docx) are loaded on demand too", () => {
  const initialFiles = new Set(budget.initial.map((f) => f.file));
  for (const pkg of ["importer", "render-html", "render-docx"]) {
    const entry = Object.entries(manifest).find(([id]) => id.includes(`${pkg}/src/index.ts`));
    expect(entry, pkg).toBeDefined();
    expect(initialFiles.has(entry![1].file)).toBe(false);
  }
});

test("the importer's Word reader (fflate, saxes) is a chunk of its own, loaded only when a .docx is imported", () => {
  const initialFiles = new Set(budget.initial.map((f) => f.file));
  const importer = Object.entries(manifest).find(([id]) => id.includes("importer/src/index.ts"))![1];
  const docx = Object.entries(manifest).find(([id]) => id.includes("importer/src/readers/docx.ts"));
  expect(docx).toBeDefined();
  expect(docx![1].file).not.toBe(importer.file);
  expect(initialFiles.has(docx![1].file)).toBe(false);
  expect(budget.lazy.map((f) => f.file)).toContain(docx![1].file);
});

test("fonts are built as static files, not bundled into any chunk", () => {
  for (const name of ["NotoSerifSC-Regular.ttf", "NotoSansSC-Regular.ttf"]) {
    expect(readFileSync(join(ROOT, "dist", "fonts", name)).subarray(0, 4)).toEqual(
      Buffer.from([0x00, 0x01, 0x00, 0x00]),
    );
  }
  const chunks = [...budget.initial, ...budget.lazy];
  expect(Math.max(...chunks.map((c) => c.gzip))).toBeLessThan(2 * 1024 * 1024);
});

test("the importer's PDF reader and pdf.js (and its worker) are chunks of their own, loaded only when a PDF is imported", () => {
  const initialFiles = new Set(budget.initial.map((f) => f.file));
  const importer = Object.entries(manifest).find(([id]) => id.includes("importer/src/index.ts"))![1];
  const chunks = [
    Object.entries(manifest).find(([id]) => id.includes("importer/src/readers/pdf.ts")),
    Object.entries(manifest).find(([id]) => /pdfjs-dist\/legacy\/build\/pdf\.mjs$/.test(id)),
    Object.entries(manifest).find(([id]) => /pdfjs-dist\/legacy\/build\/pdf\.worker\.mjs$/.test(id)),
  ];
  for (const chunk of chunks) {
    expect(chunk).toBeDefined();
    expect(chunk![1].file).not.toBe(importer.file);
    expect(initialFiles.has(chunk![1].file)).toBe(false);
    expect(budget.lazy.map((f) => f.file)).toContain(chunk![1].file);
  }
});

test("pdf.js's CMaps and standard fonts are static files of the app's origin, precached for offline use", () => {
  const precache = JSON.parse(readFileSync(join(ROOT, "dist", "precache.json"), "utf8")) as string[];
  for (const file of [
    "pdfjs/cmaps/UniGB-UCS2-H.bcmap",
    "pdfjs/cmaps/GBK-EUC-H.bcmap",
    "pdfjs/standard_fonts/FoxitSerif.pfb",
  ]) {
    expect(readFileSync(join(ROOT, "dist", file)).length, file).toBeGreaterThan(0);
    expect(precache).toContain(file);
  }
});
