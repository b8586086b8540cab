import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Review } from "@xxgk/review";
import { beforeAll, describe, expect, it } from "vitest";
import { readJob } from "../../src/_review-worker.js";
import { scratch, xxgk } from "../_helpers.js";

/** The review package's fixture region: pages, text copies, JSON of six bodies over four years. */
const REGION = new URL("../../../review/test/fixtures/region/", import.meta.url).pathname;

/** A scratch copy of the fixture region: `region/…` and `mapping.json`. */
function region(): string {
  const dir = scratch();
  cpSync(join(REGION, "reports"), join(dir, "region"), { recursive: true });
  cpSync(join(REGION, "mapping.json"), join(dir, "mapping.json"));
  return dir;
}

const reviewOf = (dir: string, out = "out"): Review =>
  JSON.parse(readFileSync(join(dir, out, "review.json"), "utf8"));

describe("xxgk review", () => {
  it("reviews a folder recursively: the page, a page per report, the workbook and review.json; exit 1 for errors", async () => {
    const dir = region();
    const r = await xxgk(["review", "region", "--out-dir", "out", "--organ-map", "mapping.json"], {
      cwd: dir,
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    // The notices include the importer's already-report for the region's two JSON files, and blank cells
    // one per table.
    expect(r.stdout).toBe(
      [
        "24 个文件：22 份报告（6 个机关，2020–2023 年度），2 个不是报告；1 份有错误（2 个错误，9 个警告，5 个提示）；逾期 1 份，疑似照搬上年 1 份，与其他机关雷同 2 份，缺报 3 个机关年度",
        "已写入 out/index.html、out/review.xlsx、out/review.json 和 22 个报告页面（out/reports/）",
        "",
      ].join("\n"),
    );
    expect(readdirSync(join(dir, "out")).sort()).toEqual([
      "index.html",
      "reports",
      "review.json",
      "review.xlsx",
    ]);
    const review = reviewOf(dir);
    expect(readdirSync(join(dir, "out", "reports")).sort()).toEqual(
      review.reports.map((x) => x.page.slice("reports/".length)).sort(),
    );
    // Names are the argument as written joined with the path inside the folder.
    expect(review.reports.map((x) => x.file)).toContain(
      "region/云溪县/教育局/2023年政府信息公开工作年度报告.html",
    );
    expect(review.notReports.map((x) => x.file)).toEqual(["region/云溪县/附件/logo.png", "region/说明.txt"]);
    expect(readFileSync(join(dir, "out", "index.html"), "utf8")).toContain("政府信息公开工作年度报告审查");
    // The workbook is a zip (xlsx), read back cell by cell in @xxgk/review's tests.
    expect(
      readFileSync(join(dir, "out", "review.xlsx"))
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("speaks English with --lang en, and without the mapping sees the renamed body as two", async () => {
    const dir = region();
    const r = await xxgk(["review", "region", "--out-dir", "out", "--lang", "en"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("24 files: 22 reports (7 bodies, 2020–2023), 2 not reports; 1 with errors");
    expect(r.stdout).toContain(
      "wrote out/index.html, out/review.xlsx, out/review.json and 22 report pages (out/reports/)",
    );
  });

  it("exits 0 when no report has errors, and skips hidden files and folders", async () => {
    const dir = region();
    rmSync(join(dir, "region", "云溪县", "青石镇", "2022年政府信息公开工作年度报告.txt"));
    mkdirSync(join(dir, "region", ".cache"));
    writeFileSync(join(dir, "region", ".cache", "x.html"), "<p>cache</p>");
    writeFileSync(join(dir, "region", ".DS_Store"), "");
    const r = await xxgk(["review", "region", "--out-dir", "out", "--organ-map", "mapping.json"], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(reviewOf(dir).summary).toMatchObject({ files: 23, reports: 21, withErrors: 0 });
  });

  it("never writes inside an input folder, and writes nothing when refusing", async () => {
    const dir = region();
    for (const out of ["region/out", "region", "region/云溪县"]) {
      const r = await xxgk(["review", "region", "--out-dir", out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("在输入目录 region 之内");
    }
    // Through a link to the input folder too.
    symlinkSync(join(dir, "region"), join(dir, "alias"));
    const linked = await xxgk(["review", "region", "--out-dir", "alias/out"], { cwd: dir });
    expect(linked.code).toBe(2);
    expect(existsSync(join(dir, "region", "out"))).toBe(false);
  });

  it("never replaces earlier results without --force", async () => {
    const dir = region();
    expect((await xxgk(["review", "region", "--out-dir", "out"], { cwd: dir })).code).toBe(1);
    writeFileSync(join(dir, "out", "review.json"), "mine");
    const again = await xxgk(["review", "region", "--out-dir", "out"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("out/index.html 已存在：加 --force 覆盖上次的结果");
    expect(readFileSync(join(dir, "out", "review.json"), "utf8")).toBe("mine");
    const forced = await xxgk(["review", "region", "--out-dir", "out", "--force"], { cwd: dir });
    expect(forced.code).toBe(1);
    expect(reviewOf(dir).version).toBe(1);
  });

  it("names a file it cannot write, writes the others and exits 2", async () => {
    const dir = region();
    expect((await xxgk(["review", "region", "--out-dir", "out"], { cwd: dir })).code).toBe(1);
    const review = reviewOf(dir);
    const page = review.reports[0]!.page;
    rmSync(join(dir, "out", page));
    mkdirSync(join(dir, "out", page)); // a folder where a page goes
    const r = await xxgk(["review", "region", "--out-dir", "out", "--force"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`xxgk: out/${page} 是一个目录，不能写成文件\n`);
    expect(r.stdout).toContain("out/ 中有 1 个文件未能写入（见上文），其余 24 个已写入");
    expect(readdirSync(join(dir, "out", "reports"))).toHaveLength(22);
    expect(reviewOf(dir).version).toBe(1);
  });

  it("never writes over an input, however the path leads to it", async () => {
    const dir = region();
    mkdirSync(join(dir, "out"));
    // An input given by name inside the output folder, under the name an output takes.
    cpSync(
      join(dir, "region", "云溪县", "教育局", "2022年政府信息公开工作年度报告.html"),
      join(dir, "out", "index.html"),
    );
    const r = await xxgk(["review", "region", "out/index.html", "--out-dir", "out", "--force"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("out/index.html 是输入文件，不能用作输出");
    expect(readFileSync(join(dir, "out", "index.html"), "utf8")).toContain("云溪县教育局2022年");
  });

  it("compares with last year's reports given in --previous-dir without reviewing them", async () => {
    const dir = region();
    mkdirSync(join(dir, "now"));
    mkdirSync(join(dir, "before"));
    for (const body of ["云溪县/教育局", "滨河区/区政府"]) {
      for (const year of [2022, 2023]) {
        const name = `${year}年政府信息公开工作年度报告.html`;
        const to = join(dir, year === 2023 ? "now" : "before", body.replace("/", "-"));
        mkdirSync(to, { recursive: true });
        cpSync(join(dir, "region", body, name), join(to, name));
      }
    }
    const r = await xxgk(["review", "now", "--previous-dir", "before", "--out-dir", "out"], { cwd: dir });
    expect(r.code).toBe(0);
    const review = reviewOf(dir);
    expect(review.years).toEqual([2023]);
    expect(review.reports).toHaveLength(2);
    expect(review.previousReports.map((p) => p.file)).toEqual([
      "before/云溪县-教育局/2022年政府信息公开工作年度报告.html",
      "before/滨河区-区政府/2022年政府信息公开工作年度报告.html",
    ]);
    const copied = review.reports.find((x) => x.organ === "云溪县教育局")!;
    expect(copied.copy?.ratio).toBe(1);
    expect(copied.findings.map((f) => f.code)).toContain("review.copy");
    expect(readFileSync(join(dir, "out", copied.page), "utf8")).toContain("仅作比对");
  });

  it("says what is wrong with the command line", async () => {
    const dir = region();
    const cases: [string[], string][] = [
      [["review", "--out-dir", "out"], "请给出要审查的报告文件或目录"],
      [["review", "region"], "请用 --out-dir 指定输出目录"],
      [["review", "region", "--out-dir", "out", "--jobs", "0"], "--jobs 应为正整数"],
      [["review", "-", "--out-dir", "out"], "review 不读标准输入"],
      [["review", "nowhere", "--out-dir", "out"], "找不到或无法读取 nowhere"],
    ];
    for (const [argv, message] of cases) {
      const r = await xxgk(argv, { cwd: dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
    writeFileSync(join(dir, "map.json"), '{ "a": "b", "b": "a" }');
    const circle = await xxgk(["review", "region", "--out-dir", "out", "--organ-map", "map.json"], {
      cwd: dir,
    });
    expect(circle.code).toBe(2);
    expect(circle.stderr).toContain("map.json 不是可用的机关名称对照表：名称对照表在");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("draws a progress bar on stderr when it is a terminal", async () => {
    const dir = region();
    const r = await xxgk(["review", "region", "--out-dir", "out"], { cwd: dir, stderrIsTTY: true });
    expect(r.stderr).toContain("] 24/24 读取 region/");
    expect(r.stderr).toContain("写出 reports/");
    expect(r.stderr.endsWith("\r\x1b[K")).toBe(true);
  });

  it("lists a file it cannot read as not a report, with the reason", async () => {
    const dir = scratch();
    mkdirSync(join(dir, "folder.html"));
    expect(await readJob({ path: join(dir, "folder.html"), name: "folder.html" }, false)).toEqual({
      kind: "not-report",
      name: "folder.html",
      code: "unreadable",
      reason: { zh: "无法读取（EISDIR）", en: "cannot be read (EISDIR)" },
    });
  });
});

describe("xxgk review on worker threads (the built command)", () => {
  const root = new URL("../..", import.meta.url).pathname;
  const bin = new URL("../../dist/bin.js", import.meta.url).pathname;
  beforeAll(() => {
    if (!existsSync(new URL("../../dist/_review-worker.js", import.meta.url))) {
      const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root });
      execFileSync(process.execPath, ["scripts/chmod-bin.mjs"], { cwd: root });
    }
  });

  it("gives the same bytes with --jobs 1, --jobs 2 and in-process, in any time zone", async () => {
    const dir = region();
    for (const [jobs, tz] of [
      ["1", "Asia/Shanghai"],
      ["2", "America/New_York"],
    ] as const) {
      const r = spawnSync(
        process.execPath,
        [bin, "review", "region", "--out-dir", `jobs${jobs}`, "--jobs", jobs],
        { cwd: dir, encoding: "utf8", env: { ...process.env, TZ: tz } },
      );
      expect(r.status, r.stderr).toBe(1);
    }
    expect((await xxgk(["review", "region", "--out-dir", "here"], { cwd: dir })).code).toBe(1);
    const files = (out: string) => [
      "index.html",
      "review.json",
      "review.xlsx",
      ...readdirSync(join(dir, out, "reports")).map((f) => `reports/${f}`),
    ];
    expect(files("jobs2")).toEqual(files("jobs1"));
    for (const f of files("jobs1")) {
      const one = readFileSync(join(dir, "jobs1", f));
      expect(readFileSync(join(dir, "jobs2", f)).equals(one), f).toBe(true);
      expect(readFileSync(join(dir, "here", f)).equals(one), f).toBe(true);
    }
  });
});
