import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { utf16 } from "../../../importer/test/_bytes.js";
import type { ValidateOutput } from "../../src/index.js";
import { EXAMPLES, scratch, transcript, xxgk } from "../_helpers.js";

const load = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/**
 * example-2021 with 3 more applications received from 自然人 (row total adjusted), which breaks
 * T3.balance twice (errors) and the narrative's count of applications (warning) — one diagnosis; and a
 * blank 尚未审结, which breaks T4.total — a second diagnosis — and is the one notice.
 */
function broken(): unknown {
  const doc = load(EXAMPLES.y2021);
  doc.tables.applications.newlyReceived.naturalPerson = 190;
  doc.tables.applications.newlyReceived.total = 424;
  doc.tables.review.reconsideration.pending = "";
  return doc;
}

function files(dir: string, entries: Record<string, unknown>): string[] {
  return Object.entries(entries).map(([name, content]) => {
    writeFileSync(
      join(dir, name),
      typeof content === "string" || content instanceof Uint8Array
        ? content
        : JSON.stringify(content, null, 2),
    );
    return name;
  });
}

describe("xxgk validate", () => {
  it("passes both examples (the seed's three blank cells are one notice, not errors)", async () => {
    const r = await xxgk(["validate", EXAMPLES.wulin, EXAMPLES.y2021]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      `${EXAMPLES.wulin}\n  提示（1）\n    info table.blanks /tables/applications 表三有 3 个空白单元格，按 0 计算；是 0 请填 0，不适用请填“-”\n\n` +
        "2 个文件：0 个有错误（0 个错误，0 个警告，1 个提示）\n",
    );
    const en = await xxgk(["validate", "--lang", "en", EXAMPLES.wulin]);
    expect(en.stdout.trimEnd().split("\n").at(-1)).toBe(
      "1 file: 0 with errors (0 errors, 0 warnings, 1 notice)",
    );
    expect(en.stdout).toContain("  notices (1)\n");
  });

  it("shows each diagnosis first, with the findings it explains under it", async () => {
    const dir = scratch();
    const names = files(dir, { "bad.json": broken() });
    const r = await xxgk(["validate", ...names], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[1]).toBe(
      "  诊断 最可能出错的单元格：一、本年新收政府信息公开申请数量（自然人），应为 187；一、本年新收政府信息公开申请数量（总计），应为 421（依据：正文称收到（新收）申请 421 件，与此改法一致）",
    );
    expect(lines.slice(2, 5)).toEqual([
      "    error T3.balance /tables/applications/newlyReceived/naturalPerson 一、本年新收政府信息公开申请数量（自然人）应为 187，实为 190（“自然人”列：一＋二＝（七）总计＋四）",
      "    error T3.balance /tables/applications/newlyReceived/total 一、本年新收政府信息公开申请数量（总计）应为 421，实为 424（“总计”列：一＋二＝（七）总计＋四）",
      "    warning text.numbers /sections/overview/blocks/4/text 正文称收到（新收）申请 421 件，表格一、本年新收政府信息公开申请数量（总计）为 424：“本年新收政府信息公开申请421件，上年结转政府信息公开申请15件，办结415件，结转下年度继续办理21件。”",
    ]);
    expect(lines[5]).toBe("  诊断 最可能出错的单元格：行政复议/尚未审结，应为 2");
    expect(lines[7]).toBe("  其余提示（1）");
    // No finding blames 四、结转下年度继续办理, which is right.
    expect(r.stdout).not.toContain("/tables/applications/carriedForward");
  });

  it("exits 1 on error-level findings and lists errors before the rest", async () => {
    const dir = scratch();
    const names = files(dir, { "bad.json": broken(), "seed.json": load(EXAMPLES.wulin) });
    const r = await xxgk(["validate", ...names, "--lang", "en"], { cwd: dir });
    expect(r.code).toBe(1);
    const block = r.stdout.slice(r.stdout.indexOf("bad.json\n"), r.stdout.indexOf("seed.json\n"));
    expect(block).toMatch(/^bad\.json\n {2}diagnosis Most likely wrong: /);
    expect(block).toContain("T3.balance /tables/applications/newlyReceived/naturalPerson");
    // Outside the diagnoses, errors come before the rest.
    const severities = [...r.stdout.matchAll(/^ {4}(error|warning|info) /gm)].map((m) => m[1]);
    expect(severities).toEqual(["error", "error", "warning", "error", "info", "info"]);
    expect(r.stdout).toMatch(/\n2 files: 1 with errors \(3 errors, 1 warning, 2 notices\)\n$/);
  });

  it("checks the other files when one is unreadable, names file:line:column, and exits 2", async () => {
    const dir = scratch();
    const names = files(dir, {
      "a.json": load(EXAMPLES.y2021),
      "b.json": '{\n  "edition": "2021",\n  "meta": {\n    "organ": "某局",\n  }\n}\n',
      "c.json": broken(),
    });
    const r = await xxgk(["validate", ...names, "missing.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "xxgk: b.json:5:3: 不是合法的 JSON：此处不应出现 “}”，应为带双引号的属性名\nxxgk: missing.json: 文件不存在\n",
    );
    expect(r.stdout).toContain("c.json\n  诊断 最可能出错的单元格：");
    expect(r.stdout).toMatch(/\n4 个文件：2 个无法读取，1 个有错误（\d+ 个错误，\d+ 个警告，\d+ 个提示）\n$/);
  });

  it("--format json gives one stable document for the whole batch", async () => {
    const dir = scratch();
    const names = files(dir, { "ok.json": load(EXAMPLES.y2021), "bad.json": broken(), "nojson.json": "{" });
    const r = await xxgk(["validate", "--format", "json", ...names], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as ValidateOutput;
    expect(out.version).toBe(1);
    expect(out.files.map((f) => [f.file, f.status])).toEqual([
      ["ok.json", "ok"],
      ["bad.json", "errors"],
      ["nojson.json", "unreadable"],
    ]);
    const [ok, bad, nojson] = out.files;
    expect(ok).toMatchObject({ counts: { error: 0, warning: 0, info: 0 }, findings: [], diagnosis: [] });
    if (bad?.status !== "errors" || nojson?.status !== "unreadable") throw new Error("unexpected statuses");
    expect(bad.findings.length).toBe(bad.counts.error + bad.counts.warning + bad.counts.info);
    expect(bad.findings.find((f) => f.code === "T3.balance")).toMatchObject({
      severity: "error",
      pointer: "/tables/applications/newlyReceived/naturalPerson",
      expected: 187,
      diagnosis: 0,
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    // Diagnoses, with the findings each explains by index.
    expect(bad.diagnosis.map((d) => [d.status, d.explains.map((i) => bad.findings[i]!.code)])).toEqual([
      ["located", ["T3.balance", "T3.balance", "text.numbers"]],
      ["located", ["T4.total"]],
    ]);
    // Blank cells both ways: the per-table summary and, for consumers that read them, cell.blank.
    expect(bad.findings.filter((f) => f.severity === "info").map((f) => [f.code, f.pointer])).toEqual([
      ["table.blanks", "/tables/review"],
      ["cell.blank", "/tables/review/reconsideration/pending"],
    ]);
    expect(nojson.error).toEqual({
      code: "INPUT_JSON",
      message: {
        zh: "nojson.json:1:2: 不是合法的 JSON：JSON 意外结束",
        en: "nojson.json:1:2: not valid JSON: unexpected end of JSON",
      },
      line: 1,
      column: 2,
    });
    expect(out.summary).toEqual({ files: 3, withErrors: 1, unreadable: 1, counts: bad.counts });
  });

  it("uses --previous for the year-to-year rules", async () => {
    const dir = scratch();
    const last = load(EXAMPLES.y2021);
    last.meta.year = 2024;
    last.meta.title = last.meta.title.replace("2025", "2024");
    delete last.meta.published;
    const matching = structuredClone(last);
    matching.tables.applications.carriedForward = load(EXAMPLES.y2021).tables.applications.carriedOver;
    files(dir, { "this.json": load(EXAMPLES.y2021), "last.json": last, "matching.json": matching });
    const codes = async (...extra: string[]) => {
      const r = await xxgk(["validate", "--format", "json", "this.json", ...extra], { cwd: dir });
      const f = (JSON.parse(r.stdout) as ValidateOutput).files[0]!;
      return f.status === "unreadable" ? [] : f.findings.map((x) => x.code);
    };
    expect(await codes()).not.toContain("X.carry-over");
    expect(await codes("--previous", "last.json")).toContain("X.carry-over");
    expect(await codes("--previous", "matching.json")).not.toContain("X.carry-over");
    const missing = await xxgk(["validate", "this.json", "--previous", "nope.json"], { cwd: dir });
    expect(missing).toMatchObject({ code: 2, stdout: "", stderr: "xxgk: nope.json: 文件不存在\n" });
  });

  it("shows progress on stderr only when it is a terminal and the batch has more than 20 files", async () => {
    const many = (n: number) => Array.from({ length: n }, () => EXAMPLES.y2021);
    const tty = await xxgk(["validate", ...many(21)], { stderrIsTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain("\r校验中 1/21");
    expect(tty.stderr).toContain("\r校验中 21/21");
    expect(tty.stderr.endsWith("\r\x1b[K")).toBe(true);
    expect(tty.stdout).not.toContain("校验中");
    expect((await xxgk(["validate", ...many(20)], { stderrIsTTY: true })).stderr).toBe("");
    // Findings printed mid-batch never land on the progress line of a shared terminal.
    const mixed = await xxgk(["validate", ...many(15), EXAMPLES.wulin, ...many(15), "--details"], {
      stderrIsTTY: true,
    });
    expect(mixed.stdout).toContain(`${EXAMPLES.wulin}\n`);
    expect(transcript.text).toContain(`/31\r\x1b[K${EXAMPLES.wulin}\n`);
    expect(transcript.text).toMatch(/\n\n\r校验中 16\/31/);
    const lines = await xxgk(["validate", ...many(15), EXAMPLES.wulin, ...many(15)], { stderrIsTTY: true });
    expect(lines.stdout).toContain(`${EXAMPLES.wulin}：0 个错误，0 个警告，1 个提示\n`);
    expect(transcript.text).toContain(`/31\r\x1b[K${EXAMPLES.wulin}：`);
    expect((await xxgk(["validate", ...many(21)], { stderrIsTTY: false })).stderr).toBe("");
  });

  it("reads standard input for -, and needs at least one file", async () => {
    const r = await xxgk(["validate", "-"], { stdin: JSON.stringify(broken()) });
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith("-\n  诊断 ")).toBe(true);
    const none = await xxgk(["validate"]);
    expect(none).toMatchObject({ code: 2, stdout: "" });
    expect(none.stderr).toBe("xxgk: 请给出要校验的文件\n运行 xxgk validate --help 查看用法\n");
  });

  it("a 303 KB paragraph of 办结1件 gives a small JSON document, not a crash (issue 23)", async () => {
    const dir = scratch();
    const doc = load(EXAMPLES.y2021);
    doc.sections.overview.blocks.push({ type: "paragraph", text: "办结1件".repeat(31_000) });
    const names = files(dir, { "long.json": doc });
    const r = await xxgk(["validate", "--format", "json", ...names], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(50_000);
    const f = (JSON.parse(r.stdout) as ValidateOutput).files[0]!;
    if (f.status === "unreadable") throw new Error("unreadable");
    expect(f.findings.filter((x) => x.code === "text.numbers")).toHaveLength(11);
    expect(f.findings.find((x) => x.omitted !== undefined)?.omitted).toBe(31_000 - 10);
  });

  it("--blanks not-assessable reaches the validators", async () => {
    const counted = await xxgk(["validate", "--format", "json", EXAMPLES.wulin]);
    const skipped = await xxgk([
      "validate",
      "--format",
      "json",
      "--blanks",
      "not-assessable",
      EXAMPLES.wulin,
    ]);
    expect(JSON.parse(counted.stdout)).not.toEqual(JSON.parse(skipped.stdout));
    expect((await xxgk(["validate", "--blanks", "zero", EXAMPLES.wulin])).code).toBe(2);
  });

  it("reads a report saved as UTF-16 (Windows Notepad, PowerShell) like its UTF-8 original", async () => {
    const dir = scratch();
    const json = readFileSync(EXAMPLES.y2021, "utf8");
    writeFileSync(join(dir, "utf16.json"), utf16(json));
    writeFileSync(join(dir, "utf8.json"), json);
    const a = await xxgk(["validate", "utf16.json"], { cwd: dir });
    const b = await xxgk(["validate", "utf8.json"], { cwd: dir });
    expect(a.code).toBe(0);
    expect(a.stdout.replaceAll("utf16.json", "utf8.json")).toBe(b.stdout);
  });

  it("says that an HTML page is a page for xxgk import, not a broken report", async () => {
    const dir = scratch();
    const names = files(dir, {
      "page.html": "<!DOCTYPE html>\n<html><body><p>某区2024年政府信息公开工作年度报告</p></body></html>\n",
      "frag.html": '  <div class="article"><table><tr><td>规章</td></tr></table></div>',
    });
    for (const name of names) {
      const r = await xxgk(["validate", name], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `xxgk: ${name}: 这是 HTML 网页，不是报告 JSON 文件；请先用 xxgk import 把它转成报告：xxgk import ${name} -o 报告.json\n`,
      );
    }
    const en = await xxgk(["cells", names[0]!, "--lang", "en"], { cwd: dir });
    expect(en.stderr).toContain(
      "this is an HTML page, not a report JSON file; turn it into one first: xxgk import",
    );
    // Text that merely starts with "<" but is not markup keeps the JSON message.
    writeFileSync(join(dir, "lt.json"), "<3 not json");
    expect((await xxgk(["validate", "lt.json"], { cwd: dir })).stderr).toContain("不是合法的 JSON");
  });

  it("says that a PDF or Word file is a document for xxgk import, whatever its name", async () => {
    const dir = scratch();
    const pdf = readFileSync(
      new URL("../../../importer/test/fixtures/pdf/render-pdf-2021.pdf", import.meta.url),
    );
    const docx = readFileSync(
      new URL("../../../importer/test/fixtures/docx/office-2021.docx", import.meta.url),
    );
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    files(dir, {
      "report.json": pdf,
      "b.docx": docx,
      "c.wps": ole,
      "d.png": Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    });
    const said = async (name: string, lang = "zh") =>
      await xxgk(["validate", name, "--lang", lang], { cwd: dir });
    const r = await said("report.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "xxgk: report.json: 这是一个 PDF 文件，不是报告 JSON 文件；请先用 xxgk import 把它转成报告：xxgk import report.json -o 报告.json\n",
    );
    expect((await said("b.docx", "en")).stderr).toContain(
      "b.docx: this is a Word document (.docx), not a report JSON file; turn it into one first: xxgk import b.docx -o report.json",
    );
    expect((await said("c.wps")).stderr).toContain(
      "旧版 Word（.doc）或 WPS（.wps）文件，不是报告 JSON 文件；请先用 xxgk import 把它转成报告：xxgk import --convert c.wps",
    );
    expect((await said("d.png")).stderr).toBe(
      "xxgk: d.png: 这是二进制文件（不是文字），不是报告 JSON 文件\n",
    );
    // cells and render read report files the same way.
    expect((await xxgk(["cells", "report.json"], { cwd: dir })).stderr).toContain("这是一个 PDF 文件");
  });

  it("--min-severity and -q choose what is listed, never what is counted or the exit status", async () => {
    const dir = scratch();
    const names = files(dir, { "bad.json": broken(), "seed.json": load(EXAMPLES.wulin) });
    const all = await xxgk(["validate", ...names], { cwd: dir });
    const summary = all.stdout.trimEnd().split("\n").at(-1);
    expect(all.stdout).toMatch(/^ {4}info /m);
    const warn = await xxgk(["validate", ...names, "--min-severity", "warning"], { cwd: dir });
    expect(warn.code).toBe(1);
    expect(warn.stdout).not.toMatch(/^ {4}info /m);
    expect(warn.stdout).toMatch(/^ {4}warning /m);
    expect(warn.stdout).not.toContain("seed.json"); // only notices there
    expect(warn.stdout.trimEnd().split("\n").at(-1)).toBe(summary);
    const errors = await xxgk(["validate", ...names, "--min-severity", "error"], { cwd: dir });
    expect(errors.stdout).not.toMatch(/^ {4}(?:info|warning) /m);
    expect(errors.stdout).toMatch(/^ {4}error /m);
    const quiet = await xxgk(["validate", ...names, "-q"], { cwd: dir });
    expect(quiet).toMatchObject({ code: 1, stdout: `${summary}\n` });
    const json = JSON.parse(
      (await xxgk(["validate", ...names, "--format", "json", "--min-severity", "error"], { cwd: dir }))
        .stdout,
    ) as ValidateOutput;
    const bad = json.files[0]!;
    expect(bad.status === "errors" && bad.findings.every((f) => f.severity === "error")).toBe(true);
    expect(bad.status === "errors" && bad.counts.info).toBeGreaterThan(0);
    // The diagnoses stay, their explains pointing into the findings listed (the warning left out).
    if (bad.status !== "errors") throw new Error("bad.json must have errors");
    expect(bad.diagnosis.map((d) => d.explains.map((i) => bad.findings[i]!.code))).toEqual([
      ["T3.balance", "T3.balance"],
      ["T4.total"],
    ]);
    expect((await xxgk(["validate", ...names, "--min-severity", "notice"], { cwd: dir })).code).toBe(2);
  });

  it("gives each file one line of counts when there are more than 10, and --details lists them", async () => {
    const dir = scratch();
    const entries: Record<string, unknown> = { "bad.json": broken() };
    for (let i = 0; i < 10; i++) entries[`ok${i}.json`] = load(EXAMPLES.y2021);
    const names = files(dir, entries);
    const r = await xxgk(["validate", ...names], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^bad\.json：\d+ 个错误，1 个警告，\d+ 个提示$/);
    expect(lines).toHaveLength(2); // clean files print nothing, then the summary
    expect(lines[1]).toMatch(/^11 个文件：1 个有错误/);
    const en = await xxgk(["validate", ...names, "--lang", "en"], { cwd: dir });
    expect(en.stdout).toMatch(/^bad\.json: \d+ errors, 1 warning, \d+ notices?\n/);
    const details = await xxgk(["validate", ...names, "--details"], { cwd: dir });
    expect(details.stdout).toMatch(/^bad\.json\n {2}诊断 /);
    const ten = await xxgk(["validate", ...names.slice(0, 10)], { cwd: dir });
    expect(ten.stdout).toMatch(/^bad\.json\n {2}诊断 /);
  });
});
