import { createReadStream, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";

const require = createRequire(import.meta.url);

/** The two TTF faces the browser PDF renderer needs, served as static files and fetched on demand. */
export const FONT_FILES = {
  "fonts/NotoSerifSC-Regular.ttf": require.resolve(
    "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  ),
  "fonts/NotoSansSC-Regular.ttf": require.resolve(
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  ),
} as const;

/**
 * Static files served (dev) and emitted (build) from where they are installed, under the given names,
 * instead of copied through public/ — which would commit them to git.
 */
function staticFiles(name: string, files: Readonly<Record<string, string>>, type: string): Plugin {
  return {
    name,
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = files[(req.url ?? "").replace(/^\//, "")];
        if (!file) return next();
        res.setHeader("content-type", type);
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [fileName, file] of Object.entries(files)) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(file) });
      }
    },
  };
}

// pdf.js's data files, which the importer's PDF reader fetches from the app's own origin (the CSP allows
// nothing else): its predefined CMaps (a PDF whose Chinese fonts are not embedded has no text without
// them) and the standard fonts' data (with their licences), from the installed pdfjs-dist.
const pdfjsDir = dirname(
  createRequire(require.resolve("@xxgk/importer/package.json")).resolve("pdfjs-dist/package.json"),
);
/** The files served under `pdfjs/`: `pdfjs/cmaps/…`, `pdfjs/standard_fonts/…` → their paths on disk. */
export const PDFJS_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  ["cmaps", "standard_fonts"].flatMap((dir) =>
    readdirSync(join(pdfjsDir, dir)).map((f) => [`pdfjs/${dir}/${f}`, join(pdfjsDir, dir, f)]),
  ),
);

// The service worker precaches the app shell and every chunk (lazy ones too) so the app works offline
// once loaded; it learns their hashed names from this list, written at build time.
function precacheList(): Plugin {
  return {
    name: "xxgk-precache-list",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.startsWith("fonts/") && !f.endsWith(".map") && f !== ".vite/manifest.json")
        .sort();
      this.emitFile({
        type: "asset",
        fileName: "precache.json",
        source: `${JSON.stringify(["./", ...files.filter((f) => f !== "index.html")], null, 1)}\n`,
      });
    },
  };
}

export default defineConfig({
  base: "./",
  resolve: { conditions: ["@xxgk/source", ...defaultClientConditions] },
  plugins: [
    staticFiles("xxgk-fonts", FONT_FILES, "font/ttf"),
    staticFiles("xxgk-pdfjs-data", PDFJS_FILES, "application/octet-stream"),
    precacheList(),
  ],
  build: {
    target: "es2022",
    manifest: true,
    // The polyfill would be fine, but an app for current browsers does not need it.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        // Lazy chunks named after the package they carry (render-pdf-…, importer-…), not "src-…".
        // The importer's readers and pdf.js are named apart from the app's own pdf chunk.
        chunkFileNames: (chunk) => {
          const id = chunk.facadeModuleId ?? "";
          const pkg = /packages[\\/]([^\\/]+)[\\/]src[\\/]index\.ts$/.exec(id)?.[1];
          const reader = /packages[\\/]importer[\\/]src[\\/]readers[\\/](\w+)\.ts$/.exec(id)?.[1];
          const name =
            pkg ?? (reader ? `importer-${reader}` : id.includes("pdfjs-dist") ? "pdfjs-[name]" : "[name]");
          return `assets/${name}-[hash].js`;
        },
      },
    },
    reportCompressedSize: true,
  },
});
