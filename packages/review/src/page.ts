/**
 * The review as HTML: `index.html`, one self-contained page (no network, a strict Content-Security-Policy
 * that allows only its own inline style and script by hash, so it works from `file://`) with a table of
 * bodies × years and one of indicators with inline-SVG sparklines, both sortable and filterable; and a
 * page per report — the report rendered by @xxgk/render-html with every finding marked on its cell or
 * section — naming the source file.
 */
import type { Level, Report } from "@xxgk/core-model";
import { type FindingMark, renderFragment, reportCss } from "@xxgk/render-html";
import { cspHash, escapeHtml, type Html, html, trusted } from "./_html.js";
import { PAGE_SCRIPT } from "./_page-script.js";
import type { Review, ReviewedBody, ReviewedReport, ReviewFinding } from "./types.js";

/** How a level is called on the pages and in the workbook. */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  agency: "部门",
  government: "政府本级",
  unknown: "未定",
};

/** How a severity is called. */
export const SEVERITY_LABELS = { error: "错误", warning: "警告", info: "提示" } as const;

/** How the deadline status is called. */
export const DEADLINE_LABELS = {
  "on-time": "按时",
  late: "逾期",
  undetermined: "层级未定，未判断",
  "no-date": "未注明公布日期",
} as const;

/** How the 行政规范性文件 chain status is called. */
export const STOCK_LABELS = {
  ok: "衔接",
  broken: "断链",
  "not-applicable": "不适用（2019版格式）",
  "no-previous": "无上年报告",
} as const;

const percent = (r: number, digits = 1) => `${(r * 100).toFixed(digits)}%`;

/** A value as shown: counts as integers, rates as percentages; `—` for none. */
export function formatValue(kind: "count" | "rate", value: number | null): string {
  if (value === null) return "—";
  return kind === "rate" ? percent(value) : String(Math.round(value * 100) / 100);
}

/** A change as shown: `+3`, `−2`, rates in percentage points (`+5.0个百分点`); "" for none. */
export function formatChange(kind: "count" | "rate", change: number | null): string {
  if (change === null) return "";
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  const size = Math.abs(change);
  return kind === "rate"
    ? `${sign}${(size * 100).toFixed(1)}个百分点`
    : `${sign}${Math.round(size * 100) / 100}`;
}

const PAGE_CSS = `
:root { color-scheme: light; --line: #c9ced6; --muted: #5b6470; --error: #b42318; --warning: #9a6700; --info: #1f5fa8; --ok: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; background: #f6f8fa; }
header.page, main.page, footer.page { max-width: 1400px; margin: 0 auto; padding: 12px 20px; }
header.page { background: #fff; border-bottom: 1px solid var(--line); max-width: none; }
header.page > * { max-width: 1360px; margin-left: auto; margin-right: auto; }
h1 { font-size: 22px; margin: 4px 0 8px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
p.summary { margin: 4px 0; color: var(--muted); }
.legend { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
.controls { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 12px 0; }
.controls input, .controls select { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; }
.scroll { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
table.grid { border-collapse: collapse; width: 100%; font-size: 13px; }
table.grid th, table.grid td { border-bottom: 1px solid #e3e6ea; padding: 5px 8px; text-align: left; vertical-align: middle; white-space: nowrap; }
table.grid thead th { position: sticky; top: 0; background: #eef1f4; z-index: 1; }
table.grid th button { all: unset; cursor: pointer; font-weight: 600; }
table.grid th button::after { content: " ↕"; color: #9aa1a9; font-weight: 400; }
table.grid th[aria-sort="ascending"] button::after { content: " ↑"; color: #1f2328; }
table.grid th[aria-sort="descending"] button::after { content: " ↓"; color: #1f2328; }
table.grid td.num, table.grid th.num { text-align: right; }
table.grid td.organ { white-space: normal; min-width: 14em; max-width: 24em; }
td.year a { text-decoration: none; color: inherit; display: inline-block; }
td.year a:hover, td.year a:focus { text-decoration: underline; }
.tag { display: inline-block; padding: 0 5px; border-radius: 3px; font-size: 12px; margin-right: 3px; border: 1px solid transparent; }
.tag.error { color: #fff; background: var(--error); }
.tag.warning { color: #4d3800; background: #fff0c2; border-color: #e7c65a; }
.tag.info { color: var(--info); border-color: #a9c5e8; }
.tag.ok { color: var(--ok); border-color: #9fd3ad; }
.tag.missing { color: var(--error); border-color: #f0a8a2; background: #fff1f0; }
.tag.dup { color: var(--muted); border-color: var(--line); }
td.year.missing { background: #fff8f7; }
svg.spark { vertical-align: middle; margin-right: 6px; }
svg.spark polyline { fill: none; stroke: #1f5fa8; stroke-width: 1.5; }
svg.spark circle { fill: #1f5fa8; }
svg.spark circle.last { fill: #b42318; }
.change { color: var(--muted); font-size: 12px; margin-left: 4px; }
.blank-mark { color: var(--warning); }
ul.files { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 8px 8px 28px; }
ul.files li { margin: 2px 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.review-notes { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
.review-notes blockquote { margin: 4px 0 8px; padding: 4px 10px; border-left: 3px solid #e7c65a; background: #fffbea; }
nav.back a { font-size: 13px; }
footer.page { color: var(--muted); font-size: 12px; }
`;

const INDEX_SCRIPT = PAGE_SCRIPT;

const policies = new Map<string, Promise<string>>();

/** The Content-Security-Policy of a page with this inline style (and script): nothing else may load or run. */
function csp(style: string, script?: string): Promise<string> {
  const key = `${style}\u0000${script ?? ""}`;
  let policy = policies.get(key);
  if (policy === undefined) {
    policy = (async () => {
      const scriptSrc = script === undefined ? "'none'" : await cspHash(script);
      return `default-src 'none'; style-src ${await cspHash(style)}; script-src ${scriptSrc}; img-src data:; base-uri 'none'; form-action 'none'`;
    })();
    policies.set(key, policy);
  }
  return policy;
}

function shell(title: string, policy: string, style: string, body: Html, script?: string): string {
  return `<!doctype html>\n${
    html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="xxgk review">
<title>${title}</title>
<style>${trusted(style)}</style>
</head>
<body>
${body}
${script === undefined ? "" : trusted(`<script>${script}</script>`)}
</body>
</html>
`.value
  }`;
}

/** A sparkline of values by year (gaps where a year has no value): inline SVG, no script, no style attribute. */
export function sparkline(values: readonly (number | null)[], kind: "count" | "rate", label: string): Html {
  const width = 84;
  const height = 22;
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return html``;
  const lo = kind === "rate" ? 0 : Math.min(...present);
  const hi = kind === "rate" ? Math.max(1, ...present) : Math.max(...present);
  const span = hi - lo || 1;
  const step = values.length > 1 ? (width - 6) / (values.length - 1) : 0;
  const point = (v: number, i: number) =>
    [3 + i * step, height - 3 - ((v - lo) / span) * (height - 6)].map((n) => n.toFixed(1)).join(",");
  const segments: string[][] = [];
  let current: string[] | undefined;
  values.forEach((v, i) => {
    if (v === null) {
      current = undefined;
      return;
    }
    if (current === undefined) {
      current = [];
      segments.push(current);
    }
    current.push(point(v, i));
  });
  let last = -1;
  values.forEach((v, i) => {
    if (v !== null) last = i;
  });
  const lines = segments.filter((s) => s.length > 1).map((s) => `<polyline points="${s.join(" ")}"/>`);
  const dots = values.flatMap((v, i) =>
    v === null
      ? []
      : [
          `<circle${i === last ? ' class="last"' : ""} cx="${point(v, i).split(",")[0]}" cy="${point(v, i).split(",")[1]}" r="1.8"/>`,
        ],
  );
  return trusted(
    `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${lines.join("")}${dots.join("")}</svg>`,
  );
}

function flagsOf(body: ReviewedBody, reports: ReadonlyMap<string, ReviewedReport>): string[] {
  const flags = new Set<string>();
  if (body.missing.length > 0) flags.add("missing");
  for (const y of body.years) {
    for (const id of [y.report, ...y.duplicates]) {
      const r = id === null ? undefined : reports.get(id);
      if (r === undefined) continue;
      if (r.counts.error > 0) flags.add("error");
      if (r.counts.warning > 0) flags.add("warning");
      if (r.deadline.status === "late") flags.add("late");
      if (r.deadline.status === "undetermined") flags.add("undetermined");
      if (r.findings.some((f) => f.code === "review.copy")) flags.add("copy");
      if (r.similar.length > 0) flags.add("similar");
      if (r.stock.status === "broken") flags.add("stock");
    }
  }
  return [...flags].sort();
}

function yearCell(
  year: number,
  entry: ReviewedBody["years"][number],
  reports: ReadonlyMap<string, ReviewedReport>,
): Html {
  if (entry.report === null)
    return html`<td class="year missing" data-v="-1"><span class="tag missing" title="${year}年度报告缺失">缺</span></td>`;
  const r = reports.get(entry.report)!;
  const tags: Html[] = [];
  if (r.counts.error > 0) tags.push(html`<span class="tag error">错${r.counts.error}</span>`);
  if (r.counts.warning > 0) tags.push(html`<span class="tag warning">警${r.counts.warning}</span>`);
  if (r.deadline.status === "late") tags.push(html`<span class="tag warning">迟</span>`);
  if (r.deadline.status === "undetermined") tags.push(html`<span class="tag info">待定</span>`);
  if (r.findings.some((f) => f.code === "review.copy"))
    tags.push(html`<span class="tag warning">照搬${percent(r.copy!.ratio, 0)}</span>`);
  if (r.similar.length > 0) tags.push(html`<span class="tag warning">雷同</span>`);
  if (tags.length === 0) tags.push(html`<span class="tag ok">✓</span>`);
  if (entry.duplicates.length > 0)
    tags.push(html`<span class="tag dup">另${entry.duplicates.length}份</span>`);
  const title = `${r.file}：${r.counts.error} 个错误，${r.counts.warning} 个警告，${r.counts.info} 个提示；公布 ${r.published ?? "未注明"}（${DEADLINE_LABELS[r.deadline.status]}）${r.copy ? `；与上年重复 ${percent(r.copy.ratio, 0)}` : ""}`;
  const cls = r.counts.error > 0 ? "error" : r.counts.warning > 0 ? "warning" : "ok";
  return html`<td class="year ${cls}" data-v="${r.counts.error * 1000 + r.counts.warning}"><a href="${r.page}" title="${title}">${tags}</a></td>`;
}

function statusTable(review: Review, reports: ReadonlyMap<string, ReviewedReport>): Html {
  const rows = review.bodies.map((b) => {
    const own = b.years.flatMap((y) => (y.report === null ? [] : [reports.get(y.report)!]));
    const errors = own.reduce((n, r) => n + r.counts.error, 0);
    const warnings = own.reduce((n, r) => n + r.counts.warning, 0);
    const copies = own.flatMap((r) => (r.copy ? [r.copy.ratio] : []));
    const maxCopy = copies.length > 0 ? Math.max(...copies) : null;
    const aliases = b.names.map((n) => n.name).filter((n) => n !== b.organ);
    return html`<tr data-organ="${[b.organ, ...aliases].join(" ")}" data-flags="${flagsOf(b, reports).join(" ")}">
<td class="organ"${aliases.length > 0 ? trusted(` title="${escapeHtml(`又名：${aliases.join("、")}`)}"`) : ""}>${b.organ}${aliases.length > 0 ? html` <span class="change">（另有${aliases.length}个名称）</span>` : ""}</td>
<td>${LEVEL_LABELS[b.level]}</td>
${b.years.map((y) => yearCell(y.year, y, reports))}
<td class="num" data-v="${errors}">${errors}</td>
<td class="num" data-v="${warnings}">${warnings}</td>
<td class="num" data-v="${maxCopy ?? ""}">${maxCopy === null ? "—" : percent(maxCopy, 0)}</td>
<td class="num" data-v="${b.missing.length}">${b.missing.length}</td>
</tr>`;
  });
  return html`<div class="scroll"><table class="grid sortable" id="status">
<caption class="visually-hidden"></caption>
<thead><tr>
<th scope="col" data-sort="text"><button type="button">机关</button></th>
<th scope="col" data-sort="text"><button type="button">层级</button></th>
${review.years.map((y) => html`<th scope="col" data-sort="num"><button type="button">${y}年度</button></th>`)}
<th scope="col" class="num" data-sort="num"><button type="button">错误</button></th>
<th scope="col" class="num" data-sort="num"><button type="button">警告</button></th>
<th scope="col" class="num" data-sort="num"><button type="button">与上年重复（最高）</button></th>
<th scope="col" class="num" data-sort="num"><button type="button">缺报年度</button></th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

function indicatorTable(review: Review, reports: ReadonlyMap<string, ReviewedReport>): Html {
  const rows = review.bodies.map((b) => {
    const byYear = b.years.map((y) => (y.report === null ? undefined : reports.get(y.report)));
    const cells = review.indicators.map((ind) => {
      const values = byYear.map((r) => r?.indicators[ind.id]?.value ?? null);
      let latest: ReviewedReport | undefined;
      for (const r of byYear) if (r !== undefined && r.indicators[ind.id]?.value !== null) latest = r;
      const value = latest?.indicators[ind.id];
      const label = `${ind.label.zh}：${b.years.map((y, i) => `${y.year}年 ${formatValue(ind.kind, values[i] ?? null)}`).join("，")}`;
      const blank = value !== undefined && value.blanks > 0;
      return html`<td class="num" data-v="${value?.value ?? ""}">${sparkline(values, ind.kind, label)}${formatValue(ind.kind, value?.value ?? null)}${blank ? html`<span class="blank-mark" title="所读单元格含空白或“-”，按 0 计">*</span>` : ""}${value ? html`<span class="change">${formatChange(ind.kind, value.change)}</span>` : ""}</td>`;
    });
    return html`<tr data-organ="${[b.organ, ...b.names.map((n) => n.name)].join(" ")}" data-flags="${flagsOf(b, reports).join(" ")}">
<td class="organ">${b.organ}</td>
${cells}
</tr>`;
  });
  return html`<div class="scroll"><table class="grid sortable" id="indicators">
<thead><tr>
<th scope="col" data-sort="text"><button type="button">机关</button></th>
${review.indicators.map((ind) => html`<th scope="col" class="num" data-sort="num" title="${ind.formula}"><button type="button">${ind.label.zh}</button></th>`)}
</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

/** index.html: the whole review on one self-contained page. */
export async function renderIndexPage(review: Review): Promise<string> {
  const { reports } = lookup(review);
  const s = review.summary;
  const years =
    review.years.length > 0 ? `${review.years[0]}–${review.years[review.years.length - 1]}年度` : "无报告";
  const duplicates = review.reports.filter((r) => r.role === "duplicate");
  const body = html`<header class="page">
<h1>政府信息公开工作年度报告审查</h1>
<p class="summary">${s.files} 个文件：${s.reports} 份报告，${s.bodies} 个机关（${years}），${s.notReports} 个非报告文件。${s.withErrors} 份报告有错误（共 ${s.counts.error} 个错误、${s.counts.warning} 个警告、${s.counts.info} 个提示）；逾期公布 ${s.late} 份，疑似照搬上年 ${s.copied} 份，与其他机关内容雷同 ${s.similar} 份，缺报 ${s.missing} 个机关年度。</p>
<p class="legend">错N／警N：错误、警告数；迟：逾期公布；待定：层级未定，期限未判断；照搬N%：与本机关上年报告重复的文字比例（超过50%）；雷同：与同年度其他机关报告高度相似；缺：该年度无报告；*：指标所读单元格含空白或“-”（按 0 计）。点击年度格查看该报告及其问题。</p>
</header>
<main class="page">
<div class="controls">
<label>机关名称 <input type="search" id="filter" placeholder="输入名称筛选"></label>
<label>只看 <select id="show">
<option value="">全部</option>
<option value="error">有错误</option>
<option value="warning">有警告</option>
<option value="late">逾期公布</option>
<option value="undetermined">层级未定</option>
<option value="copy">疑似照搬上年</option>
<option value="similar">内容雷同</option>
<option value="stock">规范性文件数断链</option>
<option value="missing">有缺报年度</option>
</select></label>
<span id="shown" aria-live="polite"></span>
</div>
<h2>报告情况（机关 × 年度）</h2>
${statusTable(review, reports)}
<h2>指标（各年度走势，数值为最近年度，括注为较上年变化）</h2>
${indicatorTable(review, reports)}
${
  review.notReports.length > 0
    ? html`<h2>不是年度报告的文件（${review.notReports.length}个）</h2>
<ul class="files">${review.notReports.map((n) => html`<li><code>${n.file}</code>：${n.reason.zh}</li>`)}</ul>`
    : ""
}
${
  duplicates.length > 0
    ? html`<h2>重复的报告（${duplicates.length}份）</h2>
<ul class="files">${duplicates.map((d) => html`<li><a href="${d.page}"><code>${d.file}</code></a>：${d.organ}${d.year}年度，另见 <a href="${reports.get(d.duplicateOf!)!.page}"><code>${reports.get(d.duplicateOf!)!.file}</code></a></li>`)}</ul>`
    : ""
}
</main>
<footer class="page">由 xxgk review 生成：离线、可直接打开，不联网。</footer>`;
  return shell("年度报告审查", await csp(PAGE_CSS, INDEX_SCRIPT), PAGE_CSS, body, INDEX_SCRIPT);
}

const REPORT_CSS = `${PAGE_CSS}\n${reportCss()}`;

/** The finding as render-html marks it: the severity, the message with its source, the code. */
function mark(f: ReviewFinding): FindingMark {
  const from = f.source === "import" ? `（导入${f.line === undefined ? "" : `，源文件第${f.line}行`}）` : "";
  return {
    pointer: f.pointer,
    severity: f.severity,
    message: `${f.message.zh}${from}`,
    code: f.code,
    // A table's blank cells are one finding: it marks them, not the whole table.
    ...(f.cells === undefined ? {} : { cells: f.cells }),
  };
}

interface Lookup {
  readonly reports: ReadonlyMap<string, ReviewedReport>;
  readonly bodies: ReadonlyMap<string, ReviewedBody>;
  readonly previous: ReadonlyMap<string, Review["previousReports"][number]>;
}
const lookups = new WeakMap<Review, Lookup>();

/** The review's reports, bodies and earlier reports by id, made once per review (a page per report must not cost a scan each). */
function lookup(review: Review): Lookup {
  let l = lookups.get(review);
  if (l === undefined) {
    l = {
      reports: new Map(review.reports.map((r) => [r.id, r])),
      bodies: new Map(review.bodies.map((b) => [b.id, b])),
      previous: new Map(review.previousReports.map((p) => [p.id, p])),
    };
    lookups.set(review, l);
  }
  return l;
}

/** A report's own page: what the review found about it, then the report with every finding marked. */
export async function renderReportPage(review: Review, id: string, report: Report): Promise<string> {
  const { reports, bodies, previous } = lookup(review);
  const r = reports.get(id);
  if (r === undefined) throw new RangeError(`no report "${id}" in the review`);
  const body = bodies.get(r.body)!;
  const link = (other: string) => {
    const o = reports.get(other);
    if (o !== undefined) {
      return html`<a href="${o.page.slice("reports/".length)}">${o.organ} ${o.year}年度</a>（<code>${o.file}</code>）`;
    }
    const p = previous.get(other)!;
    return html`${p.organ} ${p.year}年度（<code>${p.file}</code>，仅作比对）`;
  };
  const copy = r.copy;
  const notes: Html[] = [];
  if (copy !== null && copy.ratio > 0) {
    notes.push(html`<p>与上年报告 ${link(copy.previous)} 相比，第一、五、六部分约 <strong>${percent(copy.ratio, 0)}</strong> 的文字相同（年份、数字不计）${copy.ratio > 0.5 ? "，疑似照搬上年报告" : ""}。${copy.passages.length > 0 ? "重复最长的段落：" : ""}</p>
${copy.passages.map((p) => html`<blockquote>${p.text}</blockquote>`)}`);
  }
  if (r.similar.length > 0) {
    notes.push(
      html`<p>与同年度其他机关报告内容雷同：</p><ul>${r.similar.map((s) => html`<li>${link(s.report)}：约 ${percent(s.jaccard, 0)} 的文字片段相同</li>`)}</ul>`,
    );
  }
  if (r.duplicateOf !== null)
    notes.push(html`<p>本机关本年度另有报告 ${link(r.duplicateOf)}，跨年和跨机关比对以其为准。</p>`);
  const fragment = renderFragment(report, {
    findings: r.findings.map(mark),
    inlineCss: false,
    idPrefix: "xxgk-",
  });
  const page = html`<header class="page">
<nav class="back"><a href="../index.html">← 返回审查总览</a></nav>
<h1>${r.title}</h1>
<dl class="facts">
<dt>源文件</dt><dd><code>${r.file}</code>（${r.format}）</dd>
<dt>机关</dt><dd>${r.organ}${body.organ === r.organ ? "" : `（归入 ${body.organ}）`}</dd>
<dt>年度</dt><dd>${r.year}年度，${r.edition}版格式</dd>
<dt>层级</dt><dd>${LEVEL_LABELS[r.level]}：${r.levelReason.zh}</dd>
<dt>公布日期</dt><dd>${r.published ?? "未注明"}${r.deadline.date === null ? "" : `（期限 ${r.deadline.date}）`}：${DEADLINE_LABELS[r.deadline.status]}</dd>
<dt>上年报告</dt><dd>${r.previous === null ? "无（不作跨年比对）" : link(r.previous)}</dd>
<dt>检查结果</dt><dd>${r.counts.error} 个错误，${r.counts.warning} 个警告，${r.counts.info} 个提示</dd>
<dt>导入</dt><dd>${r.cells.placed} 个单元格确定，${r.cells.unsure} 个不确定，${r.cells.missing} 个缺失（共 ${r.cells.total} 个）</dd>
</dl>
${notes.length > 0 ? html`<section class="review-notes" aria-label="文字比对">${notes}</section>` : ""}
</header>
<main class="page">
${trusted(fragment)}
</main>`;
  return shell(`${r.title}（审查）`, await csp(REPORT_CSS), REPORT_CSS, page);
}
