import type { Report } from "@xxgk/core-model";
import type { ImportDiagnostic, ImportStats } from "@xxgk/importer";
import { importSource } from "./_import.js";
import { type IndicatorValue, indicatorsOf, type Text } from "./indicators.js";
import { type Sketch, sketchNarrative } from "./similarity.js";
import { narrativeSentences, type Sentence } from "./text.js";

/** One input of a review: its name (shown everywhere, e.g. a path) and its bytes or text. */
export interface ReviewSource {
  readonly name: string;
  readonly data: Uint8Array | string;
}

/** What a review needs of a report beyond the report: its narrative sentences, sketch and indicators. */
export interface ReportProfile {
  readonly sentences: readonly Sentence[];
  readonly sketch: Sketch | null;
  readonly indicators: Readonly<Record<string, IndicatorValue>>;
}

/** An input that is a report. */
export interface ReadReport {
  readonly kind: "report";
  readonly name: string;
  readonly report: Report;
  readonly format: string;
  readonly diagnostics: readonly ImportDiagnostic[];
  readonly stats: ImportStats;
  /** Computed by {@link profileReport} where the report was read (a worker thread), or later. */
  readonly profile?: ReportProfile;
}

/** An input that is not a report (or could not be read), and why. */
export interface ReadFailure {
  readonly kind: "not-report";
  readonly name: string;
  /** The importer's diagnostic code, or the caller's (`unreadable`, `too-large`). */
  readonly code: string;
  readonly reason: Text;
}

/** What became of one input. */
export type SourceRead = ReadReport | ReadFailure;

/** A report with no cell written and no narrative: what the importer makes of a file that only looks like one. */
function isEmpty(report: Report): boolean {
  for (const rows of Object.values(report.tables)) {
    for (const cells of Object.values(rows))
      for (const c of Object.values(cells)) if (c.status !== "blank") return false;
  }
  return Object.values(report.sections).every((s) => s.blocks.every((b) => b.text.trim() === ""));
}

/** The narrative sentences, similarity sketch and indicators of a report (the per-report part of a review). */
export function profileReport(report: Report): ReportProfile {
  const sentences = narrativeSentences(report);
  return { sentences, sketch: sketchNarrative(sentences), indicators: indicatorsOf(report) };
}

/**
 * Reads one input with the importer (pages, text copies, our own JSON — whatever the importer reads).
 * Never rejects: an input that is not a report comes back as a {@link ReadFailure} with the importer's
 * reason. With `profile: true` the report's profile is computed here too (for worker threads).
 */
export async function readSource(
  source: ReviewSource,
  options: { profile?: boolean } = {},
): Promise<SourceRead> {
  const result = await importSource(source.data, { fileName: source.name });
  if (result.report !== null && isEmpty(result.report)) {
    return {
      kind: "not-report",
      name: source.name,
      code: "no-content",
      reason: {
        zh: "既没有找到报告的表格，也没有找到报告的各部分正文，不是年度报告",
        en: "neither the report's tables nor its sections were found: not a report",
      },
    };
  }
  if (result.report === null) {
    // What keeps it from being a report (no title, year or organ; not a report document), before what
    // follows from that (tables not found); at most three reasons.
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    const primary = errors.filter((d) => d.code !== "table-missing");
    const reasons = (primary.length > 0 ? primary : errors).slice(0, 3);
    return {
      kind: "not-report",
      name: source.name,
      code: reasons[0]?.code ?? "not-a-report",
      reason:
        reasons.length > 0
          ? {
              zh: reasons.map((d) => d.message.zh).join("；"),
              en: reasons.map((d) => d.message.en).join("; "),
            }
          : { zh: "不是年度报告", en: "not a report" },
    };
  }
  return {
    kind: "report",
    name: source.name,
    report: result.report,
    format: result.format,
    diagnostics: result.diagnostics,
    stats: result.stats,
    ...(options.profile ? { profile: profileReport(result.report) } : {}),
  };
}
