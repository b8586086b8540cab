import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  assembleReview,
  formatChange,
  formatValue,
  readSource,
  renderIndexPage,
  renderReportPage,
  sparkline,
} from "../src/index.js";
import { reviewRegion } from "./_region.js";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The policy of a page, and the inline style and script it carries. */
function parts(html: string) {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
    .exec(html)![1]!
    .replaceAll("&#39;", "'");
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  return { policy, styles, scripts };
}

describe("index.html", () => {
  it("allows nothing but its own inline style and script, by hash", async () => {
    const { review } = await reviewRegion();
    const html = await renderIndexPage(review);
    const { policy, styles, scripts } = parts(html);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(policy).toBe(
      `default-src 'none'; style-src ${sha(styles[0]!)}; script-src ${sha(scripts[0]!)}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("has a row per body, a cell per year linking to the report's page, and sparklines", async () => {
    const { review } = await reviewRegion();
    const html = await renderIndexPage(review);
    for (const r of review.reports.filter((x) => x.role === "primary"))
      expect(html).toContain(`href="${r.page}"`);
    expect(html.match(/<tr data-organ=/g)).toHaveLength(review.bodies.length * 2);
    expect(html.match(/<svg class="spark"/g)!.length).toBeGreaterThan(review.bodies.length * 5);
    expect(html).toContain('<span class="tag missing" title="2020年度报告缺失">缺</span>');
  });
});

describe("a report's page", () => {
  it("names the source, marks the findings on the report, links back, and allows only its style", async () => {
    const { review, reports } = await reviewRegion();
    const r = review.reports.find((x) => x.counts.error > 0)!;
    const html = await renderReportPage(review, r.id, reports.get(r.id)!);
    const { policy, styles, scripts } = parts(html);
    expect(scripts).toEqual([]);
    expect(policy).toBe(
      `default-src 'none'; style-src ${sha(styles[0]!)}; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(html).toContain('<a href="../index.html">← 返回审查总览</a>');
    expect(html).toContain(`<code>${r.file}</code>（text）`);
    expect(html).toMatch(/<td [^>]*class="[^"]*xxgk-mark[^"]*xxgk-error/);
    expect(html).toContain("[T3.row-total]");
    await expect(renderReportPage(review, "nope", reports.get(r.id)!)).rejects.toThrow(RangeError);
  });
});

describe("escaping", () => {
  it("escapes every text of the reports, names and findings", async () => {
    const path = createRequire(import.meta.url).resolve("@xxgk/core-model/examples/example-2021.json");
    const doc = JSON.parse(readFileSync(path, "utf8"));
    const evil = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`;
    doc.meta.organ = `${evil}局`;
    doc.meta.title = `${evil}报告`;
    doc.sections.problems.blocks = [
      { type: "paragraph", text: `${evil}问题依然存在，需要进一步整改落实到位，持续提升公开质量。` },
    ];
    const reads = [
      await readSource({ name: `${evil}.json`, data: JSON.stringify(doc) }),
      await readSource({ name: `</script>${evil}.txt`, data: evil }),
    ];
    const { review, reports } = assembleReview(reads, { organs: { [`${evil}局`]: `${evil}新局` } });
    const pages = [
      await renderIndexPage(review),
      ...(await Promise.all(review.reports.map((r) => renderReportPage(review, r.id, reports.get(r.id)!)))),
    ];
    for (const html of pages) {
      expect(html).not.toContain("<img");
      expect(html).not.toContain("<script>alert");
      expect(html).not.toMatch(/onerror=alert\(2\)>/);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });
});

describe("sparkline and numbers", () => {
  it("draws a line per run of years with values, a dot per value, nothing for no values", () => {
    const svg = sparkline([1, 2, null, 4, 5], "count", "a < b").value;
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(4);
    expect(svg).toContain('aria-label="a &lt; b"');
    expect(svg).not.toContain("style=");
    expect(sparkline([null, null], "rate", "x").value).toBe("");
  });

  it("formats counts, rates and their changes", () => {
    expect(formatValue("count", 12)).toBe("12");
    expect(formatValue("rate", 0.8534)).toBe("85.3%");
    expect(formatValue("rate", null)).toBe("—");
    expect(formatChange("count", -3)).toBe("−3");
    expect(formatChange("rate", 0.05)).toBe("+5.0个百分点");
    expect(formatChange("rate", 0)).toBe("±0.0个百分点");
    expect(formatChange("count", null)).toBe("");
  });
});
