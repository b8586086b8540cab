import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseReport } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { gbk } from "../../../importer/test/_bytes.js";
import { outFileFor } from "../../src/commands/import.js";
import { scratch, xxgk } from "../_helpers.js";

const fixtures = new URL("../../../importer/test/fixtures/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), "utf8");

describe("xxgk import", () => {
  it("turns one page into report JSON on stdout, the summary and diagnostics on stderr", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "page.html"), fixture("binhe-finance-2020.html"));
    const r = await xxgk(["import", "page.html"], { cwd: dir });
    expect(r.code).toBe(0);
    const parsed = parseReport(JSON.parse(r.stdout));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.report.meta).toMatchObject({ organ: "江南市滨河区财政局", year: 2020 });
    expect(r.stderr.split("\n")[0]).toBe(
      "page.html：已放置 191，不确定 2，缺失 5（共 198 个单元格）；0 个错误，1 个警告，5 个提示",
    );
    expect(r.stderr).toMatch(
      /page\.html:\d+:\d+ 警告 placed-by-arithmetic .*（\/tables\/applications\/carriedForward\//,
    );
  });

  it("imports a batch into --out-dir with a summary per file, and validate reads the results", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "a.html"), fixture("hubei-fancheng-2021.html"));
    writeFileSync(join(dir, "b.txt"), fixture("seed-wulin-2020.txt"));
    const r = await xxgk(["--lang", "en", "import", "a.html", "b.txt", "--out-dir", "."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "a.html: 200 placed, 0 unsure, 0 missing of 200 cells; 0 errors, 1 warnings, 4 notices",
    );
    expect(r.stdout).toContain("b.txt: 191 placed, 4 unsure, 3 missing of 198 cells");
    expect(r.stdout.trim().split("\n").at(-1)).toBe(
      "2 files: 0 with errors, 0 unreadable, 0 not written; cells 391 placed, 4 unsure, 3 missing of 398",
    );
    const v = await xxgk(["validate", "a.json", "b.json", "--format", "json"], { cwd: dir });
    const out = JSON.parse(v.stdout) as { files: { file: string; status: string }[] };
    expect(out.files.map((f) => [f.file, f.status === "unreadable"])).toEqual([
      ["a.json", false],
      ["b.json", false],
    ]);
  });

  it("keeps going past an unreadable file and exits 2; no report for a page that is not one (exit 1)", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "news.html"), "<html><body><h1>通知公告</h1></body></html>");
    writeFileSync(join(dir, "seed.txt"), fixture("seed-wulin-2020.txt"));
    const r = await xxgk(["import", "missing.html", "seed.txt", "--out-dir", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing.html: 文件不存在");
    expect(existsSync(join(dir, "out", "seed.json"))).toBe(true); // --out-dir is created
    const mkdir = await xxgk(["import", "news.html", "seed.txt", "--out-dir", "."], { cwd: dir });
    expect(mkdir.code).toBe(1);
    expect(mkdir.stdout).toContain("未生成报告");
    expect(existsSync(join(dir, "news.json"))).toBe(false);
    expect(existsSync(join(dir, "seed.json"))).toBe(true);
  });

  it("says an --out-dir that is a file is one (exit 2), and leaves the file alone", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "seed.txt"), fixture("seed-wulin-2020.txt"));
    writeFileSync(join(dir, "taken"), "mine");
    for (const outDir of ["taken", "taken/sub"]) {
      const r = await xxgk(["import", "seed.txt", "--out-dir", outDir, "--lang", "en"], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`xxgk: ${outDir} is a file, not a directory; give --out-dir a directory\n`);
      expect(readFileSync(join(dir, "taken"), "utf8")).toBe("mine");
    }
  });

  it("goes on past a report it cannot write, names it, and counts it in the summary (exit 2)", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "a.html"), fixture("hubei-fancheng-2021.html"));
    writeFileSync(join(dir, "b.txt"), fixture("seed-wulin-2020.txt"));
    writeFileSync(join(dir, "c.txt"), fixture("seed-wulin-2020.txt"));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "a.json"), "mine");
    symlinkSync("../b.txt", join(dir, "out", "b.json"));
    const r = await xxgk(["import", "a.html", "b.txt", "c.txt", "--out-dir", "out", "--lang", "en"], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`xxgk: ${join("out", "a.json")} already exists; add --force to overwrite it`);
    expect(readFileSync(join(dir, "out", "a.json"), "utf8")).toBe("mine");
    const forced = await xxgk(["import", "b.txt", "c.txt", "--out-dir", "out", "--force", "--lang", "en"], {
      cwd: dir,
    });
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain(`${join("out", "b.json")} is a link to the input file b.txt`);
    expect(readFileSync(join(dir, "b.txt"), "utf8")).toBe(fixture("seed-wulin-2020.txt"));
    // The files after the ones that could not be written are imported all the same.
    expect(parseReport(JSON.parse(readFileSync(join(dir, "out", "c.json"), "utf8"))).ok).toBe(true);
    expect(r.stderr).toContain(`${join("out", "b.json")} is a link to the input file b.txt`);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(
      /^3 files: 0 with errors, 0 unreadable, 2 not written;/,
    );
    expect(forced.stdout.trim().split("\n").at(-1)).toMatch(
      /^2 files: 0 with errors, 0 unreadable, 1 not written;/,
    );
  });

  it("refuses two inputs that would write the same report", async () => {
    const dir = scratch();
    mkdirSync(join(dir, "x"));
    mkdirSync(join(dir, "y"));
    writeFileSync(join(dir, "x", "p.txt"), fixture("seed-wulin-2020.txt"));
    writeFileSync(join(dir, "y", "p.txt"), fixture("seed-wulin-2020.txt"));
    const r = await xxgk(["import", "x/p.txt", "y/p.txt", "--out-dir", "out", "--lang", "en"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`x/p.txt and y/p.txt would both write ${join("out", "p.json")}`);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("refuses several inputs without --out-dir, -o with --out-dir, and a bad --year", async () => {
    expect((await xxgk(["import", "a.html", "b.html"])).code).toBe(2);
    expect((await xxgk(["import", "a.html", "-o", "x.json", "--out-dir", "d"])).code).toBe(2);
    expect((await xxgk(["import", "a.html", "--year", "20x1"])).code).toBe(2);
  });

  it("takes --year and --organ over the title, and reads standard input", async () => {
    const text = fixture("seed-wulin-2020.txt").split("\n").slice(1).join("\n");
    const r = await xxgk(["import", "-", "--year", "2020", "--organ", "杭州市下城区武林街道办事处"], {
      stdin: text,
    });
    expect(r.code).toBe(0); // no title: a warning, the report is titled from organ and year
    expect(JSON.parse(r.stdout).meta).toMatchObject({ organ: "杭州市下城区武林街道办事处", year: 2020 });
    expect(r.stderr).toContain("title-missing");
  });

  it("reads the bytes: a GBK page that declares utf-8, a UTF-16 report JSON; refuses a cut-off PDF and a .doc", async () => {
    const dir = scratch();
    const page = fixture("qingshi-town-2022.html");
    writeFileSync(join(dir, "gbk.html"), gbk(page));
    const json = fixture("../../../core-model/examples/example-2021.json");
    writeFileSync(
      join(dir, "r.json"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")]),
    );
    writeFileSync(join(dir, "scan.pdf"), "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n");
    writeFileSync(join(dir, "old.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const files = ["gbk.html", "r.json", "scan.pdf", "old.doc"];
    const r = await xxgk(["import", ...files, "--out-dir", "out"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /gbk\.html:3:\d+ 提示 charset-mismatch 页面声明的编码是 utf-8，但内容实际是 GB18030/,
    );
    expect(readFileSync(join(dir, "out", "gbk.json"), "utf8")).not.toContain("\uFFFD");
    expect(JSON.parse(readFileSync(join(dir, "out", "gbk.json"), "utf8")).meta.organ).toBe("青石镇人民政府");
    expect(r.stdout).toContain("r.json:1 提示 already-report");
    expect(JSON.parse(readFileSync(join(dir, "out", "r.json"), "utf8"))).toEqual(JSON.parse(json));
    expect(r.stdout).toContain("scan.pdf：未能读取；1 个错误；未生成报告");
    expect(r.stdout).toMatch(/scan\.pdf 第1页 \(0, 0\) 错误 pdf-truncated PDF 文件不完整/);
    expect(r.stdout).toMatch(/old\.doc:1 错误 format-unsupported .*另存为 \.docx 或 PDF/);
    expect(existsSync(join(dir, "out", "scan.json"))).toBe(false);
    expect(existsSync(join(dir, "out", "old.json"))).toBe(false);
    expect(existsSync(join(dir, "out", "r.json"))).toBe(true);
  });

  it("imports a published PDF end to end: report JSON written, diagnostics at page positions, validate finds only the totals the blank rows break", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "年报.pdf"), readFileSync(new URL("pdf/libreoffice-2021.pdf", fixtures)));
    const r = await xxgk(["import", "年报.pdf", "-o", "out.json"], { cwd: dir });
    expect(r.code).toBe(0);
    const said = r.stdout + r.stderr;
    expect(said).toContain("年报.pdf：已放置 172，不确定 7，缺失 21（共 200 个单元格）");
    expect(said).toMatch(
      /年报\.pdf 第3页 \(\d+, \d+\) 警告 label-approximate 「2\.其他法律行政止公开」与官方标签不完全一致/,
    );
    expect(said.match(/年报\.pdf 第3页 \(\d+, \d+\) 警告 group-as-one-row/g)).toHaveLength(3);
    const doc = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"));
    expect(doc.meta).toMatchObject({ organ: "江南市滨河区人民政府办公室", year: 2025 });
    expect(doc.tables.applications.newlyReceived.total).toBe(421);
    // The three rows the PDF wrote as one are blank, so validate says the totals do not add up — and
    // nothing else: no false error from reading the PDF.
    const v = await xxgk(["validate", "out.json", "--format", "json"], { cwd: dir });
    const codes = new Set(
      (
        JSON.parse(v.stdout) as { files: { findings: { code: string; severity: string }[] }[] }
      ).files[0]!.findings.filter((f) => f.severity === "error").map((f) => f.code),
    );
    expect(codes.size).toBeGreaterThan(0);
    expect([...codes].every((c) => c.startsWith("T3."))).toBe(true);
  });

  it("shows progress on a terminal for a large batch", async () => {
    const dir = scratch();
    const names = Array.from({ length: 7 }, (_, i) => `s${i}.txt`);
    for (const n of names) writeFileSync(join(dir, n), fixture("seed-wulin-2020.txt"));
    const r = await xxgk(["import", ...names, "--out-dir", "."], { cwd: dir, stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("导入中 7/7 s6.txt");
  });
});

describe("outFileFor", () => {
  it("names outputs after their inputs", () => {
    expect(outFileFor("pages/2021/a.html", "out")).toBe(join("out", "a.json"));
    expect(outFileFor("-", "out")).toBe(join("out", "stdin.json"));
  });
});
