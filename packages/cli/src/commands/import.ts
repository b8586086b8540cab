import { basename, extname, join, resolve } from "node:path";
import { stringifyReport } from "@xxgk/core-model";
import { formatDiagnostic, type ImportDiagnostic, type ImportResult, importReport } from "@xxgk/importer";
import { ConvertError, convertToDocx, findSoffice, SOFFICE_MISSING } from "../_convert.js";
import { readInput, STDIN } from "../_json.js";
import { makeOutputDir, OUTPUT_OPTIONS, ProtectedFiles, writeOutput } from "../_output.js";
import { parseReportYear } from "../_year.js";
import type { Lang, Outcome, Text } from "../command.js";
import { defineCommand } from "../command.js";
import { InputError, OutputError, UsageError } from "../errors.js";

/** Progress goes to stderr only when it is a terminal and the batch is larger than this. */
const PROGRESS_THRESHOLD = 5;

/** One file's summary line: `a.html: 195 placed, 3 unsure, 2 missing of 200; 1 error, 2 warnings`. */
export function fileSummary(file: string, r: ImportResult, lang: Lang): string {
  const count = (s: ImportDiagnostic["severity"]) => r.diagnostics.filter((d) => d.severity === s).length;
  const { placed, unsure, missing, total } = r.stats;
  const none = r.report === null;
  if (total === 0) {
    // Nothing was read (a file the importer refuses, a broken JSON): no cell counts to give.
    return lang === "zh"
      ? `${file}：未能读取；${count("error")} 个错误${none ? "；未生成报告" : ""}`
      : `${file}: not read; ${count("error")} errors${none ? "; no report written" : ""}`;
  }
  if (lang === "zh") {
    return (
      `${file}：已放置 ${placed}，不确定 ${unsure}，缺失 ${missing}（共 ${total} 个单元格）；` +
      `${count("error")} 个错误，${count("warning")} 个警告，${count("info")} 个提示${none ? "；未生成报告" : ""}`
    );
  }
  return (
    `${file}: ${placed} placed, ${unsure} unsure, ${missing} missing of ${total} cells; ` +
    `${count("error")} errors, ${count("warning")} warnings, ${count("info")} notices${none ? "; no report written" : ""}`
  );
}

/**
 * The batch's closing line: `3 files: 1 with errors, 0 unreadable, 1 not written; cells …`. A report
 * that could not be written (the file exists, is an input, or the disk is full) counts as not written.
 */
export function importSummaryLine(
  files: number,
  counts: { readonly failed: number; readonly unreadable: number; readonly unwritten: number },
  cells: {
    readonly placed: number;
    readonly unsure: number;
    readonly missing: number;
    readonly total: number;
  },
  lang: Lang,
): string {
  const { failed, unreadable, unwritten } = counts;
  return lang === "zh"
    ? `${files} 个文件：${failed} 个有错误，${unreadable} 个无法读取，${unwritten} 个未能写入；单元格已放置 ${cells.placed}，不确定 ${cells.unsure}，缺失 ${cells.missing}（共 ${cells.total}）`
    : `${files} files: ${failed} with errors, ${unreadable} unreadable, ${unwritten} not written; cells ${cells.placed} placed, ${cells.unsure} unsure, ${cells.missing} missing of ${cells.total}`;
}

/** Said of a file `--convert` converted before it was imported. */
const CONVERTED: Text = {
  zh: "已用 LibreOffice 转换为 .docx 后导入（以下位置指转换后的文档）",
  en: "converted to .docx with LibreOffice, then imported (the places below are in the converted document)",
};

/** Said of a legacy Word / WPS file imported without `--convert`. */
const CONVERT_HINT: Text = {
  zh: "提示：装有 LibreOffice 时，加 --convert 可自动转换为 .docx 后导入",
  en: "hint: with LibreOffice installed, --convert converts it to .docx and imports that",
};

/** The output file for an input in `--out-dir`: its base name with `.json`. */
export function outFileFor(file: string, dir: string): string {
  const name = file === STDIN ? "stdin" : basename(file, extname(file));
  return join(dir, `${name}.json`);
}

/** `xxgk import`: published pages and text copies back into report JSON, with what was unsure. */
export const importCommand = defineCommand({
  name: "import",
  summary: {
    zh: "把已发布的网页或文字复制件转回年度报告（JSON），并列出不确定之处",
    en: "turn published pages or text copies back into reports (JSON), saying what was unsure",
  },
  usage:
    "xxgk import <files…> [-o FILE | --out-dir DIR] [--format auto|html|text] [--year YEAR] [--organ NAME] [--convert]",
  options: {
    ...OUTPUT_OPTIONS,
    "out-dir": {
      type: "string",
      arg: "DIR",
      describe: {
        zh: "把每个文件的报告写到目录 DIR 下的 <文件名>.json",
        en: "write each file's report to DIR/<name>.json",
      },
    },
    format: {
      type: "string",
      arg: "auto|html|text",
      choices: ["auto", "html", "text"],
      describe: { zh: "输入格式（默认按内容判断）", en: "input format (default: detected)" },
    },
    year: {
      type: "string",
      arg: "YEAR",
      describe: { zh: "报告年度（覆盖标题中的年度）", en: "report year (overrides the title)" },
    },
    organ: {
      type: "string",
      arg: "NAME",
      describe: { zh: "发布机关（覆盖标题中的机关）", en: "publishing organ (overrides the title)" },
    },
    convert: {
      type: "boolean",
      describe: {
        zh: "旧版 Word（.doc）和 WPS（.wps）文件先用 LibreOffice（soffice）转换为 .docx 再导入",
        en: "convert legacy Word (.doc) and WPS (.wps) files to .docx with LibreOffice (soffice), then import",
      },
    },
  },
  details: {
    zh: [
      "一个输入时默认把报告写到标准输出，摘要和诊断写到标准错误；多个输入需要 --out-dir。",
      "格式按内容识别：已发布的网页（HTML）、文字复制件、Word 文档（.docx，带修订的稿件按接受全部修订读取）、",
      "本工具的报告 JSON（原样读入）；PDF 能识别但暂不能读取，图片、压缩包等会说明原因。旧版 .doc/.wps 需先",
      "另存为 .docx，或加 --convert 由 LibreOffice 自动转换。编码可以是 UTF-8、UTF-16 或 GBK/GB18030。",
      "退出码：0 无错误；1 有文件存在错误级诊断或无法生成报告；2 用法错误，或有文件无法读取、无法转换、报告无法写入",
      "（其余文件照常导入）。导入结果可直接交给 xxgk validate 校验。",
    ].join("\n"),
    en: [
      "With one input the report goes to standard output, the summary and diagnostics to standard error;",
      "several inputs need --out-dir. The format is recognised by content: published pages (HTML), text",
      "copies, Word documents (.docx; a draft with tracked changes is read with every change accepted),",
      "our own report JSON (taken as it is); PDF is recognised but not read yet; images, archives and the",
      "like are refused with the reason. Legacy .doc/.wps need saving as .docx first, or --convert to have",
      "LibreOffice convert them. Files may be UTF-8, UTF-16 or GBK/GB18030. Exit status: 0 no errors;",
      "1 a file has error diagnostics or gave no report; 2 usage error, an unreadable file, a legacy file",
      "--convert could not convert or a report that could not be written (the others are still imported).",
      "The result can go straight to xxgk validate.",
    ].join("\n"),
  },
  async run({ values, positionals }, { io, lang }): Promise<Outcome> {
    const usage = (text: Text) => new UsageError(text, "import");
    if (positionals.length === 0) throw usage({ zh: "请给出要导入的文件", en: "give the files to import" });
    const outDir = values["out-dir"];
    if (outDir !== undefined && values.output !== undefined) {
      throw usage({ zh: "-o 和 --out-dir 只能用一个", en: "use either -o or --out-dir, not both" });
    }
    if (positionals.length > 1 && outDir === undefined) {
      throw usage({
        zh: "导入多个文件时请用 --out-dir 指定输出目录",
        en: "several files need --out-dir for their reports",
      });
    }
    const year = values.year === undefined ? undefined : parseReportYear(values.year, "import");
    if (values.organ !== undefined && values.organ.trim() === "") {
      throw usage({ zh: "--organ 不能为空", en: "--organ must not be empty" });
    }
    const targets = positionals.map((file) =>
      outDir === undefined ? values.output : outFileFor(file, outDir),
    );
    // Two inputs must not write the same report (a/x.html and b/x.html into one --out-dir).
    const claimed = new Map<string, string>();
    positionals.forEach((file, i) => {
      const target = targets[i];
      if (target === undefined || target === "-") return;
      const other = claimed.get(resolve(io.cwd, target));
      if (other !== undefined) {
        throw usage({
          zh: `${other} 和 ${file} 会写入同一个输出文件 ${target}`,
          en: `${other} and ${file} would both write ${target}`,
        });
      }
      claimed.set(resolve(io.cwd, target), file);
    });
    if (outDir !== undefined) await makeOutputDir(outDir, io.cwd);
    const protect = await ProtectedFiles.of(positionals, io.cwd);
    const toStdout = outDir === undefined && (values.output === undefined || values.output === "-");
    const report = toStdout ? io.stderr : io.stdout;
    const progress = io.stderrIsTTY && positionals.length > PROGRESS_THRESHOLD;
    const totals = { placed: 0, unsure: 0, missing: 0, total: 0 };
    let failed = 0;
    let unreadable = 0;
    let unwritten = 0;
    /** soffice for --convert, looked up at the first legacy file (`null`: not found). */
    let soffice: string | null | undefined;
    for (const [i, file] of positionals.entries()) {
      if (progress)
        io.stderr.write(
          `\r\x1b[K${lang === "zh" ? "导入中" : "importing"} ${i + 1}/${positionals.length} ${file}`,
        );
      let bytes: Uint8Array;
      try {
        bytes = await readInput(file, io, { zh: "请给出其中的报告文件", en: "give the report files in it" });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        unreadable++;
        if (progress) io.stderr.write("\r\x1b[K");
        io.stderr.write(`xxgk: ${error.text[lang]}\n`);
        continue;
      }
      // The importer recognises the format and the encoding by content, and never rejects.
      const options = {
        fileName: file,
        ...(values.format === undefined ? {} : { format: values.format }),
        ...(year === undefined ? {} : { year }),
        ...(values.organ === undefined ? {} : { organ: values.organ.trim() }),
      };
      let result = await importReport(bytes, options);
      let converted = false;
      if (result.format === "doc" && values.convert === true) {
        // A legacy Word / WPS file (recognised by content): LibreOffice makes a .docx of it.
        soffice ??= findSoffice() ?? null;
        if (progress) io.stderr.write("\r\x1b[K");
        try {
          if (soffice === null) throw new ConvertError(SOFFICE_MISSING);
          result = await importReport(await convertToDocx(bytes, file, soffice), options);
          converted = true;
        } catch (error) {
          if (!(error instanceof ConvertError)) throw error;
          unreadable++;
          io.stderr.write(`xxgk: ${file}: ${error.text[lang]}\n`);
          continue;
        }
      }
      if (progress) io.stderr.write("\r\x1b[K");
      const lines = [fileSummary(file, result, lang)];
      if (converted) lines.push(`  ${CONVERTED[lang]}`);
      // How the bytes were decoded (a legacy encoding, a wrong charset declaration) is a diagnostic too.
      for (const d of result.diagnostics) lines.push(`  ${formatDiagnostic(d, { file, lang })}`);
      if (result.format === "doc" && values.convert !== true) lines.push(`  ${CONVERT_HINT[lang]}`);
      report.write(`${lines.join("\n")}\n`);
      for (const k of ["placed", "unsure", "missing", "total"] as const) totals[k] += result.stats[k];
      const hasErrors = result.report === null || result.diagnostics.some((d) => d.severity === "error");
      if (hasErrors) failed++;
      if (result.report === null) continue;
      try {
        await writeOutput(
          stringifyReport(result.report),
          { file: targets[i], force: values.force === true, inputs: protect },
          io,
        );
      } catch (error) {
        // A report that cannot be written is named, and the batch goes on with the next file.
        if (!(error instanceof OutputError)) throw error;
        unwritten++;
        io.stderr.write(`xxgk: ${error.text[lang]}\n`);
      }
    }
    if (positionals.length > 1)
      report.write(
        `${importSummaryLine(positionals.length, { failed, unreadable, unwritten }, totals, lang)}\n`,
      );
    return unreadable + unwritten > 0 ? "unreadable" : failed > 0 ? "findings" : "ok";
  },
});
