import {
  cellAtPointer,
  type EditionId,
  type LevelInference,
  levelOf,
  type Report,
  SECTIONS,
} from "@xxgk/core-model";
import type { ImportDiagnostic } from "@xxgk/importer";
import { type Finding, validateReport } from "@xxgk/validators";
import { hashId } from "./_hash.js";
import { change, formulaOf, INDICATORS, type IndicatorValue, indicatorsOf } from "./indicators.js";
import { normalizeOrgan, type OrganMapping, resolveOrgans } from "./organ.js";
import { type ReadReport, type ReviewSource, readSource, type SourceRead } from "./read.js";
import { findSimilar, type Sketch, sketchNarrative } from "./similarity.js";
import { copyCheck, narrativeSentences, type Sentence } from "./text.js";
import type {
  Counts,
  DeadlineStatus,
  NotReport,
  Review,
  ReviewedBody,
  ReviewedReport,
  ReviewFinding,
  Severity,
  StockChain,
} from "./types.js";

/** Above this share of last year's narrative a report is flagged as copied (疑似照搬上年报告). */
export const COPY_THRESHOLD = 0.5;

/** Options of {@link assembleReview} and {@link reviewSources}. */
export interface ReviewOptions {
  /** Names of renamed or differently written bodies → the body's name (see `parseOrganMapping`). */
  readonly organs?: OrganMapping;
  /**
   * Reports given only as last year's, to compare with (a folder of the year before): they are paired
   * with the reports reviewed but not reviewed themselves; `review.previousReports` lists those used.
   */
  readonly previous?: readonly SourceRead[];
  /** Filled with the milliseconds each phase took: `validate`, `indicators`, `similarity`. */
  readonly timings?: Record<string, number>;
}

/** A review and the reports it read, by report id (for the report pages and the workbook). */
export interface ReviewResult {
  readonly review: Review;
  readonly reports: ReadonlyMap<string, Report>;
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const FORMAT_RANK: Readonly<Record<string, number>> = {
  json: 0,
  "xxgk-html": 1,
  html: 2,
  docx: 3,
  pdf: 4,
  text: 5,
};
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function timed<T>(timings: Record<string, number> | undefined, phase: string, run: () => T): T {
  const t0 = performance.now();
  try {
    return run();
  } finally {
    if (timings) timings[phase] = (timings[phase] ?? 0) + performance.now() - t0;
  }
}

/** `表三：三、本年度办理结果 / （七）总计 / 申请人情况 / 总计` for a cell pointer, the section's heading for a section, else "". */
export function labelOf(edition: EditionId, pointer: string): string {
  const cell = cellAtPointer(edition, pointer);
  if (cell !== undefined) {
    const numeral = SECTIONS.find((s) => s.table === cell.table)!.numeral;
    return `表${numeral}：${[...cell.rowLabels, ...cell.colLabels].join(" / ")}`;
  }
  const section = SECTIONS.find(
    (s) => pointer === `/sections/${s.key}` || pointer.startsWith(`/sections/${s.key}/`),
  );
  return section?.label ?? "";
}

const countsOf = (findings: readonly ReviewFinding[]): Counts => ({
  error: findings.filter((f) => f.severity === "error").length,
  warning: findings.filter((f) => f.severity === "warning").length,
  info: findings.filter((f) => f.severity === "info").length,
});

function fromValidator(edition: EditionId, f: Finding): ReviewFinding {
  return {
    source: "validate",
    code: f.code,
    severity: f.severity,
    pointer: f.pointer,
    label: labelOf(edition, f.pointer),
    ...(f.expected === undefined ? {} : { expected: f.expected }),
    ...(f.actual === undefined ? {} : { actual: f.actual }),
    message: f.message,
    ...(f.quote === undefined ? {} : { quote: f.quote }),
    ...(f.cells === undefined ? {} : { cells: f.cells }),
  };
}

function fromImporter(edition: EditionId, d: ImportDiagnostic): ReviewFinding {
  const pointer = d.pointer ?? "";
  return {
    source: "import",
    code: d.code,
    severity: d.severity,
    pointer,
    label: labelOf(edition, pointer),
    message: d.message,
    ...(d.source.excerpt === undefined ? {} : { quote: d.source.excerpt }),
    ...(d.source.line === undefined ? {} : { line: d.source.line }),
  };
}

function deadlineOf(report: Report, level: LevelInference, findings: readonly Finding[]): DeadlineStatus {
  const { published, year } = report.meta;
  const date =
    level.level === "agency"
      ? `${year + 1}-01-31`
      : level.level === "government"
        ? `${year + 1}-03-31`
        : null;
  if (published === undefined) return { date, status: "no-date" };
  const found = findings.find((f) => f.code === "deadline");
  return {
    date,
    status: found === undefined ? "on-time" : found.severity === "info" ? "undetermined" : "late",
  };
}

const STOCK_POINTER = "/tables/proactive/normativeDocuments/inForce";

function stockOf(report: Report, previous: Report | undefined, findings: readonly Finding[]): StockChain {
  if (previous === undefined) return { status: "no-previous" };
  if (report.edition !== "2021" || previous.edition !== "2021") return { status: "not-applicable" };
  const broken = findings.find((f) => f.code === "X.stock" && f.pointer === STOCK_POINTER);
  if (broken === undefined) return { status: "ok" };
  return {
    status: "broken",
    ...(broken.expected === undefined ? {} : { expected: broken.expected }),
    ...(broken.actual === undefined ? {} : { actual: broken.actual }),
  };
}

const percent = (r: number) => `${Math.round(r * 100)}%`;

/** Per report, what the assembly works with. */
interface Entry {
  readonly id: string;
  readonly read: ReadReport;
  readonly report: Report;
  readonly bodyKey: string;
  /** Given only to compare with (last year's report), not reviewed. */
  readonly context: boolean;
  readonly importErrors: number;
  role: "primary" | "duplicate";
  duplicateOf: Entry | null;
  previous: Entry | null;
  sentences: readonly Sentence[];
  sketch: Sketch | null;
  indicators: Readonly<Record<string, IndicatorValue>>;
  validation: readonly Finding[];
  own: ReviewFinding[];
  copy: ReviewedReport["copy"];
  similar: { report: string; jaccard: number }[];
  level: LevelInference;
}

/** Ids from names: stable, and made unique in name order when two names give the same hash. */
function idsFor(names: readonly string[], prefix: string): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let id = `${prefix}${hashId(name)}`;
    for (let n = 2; used.has(id); n++) id = `${prefix}${hashId(name)}-${n}`;
    used.add(id);
    return id;
  });
}

/**
 * Puts read inputs together into one review: groups the reports by body (normalised names, the mapping,
 * unique name tails), takes one report per body and year (the others are duplicates), pairs each with the
 * body's report of the year before (across the 2020→2021 edition switch too), validates each with its
 * predecessor, computes the indicators and their changes, checks each narrative against last year's and
 * against other bodies' of the same year. The result does not depend on the order of `reads`.
 */
export function assembleReview(reads: readonly SourceRead[], options: ReviewOptions = {}): ReviewResult {
  const { timings } = options;
  const sorted = [...reads].sort((a, b) => byText(a.name, b.name));
  const reportReads = sorted.filter((r): r is ReadReport => r.kind === "report");
  const mainNames = new Set(reportReads.map((r) => r.name));
  // Last year's reports given only to compare with (`previous`): never reviewed themselves.
  const contextReads = (options.previous ?? [])
    .filter((r): r is ReadReport => r.kind === "report" && !mainNames.has(r.name))
    .sort((a, b) => byText(a.name, b.name));
  const notReports: NotReport[] = sorted.flatMap((r) =>
    r.kind === "not-report" ? [{ file: r.name, code: r.code, reason: r.reason }] : [],
  );
  const all = [
    ...reportReads.map((read) => ({ read, context: false })),
    ...contextReads.map((read) => ({ read, context: true })),
  ].sort((a, b) => byText(a.read.name, b.read.name));
  const ids = idsFor(
    all.map((x) => x.read.name),
    "r",
  );
  const resolution = resolveOrgans(
    all.map((x) => x.read.report.meta.organ),
    options.organs,
  );
  const everything: Entry[] = all.map(({ read, context }, i) => ({
    id: ids[i]!,
    read,
    report: read.report,
    context,
    bodyKey: resolution.bodyOf.get(normalizeOrgan(read.report.meta.organ))!,
    importErrors: read.diagnostics.filter((d) => d.severity === "error").length,
    role: "primary",
    duplicateOf: null,
    previous: null,
    sentences: read.profile?.sentences ?? [],
    sketch: read.profile?.sketch ?? null,
    indicators: read.profile?.indicators ?? {},
    validation: [],
    own: [],
    copy: null,
    similar: [],
    level: levelOf(read.report),
  }));

  // One report per body-year: a reviewed one before one given for comparison only, then the best read
  // (fewest import errors, our own formats first), then by name. The others of a reviewed year are
  // duplicates; comparison-only reports of a year that is reviewed are not used.
  const byBodyYear = new Map<string, Entry[]>();
  for (const e of everything) {
    const key = `${e.bodyKey}\n${e.report.meta.year}`;
    const list = byBodyYear.get(key);
    if (list === undefined) byBodyYear.set(key, [e]);
    else list.push(e);
  }
  const primaryOf = new Map<string, Entry>(); // `${bodyKey}\n${year}`
  const used = new Set<Entry>();
  for (const [key, list] of byBodyYear) {
    list.sort(
      (a, b) =>
        Number(a.context) - Number(b.context) ||
        a.importErrors - b.importErrors ||
        (FORMAT_RANK[a.read.format] ?? 9) - (FORMAT_RANK[b.read.format] ?? 9) ||
        byText(a.read.name, b.read.name),
    );
    const first = list[0]!;
    primaryOf.set(key, first);
    used.add(first);
    for (const d of list.slice(1)) {
      if (d.context) continue;
      used.add(d);
      d.role = "duplicate";
      d.duplicateOf = first;
      d.own.push({
        source: "review",
        code: "review.duplicate",
        severity: "info",
        pointer: "",
        label: "",
        message: {
          zh: `本机关${first.report.meta.year}年度另有报告 ${first.read.name}，跨年和跨机关比对以其为准；本文件单独校验`,
          en: `${first.read.name} is this body's ${first.report.meta.year} report for the cross-year and cross-body checks; this file is checked on its own`,
        },
      });
    }
  }
  const entries = everything.filter((e) => !e.context);
  for (const e of entries) e.previous = primaryOf.get(`${e.bodyKey}\n${e.report.meta.year - 1}`) ?? null;
  const context = everything.filter((e) => e.context && used.has(e));
  const byBody = new Map<string, Map<number, Entry[]>>();
  for (const e of entries) {
    let years = byBody.get(e.bodyKey);
    if (years === undefined) {
      years = new Map();
      byBody.set(e.bodyKey, years);
    }
    const list = years.get(e.report.meta.year);
    if (list === undefined) years.set(e.report.meta.year, [e]);
    else list.push(e);
  }
  for (const list of [...byBody.values()].flatMap((y) => [...y.values()])) {
    list.sort((a, b) =>
      a.role === b.role ? byText(a.read.name, b.read.name) : a.role === "primary" ? -1 : 1,
    );
  }

  timed(timings, "validate", () => {
    for (const e of entries) {
      e.validation = validateReport(e.report, e.previous ? { previous: e.previous.report } : {}).findings;
    }
  });

  timed(timings, "indicators", () => {
    for (const e of [...entries, ...context])
      if (e.read.profile === undefined) e.indicators = indicatorsOf(e.report);
  });

  timed(timings, "similarity", () => {
    for (const e of [...entries, ...context]) {
      if (e.read.profile !== undefined) continue;
      e.sentences = narrativeSentences(e.report);
      e.sketch = sketchNarrative(e.sentences);
    }
    for (const e of entries) {
      if (e.role !== "primary" || e.previous === null) continue;
      const check = copyCheck(e.sentences, e.previous.sentences);
      if (check === null) continue;
      e.copy = { ratio: check.ratio, previous: e.previous.id, passages: check.passages };
      if (check.ratio <= COPY_THRESHOLD) continue;
      const longest = check.passages[0];
      e.own.push({
        source: "review",
        code: "review.copy",
        severity: "warning",
        pointer: longest ? `/sections/${longest.section}` : "",
        label: longest ? labelOf(e.report.edition, `/sections/${longest.section}`) : "",
        message: {
          zh: `疑似照搬上年报告：第一、五、六部分约 ${percent(check.ratio)} 的文字与上年报告 ${e.previous.read.name} 相同（年份、数字不计）`,
          en: `Copied from last year's report? About ${percent(check.ratio)} of sections 一, 五 and 六 repeat ${e.previous.read.name} (years and numbers aside)`,
        },
        ...(longest ? { quote: longest.text } : {}),
      });
    }
    const items = entries.flatMap((e) =>
      e.role === "primary" && e.sketch !== null
        ? [{ id: e.id, group: e.report.meta.year, body: e.bodyKey, sketch: e.sketch }]
        : [],
    );
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const pair of findSimilar(items).pairs) {
      const a = byId.get(pair.a)!;
      const b = byId.get(pair.b)!;
      a.similar.push({ report: b.id, jaccard: pair.jaccard });
      b.similar.push({ report: a.id, jaccard: pair.jaccard });
    }
    for (const e of entries) {
      e.similar.sort((x, y) => y.jaccard - x.jaccard || byText(x.report, y.report));
      for (const s of e.similar) {
        const other = byId.get(s.report)!;
        e.own.push({
          source: "review",
          code: "review.similar",
          severity: "warning",
          pointer: "",
          label: "",
          message: {
            zh: `与${other.report.meta.organ}同年度报告 ${other.read.name} 内容雷同：约 ${percent(s.jaccard)} 的文字片段相同`,
            en: `Shares most of its text with ${other.report.meta.organ}'s report of the same year, ${other.read.name} (about ${percent(s.jaccard)} of text fragments alike)`,
          },
        });
      }
    }
  });

  const reviewed = new Map<Entry, ReviewedReport>();
  for (const e of entries) {
    const edition = e.report.edition;
    const findings = [
      ...e.validation.map((f) => fromValidator(edition, f)),
      ...e.own,
      ...e.read.diagnostics.map((d) => fromImporter(edition, d)),
    ];
    // Stable: within a severity the order above is kept.
    findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    const previousIndicators = e.previous?.indicators;
    reviewed.set(e, {
      id: e.id,
      file: e.read.name,
      format: e.read.format,
      page: `reports/${e.id}.html`,
      body: "",
      organ: e.report.meta.organ,
      year: e.report.meta.year,
      edition,
      title: e.report.meta.title,
      published: e.report.meta.published ?? null,
      level: e.level.level,
      levelReason: e.level.reason,
      levelRule: e.level.rule,
      deadline: deadlineOf(e.report, e.level, e.validation),
      role: e.role,
      duplicateOf: e.duplicateOf?.id ?? null,
      previous: e.previous?.id ?? null,
      counts: countsOf(findings),
      findings,
      cells: { ...e.read.stats },
      copy: e.copy,
      similar: e.similar,
      indicators: Object.fromEntries(
        INDICATORS.map((d) => {
          const v = e.indicators[d.id]!;
          return [d.id, { ...v, change: change(v, previousIndicators?.[d.id]) }];
        }),
      ),
      stock: stockOf(e.report, e.previous?.report, e.validation),
    });
  }

  // A loop, not Math.min(...): a province's reports would overflow the argument list.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of entries) {
    first = Math.min(first, e.report.meta.year);
    last = Math.max(last, e.report.meta.year);
  }
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);

  const displayName = new Map<string, string>();
  for (const v of Object.values(options.organs ?? {})) displayName.set(normalizeOrgan(v), v);
  const bodyKeys = [...byBody.keys()].sort(byText);
  const bodyIds = idsFor(bodyKeys, "b");
  const bodies: ReviewedBody[] = bodyKeys.map((key, i) => {
    const yearsOf = byBody.get(key)!;
    const present = [...yearsOf.keys()].sort((a, b) => a - b);
    const latest = primaryOf.get(`${key}\n${present[present.length - 1]}`)!;
    const names = new Map<string, "name" | "mapping" | "suffix">();
    for (const list of yearsOf.values()) {
      for (const e of list)
        names.set(e.report.meta.organ, resolution.how.get(normalizeOrgan(e.report.meta.organ))!);
    }
    // The name shown: the mapping's, else the fullest spelling its reports use (the one the body is
    // keyed by), latest first.
    const spelled = [...yearsOf.values()]
      .flat()
      .sort((a, b) => b.report.meta.year - a.report.meta.year || byText(a.read.name, b.read.name))
      .find((e) => normalizeOrgan(e.report.meta.organ) === key);
    return {
      id: bodyIds[i]!,
      organ: displayName.get(key) ?? spelled?.report.meta.organ ?? latest.report.meta.organ,
      names: [...names].sort((a, b) => byText(a[0], b[0])).map(([name, how]) => ({ name, how })),
      level: latest.level.level,
      years: years.map((year) => {
        const list = yearsOf.get(year) ?? [];
        return {
          year,
          report: list[0]?.id ?? null,
          duplicates: list.slice(1).map((d) => d.id),
        };
      }),
      missing: years.filter((y) => !yearsOf.has(y)),
    };
  });
  const bodyIdOf = new Map(bodyKeys.map((k, i) => [k, bodyIds[i]!]));
  const rank = new Map(bodyKeys.map((k, i) => [k, i]));
  const ordered = [...entries].sort(
    (a, b) =>
      rank.get(a.bodyKey)! - rank.get(b.bodyKey)! ||
      a.report.meta.year - b.report.meta.year ||
      (a.role === b.role ? 0 : a.role === "primary" ? -1 : 1) ||
      byText(a.read.name, b.read.name),
  );
  const reports = ordered.map((e) => ({ ...reviewed.get(e)!, body: bodyIdOf.get(e.bodyKey)! }));

  const counts = {
    error: reports.reduce((n, r) => n + r.counts.error, 0),
    warning: reports.reduce((n, r) => n + r.counts.warning, 0),
    info: reports.reduce((n, r) => n + r.counts.info, 0),
  };
  const review: Review = {
    version: 1,
    years,
    indicators: INDICATORS.map((d) => ({ id: d.id, label: d.label, kind: d.kind, formula: formulaOf(d) })),
    bodies,
    reports,
    previousReports: context
      .map((e) => ({ id: e.id, file: e.read.name, organ: e.report.meta.organ, year: e.report.meta.year }))
      .sort((a, b) => byText(a.file, b.file)),
    notReports,
    summary: {
      files: reads.length,
      reports: reports.length,
      notReports: notReports.length,
      bodies: bodies.length,
      missing: bodies.reduce((n, b) => n + b.missing.length, 0),
      late: reports.filter((r) => r.deadline.status === "late").length,
      copied: reports.filter((r) => r.copy !== null && r.copy.ratio > COPY_THRESHOLD).length,
      similar: reports.filter((r) => r.similar.length > 0).length,
      withErrors: reports.filter((r) => r.counts.error > 0).length,
      counts,
    },
  };
  return { review, reports: new Map(ordered.map((e) => [e.id, e.report])) };
}

/**
 * Reads every source with the importer and reviews them together ({@link assembleReview}): the one call
 * for a CMS or a notebook. Inputs that are not reports are listed in `review.notReports`.
 */
export async function reviewSources(
  sources: readonly ReviewSource[],
  options: ReviewOptions = {},
): Promise<ReviewResult> {
  const reads: SourceRead[] = [];
  for (const s of sources) reads.push(await readSource(s));
  return assembleReview(reads, options);
}
