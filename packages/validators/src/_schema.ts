import { EDITION_DEFS, type EditionId, parseReport, type SchemaIssue, SECTIONS } from "@xxgk/core-model";
import type { Finding, Message } from "./types.js";

const TYPE_ZH: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  object: "对象",
  array: "数组",
  boolean: "布尔值",
};
const SECTION_POINTERS = new Map(SECTIONS.map((s) => [`/sections/${s.key}`, s]));

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const has = (v: unknown, key: string): boolean => isObject(v) && Object.hasOwn(v, key);

/** The edition the tables are laid out in, judged by the rows only one edition has; undefined if unclear. */
export function layoutEdition(doc: unknown): EditionId | undefined {
  if (!isObject(doc) || !isObject(doc.tables)) return undefined;
  const { proactive, applications } = doc.tables;
  const regulations = isObject(proactive) ? proactive.regulations : undefined;
  const old =
    Number(has(proactive, "procurement")) +
    Number(has(applications, "otherHandling")) +
    Number(has(regulations, "made"));
  const modern =
    Number(
      has(applications, "noCorrection") ||
        has(applications, "unpaidFees") ||
        has(applications, "otherReasons"),
    ) + Number(has(regulations, "issued"));
  if (old > 0 && modern === 0) return "2019";
  if (modern > 0 && old === 0) return "2021";
  return undefined;
}

function describe(issue: SchemaIssue, pointer: string): Message {
  const where = pointer === "" ? "文档" : pointer;
  const whereEn = pointer === "" ? "the document" : pointer;
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        zh: `${where}：未知字段，请删除或核对拼写（表格行列须使用本版格式的键名）`,
        en: `${whereEn}: unknown field; remove it or check its spelling (tables use the edition's keys)`,
      };
    case "invalid_type":
      if (issue.message.endsWith("received undefined")) {
        return {
          zh: `${where}：缺少必填字段${issue.expected ? `（${TYPE_ZH[issue.expected] ?? issue.expected}）` : ""}，请补上`,
          en: `${whereEn}: required field missing${issue.expected ? ` (${issue.expected})` : ""}; add it`,
        };
      }
      return {
        zh: `${where}：类型错误，应为${TYPE_ZH[issue.expected ?? ""] ?? issue.expected ?? "其他类型"}`,
        en: `${whereEn}: wrong type, expected ${issue.expected ?? "another type"} (${issue.message})`,
      };
    case "invalid_union":
      // Two unions in the schema: the document's edition (which picks the layout) and a table cell.
      if (pointer === "/edition") {
        return {
          zh: `${where}：版式应为 "2019"（2019 年版，报告年度至 2020 年）或 "2021"（2021 年版，2021 年度起），请补上或更正`,
          en: `${whereEn}: the edition must be "2019" (reports up to the year 2020) or "2021" (from 2021); add or correct it`,
        };
      }
      if (pointer.startsWith("/tables/")) {
        return {
          zh: `${where}：单元格应为数字、按原样填写的文本（如 "12"、"-"、""）或 {"raw": 文本}`,
          en: `${whereEn}: a cell must be a number, the text as written ("12", "-", "") or {"raw": text}`,
        };
      }
      return {
        zh: `${where}：不符合报告格式（${issue.message}）`,
        en: `${whereEn}: does not fit the report schema (${issue.message})`,
      };
    case "invalid_format":
      return {
        zh: `${where}：格式错误（日期写作 YYYY-MM-DD）`,
        en: `${whereEn}: wrong format (${issue.message})`,
      };
    case "too_small":
    case "too_big":
      return {
        zh: `${where}：超出允许范围（${issue.message}）`,
        en: `${whereEn}: out of range (${issue.message})`,
      };
    default:
      return {
        zh: `${where}：不符合报告格式（${issue.message}）`,
        en: `${whereEn}: does not fit the report schema (${issue.message})`,
      };
  }
}

function toFindings(issues: readonly SchemaIssue[]): Finding[] {
  const out: Finding[] = [];
  for (const issue of issues) {
    const pointers = issue.keys
      ? issue.keys.map((k) => `${issue.pointer}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`)
      : [issue.pointer];
    for (const pointer of pointers) {
      const section = SECTION_POINTERS.get(pointer);
      if (section && issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
        out.push({
          code: "sections",
          severity: "error",
          pointer,
          related: [],
          message: { zh: `缺少“${section.label}”部分`, en: `Section “${section.label}” is missing` },
        });
        continue;
      }
      out.push({
        code: "schema",
        severity: "error",
        pointer,
        related: [],
        message: describe(issue, pointer),
      });
    }
  }
  return out;
}

/**
 * The findings for a document that does not parse. When its tables are clearly laid out in the other
 * edition (or the edition is missing), one `edition` finding says so instead of a cascade of schema issues.
 */
export function schemaFindings(document: unknown, issues: readonly SchemaIssue[]): Finding[] {
  const laidOut = layoutEdition(document);
  if (laidOut === undefined || !isObject(document) || document.edition === laidOut) return toFindings(issues);
  const declared = document.edition;
  const retry = parseReport({ ...document, edition: laidOut });
  const rest = retry.ok ? [] : retry.issues.filter((i) => i.pointer !== "/edition");
  const def = EDITION_DEFS[laidOut];
  const known = declared === "2019" || declared === "2021";
  const finding: Finding = {
    code: "edition",
    severity: "error",
    pointer: "/edition",
    related: ["/tables"],
    message: known
      ? {
          zh: `文档声明为${declared}版格式，但表格按${laidOut}版（${def.issuedBy}）排列：请把 edition 改为 "${laidOut}"，或按${declared}版格式重填表格`,
          en: `The document declares the ${declared} edition but its tables follow the ${laidOut} edition (${def.issuedBy}): set "edition" to "${laidOut}" or redo the tables in the ${declared} layout`,
        }
      : {
          zh: `文档缺少有效的 edition 字段；表格按${laidOut}版（${def.issuedBy}）排列：请填写 "edition": "${laidOut}"`,
          en: `The document has no valid "edition"; its tables follow the ${laidOut} edition (${def.issuedBy}): add "edition": "${laidOut}"`,
        },
  };
  return [finding, ...toFindings(rest)];
}
