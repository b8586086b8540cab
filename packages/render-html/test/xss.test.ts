import { layoutOf, listCells, type Report, SECTIONS, setCell, toDocument } from "@xxgk/core-model";
import { htmlToText, squash } from "@xxgk/render-contract";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FindingMark, readEmbeddedReport, renderDocument, renderFragment } from "../src/index.js";
import { launch } from "./_browser.js";
import { byName } from "./_fixtures.js";

// Each payload, if it ever ran, would set window.__xss.
const P = "window.__xss=1";
const PAYLOADS: readonly string[] = [
  `<script>${P}</script>`,
  `<SCRIPT SRC=data:,${P}></SCRIPT>`,
  `<script/x src="data:,${P}"></script>`,
  `</script><script>${P}</script>`,
  `</ScRiPt ><script>${P}</script>`,
  `<\\/script><script>${P}</script>`,
  `<!--<script>${P}</script>-->`,
  `<img src=x onerror="${P}">`,
  `"><img src=x onerror=${P}>`,
  `'><svg onload=${P}>`,
  `" onmouseover="${P}" x="`,
  `' autofocus onfocus='${P}`,
  `<svg><script>${P}</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P}>`,
  `<details open ontoggle=${P}>`,
  `<body onload=${P}>`,
  `<input autofocus onfocus=${P}>`,
  `<video><source onerror=${P}></video>`,
  `<iframe srcdoc="<script>parent.${P}</script>"></iframe>`,
  `<a href="javascript:${P}">点我</a>`,
  `javascript:${P}`,
  `<object data="javascript:${P}"></object>`,
  `<embed src="javascript:${P}">`,
  `<form action="javascript:${P}"><button>提交</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P}">`,
  `<base href="https://evil.example/">`,
  `<style>*{display:none}</style>`,
  `<noscript><p title="</noscript><img src=x onerror=${P}>">`,
  `<template><script>${P}</script></template>`,
  `<![CDATA[<script>${P}</script>]]>`,
  `{{constructor.constructor('${P}')()}}`,
  `\${${P}}`,
  "&lt;script&gt;window.__xss=1&lt;/script&gt;",
  "&#60;script&#62;window.__xss=1&#60;/script&#62;",
  "&#x3C;img src=x onerror=window.__xss=1&#x3E;",
  "&amp &#38 &#x26 &#xZZ; &unknown; & &#; &#x;",
  "<x <<>> < > broken <",
  "\u2028\u2029</script>\u2028",
  "`'\"=<>&",
  "中文<b>粗体</b>&nbsp;“引号”",
];

/** The report with every free-text field and every cell set to a payload (cycling through the list). */
function poisoned(base: Report): Report {
  let i = 0;
  const next = () => PAYLOADS[i++ % PAYLOADS.length]!;
  let r: Report = {
    ...base,
    meta: {
      ...base.meta,
      title: next(),
      organ: next(),
      published: "2026-01-20",
      contact: {
        office: next(),
        address: next(),
        postcode: next(),
        phone: next(),
        email: next(),
        website: next(),
      },
    },
    preamble: PAYLOADS.map((text, j) => ({ type: j % 2 ? "heading" : "paragraph", text })),
    sections: Object.fromEntries(
      SECTIONS.map((s) => [
        s.key,
        {
          heading: next(),
          blocks: [
            { type: "heading", text: next() },
            { type: "paragraph", text: next() },
          ],
        },
      ]),
    ) as Report["sections"],
  };
  for (const def of layoutOf(r.edition).cells) r = setCell(r, def.key, next());
  return r;
}

function poisonedFindings(report: Report): FindingMark[] {
  const cells = layoutOf(report.edition).cells;
  return PAYLOADS.map((message, j) => ({
    pointer: j % 3 === 0 ? cells[j]!.pointer : j % 3 === 1 ? `/sections/overview/${message}` : message,
    severity: (["error", "warning", "info"] as const)[j % 3]!,
    message,
    code: message,
  }));
}

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  html: ["lang"],
  head: [],
  meta: ["charset", "http-equiv", "content", "name"],
  title: [],
  style: [],
  link: ["rel", "href"],
  body: [],
  article: ["class", "lang", "data-edition", "data-year"],
  h1: ["class"],
  h2: ["id"],
  h3: [],
  p: ["class"],
  section: ["class", "id", "aria-labelledby", "data-section"],
  div: ["class", "role", "aria-labelledby", "tabindex"],
  table: ["class", "id", "data-table", "data-edition"],
  caption: ["id"],
  thead: [],
  tbody: [],
  tr: [],
  th: ["id", "scope", "headers", "rowspan", "colspan", "class"],
  td: [
    "headers",
    "colspan",
    "rowspan",
    "data-cell",
    "data-status",
    "id",
    "class",
    "data-severity",
    "aria-describedby",
  ],
  aside: ["class", "aria-labelledby"],
  ol: [],
  li: ["class", "id", "data-severity", "data-pointer"],
  span: ["class"],
  a: ["href"],
  footer: ["class"],
  dl: ["class"],
  dt: [],
  dd: [],
  time: ["datetime"],
  script: ["type", "id"],
};

/** Every tag of the output is one this renderer writes, with only its attributes; links stay in the page. */
function assertOnlyOurMarkup(html: string): void {
  const withoutRawText = html
    .replace(/<style>[^<]*<\/style>/g, "<style></style>")
    .replace(/(<script type="application\/json" id="[^"]*">)[^<]*(<\/script>)/g, "$1$2");
  for (const m of withoutRawText.matchAll(/<\/?([A-Za-z][^\s/>]*)([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    expect(Object.keys(ALLOWED), m[0]).toContain(tag);
    for (const a of m[2]!.matchAll(/\s([^\s="]+)(?:="([^"]*)")?/g)) {
      expect(ALLOWED[tag], `${a[1]} in ${m[0]}`).toContain(a[1]!.toLowerCase());
      if (a[1] === "href" && tag === "a") expect(a[2]).toMatch(/^#/);
      if (a[1] === "type") expect(a[2]).toBe("application/json");
    }
  }
  expect(withoutRawText.match(/<script/g)?.length ?? 0).toBeLessThanOrEqual(1);
}

describe("escaping: payloads in every free-text field and cell", () => {
  for (const name of ["wulin-2020", "example-2021"]) {
    const report = poisoned(byName(name));
    const findings = poisonedFindings(report);
    const doc = renderDocument(report, { findings, csp: false });
    const fragment = renderFragment(report, { findings, embedJson: true });

    it(`${name}: ${PAYLOADS.length} payloads, none becomes markup`, () => {
      expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
      assertOnlyOurMarkup(doc);
      assertOnlyOurMarkup(fragment);
    });

    it(`${name}: every payload reads back as text, exactly as written`, () => {
      const text = squash(htmlToText(doc));
      for (const p of PAYLOADS) expect(text).toContain(squash(p));
      for (const { def, cell } of listCells(report)) {
        const m = new RegExp(`data-cell="${def.key.replace(/\./g, "\\.")}"[^>]*>([^<]*)</td>`).exec(doc)!;
        expect(htmlToText(m[1]!)).toBe(cell.raw);
      }
    });

    it(`${name}: </script> cannot break out of the embedded JSON, which reads back losslessly`, () => {
      const block = /<script type="application\/json" id="xxgk-report">([\s\S]*?)<\/script>/.exec(doc)![1]!;
      expect(block).not.toMatch(/[<>&\u2028\u2029]/);
      expect(readEmbeddedReport(doc)).toEqual(toDocument(report));
      expect(readEmbeddedReport(fragment)).toEqual(toDocument(report));
    });
  }
});

describe("escaping in Chromium: no payload runs", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, kind] of [
    ["example-2021", "document"],
    ["wulin-2020", "fragment"],
  ] as const) {
    it(`${name} ${kind} without any CSP: nothing runs, every cell's text is the payload`, async () => {
      const report = poisoned(byName(name));
      const findings = poisonedFindings(report);
      const html =
        kind === "document"
          ? renderDocument(report, { findings, csp: false })
          : `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head><body>${renderFragment(report, { findings, embedJson: true })}</body></html>`;
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.route("**/*", (route) =>
        route.request().url() === "https://xxgk.test/"
          ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html })
          : route.abort(),
      );
      await page.goto("https://xxgk.test/");
      await page.waitForTimeout(300);
      const result = await page.evaluate(() => {
        const w = window as unknown as { __xss?: unknown };
        const cells = [...document.querySelectorAll("td[data-cell]")].map((td) => [
          td.getAttribute("data-cell"),
          td.textContent,
        ]);
        const json = JSON.parse(document.getElementById("xxgk-report")!.textContent!);
        return { xss: w.__xss ?? null, scripts: document.scripts.length, cells, json, title: document.title };
      });
      await page.close();
      expect(result.xss).toBeNull();
      expect(dialogs).toEqual([]);
      expect(result.scripts).toBe(1);
      expect(result.cells).toEqual(listCells(report).map(({ def, cell }) => [def.key, cell.raw]));
      expect(result.json).toEqual(toDocument(report));
      if (kind === "document") expect(result.title).toBe(report.meta.title);
    });
  }
});
