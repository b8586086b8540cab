import type { EditionId } from "@xxgk/core-model";
import { applicationColumns, labelOf, perEdition, readCells, slotOf } from "../_cells.js";
import type { EditionPair, Equation } from "../types.js";
import { type Context, num, type RuleImpl } from "./_rule.js";

const PAIRS: readonly EditionPair[] = ["2019>2019", "2019>2021", "2021>2019", "2021>2021"];

function perPair(
  f: (previous: EditionId, current: EditionId) => Equation[],
): Record<EditionPair, Equation[]> {
  return Object.fromEntries(
    PAIRS.map((p) => [p, f(p.slice(0, 4) as EditionId, p.slice(5) as EditionId)]),
  ) as Record<EditionPair, Equation[]>;
}

const readsOf = (pairs: Record<EditionPair, Equation[]>, previous: boolean) =>
  perEdition((e) => [
    ...new Set(
      PAIRS.filter((p) => (previous ? p.startsWith(e) : p.endsWith(e))).flatMap((p) =>
        pairs[p].flatMap((q) => [
          ...(previous ? [] : [q.about]),
          ...q.terms.filter((t) => (t.previous === true) === previous).map((t) => t.key),
        ]),
      ),
    ),
  ]);

// The columns of table 三 and the row keys used here are identical in both editions, so the carry-over
// holds across the 2020→2021 switch.
const carryOver = perPair((_previous, current) =>
  applicationColumns(current).map((c) => ({
    about: `applications.carriedOver.${c}`,
    terms: [{ key: `applications.carriedForward.${c}`, sign: 1, previous: true }],
  })),
);

// Only between two 2021-edition reports: the 2019 对外公开总数量 counts documents ever published, not
// documents in force, and 规范性文件 (2019) is a wider class than 行政规范性文件 (2021).
const stock = perPair((previous, current) =>
  previous === "2021" && current === "2021"
    ? ["regulations", "normativeDocuments"].map((r) => ({
        about: `proactive.${r}.inForce`,
        terms: [
          { key: `proactive.${r}.inForce`, sign: 1, previous: true },
          { key: `proactive.${r}.issued`, sign: 1 },
          { key: `proactive.${r}.repealed`, sign: -1 },
        ],
      }))
    : [],
);

// Only the 2019 edition has 上一年项目数量 and 本年增/减; the 2021 edition dropped both.
const items = perPair((previous, current) =>
  previous === "2019" && current === "2019"
    ? ["licensing", "otherServices", "penalties", "coercion", "fees"].map((r) => ({
        about: `proactive.${r}.previous`,
        terms: [
          { key: `proactive.${r}.previous`, sign: 1, previous: true },
          { key: `proactive.${r}.change`, sign: 1, previous: true },
        ],
      }))
    : [],
);

/** X.carry-over [D]: this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column, across editions. */
export const xCarryOver: RuleImpl = {
  def: {
    id: "X.carry-over",
    severity: "warning",
    kind: "cross-year",
    description: {
      zh: "本年“二、上年结转政府信息公开申请数量”应等于上年报告“四、结转下年度继续办理”（每列；跨2020→2021格式切换同样适用）",
      en: "This year's 二 carried over equals last year's 四 carried forward, per column (also across the 2020→2021 switch)",
    },
    reads: readsOf(carryOver, false),
    readsPrevious: readsOf(carryOver, true),
    crossYear: carryOver,
  },
  explain: ({ edition, equation, expected, actual }) => {
    const l = labelOf(edition, equation.about);
    return {
      zh: `${l}应等于上年报告的四、结转下年度继续办理 ${num(expected)}，实为 ${num(actual)}`,
      en: `${l} should equal last year's 四、结转下年度继续办理, ${num(expected)}, but is ${num(actual)}`,
    };
  },
};

/** X.stock [S]: 2021 edition both years: 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数 − 本年废止件数. */
export const xStock: RuleImpl = {
  def: {
    id: "X.stock",
    severity: "warning",
    kind: "cross-year",
    description: {
      zh: "2021版（两年均为2021版）：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（规章、行政规范性文件；集中清理会打破此关系）",
      en: "2021 edition, both years: in force = last year's in force + issued − repealed (规章, 行政规范性文件; clean-ups break it)",
    },
    reads: readsOf(stock, false),
    readsPrevious: readsOf(stock, true),
    crossYear: stock,
  },
  explain: ({ edition, equation, expected, actual }) => {
    const l = labelOf(edition, equation.about);
    return {
      zh: `${l}应为上年现行有效件数＋本年制发件数－本年废止件数 = ${num(expected)}，实为 ${num(actual)}（如有集中清理请在正文说明）`,
      en: `${l} should be last year's in force + issued − repealed = ${num(expected)} but is ${num(actual)} (explain any clean-up in the text)`,
    };
  },
};

/** X.items [S]: 2019 edition both years: 上一年项目数量(N) = 上一年项目数量(N−1) + 本年增/减(N−1). */
export const xItems: RuleImpl = {
  def: {
    id: "X.items",
    severity: "warning",
    kind: "cross-year",
    description: {
      zh: "2019版（两年均为2019版）：上一年项目数量 = 上年报告的上一年项目数量 + 上年报告的本年增/减（第（五）（六）（八）项）",
      en: "2019 edition, both years: 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减 (items 五, 六, 八)",
    },
    reads: readsOf(items, false),
    readsPrevious: readsOf(items, true),
    crossYear: items,
  },
  explain: ({ edition, equation, expected, actual }) => {
    const l = labelOf(edition, equation.about);
    return {
      zh: `${l}应为上年报告的上一年项目数量＋本年增/减 = ${num(expected)}，实为 ${num(actual)}`,
      en: `${l} should be last year's 上一年项目数量 + 本年增/减 = ${num(expected)} but is ${num(actual)}`,
    };
  },
};

const PUBLISHED_ROWS = ["regulations", "normativeDocuments"] as const;

/**
 * X.published [S]: 2019 edition both years: 对外公开总数量(N) ≤ 对外公开总数量(N−1) + 本年新公开数量(N). A
 * total can fall (documents withdrawn) but cannot grow by more than what was newly published.
 */
export const xPublished: RuleImpl = {
  def: {
    id: "X.published",
    severity: "warning",
    kind: "cross-year",
    description: {
      zh: "2019版（两年均为2019版）：对外公开总数量不应超过上年对外公开总数量 + 本年新公开数量（规章、规范性文件）",
      en: "2019 edition, both years: 对外公开总数量 cannot exceed last year's plus this year's 本年新公开数量 (规章, 规范性文件)",
    },
    reads: {
      "2019": PUBLISHED_ROWS.flatMap((r) => [`proactive.${r}.total`, `proactive.${r}.published`]),
      "2021": [],
    },
    readsPrevious: { "2019": PUBLISHED_ROWS.map((r) => `proactive.${r}.total`), "2021": [] },
  },
  check: ({ report, cells, previous, out }: Context) => {
    if (previous === undefined || previous.edition !== "2019" || report.edition !== "2019") return;
    const before = readCells(previous);
    const at = (key: string) => slotOf("2019", key).def;
    for (const row of PUBLISHED_ROWS) {
      const total = cells[at(`proactive.${row}.total`).index]!;
      const published = cells[at(`proactive.${row}.published`).index]!;
      const last = before[at(`proactive.${row}.total`).index]!;
      if (total.status !== "number" || last.status !== "number" || published.status === "invalid") continue;
      const bound = (last.value ?? 0) + (published.value ?? 0);
      if ((total.value ?? 0) <= bound) continue;
      const l = labelOf("2019", `proactive.${row}.total`);
      out.push({
        code: "X.published",
        severity: "warning",
        pointer: at(`proactive.${row}.total`).pointer,
        related: [at(`proactive.${row}.published`).pointer],
        previous: [at(`proactive.${row}.total`).pointer],
        expected: bound,
        actual: total.value ?? 0,
        message: {
          zh: `${l}为 ${num(total.value ?? 0)}，超过上年对外公开总数量 ${num(last.value ?? 0)} 与本年新公开数量 ${num(published.value ?? 0)} 之和 ${num(bound)}`,
          en: `${l} is ${num(total.value ?? 0)}, more than last year's ${num(last.value ?? 0)} plus ${num(published.value ?? 0)} newly published, ${num(bound)}`,
        },
      });
    }
  },
};

/** X.previous: last year's report was given but cannot be used; the cross-year rules are skipped. */
export const xPrevious: RuleImpl = {
  def: {
    id: "X.previous",
    severity: "warning",
    kind: "cross-year",
    description: {
      zh: "给出的上年报告无法解析或不是上一年度的报告，跨年度核对未进行",
      en: "Last year's report does not parse or is not for the year before; the cross-year rules were skipped",
    },
    reads: perEdition(() => []),
  },
};
