// index.html and the report pages in Chromium, opened from file:// as an evaluator opens them: no
// console error (a CSP violation would be one), the script sorts and filters, a year's link opens the
// report's page. Screenshots go to test-output/ to be looked at.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromiumLaunchOptions } from "@xxgk/render-contract/chromium";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderIndexPage, renderReportPage } from "../src/index.js";
import { reviewRegion } from "./_region.js";

const OUTPUT = fileURLToPath(new URL("../test-output/", import.meta.url));
const SITE = join(OUTPUT, "region");

let browser: Browser;
beforeAll(async () => {
  const { review, reports } = await reviewRegion();
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(join(SITE, "reports"), { recursive: true });
  writeFileSync(join(SITE, "index.html"), await renderIndexPage(review));
  for (const r of review.reports) {
    writeFileSync(join(SITE, r.page), await renderReportPage(review, r.id, reports.get(r.id)!));
  }
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
});

/** A page that records every console message and page error, and refuses any network request. */
async function open(url: string, width = 1400): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  page.on("console", (m) => problems.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith("file://")) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

const rowsShown = (page: Page, table: string) =>
  page.$$eval(`#${table} tbody tr`, (rows) =>
    rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.querySelector("td")!.textContent!.trim()),
  );

describe("index.html in Chromium", () => {
  it("opens from file:// with no console message, and is looked at (screenshot)", async () => {
    const { page, problems } = await open(pathToFileURL(join(SITE, "index.html")).href);
    expect(await page.title()).toBe("年度报告审查");
    expect(await page.textContent("#shown")).toBe("显示 6 / 6 个机关");
    await page.screenshot({ path: join(OUTPUT, "index.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(OUTPUT, "index-phone.png") });
    // The page itself does not scroll sideways on a phone: the wide tables scroll in their boxes.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it("sorts by a column, both ways, and filters by name and by status", async () => {
    const { page, problems } = await open(pathToFileURL(join(SITE, "index.html")).href);
    const head = page.locator("#status thead th", { hasText: "错误" });
    const errors = head.locator("button");
    await errors.click();
    expect((await rowsShown(page, "status"))[5]).toContain("青石镇");
    await errors.click();
    expect((await rowsShown(page, "status"))[0]).toContain("青石镇");
    expect(await head.getAttribute("aria-sort")).toBe("descending");
    await page.fill("#filter", "云溪");
    expect((await rowsShown(page, "status")).sort()).toEqual([
      "云溪县教育局",
      "云溪县白沙镇人民政府",
      "云溪县青石镇人民政府",
    ]);
    expect(await rowsShown(page, "indicators")).toHaveLength(3);
    await page.selectOption("#show", "copy");
    expect(await rowsShown(page, "status")).toEqual(["云溪县教育局"]);
    expect(await page.textContent("#shown")).toBe("显示 1 / 6 个机关");
    await page.fill("#filter", "");
    await page.selectOption("#show", "late");
    expect(await rowsShown(page, "status")).toEqual([expect.stringContaining("江南市滨河区人民政府办公室")]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens a report's page from its year, and comes back", async () => {
    const { page, problems } = await open(pathToFileURL(join(SITE, "index.html")).href);
    const row = page.locator("#status tbody tr", { hasText: "云溪县教育局" });
    await row.locator("td.year").nth(3).locator("a").click();
    await page.waitForURL(/reports\/r[0-9a-f]+\.html$/);
    expect(await page.textContent("h1")).toBe("云溪县教育局2023年政府信息公开工作年度报告");
    expect(await page.textContent(".review-notes")).toContain("疑似照搬上年报告");
    const findings = await page.$$eval(".xxgk-finding", (items) => items.map((i) => i.textContent));
    expect(findings.some((f) => f?.includes("review.copy"))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "report.png") });
    await page.click("text=← 返回审查总览");
    await page.waitForURL(/index\.html$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("every report page opens with no console message, its findings marked", async () => {
    const { review } = await reviewRegion();
    const { page, problems } = await open(pathToFileURL(join(SITE, "index.html")).href, 1000);
    for (const r of review.reports) {
      await page.goto(pathToFileURL(join(SITE, r.page)).href);
      expect(problems, r.file).toEqual([]);
      const marked = await page.$$eval(".xxgk-finding", (items) => items.length);
      expect(marked, r.file).toBe(r.findings.length);
    }
    await page.close();
  });
});
