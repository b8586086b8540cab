// The browser entry in a real browser: bundled by Vite (no node: imports may slip in), run in Chromium
// with font bytes fetched like the demo app does, and compared with the Node rendering.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "@xxgk/render-contract/chromium";
import { chromium } from "playwright-core";
import { build, defaultClientConditions } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledFonts, renderPdf } from "../src/index.js";
import { nodeFontPaths } from "../src/node.js";
import { example } from "./_fixtures.js";
import { pdfInfo, pdfText } from "./_poppler.js";

const root = fileURLToPath(new URL("../test-output/browser-bundle/", import.meta.url));
const ORIGIN = "http://xxgk.test";

const ENTRY = `
import { parseReport } from "@xxgk/core-model";
import { bundledFonts, renderPdf } from "@xxgk/render-pdf";
const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
window.renderReport = async (doc) => {
  const fonts = bundledFonts({ serif: await bytes("/fonts/serif.ttf"), sans: await bytes("/fonts/sans.ttf") });
  const parsed = parseReport(doc);
  if (!parsed.ok) throw new Error("not a report");
  const { pdf, warnings } = await renderPdf(parsed.report, { fonts });
  let s = "";
  for (let i = 0; i < pdf.length; i += 0x8000) s += String.fromCharCode(...pdf.subarray(i, i + 0x8000));
  return { pdf: btoa(s), warnings: warnings.map((w) => w.pointer + " " + w.char) };
};
`;

let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>;
let profile: string;

beforeAll(async () => {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "entry.js"), ENTRY);
  writeFileSync(
    join(root, "index.html"),
    '<!doctype html><meta charset="utf-8"><script type="module" src="./entry.js"></script>',
  );
  await build({
    root,
    configFile: false,
    logLevel: "silent",
    resolve: { conditions: ["@xxgk/source", ...defaultClientConditions] },
    build: { outDir: join(root, "dist"), emptyOutDir: true, minify: false, chunkSizeWarningLimit: 10_000 },
  });
  profile = mkdtempSync(join(tmpdir(), "xxgk-pdf-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions(),
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("renderPdf in the browser", () => {
  it("renders with fetched font bytes, warns like Node, and prints the same text", async () => {
    const fonts = nodeFontPaths();
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("console", (m) => problems.push(`${m.type()}: ${m.text()}`));
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      if (url.origin !== ORIGIN) return route.abort();
      const path = url.pathname;
      if (path === "/fonts/serif.ttf")
        return route.fulfill({ body: readFileSync(fonts.serif), contentType: "font/ttf" });
      if (path === "/fonts/sans.ttf")
        return route.fulfill({ body: readFileSync(fonts.sans), contentType: "font/ttf" });
      const file = join(root, "dist", path === "/" ? "index.html" : path);
      return route.fulfill({
        body: readFileSync(file),
        contentType: file.endsWith(".js") ? "text/javascript" : "text/html",
      });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => "renderReport" in window);

    const doc = JSON.parse(
      readFileSync(new URL(import.meta.resolve("@xxgk/core-model/examples/example-2021.json")), "utf8"),
    );
    doc.meta.organ = "江南市𠮷祥区人民政府办公室";
    type Out = { pdf: string; warnings: string[] };
    const run = () =>
      page.evaluate(
        (d) => (window as unknown as { renderReport(d: unknown): Promise<Out> }).renderReport(d),
        doc,
      );
    const first = await run();
    const second = await run();
    expect(problems).toEqual([]);
    expect(requests.every((u) => u.startsWith(ORIGIN))).toBe(true);
    expect(first.warnings).toEqual(["/meta/organ 𠮷"]);
    expect(second.pdf).toBe(first.pdf);

    const inBrowser = new Uint8Array(Buffer.from(first.pdf, "base64"));
    const r = example("example-2021");
    const inNode = (
      await renderPdf(
        { ...r, meta: { ...r.meta, organ: doc.meta.organ } },
        {
          fonts: bundledFonts({
            serif: readFileSync(nodeFontPaths().serif),
            sans: readFileSync(nodeFontPaths().sans),
          }),
        },
      )
    ).pdf;
    expect(pdfInfo(inBrowser).Pages).toBe(pdfInfo(inNode).Pages);
    expect(pdfText(inBrowser)).toBe(pdfText(inNode));
  });
});
