import { createReport, EDITIONS, type EditionId, editionForYear, stringifyReport } from "@xxgk/core-model";
import { OUTPUT_OPTIONS, writeOutput } from "../_output.js";
import { parseReportYear } from "../_year.js";
import { defineCommand } from "../command.js";
import { UsageError } from "../errors.js";

/** `xxgk new`: a blank report of the right edition, every section headed and every cell blank. */
export const newCommand = defineCommand({
  name: "new",
  summary: { zh: "生成待填写的空白年度报告（JSON）", en: "create a blank report to fill in (JSON)" },
  usage: "xxgk new --year YEAR --organ NAME [--edition 2019|2021] [--title TITLE] [-o FILE] [--force]",
  options: {
    year: { type: "string", arg: "YEAR", describe: { zh: "报告年度（必填）", en: "report year (required)" } },
    organ: {
      type: "string",
      arg: "NAME",
      describe: { zh: "发布机关（必填）", en: "publishing organ (required)" },
    },
    edition: {
      type: "string",
      arg: "2019|2021",
      choices: EDITIONS,
      describe: {
        zh: "格式版本（默认按年度：2020 年及以前 2019 版，2021 年起 2021 版）",
        en: "format edition (default from the year: 2019 up to 2020, 2021 from 2021)",
      },
    },
    title: {
      type: "string",
      arg: "TITLE",
      describe: {
        zh: "标题（默认“<机关><年度>年政府信息公开工作年度报告”）",
        en: "title (default: <organ><year>年政府信息公开工作年度报告)",
      },
    },
    ...OUTPUT_OPTIONS,
  },
  details: {
    zh: "不加 -o 时写到标准输出；-o 指定的文件已存在时拒绝覆盖，除非加 --force。",
    en: "Writes to standard output unless -o is given; refuses to replace an existing file unless --force.",
  },
  async run({ values, positionals }, { io }) {
    if (positionals.length > 0) {
      throw new UsageError(
        {
          zh: `new 不接受位置参数：${positionals.join(" ")}`,
          en: `new takes no positional arguments: ${positionals.join(" ")}`,
        },
        "new",
      );
    }
    const { year: yearText, organ } = values;
    if (yearText === undefined || organ === undefined) {
      throw new UsageError({ zh: "需要 --year 和 --organ", en: "--year and --organ are required" }, "new");
    }
    const year = parseReportYear(yearText, "new");
    if (organ.trim() === "") {
      throw new UsageError({ zh: "--organ 不能为空", en: "--organ must not be empty" }, "new");
    }
    if (values.title !== undefined && values.title.trim() === "") {
      throw new UsageError({ zh: "--title 不能为空", en: "--title must not be empty" }, "new");
    }
    const expected = editionForYear(year);
    const edition: EditionId = values.edition ?? expected;
    if (edition !== expected) {
      throw new UsageError(
        {
          zh: `${year} 年度的报告应使用 ${expected} 版格式，而不是 ${edition} 版`,
          en: `a ${year} report uses the ${expected} edition, not ${edition}`,
        },
        "new",
      );
    }
    const report = createReport({
      organ,
      year,
      edition,
      ...(values.title === undefined ? {} : { title: values.title }),
    });
    await writeOutput(
      stringifyReport(report),
      { file: values.output, force: values.force === true, inputs: [] },
      io,
    );
    return "ok";
  },
});
