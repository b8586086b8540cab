// pdf.js, loaded and run the one way that works in Node and under a strict Content-Security-Policy in
// the browser: the legacy build (Node 20), no eval (`isEvalSupported: false`), no WebAssembly (its
// JavaScript decoders), and its "worker" run in this thread — the worker module is imported here, which
// registers it as `globalThis.pdfjsWorker`, so pdf.js never fetches a worker script or starts a Worker:
// a bundler emits it as one more lazy chunk of the app's own origin. pdf.js's warnings go to the
// document's diagnostics, never to the console.
import type * as Pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

/** The pdf.js module. */
export type PdfjsLib = typeof Pdfjs;

/** Where pdf.js finds the predefined CMaps (non-embedded Chinese fonts) and the standard fonts' data. */
export interface PdfAssets {
  /** A folder holding pdf.js's `cmaps/*.bcmap` files: a URL in the browser, a URL or path in Node; ends with `/`. */
  readonly cMapUrl?: string | undefined;
  /** A folder holding pdf.js's `standard_fonts/`, as {@link cMapUrl}. */
  readonly standardFontDataUrl?: string | undefined;
}

let loading: Promise<PdfjsLib> | undefined;

/** Loads pdf.js (once per process or page) with its worker registered to run in this thread. */
export function loadPdfjs(): Promise<PdfjsLib> {
  loading ??= (async () => {
    const [lib] = await Promise.all([
      import("pdfjs-dist/legacy/build/pdf.mjs"),
      // @ts-expect-error pdf.js's worker module ships without types; it is imported only for its side
      // effect (registering itself as globalThis.pdfjsWorker). An expect-error, not a declaration file, so
      // that every package compiling this source (the CLI, the demo) sees the same.
      import("pdfjs-dist/legacy/build/pdf.worker.mjs"),
    ]);
    return lib;
  })();
  return loading;
}

interface NodeProcess {
  readonly versions?: { readonly node?: string };
  getBuiltinModule?(id: string): unknown;
}

let nodeAssets: PdfAssets | null | undefined;

/**
 * In Node: pdf.js's own `cmaps/` and `standard_fonts/` folders in the installed package (pdf.js reads
 * them with `fs` itself). Elsewhere `null`: the caller says where they are served (the demo serves them
 * from its own origin).
 */
export function installedAssets(): PdfAssets | null {
  if (nodeAssets !== undefined) return nodeAssets;
  nodeAssets = null;
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc?.versions?.node && typeof proc.getBuiltinModule === "function") {
    try {
      const mod = proc.getBuiltinModule("module") as typeof import("node:module");
      const path = proc.getBuiltinModule("path") as typeof import("node:path");
      const dir = path.dirname(mod.createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
      nodeAssets = {
        cMapUrl: `${path.join(dir, "cmaps")}${path.sep}`,
        standardFontDataUrl: `${path.join(dir, "standard_fonts")}${path.sep}`,
      };
    } catch {
      nodeAssets = null;
    }
  }
  return nodeAssets;
}

// pdf.js runs in this thread and keeps module-wide state (its verbosity, the console it warns on), so
// one document is read at a time: its warnings are then this document's, and reading two at once would
// not be faster on one thread anyway.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `read` alone (after any read already running), with pdf.js's console warnings collected into
 * `warnings` instead of printed. Other console output passes through untouched.
 */
export function withPdfjs<T>(read: () => Promise<T>, warnings: string[]): Promise<T> {
  const run = queue.then(async () => {
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
      const first = args[0];
      if (typeof first === "string" && first.startsWith("Warning: ")) warnings.push(first.slice(9));
      else original.apply(console, args);
    };
    try {
      return await read();
    } finally {
      console.warn = original;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
