/**
 * The official layouts of both format editions, defined once. Every label below is the exact wording of
 * 国办公开办函〔2019〕60号 (edition "2019") and 国办公开办函〔2021〕30号 (edition "2021"). Renderers,
 * validators, the importer and the demo read labels, order and spans from here — never type them again.
 */

/** A format edition: "2019" (trial format, report years 2019–2020) or "2021" (report years 2021 on). */
export type EditionId = "2019" | "2021";

/** All editions, oldest first. */
export const EDITIONS: readonly EditionId[] = ["2019", "2021"];

/** The first report year either edition covers; earlier reports followed the 2008 format, which xxgk does not model. */
export const FIRST_FORMAT_YEAR = 2019;

/** The report years each edition covers: the trial format 2019–2020, the 2021 format from 2021 on. */
export const EDITION_YEARS: Readonly<Record<EditionId, { readonly from: number; readonly to?: number }>> = {
  "2019": { from: FIRST_FORMAT_YEAR, to: 2020 },
  "2021": { from: 2021 },
};

/**
 * The edition a report year must use: 2019 and 2020 use the trial format, 2021 on the 2021 format. A year
 * before {@link FIRST_FORMAT_YEAR} gets the trial format too (the closest), but no edition covers it:
 * check with {@link editionCoversYear} where that matters.
 */
export function editionForYear(year: number): EditionId {
  return year <= (EDITION_YEARS["2019"].to ?? 2020) ? "2019" : "2021";
}

/** Whether `edition` is the format for report year `year` (see {@link EDITION_YEARS}). */
export function editionCoversYear(edition: EditionId, year: number): boolean {
  const { from, to } = EDITION_YEARS[edition];
  return year >= from && (to === undefined || year <= to);
}

/** Stable keys of the six sections. */
export type SectionKey = "overview" | "proactive" | "applications" | "review" | "problems" | "other";

/** Keys of the three tables; each lives in the section of the same key. */
export type TableId = "proactive" | "applications" | "review";

/** One of the six sections: its key, official heading, and the table it holds (if any). */
export interface SectionDef {
  readonly key: SectionKey;
  readonly numeral: "一" | "二" | "三" | "四" | "五" | "六";
  /** The official heading, e.g. `五、存在的主要问题及改进情况`. */
  readonly label: string;
  readonly table?: TableId;
}

/** The six sections in official order (identical in both editions). */
export const SECTIONS: readonly SectionDef[] = [
  { key: "overview", numeral: "一", label: "一、总体情况" },
  { key: "proactive", numeral: "二", label: "二、主动公开政府信息情况", table: "proactive" },
  { key: "applications", numeral: "三", label: "三、收到和处理政府信息公开申请情况", table: "applications" },
  { key: "review", numeral: "四", label: "四、政府信息公开行政复议、行政诉讼情况", table: "review" },
  { key: "problems", numeral: "五", label: "五、存在的主要问题及改进情况" },
  { key: "other", numeral: "六", label: "六、其他需要报告的事项" },
];

/** The usual sub-topics of section 一 (informative; reports word them freely). */
export const OVERVIEW_TOPICS: readonly string[] = [
  "（一）主动公开",
  "（二）依申请公开",
  "（三）政府信息管理",
  "（四）政府信息公开平台建设",
  "（五）监督保障",
];

/**
 * What a cell may hold: `count` a non-negative integer (件), `signed` an integer that may be negative
 * (2019 `本年增/减`), `amount` a non-negative decimal that may carry a unit (采购总金额, 收费金额).
 */
export type CellKind = "count" | "signed" | "amount";

/** A header in a label hierarchy, as the format prints it. */
export interface HeadDef {
  readonly key: string;
  readonly label: string;
  readonly children?: readonly HeadDef[];
  /** For value columns: what the cells may hold (default `count`). */
  readonly kind?: CellKind;
  /** For value columns whose header states the unit (`本年收费金额（单位：万元）`). */
  readonly unit?: string;
}

/** A sub-table of table 二: a caption (`第二十条第（一）项`), its value columns and its rows. */
export interface SubTableDef {
  readonly key: string;
  readonly caption: string;
  readonly columns: readonly HeadDef[];
  readonly rows: readonly HeadDef[];
}

/** The label of the row-label column of every sub-table of table 二. */
export const PROACTIVE_ROW_HEADER = "信息内容";

/** The rule the format prints in the top-left cell of table 三. */
export const APPLICATIONS_CORNER_NOTE =
  "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const PROACTIVE_2021: readonly SubTableDef[] = [
  {
    key: "item1",
    caption: "第二十条第（一）项",
    columns: [
      { key: "issued", label: "本年制发件数" },
      { key: "repealed", label: "本年废止件数" },
      { key: "inForce", label: "现行有效件数" },
    ],
    rows: [
      { key: "regulations", label: "规章" },
      { key: "normativeDocuments", label: "行政规范性文件" },
    ],
  },
  {
    key: "item5",
    caption: "第二十条第（五）项",
    columns: [{ key: "decisions", label: "本年处理决定数量" }],
    rows: [{ key: "licensing", label: "行政许可" }],
  },
  {
    key: "item6",
    caption: "第二十条第（六）项",
    columns: [{ key: "decisions", label: "本年处理决定数量" }],
    rows: [
      { key: "penalties", label: "行政处罚" },
      { key: "coercion", label: "行政强制" },
    ],
  },
  {
    key: "item8",
    caption: "第二十条第（八）项",
    columns: [{ key: "amount", label: "本年收费金额（单位：万元）", kind: "amount", unit: "万元" }],
    rows: [{ key: "fees", label: "行政事业性收费" }],
  },
];

const ITEMS_2019: readonly HeadDef[] = [
  { key: "previous", label: "上一年项目数量" },
  { key: "change", label: "本年增/减", kind: "signed" },
  { key: "decisions", label: "处理决定数量" },
];

const PROACTIVE_2019: readonly SubTableDef[] = [
  {
    key: "item1",
    caption: "第二十条第（一）项",
    columns: [
      { key: "made", label: "本年新制作数量" },
      { key: "published", label: "本年新公开数量" },
      { key: "total", label: "对外公开总数量" },
    ],
    rows: [
      { key: "regulations", label: "规章" },
      { key: "normativeDocuments", label: "规范性文件" },
    ],
  },
  {
    key: "item5",
    caption: "第二十条第（五）项",
    columns: ITEMS_2019,
    rows: [
      { key: "licensing", label: "行政许可" },
      { key: "otherServices", label: "其他对外管理服务事项" },
    ],
  },
  {
    key: "item6",
    caption: "第二十条第（六）项",
    columns: ITEMS_2019,
    rows: [
      { key: "penalties", label: "行政处罚" },
      { key: "coercion", label: "行政强制" },
    ],
  },
  {
    key: "item8",
    caption: "第二十条第（八）项",
    columns: ITEMS_2019.slice(0, 2),
    rows: [{ key: "fees", label: "行政事业性收费" }],
  },
  {
    key: "item9",
    caption: "第二十条第（九）项",
    columns: [
      { key: "count", label: "采购项目数量" },
      { key: "amount", label: "采购总金额", kind: "amount" },
    ],
    rows: [{ key: "procurement", label: "政府集中采购" }],
  },
];

const APPLICANT_COLUMNS: readonly HeadDef[] = [
  {
    key: "applicants",
    label: "申请人情况",
    children: [
      { key: "naturalPerson", label: "自然人" },
      {
        key: "organizations",
        label: "法人或其他组织",
        children: [
          { key: "commercial", label: "商业企业" },
          { key: "research", label: "科研机构" },
          { key: "publicInterest", label: "社会公益组织" },
          { key: "legalServices", label: "法律服务机构" },
          { key: "otherOrg", label: "其他" },
        ],
      },
      { key: "total", label: "总计" },
    ],
  },
];

function applicationRows(edition: EditionId): readonly HeadDef[] {
  const otherHandling: HeadDef =
    edition === "2019"
      ? { key: "otherHandling", label: "（六）其他处理" }
      : {
          key: "otherHandling",
          label: "（六）其他处理",
          children: [
            {
              key: "noCorrection",
              label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            },
            {
              key: "unpaidFees",
              label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            },
            { key: "otherReasons", label: "3.其他" },
          ],
        };
  return [
    { key: "newlyReceived", label: "一、本年新收政府信息公开申请数量" },
    { key: "carriedOver", label: "二、上年结转政府信息公开申请数量" },
    {
      key: "results",
      label: "三、本年度办理结果",
      children: [
        { key: "disclosed", label: "（一）予以公开" },
        { key: "partiallyDisclosed", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
        {
          key: "withheld",
          label: "（三）不予公开",
          children: [
            { key: "stateSecret", label: "1.属于国家秘密" },
            { key: "prohibitedByLaw", label: "2.其他法律行政法规禁止公开" },
            { key: "endangersSecurity", label: "3.危及“三安全一稳定”" },
            { key: "thirdPartyRights", label: "4.保护第三方合法权益" },
            { key: "internalAffairs", label: "5.属于三类内部事务信息" },
            { key: "processInformation", label: "6.属于四类过程性信息" },
            { key: "enforcementFiles", label: "7.属于行政执法案卷" },
            { key: "queryMatters", label: "8.属于行政查询事项" },
          ],
        },
        {
          key: "unavailable",
          label: "（四）无法提供",
          children: [
            { key: "notHeld", label: "1.本机关不掌握相关政府信息" },
            { key: "needsCreation", label: "2.没有现成信息需要另行制作" },
            { key: "stillUnclear", label: "3.补正后申请内容仍不明确" },
          ],
        },
        {
          key: "notProcessed",
          label: "（五）不予处理",
          children: [
            { key: "petitions", label: "1.信访举报投诉类申请" },
            { key: "repeated", label: "2.重复申请" },
            { key: "publications", label: "3.要求提供公开出版物" },
            { key: "excessive", label: "4.无正当理由大量反复申请" },
            { key: "confirmation", label: "5.要求行政机关确认或重新出具已获取信息" },
          ],
        },
        otherHandling,
        { key: "resultsTotal", label: "（七）总计" },
      ],
    },
    { key: "carriedForward", label: "四、结转下年度继续办理" },
  ];
}

const OUTCOMES: readonly HeadDef[] = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "otherOutcome", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: "总计" },
];

const REVIEW_COLUMNS: readonly HeadDef[] = [
  { key: "reconsideration", label: "行政复议", children: OUTCOMES },
  {
    key: "litigation",
    label: "行政诉讼",
    children: [
      { key: "direct", label: "未经复议直接起诉", children: OUTCOMES },
      { key: "afterReconsideration", label: "复议后起诉", children: OUTCOMES },
    ],
  },
];

/** The source definitions of one edition's tables, as the format prints them. */
export interface EditionDef {
  readonly id: EditionId;
  /** Official name of the format. */
  readonly name: string;
  /** The document that issued it. */
  readonly issuedBy: string;
  readonly proactive: readonly SubTableDef[];
  readonly applicationRows: readonly HeadDef[];
  readonly applicationColumns: readonly HeadDef[];
  readonly reviewColumns: readonly HeadDef[];
}

/** Both editions' source definitions. */
export const EDITION_DEFS: Readonly<Record<EditionId, EditionDef>> = {
  "2019": {
    id: "2019",
    name: "中华人民共和国政府信息公开工作年度报告格式（试行）",
    issuedBy: "国办公开办函〔2019〕60号",
    proactive: PROACTIVE_2019,
    applicationRows: applicationRows("2019"),
    applicationColumns: APPLICANT_COLUMNS,
    reviewColumns: REVIEW_COLUMNS,
  },
  "2021": {
    id: "2021",
    name: "中华人民共和国政府信息公开工作年度报告格式",
    issuedBy: "国办公开办函〔2021〕30号",
    proactive: PROACTIVE_2021,
    applicationRows: applicationRows("2021"),
    applicationColumns: APPLICANT_COLUMNS,
    reviewColumns: REVIEW_COLUMNS,
  },
};
