import type { Block, Cell, CellKey, EditionId, SectionKey } from "@xxgk/core-model";
import { labelOf, perEdition, resultGroup, slotOf } from "../_cells.js";
import {
  ahead,
  clauseBefore,
  type NumberToken,
  quoteAround,
  scanNumbers,
  scanWord,
  sentenceBefore,
  shownDigits,
  WORK,
} from "../_scan.js";
import type { Finding, NarrativePattern } from "../types.js";
import { type Context, num, type RuleImpl } from "./_rule.js";

// Every pattern is matched against the clause right before a number followed by 件 (back to a clause
// boundary or another number, at most 40 characters: see _scan.ts), so a comma, a full stop or another
// number between the words and the number stops a match, and "行政复议、行政诉讼共3件" matches neither.
// The result patterns (予以公开, 不予公开 …) must also open their clause ("其中不予公开3件"): "因涉及国家
// 秘密不予公开1件" states one item, not Σ（三）, and is left alone.
const START = "^(?:其中|另有|另|有|共有|共|含|包括)?";
const TAIL = "(?:的|了)?(?:政府信息公开)?(?:申请)?(?:共|计|合计)?\\s*$";
const NOT_AFTER_AND = "(?<![、和及与或])";
const results = (e: EditionId, ...groups: string[]): CellKey[] =>
  groups.flatMap((g) => resultGroup(e, g)).map((r) => `applications.${r}.total`);

/** The numbers the narrative may state, with the table cells they must equal. */
export const NARRATIVE_PATTERNS: readonly NarrativePattern[] = [
  {
    id: "received",
    keyword: "申请",
    what: { zh: "收到（新收）申请", en: "applications received" },
    regex: /(?:收到|新收|受理)(?:(?!复议|诉讼|办结|答复).){0,20}申请.{0,6}$/,
    cells: perEdition(() => ["applications.newlyReceived.total"]),
  },
  {
    id: "carried-over",
    keyword: "结转",
    what: { zh: "上年结转申请", en: "applications carried over" },
    regex: /上一?年度?结转.{0,20}$/,
    cells: perEdition(() => ["applications.carriedOver.total"]),
  },
  {
    id: "completed",
    keyword: "办结",
    what: { zh: "办结申请", en: "applications completed" },
    regex: /^(?!.*(?:收到|新收|受理)).*办结.{0,10}$/,
    cells: perEdition(() => ["applications.resultsTotal.total"]),
  },
  {
    id: "answered",
    keyword: "答复",
    what: { zh: "答复申请", en: "applications answered" },
    regex: /^(?!.*(?:收到|新收|受理)).*答复(?:(?!率|期限|时限|时间).){0,10}$/,
    cells: perEdition(() => ["applications.resultsTotal.total"]),
  },
  {
    id: "carried-forward",
    keyword: "结转",
    what: { zh: "结转下年度继续办理", en: "applications carried forward" },
    regex: /(?<!上一?年度?)结转(?:至|到)?(?:下一?年度?)?.{0,10}$/,
    cells: perEdition(() => ["applications.carriedForward.total"]),
  },
  {
    id: "reconsideration",
    keyword: "行政复议",
    what: { zh: "行政复议", en: "administrative reconsiderations" },
    regex: new RegExp(`${NOT_AFTER_AND}行政复议(?:(?![、和及与或]).){0,8}$`),
    cells: perEdition(() => ["review.reconsideration.total"]),
  },
  {
    id: "litigation",
    keyword: "行政诉讼",
    what: { zh: "行政诉讼", en: "administrative lawsuits" },
    regex: new RegExp(`${NOT_AFTER_AND}行政诉讼(?:(?![、和及与或]).){0,8}$`),
    cells: perEdition(() => ["review.direct.total", "review.afterReconsideration.total"]),
  },
  {
    id: "normative-documents",
    keyword: "规范性文件",
    what: { zh: "制发规范性文件", en: "normative documents issued" },
    regex: /制发(?:行政)?规范性文件.{0,6}$/,
    cells: { "2019": ["proactive.normativeDocuments.made"], "2021": ["proactive.normativeDocuments.issued"] },
  },
  {
    // 2021 only: the 2019 对外公开总数量 counts documents ever published, not documents in force.
    id: "normative-documents-in-force",
    keyword: "现行有效",
    what: { zh: "现行有效规范性文件", en: "normative documents in force" },
    regex: /现行有效(?:的)?(?:行政)?规范性文件.{0,6}$/,
    cells: { "2019": [], "2021": ["proactive.normativeDocuments.inForce"] },
  },
  {
    id: "regulations-in-force",
    keyword: "现行有效",
    what: { zh: "现行有效规章", en: "regulations in force" },
    regex: /现行有效(?:的)?(?:政府)?规章.{0,6}$/,
    cells: { "2019": [], "2021": ["proactive.regulations.inForce"] },
  },
  {
    id: "disclosed",
    keyword: "予以公开",
    what: { zh: "予以公开", en: "applications disclosed" },
    regex: new RegExp(`${START}予以公开${TAIL}`),
    cells: perEdition(() => ["applications.disclosed.total"]),
    share: true,
  },
  {
    id: "partially-disclosed",
    keyword: "部分公开",
    what: { zh: "部分公开", en: "applications partially disclosed" },
    regex: new RegExp(`${START}部分公开${TAIL}`),
    cells: perEdition(() => ["applications.partiallyDisclosed.total"]),
    share: true,
  },
  {
    id: "disclosed-and-partially",
    keyword: "公开",
    what: { zh: "予以公开及部分公开", en: "applications disclosed in whole or in part" },
    regex: new RegExp(`${START}(?:予以公开(?:及|和|与|、|或)部分公开|(?:予以)?公开（含部分公开）)${TAIL}`),
    cells: perEdition(() => ["applications.disclosed.total", "applications.partiallyDisclosed.total"]),
    share: true,
  },
  {
    id: "withheld",
    keyword: "不予",
    what: { zh: "不予公开", en: "applications withheld" },
    regex: new RegExp(`${START}不予(?:以)?公开${TAIL}`),
    cells: perEdition((e) => results(e, "withheld")),
    share: true,
  },
  {
    id: "unavailable",
    keyword: "无法提供",
    what: { zh: "无法提供", en: "applications for information not available" },
    regex: new RegExp(`${START}无法提供(?:信息)?${TAIL}`),
    cells: perEdition((e) => results(e, "unavailable")),
    share: true,
  },
  {
    id: "not-processed",
    keyword: "不予处理",
    what: { zh: "不予处理", en: "applications not processed" },
    regex: new RegExp(`${START}不予处理${TAIL}`),
    cells: perEdition((e) => results(e, "notProcessed")),
    share: true,
  },
  {
    id: "other-handling",
    keyword: "其他处理",
    what: { zh: "其他处理", en: "applications otherwise handled" },
    regex: new RegExp(`${START}其他处理${TAIL}`),
    cells: perEdition((e) => results(e, "otherHandling")),
    share: true,
  },
];

/** Findings one rule may make in one block before it sums up the rest in one finding. */
export const CAP_PER_BLOCK = 10;

/** Sections whose narrative states table numbers (一 to 四). */
const NUMBER_SECTIONS: readonly SectionKey[] = ["overview", "proactive", "applications", "review"];
const ALL_SECTIONS: readonly SectionKey[] = [
  "overview",
  "proactive",
  "applications",
  "review",
  "problems",
  "other",
];
// "，占57.7%", "（占比57.7%）", "，约占总数的57.7%" right after a stated count.
const SHARE =
  /^\s*[，,、（(]?\s*(?:约|共)?占(?:总数|全部|申请总数|办结总数)?(?:的)?(?:比|比例|比重)?(?:约)?(?:为|达)?\s*$/;

/** Cell positions of a list of keys, resolved once per list and edition. */
const positions = perEdition(() => new WeakMap<readonly CellKey[], readonly number[]>());
function indexesOf(e: EditionId, keys: readonly CellKey[]): readonly number[] {
  let out = positions[e].get(keys);
  if (out === undefined) {
    out = keys.map((k) => slotOf(e, k).def.index);
    positions[e].set(keys, out);
  }
  return out;
}

/** The sum of cells a rule reads; `NaN` when one is unreadable or, by option, blank. */
function sumOf(ctx: Context, indexes: readonly number[]): number {
  let value = 0;
  for (const i of indexes) {
    const cell: Cell = ctx.cells[i]!;
    if (cell.status === "invalid" || (cell.status === "blank" && ctx.blanks === "not-assessable")) {
      return Number.NaN;
    }
    value += cell.value ?? 0;
  }
  return value;
}

/** Counts one rule's findings in one block, keeping the first {@link CAP_PER_BLOCK}. */
class Capped {
  #n = 0;
  constructor(
    private readonly out: Finding[],
    private readonly code: string,
    private readonly base: string,
    private readonly block: number,
  ) {}
  /** The block's pointer, put together only when a finding needs it. */
  get pointer(): string {
    return `${this.base}/${this.block}/text`;
  }
  push(make: (pointer: string) => Finding): void {
    if (this.#n++ < CAP_PER_BLOCK) this.out.push(make(this.pointer));
  }
  /** Adds the summary finding when some were left out. */
  close(severity: Finding["severity"]): void {
    const more = this.#n - CAP_PER_BLOCK;
    if (more <= 0) return;
    this.out.push({
      code: this.code,
      severity,
      pointer: this.pointer,
      related: [],
      omitted: more,
      message: {
        zh: `本段另有 ${more} 处同类问题（${this.code}），未逐条列出`,
        en: `${more} more ${this.code} findings in this paragraph are not listed`,
      },
    });
  }
}

const MAX_STATEMENTS = 200;

function blocksOf(ctx: Context, sections: readonly SectionKey[]): [string, readonly Block[]][] {
  return sections.map((s) => [`/sections/${s}/blocks`, ctx.report.sections[s].blocks]);
}

const DENOMINATORS: readonly (readonly CellKey[])[] = [
  ["applications.resultsTotal.total"],
  ["applications.newlyReceived.total"],
  ["applications.newlyReceived.total", "applications.carriedOver.total"],
];

/** Per edition, the patterns that have cells in it, and their cells' positions. */
const ACTIVE = perEdition((e) => NARRATIVE_PATTERNS.filter((p) => p.cells[e].length > 0));
const PATTERN_CELLS = perEdition((e) => new Map(ACTIVE[e].map((p) => [p, indexesOf(e, p.cells[e])])));
// Every pattern's keyword, longest first, in one regex. A keyword found stands for itself and the
// keywords inside it (不予处理 holds 不予, 予以公开 holds 公开), so a clause is searched once and each
// pattern whose keyword occurs in it is tried once per occurrence.
const KEYWORDS = [...new Set(NARRATIVE_PATTERNS.map((p) => p.keyword))].sort((a, b) => b.length - a.length);
const KEYWORD = new RegExp(KEYWORDS.join("|"), "g");
const PATTERN_BIT = new Map(NARRATIVE_PATTERNS.map((p, i) => [p, i]));
const BY_KEYWORD = perEdition(
  (e) => new Map(KEYWORDS.map((k) => [k, ACTIVE[e].filter((p) => k.includes(p.keyword))] as const)),
);

/** Per pattern, its source for the diagnosis's statements (one object, not one per match). */
const SOURCES = new Map(NARRATIVE_PATTERNS.map((p) => [p, { text: p.what }]));

/** text.numbers [S] and text.percent: stated counts and shares against the tables. */
function checkNumbers(ctx: Context): void {
  const { report, out, statements } = ctx;
  const e = report.edition;
  // A share may be of the applications completed (（七）总计, the format's meaning), of those received, or
  // of those received and carried over: a stated share that fits any of them is left alone.
  const denominators: { value: number; keys: readonly CellKey[] }[] = [];
  for (const keys of DENOMINATORS) {
    const value = sumOf(ctx, indexesOf(e, keys));
    if (value > 0) denominators.push({ value, keys });
  }
  const byKeyword = BY_KEYWORD[e];
  for (const section of NUMBER_SECTIONS) {
    const blocks = report.sections[section].blocks;
    const base = `/sections/${section}/blocks`;
    for (let b = 0; b < blocks.length; b++) {
      const text = blocks[b]!.text;
      WORK.chars += text.length;
      if (!text.includes("件")) continue;
      const numbers = new Capped(out, "text.numbers", base, b);
      const shares = new Capped(out, "text.percent", base, b);
      const visit = (t: NumberToken, p: NarrativePattern, clause: string) => {
        WORK.candidates++;
        if (!p.regex.test(clause)) return;
        const indexes = PATTERN_CELLS[e].get(p)!;
        const table = sumOf(ctx, indexes);
        if (Number.isNaN(table)) return;
        if (t.value !== null && statements.length < MAX_STATEMENTS) {
          statements.push({ cells: indexes, value: t.value, source: SOURCES.get(p)! });
        }
        if (t.value !== table) numbers.push((pointer) => numberFinding(ctx, p, t, table, text, pointer));
        if (!p.share || t.value === null || denominators.length === 0) return;
        const share = shareAfter(text, t);
        if (share === undefined) return;
        const unit = 10 ** -share.decimals;
        if (denominators.some((d) => Math.abs(share.value - (100 * t.value!) / d.value) < unit)) return;
        shares.push((pointer) => shareFinding(ctx, p, t.value!, share, denominators[0]!, text, pointer));
      };
      scanNumbers(
        text,
        (t) => {
          const clause = clauseBefore(text, t.start);
          // One search of the clause finds every pattern's keyword in it.
          WORK.chars += clause.length;
          KEYWORD.lastIndex = 0;
          let tried = 0;
          for (let m = KEYWORD.exec(clause); m !== null; m = KEYWORD.exec(clause)) {
            for (const p of byKeyword.get(m[0])!) {
              const bit = 1 << PATTERN_BIT.get(p)!;
              if (tried & bit) continue;
              tried |= bit;
              visit(t, p, clause);
            }
          }
        },
        "件",
      );
      numbers.close("warning");
      shares.close("warning");
    }
  }
}

function numberFinding(
  ctx: Context,
  p: NarrativePattern,
  t: NumberToken,
  table: number,
  text: string,
  pointer: string,
): Finding {
  const e = ctx.report.edition;
  const labels = p.cells[e].map((k) => labelOf(e, k)).join("＋");
  const zh = shownDigits(t, "zh");
  const en = shownDigits(t, "en");
  return {
    code: "text.numbers",
    severity: "warning",
    pointer,
    related: p.cells[e].map((k) => slotOf(e, k).def.pointer),
    expected: table,
    ...(t.value === null ? {} : { actual: t.value }),
    message: {
      zh: `正文称${p.what.zh} ${zh} 件，表格${labels}为 ${table}`,
      en: `The text states ${en} ${p.what.en}; the table (${labels}) says ${table}`,
    },
    quote: quoteAround(text, t.start, t.after),
  };
}

/** A share stated right after a count: its value and how many decimals it was printed with. */
function shareAfter(
  text: string,
  t: NumberToken,
): { value: number; decimals: number; end: number } | undefined {
  const window = ahead(text, t.after, 20);
  let percent: NumberToken | undefined;
  scanNumbers(window, (n) => {
    if (percent === undefined && n.unit === "%") percent = n;
  });
  if (percent === undefined || percent.value === null) return undefined;
  WORK.candidates++;
  if (!SHARE.test(window.slice(0, percent.start))) return undefined;
  const dot = percent.digits.indexOf(".");
  return {
    value: percent.value,
    decimals: dot < 0 ? 0 : percent.digits.length - dot - 1,
    end: t.after + percent.after,
  };
}

function shareFinding(
  ctx: Context,
  p: NarrativePattern,
  stated: number,
  share: { value: number; decimals: number; end: number },
  of: { value: number; keys: readonly CellKey[] },
  text: string,
  pointer: string,
): Finding {
  const e = ctx.report.edition;
  const scale = 10 ** share.decimals;
  const expected = Math.round((100 * stated * scale) / of.value) / scale;
  const total = of.keys.map((k) => labelOf(e, k)).join("＋");
  return {
    code: "text.percent",
    severity: "warning",
    pointer,
    related: of.keys.map((k) => slotOf(e, k).def.pointer),
    expected,
    actual: share.value,
    message: {
      zh: `正文称${p.what.zh} ${stated} 件，占 ${num(share.value)}%；按${total} ${of.value} 计算应为 ${num(expected)}%`,
      en: `The text states ${stated} ${p.what.en}, ${num(share.value)}%; of ${of.value} (${total}) that is ${num(expected)}%`,
    },
    quote: quoteAround(text, share.end - 1),
  };
}

/** text.numbers [S]: numbers the narrative states equal the table. */
export const textNumbers: RuleImpl = {
  def: {
    id: "text.numbers",
    severity: "warning",
    kind: "text",
    description: {
      zh: "第一至四部分正文中的数字（收到申请、上年结转、办结/答复、结转、予以公开、部分公开、不予公开、无法提供、不予处理、其他处理、行政复议、行政诉讼、制发及现行有效规范性文件等N件）应与表格一致",
      en: "Numbers stated in sections 一–四 (applications received, carried over, completed, carried forward, disclosed … otherwise handled, reconsiderations, lawsuits, normative documents issued and in force) equal the tables",
    },
    reads: perEdition((e) => [...new Set(NARRATIVE_PATTERNS.flatMap((p) => p.cells[e]))]),
    patterns: NARRATIVE_PATTERNS,
  },
  check: checkNumbers,
};

/** text.percent [S]: a share stated after a count (`予以公开30件，占57.7%`) fits the count. */
export const textPercent: RuleImpl = {
  def: {
    id: "text.percent",
    severity: "warning",
    kind: "text",
    description: {
      zh: "正文中“予以公开N件，占X%”等比例应与N除以办结总数（（七）总计；或收到申请数）相符（按所写小数位四舍五入或截断）",
      en: "A share stated after a count (予以公开N件，占X%) equals N over the applications completed (（七）总计, or received), to the printed precision",
    },
    reads: perEdition(() => [
      "applications.resultsTotal.total",
      "applications.newlyReceived.total",
      "applications.carriedOver.total",
    ]),
  },
};

// "均获维持", "全部维持", "均被维持", "均予以维持", "结果均为维持".
const UPHELD = /(?:均|全部|皆|都)(?:已)?(?:获|被|予以|予|为|获得)?$/;
const OUTCOMES = ["corrected", "otherOutcome", "pending"] as const;

/** text.upheld [S]: "均获维持" while table 四 has 结果纠正, 其他结果 or 尚未审结. */
export const textUpheld: RuleImpl = {
  def: {
    id: "text.upheld",
    severity: "warning",
    kind: "text",
    description: {
      zh: "正文称行政复议、行政诉讼“均获维持”“全部维持”，四表却有结果纠正、其他结果或尚未审结",
      en: "The text says every case was upheld (均获维持, 全部维持) while table 四 has corrected, other or pending cases",
    },
    reads: perEdition(() =>
      ["reconsideration", "direct", "afterReconsideration"].flatMap((g) =>
        OUTCOMES.map((c) => `review.${g}.${c}`),
      ),
    ),
  },
  check: (ctx: Context) => {
    const e = ctx.report.edition;
    for (const [base, blocks] of blocksOf(ctx, ["overview", "review"])) {
      for (let b = 0; b < blocks.length; b++) {
        const text = blocks[b]!.text;
        if (!text.includes("维持")) continue;
        const capped = new Capped(ctx.out, "text.upheld", base, b);
        scanWord(text, "维持", (i) => {
          WORK.candidates++;
          if (!UPHELD.test(clauseBefore(text, i, 6))) return;
          const sentence = sentenceBefore(text, i, 60);
          // "已审结的均获维持", "除1件外均获维持": the author has already said what is not upheld.
          if (/审结|除/.test(sentence)) return;
          const reconsideration = sentence.includes("复议");
          const litigation = sentence.includes("诉讼");
          const groups =
            reconsideration === litigation
              ? ["reconsideration", "direct", "afterReconsideration"]
              : reconsideration
                ? ["reconsideration"]
                : ["direct", "afterReconsideration"];
          const against: CellKey[] = [];
          for (const g of groups) {
            for (const c of OUTCOMES) {
              const key = `review.${g}.${c}`;
              const cell = ctx.cells[slotOf(e, key).def.index]!;
              if (cell.status === "number" && (cell.value ?? 0) > 0) against.push(key);
            }
          }
          if (against.length === 0) return;
          const list = against.map((k) => `${labelOf(e, k)} ${ctx.cells[slotOf(e, k).def.index]!.value}`);
          capped.push((pointer) => ({
            code: "text.upheld",
            severity: "warning",
            pointer,
            related: against.map((k) => slotOf(e, k).def.pointer),
            message: {
              zh: `正文称均获维持，四表却有：${list.join("，")}`,
              en: `The text says every case was upheld, but table 四 has: ${list.join(", ")}`,
            },
            quote: quoteAround(text, i, i + 2),
          }));
        });
        capped.close("warning");
      }
    }
  },
};

const FEE_AMOUNT =
  /(?:信息处理费(?:用)?|收取(?:了)?信息处理费(?:用)?)(?:共计|共|合计|总计|总额|金额)?(?:为|计)?\s*$/;
const FEE_NONE_BEFORE = /(?:未|没有)$/;
const FEE_NONE_AFTER = /^收取(?:任何)?(?:信息处理费|费用|信息处理费用)/;

interface Place {
  readonly pointer: string;
  readonly quote: string;
}

/** text.fees [S]: a 信息处理费 amount stated while the text also says none was charged. */
export const textFees: RuleImpl = {
  def: {
    id: "text.fees",
    severity: "warning",
    kind: "text",
    description: {
      zh: "正文一处称收取了信息处理费（金额大于0），另一处又称未收取信息处理费（只比较正文；二表的行政事业性收费不是信息处理费）",
      en: "The text states an information-processing fee charged (above 0) and elsewhere that none was charged (text against text: table 二's administrative fees are not this fee)",
    },
    reads: perEdition(() => []),
  },
  check: (ctx: Context) => {
    let charged: (Place & { amount: string }) | undefined;
    let none: Place | undefined;
    const all: [string, readonly Block[]][] = [
      ["/preamble", ctx.report.preamble],
      ...blocksOf(ctx, ALL_SECTIONS),
    ];
    for (const [base, blocks] of all) {
      for (let b = 0; b < blocks.length && (charged === undefined || none === undefined); b++) {
        const text = blocks[b]!.text;
        if (!text.includes("费")) continue;
        const pointer = `${base}/${b}/text`;
        if (charged === undefined && text.includes("信息处理费")) {
          scanNumbers(text, (t) => {
            if (charged !== undefined || (t.unit !== "元" && t.unit !== "万元") || t.value === 0) return;
            WORK.candidates++;
            if (!FEE_AMOUNT.test(clauseBefore(text, t.start))) return;
            charged = {
              pointer,
              quote: quoteAround(text, t.start, t.after),
              amount: `${shownDigits(t, "zh")}${t.unit}`,
            };
          });
        }
        if (none === undefined) {
          scanWord(text, "收取", (i) => {
            if (none !== undefined) return;
            WORK.candidates++;
            if (FEE_NONE_BEFORE.test(clauseBefore(text, i, 4)) && FEE_NONE_AFTER.test(ahead(text, i, 12))) {
              none = { pointer, quote: quoteAround(text, i, i + 2) };
            }
          });
        }
      }
    }
    if (charged === undefined || none === undefined) return;
    ctx.out.push({
      code: "text.fees",
      severity: "warning",
      pointer: charged.pointer,
      related: [none.pointer],
      message: {
        zh: `正文称收取信息处理费 ${charged.amount}，另一处又称未收取：“${none.quote}”`,
        en: `The text states an information-processing fee of ${charged.amount}, and elsewhere that none was charged: “${none.quote}”`,
      },
      quote: charged.quote,
    });
  },
};

const PERIOD_REST = /^\s*1\s*月\s*1\s*日(?:起)?\s*至\s*(\d{4})\s*年\s*12\s*月\s*31\s*日/;
// "2019年政府信息公开工作…" in a 2020 report; next year's plans ("2021年政务公开工作要点") are fine.
const WORK_YEAR = /^度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|工作)/;
// "…2021年政府信息公开工作年度报告中指出的问题", "《…2021年度政府信息公开工作报告》中": a mention of an
// earlier report, not a copied sentence.
const REPORT_MENTIONED = /^》?(?:中|里|内|所|提出|指出|反映|披露|显示|的问题)/;

function yearFinding(pointer: string, year: number, stated: number, quote: string): Finding {
  return {
    code: "text.year",
    severity: "warning",
    pointer,
    related: ["/meta/year"],
    expected: year,
    actual: stated,
    message: {
      zh: `正文写的是 ${stated} 年，报告年度为 ${year} 年：是否沿用了往年的文字？`,
      en: `The text says ${stated} but the report year is ${year}: copied from an earlier report?`,
    },
    quote,
  };
}

function scanYears(blocks: readonly Block[], base: string, year: number, out: Finding[]): void {
  for (let b = 0; b < blocks.length; b++) {
    const text = blocks[b]!.text;
    WORK.chars += text.length * 2;
    // A statistics period needs 至, a "Y年政府信息公开工作" phrase 公开.
    const period = text.includes("至");
    if (!period && !text.includes("公开")) continue;
    const capped = new Capped(out, "text.year", base, b);
    scanNumbers(
      text,
      (t) => {
        if (t.end - t.start !== 4) return;
        const y = t.value!;
        WORK.candidates++;
        if (period && /自\s*$/.test(clauseBefore(text, t.start, 3))) {
          const rest = PERIOD_REST.exec(ahead(text, t.after, 30));
          if (rest) {
            const stated = [y, Number(rest[1])].find((v) => v !== year);
            if (stated !== undefined) {
              capped.push((pointer) =>
                yearFinding(pointer, year, stated, quoteAround(text, t.start, t.after + rest[0].length)),
              );
            }
            return;
          }
        }
        if (y === year || y === year + 1) return;
        const next = text[t.after];
        if (next !== "度" && next !== "政") return;
        const work = WORK_YEAR.exec(ahead(text, t.after, 24));
        if (!work) return;
        const end = t.after + work[0].length;
        if (y < year && work[0].endsWith("报告") && REPORT_MENTIONED.test(ahead(text, end, 4))) return;
        if (y < year && /《[^》]*$/.test(clauseBefore(text, t.start, 20))) return;
        capped.push((pointer) => yearFinding(pointer, year, y, quoteAround(text, t.start, end)));
      },
      "年",
    );
    capped.close("warning");
  }
}

/** text.year [S]: the year in the title and obvious years in the text match the report year. */
export const textYear: RuleImpl = {
  def: {
    id: "text.year",
    severity: "warning",
    kind: "text",
    description: {
      zh: "标题中的年份、统计期限以及“××××年政府信息公开工作”等表述应与报告年度一致（提及往年报告的除外）",
      en: "The year in the title, the statistics period and phrases like “××××年政府信息公开工作” match the report year (mentions of an earlier report aside)",
    },
    reads: perEdition(() => []),
  },
  check: ({ report, out }: Context) => {
    const year = report.meta.year;
    const title = report.meta.title;
    let first: NumberToken | undefined;
    scanNumbers(title, (t) => {
      if (first === undefined && t.unit === "年" && t.end - t.start === 4) first = t;
    });
    if (first && first.value !== year) {
      out.push({
        code: "text.year",
        severity: "warning",
        pointer: "/meta/title",
        related: ["/meta/year"],
        expected: year,
        actual: first.value!,
        message: {
          zh: `标题中的年份 ${first.value} 与报告年度 ${year} 不一致`,
          en: `The title says ${first.value} but the report year is ${year}`,
        },
        quote: quoteAround(title, first.start, first.after),
      });
    }
    scanYears(report.preamble, "/preamble", year, out);
    for (const s of ALL_SECTIONS) scanYears(report.sections[s].blocks, `/sections/${s}/blocks`, year, out);
  },
};
