/**
 * @xxgk/review — a region's 政府信息公开工作年度报告 reviewed together: grouped by body, paired by year,
 * validated against last year's, indicators and their changes, copy-of-last-year and cross-body
 * similarity checks; out come one self-contained HTML page, a page per report, a workbook and JSON.
 */
export {
  BLANK_RULE,
  change,
  expandTerm,
  formulaOf,
  INDICATORS,
  type IndicatorDef,
  type IndicatorValue,
  indicatorsOf,
  indicatorValue,
} from "./indicators.js";
export { stringifyReview } from "./json.js";
export {
  normalizeOrgan,
  type OrganMapping,
  OrganMappingError,
  type OrganResolution,
  parseOrganMapping,
  resolveOrgans,
} from "./organ.js";
export {
  DEADLINE_LABELS,
  formatChange,
  formatValue,
  LEVEL_LABELS,
  renderIndexPage,
  renderReportPage,
  SEVERITY_LABELS,
  STOCK_LABELS,
  sparkline,
} from "./page.js";
export {
  profileReport,
  type ReadFailure,
  type ReadReport,
  type ReportProfile,
  type ReviewSource,
  readSource,
  type SourceRead,
} from "./read.js";
export {
  assembleReview,
  COPY_THRESHOLD,
  labelOf,
  type ReviewOptions,
  type ReviewResult,
  reviewSources,
} from "./review.js";
export {
  BANDS,
  findSimilar,
  jaccard,
  MAX_CANDIDATES,
  ROWS,
  SHINGLE,
  SIMILAR_THRESHOLD,
  type SimilarityItem,
  type SimilarityResult,
  type SimilarPair,
  type Sketch,
  sketchNarrative,
} from "./similarity.js";
export {
  type CopyCheck,
  copyCheck,
  MIN_NARRATIVE,
  MIN_SENTENCE,
  NARRATIVE_SECTIONS,
  narrativeSentences,
  normalizeSentence,
  type Sentence,
  STANDARD_SENTENCES,
} from "./text.js";
export type {
  Counts,
  DeadlineStatus,
  IndicatorInfo,
  NotReport,
  PreviousReport,
  ReportIndicator,
  Review,
  ReviewedBody,
  ReviewedReport,
  ReviewFinding,
  Severity,
  StockChain,
  Text,
} from "./types.js";
export { EXCEL_CELL_LIMIT, excelText, reviewWorkbook, workbookDate } from "./workbook.js";
