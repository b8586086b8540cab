// End to end, as a user would: the built app served under the strict CSP, driven in Debian's Chromium.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CellDef, layoutOf, parseReport } from "@xxgk/core-model";
import { chromiumLaunchOptions } from "@xxgk/render-contract/chromium";
import { validateReport } from "@xxgk/validators";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "test-output");
const SEED_PATH = fileURLToPath(import.meta.resolve("@xxgk/core-model/examples/wulin-2020.json"));
const seedParsed = parseReport(JSON.parse(readFileSync(SEED_PATH, "utf8")));
if (!seedParsed.ok) throw new Error("the seed example must parse");
const seed = seedParsed.report;
const layout = layoutOf(seed.edition);
const applications = layout.tables.applications;

/** The table 三 cell whose row and column carry these official labels (found, not hard-coded). */
function cellOf(rowLabel: string, colLabel: string): CellDef {
  const def = applications.cells.find(
    (c) => c.rowLabels.at(-1) === rowLabel && c.colLabels.at(-1) === colLabel,
  );
  if (!def) throw new Error(`no cell ${rowLabel} / ${colLabel}`);
  return def;
}
const newlyReceived = applications.cells.filter((c) => c.rowLabels[0] === "一、本年新收政府信息公开申请数量");
const carriedOver = applications.cells.filter((c) => c.rowLabels[0] === "二、上年结转政府信息公开申请数量");
const naturalPerson = cellOf("一、本年新收政府信息公开申请数量", "自然人");

let server: ChildProcess;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const cell = (key: string) => page.locator(`input.cell[data-key="${key}"]`);
const shot = (name: string) => page.screenshot({ path: join(OUT, name), fullPage: false });

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist", "index.html"))) {
    throw new Error("apps/demo/dist is missing: run `pnpm --filter @xxgk/demo run build` first");
  }
  mkdirSync(OUT, { recursive: true });
  server = spawn(process.execPath, [join(ROOT, "scripts", "serve.mjs"), "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    server.stderr!.on("data", (d: Buffer) => reject(new Error(d.toString())));
    server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  browser = await chromium.launch({
    ...chromiumLaunchOptions(),
  });
  context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1440, height: 960 },
    locale: "zh-CN",
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  context.on("weberror", (e) => problems.push(`web error: ${e.error().message}`));
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe("the demo app", () => {
  test("opens with the seed example in the official layout", async () => {
    await page.goto(url);
    await page.locator("table.grid.applications").waitFor();
    await expect(page.locator('[data-pointer="/meta/organ"]').inputValue()).resolves.toBe(seed.meta.organ);
    // Every header and label of table 三, in the official order, exactly as core-model defines them.
    const expected = applications.rows.flatMap((r) =>
      r.cells.filter((c) => c.role !== "value").map((c) => c.text),
    );
    const shown = await page.locator("table.grid.applications th").allTextContents();
    expect(shown).toEqual(expected);
    // Spans come from the layout: the 三、本年度办理结果 label covers every result row.
    const results = applications.rows.flatMap((r) => r.cells).find((c) => c.text === "三、本年度办理结果")!;
    await expect(
      page.locator("table.grid.applications th", { hasText: "三、本年度办理结果" }).getAttribute("rowspan"),
    ).resolves.toBe(String(results.rowSpan));
    // One input per value cell, each holding exactly what the seed wrote (0, "-", blank, "4359957元").
    const values = await page
      .locator("input.cell")
      .evaluateAll((els) =>
        els.map((e) => [(e as HTMLInputElement).dataset.key, (e as HTMLInputElement).value]),
      );
    expect(values).toEqual(
      layout.cells.map((d) => [d.key, seed.tables[d.table][d.path[0]]![d.path[1]]!.raw]),
    );
    await shot("01-editor.png");
  });

  test("an edit that unbalances table 三 raises T3.balance on the cell, and undo clears it", async () => {
    const balance = page.locator('.finding[data-code="T3.balance"]');
    await expect(balance.count()).resolves.toBe(0);
    await cell(naturalPerson.key).fill("5");
    await balance.first().waitFor();
    // The edited cell is marked, either as the finding's own cell or as one the rule reads.
    await expect.poll(() => cell(naturalPerson.key).getAttribute("class")).toMatch(/\bf-(error|related)\b/);
    await expect(balance.first().locator(".msg").textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await cell(naturalPerson.key).evaluate((el) => el.scrollIntoView({ block: "center" }));
    await shot("02-finding.png");
    // Clicking the finding takes the author to its cell.
    const pointer = await balance.first().locator("button").getAttribute("data-pointer");
    await cell(newlyReceived[3]!.key).focus();
    await balance.first().locator("button").click();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.pointer))
      .toBe(pointer);
    await page.keyboard.press("Control+z");
    await expect.poll(() => balance.count()).toBe(0);
    await expect(cell(naturalPerson.key).inputValue()).resolves.toBe("0");
    await expect(cell(naturalPerson.key).getAttribute("class")).resolves.not.toMatch(/\bf-error\b/);
  });

  test("arrow keys and Tab move between cells of the grid", async () => {
    await cell(naturalPerson.key).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.key)).resolves.toBe(
      carriedOver[0]!.key,
    );
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.key)).resolves.toBe(
      carriedOver[1]!.key,
    );
    await page.keyboard.press("ArrowUp");
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.key)).resolves.toBe(
      newlyReceived[1]!.key,
    );
  });

  test("unreadable text in a cell is kept as typed and flagged, and exported as typed", async () => {
    const target = newlyReceived[4]!;
    await cell(target.key).fill("十二");
    await expect.poll(() => cell(target.key).getAttribute("aria-invalid")).toBe("true");
    await expect
      .poll(() =>
        page
          .locator(`.finding button[data-pointer="${target.pointer}"]`)
          .evaluateAll((els) => els.map((e) => e.closest("li")!.className)),
      )
      .toContainEqual(expect.stringContaining("error"));
    await expect(cell(target.key).inputValue()).resolves.toBe("十二");
    await page.keyboard.press("Control+z");
    await expect.poll(() => cell(target.key).inputValue()).toBe("0");
    await expect(cell(target.key).getAttribute("aria-invalid")).resolves.toBeNull();
  });

  test("a tab-separated block pasted into table 三 fills the cells, keeping '-' and blank", async () => {
    await cell(naturalPerson.key).focus();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData("text/plain", "1\t2\t-\r\n\t4\t+5\r\n");
      document.activeElement!.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    });
    const row1 = await Promise.all(newlyReceived.slice(0, 3).map((d) => cell(d.key).inputValue()));
    const row2 = await Promise.all(carriedOver.slice(0, 3).map((d) => cell(d.key).inputValue()));
    expect([row1, row2]).toEqual([
      ["1", "2", "-"],
      ["", "4", "+5"],
    ]);
    await expect(cell(newlyReceived[3]!.key).inputValue()).resolves.toBe("0");
    await page.locator('.finding[data-code="T3.balance"]').first().waitFor();
    await shot("03-paste.png");
  });

  test("after a reload the edits are still there", async () => {
    await page.reload();
    await page.locator("table.grid.applications").waitFor();
    const row1 = await Promise.all(newlyReceived.slice(0, 3).map((d) => cell(d.key).inputValue()));
    const row2 = await Promise.all(carriedOver.slice(0, 3).map((d) => cell(d.key).inputValue()));
    expect([row1, row2]).toEqual([
      ["1", "2", "-"],
      ["", "4", "+5"],
    ]);
  });

  test("计算合计 lists each total it will change, and changes nothing until confirmed", async () => {
    const totalCodes = ["T3.row-total", "T3.results-total", "T4.total"];
    const before = await page
      .locator(".finding")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code));
    expect(before.some((c) => totalCodes.includes(c!))).toBe(true);
    const total = cellOf("一、本年新收政府信息公开申请数量", "总计");
    await page.getByRole("button", { name: "计算合计" }).click();
    const dialog = page.locator("dialog.dialog-totals");
    await dialog.waitFor();
    const rows = dialog.locator("tbody tr");
    await expect(rows.count()).resolves.toBeGreaterThan(0);
    // The 总计 of the edited row is listed with its old and new value: 1 + 2 + (-) = 3.
    const row = dialog.locator(`tr[data-pointer="${total.pointer}"]`);
    await expect(row.locator("td.from").textContent()).resolves.toBe("0");
    await expect(row.locator("td.to").textContent()).resolves.toBe("3");
    await shot("04-totals.png");
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(cell(total.key).inputValue()).resolves.toBe("0");
    await page.getByRole("button", { name: "计算合计" }).click();
    await dialog.getByRole("button", { name: "应用" }).click();
    await expect(cell(total.key).inputValue()).resolves.toBe("3");
    await expect
      .poll(() =>
        page
          .locator(".finding")
          .evaluateAll(
            (els, codes) => els.map((e) => (e as HTMLElement).dataset.code).filter((c) => codes.includes(c!)),
            totalCodes,
          ),
      )
      .toEqual([]);
  });

  test("the PDF is made in the browser, fonts fetched on first use, and holds the organ's name", async () => {
    const fontRequests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/fonts/")) fontRequests.push(r.url());
    });
    // Record every progress message the dialog shows while the fonts stream in.
    await page.evaluate(() => {
      const text = document.querySelector("dialog.dialog-pdf p")!;
      const seen: string[] = [];
      (window as unknown as { pdfProgress: string[] }).pdfProgress = seen;
      new MutationObserver(() => seen.push(text.textContent ?? "")).observe(text, { childList: true });
    });
    const [first] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      page.getByRole("button", { name: "下载 PDF" }).click(),
    ]);
    const progress = await page.evaluate(() => (window as unknown as { pdfProgress: string[] }).pdfProgress);
    const counts = progress
      .map((t) => /下载字体：([\d.]+) \/ ([\d.]+) MB/.exec(t))
      .filter((m) => m !== null)
      .map((m) => [Number(m[1]), Number(m[2])]);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts.at(-1)![0]).toBe(counts.at(-1)![1]);
    expect(counts.at(-1)![1]).toBeGreaterThan(20);
    const file = join(OUT, "report.pdf");
    await first.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text.replace(/\s+/g, "")).toContain(seed.meta.organ);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", file, join(OUT, "pdf-page")]);
    expect(fontRequests.length).toBeGreaterThan(0);
    // A second PDF needs no font download: they are in Cache Storage now.
    const requested = fontRequests.length;
    const [second] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      page.getByRole("button", { name: "下载 PDF" }).click(),
    ]);
    await second.saveAs(join(OUT, "report-2.pdf"));
    expect(fontRequests.length).toBe(requested);
  });

  test("the preview shows the HTML rendering, and HTML and JSON download", async () => {
    await page.getByRole("tab", { name: "预览" }).click();
    const frame = page.frameLocator("iframe.preview");
    await frame.locator("table").first().waitFor();
    await expect(frame.locator("body").textContent()).resolves.toContain(seed.meta.title);
    await shot("05-preview.png");
    await page.getByRole("tab", { name: "编辑" }).click();
    const [html] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 HTML" }).click(),
    ]);
    await html.saveAs(join(OUT, "report.html"));
    const htmlText = readFileSync(join(OUT, "report.html"), "utf8");
    expect(htmlText).toContain(seed.meta.organ);
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出 JSON" }).click(),
    ]);
    const doc = JSON.parse(readFileSync((await json.path())!, "utf8"));
    const back = parseReport(doc);
    expect(back.ok).toBe(true);
    expect(doc.tables.applications[carriedOver[0]!.path[0]][carriedOver[0]!.path[1]]).toBe("");
    expect(doc.tables.applications[newlyReceived[2]!.path[0]][newlyReceived[2]!.path[1]]).toBe("-");
  });

  test("importing a JSON file replaces the report; a broken one is refused with its line", async () => {
    await page.getByRole("button", { name: "导入…" }).click();
    await page.locator("dialog.dialog-import input[type=file]").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from('{\n  "edition": "2019",\n  "meta": {,\n}\n'),
    });
    const notes = page.locator("section.import-notes");
    await notes.waitFor();
    await expect(notes.locator(".finding code").first().textContent()).resolves.toBe("json.syntax");
    await expect(notes.locator(".where").first().textContent()).resolves.toMatch(/第 3 行/);
    await expect(page.locator('[data-pointer="/meta/organ"]').inputValue()).resolves.toBe(seed.meta.organ);
    const other = JSON.parse(readFileSync(SEED_PATH, "utf8"));
    other.meta.organ = "测试<script>alert(1)</script>街道";
    await page.getByRole("button", { name: "导入…" }).click();
    await page.locator("dialog.dialog-import input[type=file]").setInputFiles({
      name: "other.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(other)),
    });
    await expect.poll(() => page.locator('[data-pointer="/meta/organ"]').inputValue()).toBe(other.meta.organ);
    // The author's text is text, never markup.
    await expect(page.locator("script", { hasText: "alert(1)" }).count()).resolves.toBe(0);
    await page.keyboard.press("Control+z");
    await expect.poll(() => page.locator('[data-pointer="/meta/organ"]').inputValue()).toBe(seed.meta.organ);
  });

  test("a published HTML page and a text copy of it import through the importer, diagnostics shown", async () => {
    const html = readFileSync(join(OUT, "report.html"), "utf8");
    // A text copy as an author makes one: the page's visible text, selected and copied.
    const reader = await context.newPage();
    await reader.setContent(html);
    const text = await reader.locator("body").evaluate((b) => (b as HTMLElement).innerText);
    await reader.close();
    const notes = page.locator("section.import-notes");
    const imported = async () => Promise.all(newlyReceived.slice(0, 3).map((d) => cell(d.key).inputValue()));

    await page.locator('[data-pointer="/meta/organ"]').fill("另一个机关");
    await page.getByRole("button", { name: "导入…" }).click();
    await page.locator("dialog.dialog-import input[type=file]").setInputFiles({
      name: "report.html",
      mimeType: "text/html",
      buffer: Buffer.from(html),
    });
    await expect.poll(() => page.locator('[data-pointer="/meta/organ"]').inputValue()).toBe(seed.meta.organ);
    await expect(imported()).resolves.toEqual(["1", "2", "-"]);
    await expect(notes.locator("p").first().textContent()).resolves.toMatch(
      /HTML 网页 · 已放入 \d+ \/ \d+ 个单元格/,
    );

    await page.locator('[data-pointer="/meta/organ"]').fill("另一个机关");
    await page.getByRole("button", { name: "导入…" }).click();
    await page.locator("dialog.dialog-import textarea").fill(text);
    await page.getByRole("button", { name: "导入粘贴的文字" }).click();
    // How well a text copy is read is the importer's business; the app shows every diagnostic with its
    // line, and the stats, and the author can undo the import.
    await expect
      .poll(() => notes.locator("p").first().textContent())
      .toMatch(new RegExp(`文字 · 已放入 \\d+ / ${layout.cells.length} 个单元格`));
    await expect(notes.locator(".finding").count()).resolves.toBeGreaterThan(0);
    await expect(notes.locator(".finding .where").first().textContent()).resolves.toMatch(/^第 \d+ 行/);
    await shot("07-import-text.png");
    await page.keyboard.press("Control+z");
    await expect.poll(imported).toEqual(["1", "2", "-"]);
  });

  test("once loaded, the app works offline", async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.locator("table.grid.applications").waitFor();
    const before = await cell(newlyReceived[0]!.key).inputValue();
    await context.setOffline(true);
    try {
      await page.reload();
      await page.locator("table.grid.applications").waitFor();
      await expect(cell(newlyReceived[0]!.key).inputValue()).resolves.toBe(before);
      // Lazy chunks come from the service worker's cache too.
      await page.getByRole("tab", { name: "预览" }).click();
      await page.frameLocator("iframe.preview").locator("table").first().waitFor();
      await page.getByRole("tab", { name: "编辑" }).click();
    } finally {
      await context.setOffline(false);
    }
  });

  test("a new blank report takes its edition from the year, and every cell starts blank", async () => {
    await page.getByRole("button", { name: "新建…" }).click();
    const dialog = page.locator("dialog.dialog-new");
    await dialog.locator("input[name=organ]").fill("某某县某某镇人民政府");
    await dialog.locator("input[name=year]").fill("2020");
    await expect(dialog.locator("select[name=edition]").inputValue()).resolves.toBe("2019");
    await dialog.locator("input[name=year]").fill("2025");
    await expect(dialog.locator("select[name=edition]").inputValue()).resolves.toBe("2021");
    await dialog.getByRole("button", { name: "创建空白报告" }).click();
    const cells2021 = layoutOf("2021").cells;
    await expect.poll(() => page.locator("input.cell").count()).toBe(cells2021.length);
    await expect(page.locator('[data-pointer="/meta/organ"]').inputValue()).resolves.toBe(
      "某某县某某镇人民政府",
    );
    await expect(page.locator('[data-pointer="/meta/year"]').inputValue()).resolves.toBe("2025");
    const values = await page
      .locator("input.cell")
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values.every((v) => v === "")).toBe(true);
    // Labels of the 2021 edition, e.g. the three （六）其他处理 items, come from core-model.
    const labels = await page.locator("table.grid.applications th").allTextContents();
    expect(labels).toEqual(
      layoutOf("2021").tables.applications.rows.flatMap((r) =>
        r.cells.filter((c) => c.role !== "value").map((c) => c.text),
      ),
    );
  });

  test("validation after an edit of a full report (measured, not asserted)", async () => {
    const keys = layoutOf("2021")
      .tables.applications.cells.slice(0, 20)
      .map((d) => d.key);
    /** Types into 20 cells of table 三 and returns the durations the app recorded, sorted. */
    const measureEdits = async () => {
      await page.evaluate(() => {
        performance.clearMeasures("xxgk:validate");
        performance.clearMeasures("xxgk:update");
        performance.clearMeasures("xxgk:redraw");
      });
      for (const key of keys) {
        await cell(key).focus();
        await page.keyboard.press("End");
        await page.keyboard.type("1");
        await page.keyboard.press("Backspace");
      }
      await page.waitForTimeout(100);
      const [validate, update, redraw] = await page.evaluate(() =>
        ["xxgk:validate", "xxgk:update", "xxgk:redraw"].map((n) =>
          performance.getEntriesByName(n).map((e) => e.duration),
        ),
      );
      const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
      return { validate: sorted(validate!), update: sorted(update!), redraw: sorted(redraw!) };
    };
    const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
    const summary = (xs: number[]) => ({
      runs: xs.length,
      medianMs: q(xs, 0.5),
      p95Ms: q(xs, 0.95),
      maxMs: xs.at(-1)!,
    });

    // A full report: the 2021 example, every cell filled.
    await page.getByRole("button", { name: "新建…" }).click();
    await page.getByRole("button", { name: "2021 版格式示例" }).click();
    await expect
      .poll(() => page.locator("table.grid.applications input.cell").count())
      .toBe(layoutOf("2021").tables.applications.cells.length);
    const full = await measureEdits();
    expect(full.validate.length).toBeGreaterThan(0);
    // With one cell already wrong, each keystroke makes a second: the diagnosis localises two cells.
    const wrong = layoutOf("2021").byKey.get("review.reconsideration.total")!;
    await cell(wrong.key).fill("9");
    await page.locator("li.diagnosis").first().waitFor();
    const twoBroken = await measureEdits();
    await cell(wrong.key).fill("8");
    // Baseline in the same page: JSON.parse of the same report's saved bytes, timed as a batch because
    // the page's clock is coarse (0.1 ms).
    const baseline = await page.evaluate((runs) => {
      const text = localStorage.getItem("xxgk-demo:report")!;
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) JSON.parse(text);
      return (performance.now() - t0) / runs;
    }, 2000);
    await shot("06-example-2021.png");

    // The worst case for redrawing: a blank report, where every blank cell is marked (the notices are
    // one per table, listing the cells).
    await page.getByRole("button", { name: "新建…" }).click();
    await page.locator("dialog.dialog-new input[name=organ]").fill("某某街道办事处");
    await page.locator("dialog.dialog-new input[name=year]").fill("2025");
    await page.getByRole("button", { name: "创建空白报告" }).click();
    await expect.poll(() => page.locator('.finding[data-code="table.blanks"]').count()).toBe(3);
    await expect.poll(() => page.locator("input.cell.f-info").count()).toBe(layoutOf("2021").cells.length);
    const blank = await measureEdits();
    // After all those incremental updates the list is exactly what the validators say of the report
    // (read back from the autosave, which is at most a second behind).
    const listedVsExpected = async () => {
      const saved = parseReport(
        JSON.parse((await page.evaluate(() => localStorage.getItem("xxgk-demo:report")))!),
      );
      if (!saved.ok) return "unreadable autosave";
      // Each diagnosis's findings first (grouped under it), then the others, in the validators' order.
      const { findings, diagnosis } = validateReport(saved.report);
      const expected = [
        ...diagnosis.flatMap((_, i) => findings.filter((f) => f.diagnosis === i)),
        ...findings.filter((f) => f.diagnosis === undefined),
      ].map((f) => `${f.code} ${f.pointer}`);
      const listed = await page
        .locator("ol.finding-list li.finding > button")
        .evaluateAll((els) =>
          els.map((e) => `${e.closest("li")!.dataset.code} ${(e as HTMLElement).dataset.pointer}`),
        );
      return expected.length > 0 && listed.join("\n") === expected.join("\n") ? "same" : { listed, expected };
    };
    await expect.poll(listedVsExpected, { timeout: 5000 }).toBe("same");

    const result = {
      budgetMs: 16,
      fullReport: {
        validate: summary(full.validate),
        redraw: summary(full.redraw),
        validateAndRedraw: summary(full.update),
        baselineJsonParseMs: baseline,
        validateMedianToJsonParse: q(full.validate, 0.5) / baseline,
      },
      twoBrokenCells: { validate: summary(twoBroken.validate), redraw: summary(twoBroken.redraw) },
      blankReport: {
        validate: summary(blank.validate),
        redraw: summary(blank.redraw),
        validateAndRedraw: summary(blank.update),
      },
    };
    writeFileSync(join(OUT, "validate-bench.json"), `${JSON.stringify(result, null, 2)}\n`);
    const line = (name: string, xs: number[]) =>
      `${name}: median ${q(xs, 0.5).toFixed(2)} ms, p95 ${q(xs, 0.95).toFixed(2)} ms, max ${xs.at(-1)!.toFixed(2)} ms (${xs.length} runs)`;
    process.stderr.write(
      [
        "validation after an edit (budget 16 ms), validation and diagnosis on the worker:",
        `  ${line("2021 example, validate", full.validate)}; ${result.fullReport.validateMedianToJsonParse.toFixed(1)}× JSON.parse of the same report`,
        `  ${line("2021 example, redraw (page thread)", full.redraw)}`,
        `  ${line("2021 example, edit → redrawn (round trip)", full.update)}`,
        `  ${line("2021 example, 2 cells wrong, validate + diagnosis", twoBroken.validate)}`,
        `  ${line("2021 example, 2 cells wrong, redraw (page thread)", twoBroken.redraw)}`,
        `  ${line("blank 2021 report, validate", blank.validate)}`,
        `  ${line("blank 2021 report, redraw (page thread)", blank.redraw)}`,
        `  ${line("blank 2021 report, edit → redrawn (round trip)", blank.update)}`,
        "",
      ].join("\n"),
    );
  });

  test("a wrong total: the diagnosis comes first, names the cell and its value, and 四 is not blamed", async () => {
    const l2021 = layoutOf("2021");
    await page.getByRole("button", { name: "新建…" }).click();
    await page.getByRole("button", { name: "2021 版格式示例" }).click();
    await expect
      .poll(() => page.locator("table.grid.applications input.cell").count())
      .toBe(l2021.tables.applications.cells.length);
    await expect
      .poll(() => page.locator(".finding.error").evaluateAll((els) => els.map((e) => e.textContent)))
      .toEqual([]);
    const total = l2021.byKey.get("applications.newlyReceived.total")!;
    await cell(total.key).fill("423");
    const first = page.locator("ol.finding-list > li").first();
    await expect.poll(() => first.getAttribute("class")).toBe("diagnosis located");
    await expect(first.locator("button.suspect").allTextContents()).resolves.toEqual([
      "一、本年新收政府信息公开申请数量（总计）423 → 421",
    ]);
    await expect(first.locator(".evidence").textContent()).resolves.toBe(
      "依据：正文称收到（新收）申请 421 件，与此改法一致",
    );
    // The two errors and the narrative number it explains are under it, not separate problems.
    await expect(first.locator(".explained li.finding").count()).resolves.toBe(3);
    await expect(page.locator("section.findings > ol.finding-list > li.finding.error").count()).resolves.toBe(
      0,
    );
    const pointers = await page
      .locator(".finding button")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.pointer));
    expect(pointers).not.toContain(l2021.byKey.get("applications.carriedForward.total")!.pointer);
    await expect.poll(() => cell(total.key).getAttribute("class")).toMatch(/\bf-error\b/);
    await cell(total.key).evaluate((el) => el.scrollIntoView({ block: "center" }));
    await shot("07-diagnosis.png");
    await cell(naturalPerson.key).focus();
    await first.locator("button.suspect").click();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.pointer))
      .toBe(total.pointer);
  });

  test("a 400,000-character paragraph is checked on the worker: the page keeps answering", async () => {
    const text = "办结1件".repeat(100_000);
    const field = page.locator('textarea[data-pointer="/sections/overview/blocks/0/text"]');
    await field.fill(text);
    // While the worker checks it, the page's thread stays free: a frame is drawn at once.
    const frame = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }),
    );
    expect(frame).toBeLessThan(1000);
    // The findings for it are bounded: ten, then one that counts the rest.
    const more = page.locator('.finding[data-code="text.numbers"]', { hasText: "本段另有" });
    await expect.poll(() => more.count(), { timeout: 20_000 }).toBe(1);
    await expect(more.locator(".msg").textContent()).resolves.toBe(
      "本段另有 99990 处同类问题（text.numbers），未逐条列出",
    );
    const inBlock = page.locator(
      '.finding[data-code="text.numbers"] button[data-pointer="/sections/overview/blocks/0/text"]',
    );
    await expect(inBlock.count()).resolves.toBe(11);
    await page.keyboard.press("Control+z");
    await expect.poll(() => more.count()).toBe(0);
  });

  test("no console errors and no CSP violations during the whole run", () => {
    expect(problems).toEqual([]);
  });
});
