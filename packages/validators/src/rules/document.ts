import { EDITION_DEFS, editionForYear, levelOf, SECTIONS } from "@xxgk/core-model";
import { perEdition } from "../_cells.js";
import type { Context, RuleImpl } from "./_rule.js";

const none = perEdition(() => []);
// Sections 一, 五 and 六 are narrative only; 二, 三, 四 carry their table.
const NARRATIVE_ONLY = new Set(SECTIONS.filter((s) => s.table === undefined).map((s) => s.key));

/** edition [D]: the report year decides the format edition (structure mismatches are found at parse time). */
export const edition: RuleImpl = {
  def: {
    id: "edition",
    severity: "error",
    kind: "document",
    description: {
      zh: "2021年及以后的报告使用2021版格式（（六）其他处理分三项，无第（九）项）；2019、2020年度报告使用2019版格式",
      en: "Reports for 2021 on use the 2021 format (three （六） items, no 第（九）项); 2019 and 2020 reports the 2019 format",
    },
    reads: none,
  },
  check: ({ report, out }: Context) => {
    const want = editionForYear(report.meta.year);
    if (report.edition === want) return;
    out.push({
      code: "edition",
      severity: "error",
      pointer: "/edition",
      related: ["/meta/year"],
      message: {
        zh: `${report.meta.year}年度报告应使用${EDITION_DEFS[want].name}（${EDITION_DEFS[want].issuedBy}），而本报告使用的是${report.edition}版格式`,
        en: `A ${report.meta.year} report must use the ${want} edition (${EDITION_DEFS[want].issuedBy}); this one uses the ${report.edition} edition`,
      },
    });
  },
};

/** sections [D]: all six sections present and non-empty; 一, 五 and 六 need text. */
export const sections: RuleImpl = {
  def: {
    id: "sections",
    severity: "error",
    kind: "document",
    description: {
      zh: "六个部分齐全且不为空：每部分有标题，第一、五、六部分须有正文",
      en: "All six sections are present and not empty: each has a heading; sections 一, 五 and 六 need text",
    },
    reads: none,
  },
  check: ({ report, out }: Context) => {
    for (const s of SECTIONS) {
      const section = report.sections[s.key];
      if (section.heading.trim() === "") {
        out.push({
          code: "sections",
          severity: "error",
          pointer: `/sections/${s.key}/heading`,
          related: [],
          message: {
            zh: `第${s.numeral}部分缺少标题，应为“${s.label}”`,
            en: `Section ${s.numeral} has no heading; it should be “${s.label}”`,
          },
        });
      }
      if (NARRATIVE_ONLY.has(s.key) && !section.blocks.some((b) => b.text.trim() !== "")) {
        out.push({
          code: "sections",
          severity: "error",
          pointer: `/sections/${s.key}/blocks`,
          related: [],
          message: {
            zh: `“${s.label}”没有正文：该部分须如实填写（无相关事项的写明“无”）`,
            en: `“${s.label}” has no text: write it (state “无” if there is nothing to report)`,
          },
        });
      }
    }
  },
};

/** The last day of publication for each level known, in the year after the report year (条例 第四十九条). */
const DEADLINES = { agency: "01-31", government: "03-31" } as const;

const KIND: Readonly<Record<keyof typeof DEADLINES, { zh: string; en: string }>> = {
  agency: { zh: "部门年度报告", en: "a department's report" },
  government: { zh: "政府本级年度报告", en: "a government's 本级 report" },
};

/**
 * deadline [S]: published by 1月31日 (departments) / 3月31日 (governments) of the next year. The level is
 * the document's, or inferred from the organ and text (core-model `levelOf`); when it stays unknown
 * (乡镇, 街道, an organ that does not tell), a date between the two deadlines is a notice that says so,
 * and only a date after both is a warning.
 */
export const deadline: RuleImpl = {
  def: {
    id: "deadline",
    severity: "warning",
    kind: "document",
    description: {
      zh: "《条例》第四十九条：部门报告于次年1月31日前、政府本级报告于次年3月31日前公布；层级不明时，两个期限之间公布的只作提示",
      en: "条例 art. 49: departments publish by 31 January, governments (本级 reports) by 31 March of the next year; with the level unknown, a date between the two is a notice",
    },
    reads: none,
  },
  check: ({ report, out }: Context) => {
    const { published, year } = report.meta;
    if (published === undefined) return;
    const { level, reason, source } = levelOf(report);
    const agencyLimit = `${year + 1}-${DEADLINES.agency}`;
    const governmentLimit = `${year + 1}-${DEADLINES.government}`;
    const why =
      source === "inferred"
        ? { zh: `（推断：${reason.zh}）`, en: ` (inferred: ${reason.en})` }
        : { zh: "", en: "" };
    const base = { code: "deadline", pointer: "/meta/published", related: ["/meta/year", "/meta/level"] };
    if (level !== "unknown") {
      const limit = `${year + 1}-${DEADLINES[level]}`;
      if (published <= limit) return;
      out.push({
        ...base,
        severity: "warning",
        message: {
          zh: `公布日期 ${published} 晚于《条例》第四十九条规定的${KIND[level].zh}期限 ${limit}${why.zh}`,
          en: `Published ${published}, after the ${limit} deadline for ${KIND[level].en} (条例 art. 49)${why.en}`,
        },
      });
      return;
    }
    if (published <= agencyLimit) return;
    if (published > governmentLimit) {
      out.push({
        ...base,
        severity: "warning",
        message: {
          zh: `公布日期 ${published} 晚于《条例》第四十九条规定的两个期限（部门 ${agencyLimit}，政府本级 ${governmentLimit}）；报告层级未定：${reason.zh}`,
          en: `Published ${published}, after both deadlines of 条例 art. 49 (departments ${agencyLimit}, governments ${governmentLimit}); the level is unknown: ${reason.en}`,
        },
      });
      return;
    }
    out.push({
      ...base,
      severity: "info",
      message: {
        zh: `报告层级未定（${reason.zh}），未判断是否逾期：公布日期 ${published} 晚于部门报告期限 ${agencyLimit}，早于政府本级报告期限 ${governmentLimit}；如适用期限已知，请在 meta.level 注明`,
        en: `The level is unknown (${reason.en}), so lateness is not assessed: published ${published}, after the departments' deadline ${agencyLimit} but within the governments' ${governmentLimit}; state meta.level if the deadline that applies is known`,
      },
    });
  },
};

/** schema: the document does not fit the report schema (zod issues, one finding per place). */
export const schema: RuleImpl = {
  def: {
    id: "schema",
    severity: "error",
    kind: "document",
    description: {
      zh: "文档不符合报告的数据格式（缺少字段、字段类型错误、未知字段）",
      en: "The document does not fit the report schema (missing field, wrong type, unknown field)",
    },
    reads: none,
  },
};
