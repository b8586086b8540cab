import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringifyReport } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureRegion } from "../scripts/region.mjs";
import {
  assembleReview,
  type ReviewedReport,
  readSource,
  renderIndexPage,
  renderReportPage,
  reviewWorkbook,
  stringifyReview,
} from "../src/index.js";
import { expected, mapping, REGION, readRegion, reviewRegion, sources } from "./_region.js";

/** The verdicts a reviewed report shows, in the fixture's words. */
function verdicts(r: ReviewedReport): string[] {
  const codes = new Set(r.findings.filter((f) => f.severity !== "info").map((f) => f.code));
  const out: string[] = [];
  if (r.deadline.status === "late") out.push("late");
  if (r.deadline.status === "undetermined") out.push("undetermined");
  if (codes.has("review.copy")) out.push("copy");
  if (r.similar.length > 0) out.push("similar");
  if (r.counts.error > 0) out.push("error");
  if (codes.has("text.numbers")) out.push("text.numbers");
  return out.sort();
}

describe("the fixture region", () => {
  it("is what scripts/region.mjs makes (run it after changing the script)", async () => {
    const { files, mapping: m, expected: e } = await fixtureRegion();
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((x) =>
        x.isDirectory() ? walk(join(dir, x.name)).map((p) => `${x.name}/${p}`) : [x.name],
      );
    expect(walk(join(REGION, "reports")).sort()).toEqual(files.map((f) => f.name).sort());
    for (const f of files) {
      const committed = new Uint8Array(readFileSync(join(REGION, "reports", f.name)));
      const made = typeof f.data === "string" ? new TextEncoder().encode(f.data) : f.data;
      if (!f.name.endsWith(".html") && !f.name.endsWith(".docx")) {
        expect(Buffer.from(committed).equals(Buffer.from(made)), f.name).toBe(true);
        continue;
      }
      // Pages and Word documents hold render-html's and render-docx's markup, which change with them:
      // compare what they say instead.
      const [a, b] = await Promise.all([
        readSource({ name: f.name, data: committed }),
        readSource({ name: f.name, data: made }),
      ]);
      expect(a.kind === "report" && stringifyReport(a.report), f.name).toBe(
        b.kind === "report" && stringifyReport(b.report),
      );
    }
    expect(m).toEqual(mapping);
    expect(e).toEqual(expected);
  });

  it("gives every report the verdicts planted in it, and no error or warning elsewhere", async () => {
    const { review } = await reviewRegion();
    const bodies = new Map(review.bodies.map((b) => [b.id, b.organ]));
    const got = Object.fromEntries(
      review.reports.map((r) => [
        r.file,
        { body: bodies.get(r.body), year: r.year, role: r.role, verdicts: verdicts(r) },
      ]),
    );
    const want = Object.fromEntries(
      Object.entries(expected.reports).map(([f, e]) => [f, { ...e, verdicts: [...e.verdicts].sort() }]),
    );
    expect(got).toEqual(want);
    for (const r of review.reports) {
      if (expected.reports[r.file]!.verdicts.length === 0)
        expect(r.counts, r.file).toMatchObject({ error: 0, warning: 0 });
    }
    expect(review.notReports.map((n) => n.file)).toEqual(expected.notReports);
  });

  it("lists what is not a report with the reason", async () => {
    const { review } = await reviewRegion();
    expect(review.notReports).toEqual([
      {
        file: "云溪县/附件/logo.png",
        code: "not-a-report",
        reason: {
          zh: "这是一张 PNG 图片，不是报告的文字。本工具不做文字识别（OCR）：若只有扫描件，请找到报告的网页、Word 或 PDF 文字版",
          en: "this is a PNG image, not the report's text. The importer does no OCR: if all you have is a scan, find the report's web page, Word or text PDF",
        },
      },
      expect.objectContaining({ file: "说明.txt", code: "not-a-report" }),
    ]);
  });

  it("groups by body: the mapping joins a renamed body, a name without the city joins its full name", async () => {
    const { review } = await reviewRegion();
    const byName = new Map(review.bodies.map((b) => [b.organ, b]));
    expect([...byName.keys()].sort()).toEqual([
      "云溪县教育局",
      "云溪县白沙镇人民政府",
      "云溪县青石镇人民政府",
      "杭州市拱墅区武林街道办事处",
      "江南市滨河区人民政府",
      "江南市滨河区人民政府办公室",
    ]);
    expect(byName.get("杭州市拱墅区武林街道办事处")!.names).toEqual([
      { name: "杭州市下城区武林街道办事处", how: "mapping" },
      { name: "杭州市拱墅区武林街道办事处", how: "name" },
    ]);
    expect(byName.get("江南市滨河区人民政府办公室")!.names).toEqual([
      { name: "江南市滨河区人民政府办公室", how: "name" },
      { name: "滨河区人民政府办公室", how: "suffix" },
    ]);
    expect(review.years).toEqual([2020, 2021, 2022, 2023]);
    expect(byName.get("江南市滨河区人民政府")!.missing).toEqual([2020]);
    expect(byName.get("云溪县教育局")!.missing).toEqual([]);
    // Without the mapping the two names of 武林街道 are two bodies.
    const unmapped = assembleReview(await readRegion()).review;
    expect(unmapped.bodies.map((b) => b.organ)).toContain("杭州市下城区武林街道办事处");
    expect(unmapped.bodies).toHaveLength(7);
  });

  it("pairs each year with the body's year before, across the 2020 → 2021 edition switch", async () => {
    const { review } = await reviewRegion();
    const byFile = new Map(review.reports.map((r) => [r.file, r]));
    const file = (id: string | null) => review.reports.find((r) => r.id === id)?.file ?? null;
    const office = "滨河区/区政府办/";
    expect(file(byFile.get(`${office}2021年政府信息公开工作年度报告.json`)!.previous)).toBe(
      `${office}2020年政府信息公开工作年度报告.txt`,
    );
    expect(byFile.get(`${office}2021年政府信息公开工作年度报告.json`)!.edition).toBe("2021");
    expect(byFile.get(`${office}2020年政府信息公开工作年度报告.txt`)!.edition).toBe("2019");
    // The renamed 街道: its 2021 report is checked against the 2020 one of its old name.
    expect(file(byFile.get("武林街道/2021年政府信息公开工作年度报告.html")!.previous)).toBe(
      "武林街道/2020年政府信息公开工作年度报告.json",
    );
    // No report the year before: no pairing.
    expect(byFile.get("滨河区/区政府/2021年政府信息公开工作年度报告.html")!.previous).toBeNull();
    // A duplicate points at the report taken for the year.
    const dup = byFile.get(`${office}2021年政府信息公开工作年度报告.html`)!;
    expect(file(dup.duplicateOf)).toBe(`${office}2021年政府信息公开工作年度报告.json`);
  });

  it("infers the level with its reason: a government's 本级 report has until 3月31日, a 街道 none", async () => {
    const { review } = await reviewRegion();
    const byFile = new Map(review.reports.map((r) => [r.file, r]));
    expect(byFile.get("滨河区/区政府/2022年政府信息公开工作年度报告.html")).toMatchObject({
      level: "government",
      levelRule: "government",
      published: "2023-03-08",
      deadline: { date: "2023-03-31", status: "on-time" },
    });
    expect(byFile.get("武林街道/2021年政府信息公开工作年度报告.html")).toMatchObject({
      level: "unknown",
      levelRule: "township",
      deadline: { date: null, status: "undetermined" },
    });
    expect(byFile.get("滨河区/区政府办/2022年政府信息公开工作年度报告.html")).toMatchObject({
      level: "agency",
      levelRule: "office",
      deadline: { date: "2023-01-31", status: "late" },
    });
  });

  it("finds the copied narrative, quoting it, and the two bodies sharing their text", async () => {
    const { review } = await reviewRegion();
    const byFile = new Map(review.reports.map((r) => [r.file, r]));
    const copied = byFile.get("云溪县/教育局/2023年政府信息公开工作年度报告.html")!;
    expect(copied.copy!.ratio).toBe(1);
    const finding = copied.findings.find((f) => f.code === "review.copy")!;
    expect(finding).toMatchObject({ severity: "warning", source: "review" });
    expect(finding.message.zh).toMatch(
      /^疑似照搬上年报告：第一、五、六部分约 100% 的文字与上年报告 云溪县\/教育局\/2022年/,
    );
    expect(finding.quote!.length).toBeGreaterThan(20);
    // The years were changed, so the passage quoted is this year's wording.
    expect(finding.quote).not.toContain("2022年");
    for (const r of review.reports) {
      if (r.copy !== null && r !== copied) expect(r.copy.ratio, r.file).toBeLessThan(0.5);
    }
    const a = byFile.get("云溪县/青石镇/2023年政府信息公开工作年度报告.html")!;
    const b = byFile.get("云溪县/白沙镇/2023年政府信息公开工作年度报告.html")!;
    expect(a.similar.map((s) => s.report)).toEqual([b.id]);
    expect(b.similar.map((s) => s.report)).toEqual([a.id]);
    expect(a.similar[0]!.jaccard).toBeGreaterThan(0.5);
  });

  it("computes indicators with their change against last year", async () => {
    const { review } = await reviewRegion();
    const r = review.reports.find((x) => x.file === "滨河区/区政府/2022年政府信息公开工作年度报告.html")!;
    const last = review.reports.find((x) => x.id === r.previous)!;
    const received = r.indicators.newlyReceived!;
    expect(received.status).toBe("ok");
    expect(received.change).toBe(received.value! - last.indicators.newlyReceived!.value!);
    expect(r.stock).toEqual({ status: "ok" });
    const first = review.reports.find((x) => x.file === "滨河区/区政府/2021年政府信息公开工作年度报告.html")!;
    expect(first.indicators.newlyReceived!.change).toBeNull();
    expect(first.stock).toEqual({ status: "no-previous" });
    const switched = review.reports.find(
      (x) => x.file === "滨河区/区政府办/2021年政府信息公开工作年度报告.json",
    )!;
    expect(switched.stock).toEqual({ status: "not-applicable" });
  });
});

describe("a review with no report", () => {
  it("still gives a page, a workbook and review.json, listing what was not a report", async () => {
    const reads = [await readSource({ name: "a.txt", data: "会议纪要" })];
    const { review, reports } = assembleReview(reads);
    expect(review.years).toEqual([]);
    expect(review.summary).toMatchObject({ files: 1, reports: 0, notReports: 1, bodies: 0 });
    expect(await renderIndexPage(review)).toContain("a.txt");
    expect((await reviewWorkbook(review, reports)).length).toBeGreaterThan(1000);
    expect(JSON.parse(stringifyReview(review)).notReports).toHaveLength(1);
  });
});

describe("identical inputs, identical outputs", () => {
  it("in any input order: review.json, index.html, every report page and the workbook, byte for byte", async () => {
    const reads = await readRegion();
    const outputs = async (order: readonly number[]) => {
      const { review, reports } = assembleReview(
        order.map((i) => reads[i]!),
        { organs: mapping },
      );
      const pages = await Promise.all(
        review.reports.map((r) => renderReportPage(review, r.id, reports.get(r.id)!)),
      );
      return {
        json: stringifyReview(review),
        index: await renderIndexPage(review),
        pages,
        xlsx: Buffer.from(await reviewWorkbook(review, reports)).toString("base64"),
      };
    };
    const reference = await outputs(reads.map((_, i) => i));
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(
          reads.map((_, i) => i),
          { minLength: reads.length },
        ),
        async (order) => {
          expect(await outputs(order)).toEqual(reference);
        },
      ),
      { numRuns: 4 },
    );
  });

  it("reads the same sources to the same review twice", async () => {
    expect(sources.length).toBeGreaterThan(20);
    const a = stringifyReview((await reviewRegion()).review);
    const b = stringifyReview((await reviewRegion()).review);
    expect(a).toBe(b);
  });
});
