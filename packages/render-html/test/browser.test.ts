import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { layoutOf } from "@xxgk/core-model";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDocument, scriptJson } from "../src/index.js";
import { launch, OUTPUT } from "./_browser.js";
import { byName } from "./_fixtures.js";

const ORIGIN = "https://xxgk.test";
mkdirSync(OUTPUT, { recursive: true });
const out = (name: string) => fileURLToPath(new URL(name, OUTPUT));

/** Serves `files` (path → [content type, body, headers]) at ORIGIN; everything else is refused. */
async function serve(page: Page, files: Record<string, readonly [string, string, Record<string, string>?]>) {
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    return file
      ? route.fulfill({ status: 200, contentType: file[0], body: file[1], headers: file[2] ?? {} })
      : route.abort();
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("in Chromium", () => {
  for (const name of ["wulin-2020", "example-2021"]) {
    it(`${name}: the standalone document is styled under its own CSP, on a desktop and a phone (screenshots)`, async () => {
      const html = renderDocument(byName(name));
      writeFileSync(out(`${name}.html`), html);
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const violations: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") violations.push(m.text());
      });
      await serve(page, { "/": ["text/html; charset=utf-8", html] });
      await page.goto(`${ORIGIN}/`);
      const look = await page.evaluate(() => {
        const td = document.querySelector("td[data-cell]")!;
        const s = getComputedStyle(td);
        return {
          border: s.borderTopStyle,
          titleAlign: getComputedStyle(document.querySelector("h1")!).textAlign,
        };
      });
      expect(look).toEqual({ border: "solid", titleAlign: "center" });
      expect(violations).toEqual([]);
      await page.screenshot({ path: out(`${name}-desktop.png`), fullPage: true });

      await page.setViewportSize({ width: 390, height: 844 });
      const phone = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        scrollers: [...document.querySelectorAll(".xxgk-scroll")].map((d) => getComputedStyle(d).overflowX),
      }));
      // The page itself never scrolls sideways; the wide tables scroll inside their wrappers.
      expect(phone.pageWidth).toBeLessThanOrEqual(390);
      expect(phone.scrollers).toEqual(["auto", "auto", "auto"]);
      await page.screenshot({ path: out(`${name}-phone.png`), fullPage: true });
      await page.close();
    });

    it(`${name}: prints on A4 with tables inside the page, header rows repeating, rows unsplit (PDF)`, async () => {
      const page = await browser.newPage();
      await serve(page, { "/": ["text/html; charset=utf-8", renderDocument(byName(name))] });
      await page.goto(`${ORIGIN}/`);
      await page.emulateMedia({ media: "print" });
      // A4 minus the @page margins (20mm each side) is 170mm ≈ 643 CSS px.
      await page.setViewportSize({ width: 643, height: 900 });
      const print = await page.evaluate(() => ({
        overflow: [...document.querySelectorAll("table")].map(
          (t) => t.scrollWidth - t.parentElement!.clientWidth,
        ),
        thead: [...document.querySelectorAll("thead")].map((t) => getComputedStyle(t).display),
        rows: [
          ...new Set(
            [...document.querySelectorAll("tr")].map(
              (r) =>
                `${r.querySelector(":scope > th[rowspan]") ? "spanning" : "plain"} ${getComputedStyle(r).breakInside}`,
            ),
          ),
        ].sort(),
        keptWithNext: [
          ...document.querySelectorAll("h2, tr:has(> th.xxgk-caption), tr:has(> th.xxgk-colhead)"),
        ].map((e) => getComputedStyle(e).breakAfter),
      }));
      expect(print.overflow.every((px) => px <= 0)).toBe(true);
      expect(print.thead).toEqual(["table-header-group", "table-header-group"]);
      // Rows stay whole, except one that begins a row-spanning label (else its whole group would).
      expect(print.rows).toEqual(["plain avoid", "spanning auto"]);
      // Headings, table 二's captions and header rows are kept with what follows them.
      expect(new Set(print.keptWithNext)).toEqual(new Set(["avoid"]));
      const pdf = out(`${name}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      await page.close();
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1).map(Number);
      expect(Math.abs(w! - 595.28)).toBeLessThan(1);
      expect(Math.abs(h! - 841.89)).toBeLessThan(1);
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
      expect(text.replace(/\s+/g, "")).toContain(byName(name).meta.title);
      // Every page showing rows of table 三 shows its header too (thead repeats after a page break).
      const rowLabels = [
        "本年新收政府信息公开申请数量",
        "（一）予以公开",
        "1.属于国家秘密",
        "（七）总计",
        "四、结转下年度继续办理",
      ];
      const pages = text.split("\f").map((p) => p.replace(/\s+/g, ""));
      const withRows = pages.filter((p) => rowLabels.some((l) => p.includes(l)));
      expect(withRows.length).toBeGreaterThan(0);
      for (const p of withRows) expect(p).toContain("申请人情况");
      // No page ends with a heading or a caption whose table begins on the next page.
      const lastLines = text
        .split("\f")
        .slice(0, -1)
        .map((p) => p.trim().split("\n").at(-1)!.trim());
      for (const line of lastLines) {
        expect(line, "a page ends with a heading").not.toMatch(/^[一二三四五六]、/);
        expect(line, "a page ends with a caption").not.toMatch(/^第二十条第（[一二三四五六七八九]）项$/);
      }
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdf, out(`${name}-print`)]);
    });
  }

  it("a Vite bundle of the package renders in the browser under Content-Security-Policy: script-src 'self'", async () => {
    const dir = out("bundle/");
    await build({
      configFile: false,
      logLevel: "silent",
      root: fileURLToPath(new URL("..", import.meta.url)),
      resolve: { conditions: ["@xxgk/source", "browser", "module", "import", "default"] },
      build: {
        outDir: dir,
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: fileURLToPath(new URL("_browser-entry.ts", import.meta.url)),
          formats: ["es"],
          fileName: "app",
        },
      },
    });
    const app = readFileSync(`${dir}app.js`, "utf8");
    // Only the Handlebars runtime is in the bundle, never its compiler (which needs new Function).
    expect(app).toContain("escapeExpression");
    expect(app).not.toContain("JavaScriptCompiler");
    const report = byName("example-2021");
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await serve(page, {
      "/": [
        "text/html; charset=utf-8",
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>CSP</title></head><body><div id="out"></div>` +
          `<script type="application/json" id="input">${scriptJson(report)}</script>` +
          `<script type="module" src="/app.js"></script></body></html>`,
        { "Content-Security-Policy": "script-src 'self'; object-src 'none'; base-uri 'none'" },
      ],
      "/app.js": ["text/javascript", app],
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForSelector("body[data-rendered]");
    const result = await page.evaluate(() => ({
      violations: (window as unknown as { __violations: string[] }).__violations,
      cells: document.querySelectorAll("#out td[data-cell]").length,
      title: document.querySelector("#out h1")?.textContent,
    }));
    await page.close();
    expect(errors).toEqual([]);
    expect(result).toEqual({
      violations: [],
      cells: layoutOf("2021").cells.length,
      title: report.meta.title,
    });
  });
});
