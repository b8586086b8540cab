import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { progressBar, renderSummaryLine } from "../../src/commands/render.js";
import {
  canMountTmpfs,
  EXAMPLES,
  resizeDisk,
  scratch,
  smallDisk,
  TMPFS_SKIP_REASON,
  xxgk,
} from "../_helpers.js";

const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });

/** Every file is whole: a PDF poppler reads to its last page, an HTML page that ends as it should. */
function expectWhole(dir: string, files: readonly string[]): void {
  for (const f of files) {
    expect(f.endsWith(".tmp"), `temporary file left: ${f}`).toBe(false);
    const path = join(dir, f);
    if (f.endsWith(".pdf")) expect(pdfText(path)).toContain("六、其他需要报告的事项");
    else expect(readFileSync(path, "utf8").trimEnd().endsWith("</html>")).toBe(true);
  }
}

/** A scratch directory holding both examples, a broken JSON file and a JSON file that is no report. */
function batch(): string {
  const dir = scratch();
  copyFileSync(EXAMPLES.wulin, join(dir, "wulin.json"));
  copyFileSync(EXAMPLES.y2021, join(dir, "binhe.json"));
  writeFileSync(join(dir, "broken.json"), '{ "edition": "2021", ');
  writeFileSync(join(dir, "other.json"), '{ "hello": "world" }');
  return dir;
}

describe("xxgk render", () => {
  it("renders a batch to PDF and HTML, reports each bad file, renders the others and exits 2", async () => {
    const dir = batch();
    const r = await xxgk(
      [
        "render",
        "wulin.json",
        "broken.json",
        "binhe.json",
        "other.json",
        "--pdf",
        "--html",
        "--out-dir",
        "out",
        "--lang",
        "en",
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(readdirSync(join(dir, "out")).sort()).toEqual([
      "binhe.html",
      "binhe.pdf",
      "wulin.html",
      "wulin.pdf",
    ]);
    expect(r.stdout.split("\n")).toEqual(
      expect.arrayContaining([join("out", "wulin.pdf"), join("out", "wulin.html"), join("out", "binhe.pdf")]),
    );
    expect(r.stdout).toContain("4 reports: 2 rendered, 2 failed; 4 files written");
    expect(r.stderr).toMatch(/broken\.json:1:\d+/);
    // What is wrong and where, once: the pointer is not repeated before a message that starts with it.
    expect(r.stderr).toContain(
      'other.json is not a report document (/edition: the edition must be "2019" (reports up to the year 2020)',
    );
    expect(pdfText(join(dir, "out", "binhe.pdf"))).toContain("收到和处理政府信息公开申请情况");
    expect(readFileSync(join(dir, "out", "wulin.html"), "utf8")).toContain("武林街道");
  });

  it("writes a Word document alone, or beside the PDF and HTML, next to the input or by the name given", async () => {
    const dir = batch();
    const alone = await xxgk(["render", "wulin.json", "--docx"], { cwd: dir });
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain("wulin.docx");
    const docx = readFileSync(join(dir, "wulin.docx"));
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    const all = await xxgk(
      ["render", "binhe.json", "--pdf", "--html", "--docx", "word.docx", "--out-dir", "out", "--lang", "en"],
      { cwd: dir },
    );
    expect(all.code).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["binhe.html", "binhe.pdf", "word.docx"]);
    expect(all.stdout).toContain("1 report: 1 rendered, 0 failed; 3 files written");
    // The same bytes as the package gives: the CLI adds nothing of its own.
    const { renderDocx } = await import("@xxgk/render-docx");
    const { parseReport } = await import("@xxgk/core-model");
    const parsed = parseReport(JSON.parse(readFileSync(join(dir, "wulin.json"), "utf8")));
    if (!parsed.ok) throw new Error("seed does not parse");
    expect(Buffer.from((await renderDocx(parsed.report)).docx).equals(docx)).toBe(true);
    const again = await xxgk(["render", "wulin.json", "--docx", "--lang", "en"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("wulin.docx already exists; add --force to overwrite it");
  });

  it("writes next to each input by default and exits 0 when everything rendered", async () => {
    const dir = batch();
    const r = await xxgk(["render", "wulin.json", "binhe.json", "--pdf"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "wulin.pdf")) && existsSync(join(dir, "binhe.pdf"))).toBe(true);
    expect(r.stdout).toContain("2 份报告：2 份已生成，0 份失败；共写入 2 个文件");
  });

  it("takes output names after --pdf / --html for a single report, and --fragment", async () => {
    const dir = batch();
    const r = await xxgk(
      [
        "render",
        "binhe.json",
        "--html",
        "page.htm",
        "--fragment",
        "--pdf",
        "print.pdf",
        "--preset",
        "compact",
      ],
      {
        cwd: dir,
      },
    );
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const html = readFileSync(join(dir, "page.htm"), "utf8");
    expect(html).not.toMatch(/<html/i);
    expect(html).toContain("江南市滨河区人民政府办公室");
    expect(pdfText(join(dir, "print.pdf"))).toContain("江南市滨河区人民政府办公室");
  });

  it("never replaces an existing file without --force, and replaces it with --force", async () => {
    const dir = batch();
    writeFileSync(join(dir, "wulin.pdf"), "mine");
    const refused = await xxgk(["render", "wulin.json", "--pdf", "--lang", "en"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("wulin.pdf already exists; add --force to overwrite it");
    expect(readFileSync(join(dir, "wulin.pdf"), "utf8")).toBe("mine");
    const forced = await xxgk(["render", "wulin.json", "--pdf", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "wulin.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(JSON.parse(readFileSync(join(dir, "wulin.json"), "utf8")).meta.organ).toBe(
      "杭州市下城区武林街道办事处",
    );
  });

  it("refuses an output that is a symlink to an input, even with --force (issue #23), and renders the rest", async () => {
    const dir = batch();
    mkdirSync(join(dir, "out"));
    symlinkSync("../wulin.json", join(dir, "out", "wulin.pdf"));
    const before = readFileSync(join(dir, "wulin.json"));
    const r = await xxgk(
      ["render", "wulin.json", "binhe.json", "--pdf", "--out-dir", "out", "--force", "--lang", "en"],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${join("out", "wulin.pdf")} is a link to the input file wulin.json; it cannot be the output`,
    );
    expect(readFileSync(join(dir, "wulin.json")).equals(before)).toBe(true);
    expect(pdfText(join(dir, "out", "binhe.pdf"))).toContain("江南市滨河区人民政府办公室");
    expect(r.stdout).toContain("2 reports: 1 rendered, 1 failed; 1 file written");
  });

  it.each([
    ["wulin.json"],
    ["wulin.json/sub"],
  ])("says an --out-dir of %s is a file, not a directory, and leaves the file alone", async (outDir) => {
    const dir = batch();
    const before = readFileSync(join(dir, "wulin.json"), "utf8");
    const r = await xxgk(["render", "binhe.json", "--pdf", "--out-dir", outDir, "--lang", "en"], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${outDir} is a file, not a directory; give --out-dir a directory`);
    expect(readFileSync(join(dir, "wulin.json"), "utf8")).toBe(before);
  });

  it.each([
    [["render", "wulin.json"], "say what to write: --pdf, --docx and/or --html"],
    [
      ["render", "wulin.json", "--pdf", "out.docx"],
      "out.docx looks like an output name; put it after --docx",
    ],
    [
      ["render", "wulin.json", "binhe.json", "--docx", "x.docx"],
      "an output file name goes with exactly one input",
    ],
    [["render", "--pdf"], "give the report files to render"],
    [["render", "wulin.json", "out.pdf"], "out.pdf looks like an output name; put it after --pdf"],
    [
      ["render", "wulin.json", "binhe.json", "--pdf", "x.pdf"],
      "an output file name goes with exactly one input",
    ],
    [["render", "wulin.json", "--pdf", "--jobs", "0"], '--jobs must be a positive integer, not "0"'],
    [["render", "wulin.json", "--pdf", "--fragment"], "--fragment applies to --html only"],
    [["render", "-", "--pdf"], "render does not read standard input"],
  ])("rejects %j with exit 2: %s", async (argv, message) => {
    const r = await xxgk([...argv, "--lang", "en"], { cwd: batch() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("draws a progress bar on a terminal and clears it before the summary", async () => {
    const dir = batch();
    const r = await xxgk(["render", "wulin.json", "binhe.json", "--html"], { cwd: dir, stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${progressBar(1, 2)} `);
    expect(r.stderr).toContain(progressBar(2, 2));
    expect(r.stderr.endsWith("\r\x1b[K")).toBe(true);
  });

  it("warns about characters the font lacks, naming the character and where, and still renders", async () => {
    const dir = batch();
    const doc = JSON.parse(readFileSync(EXAMPLES.wulin, "utf8"));
    doc.meta.organ = "下城区𠮷祥街道办事处";
    writeFileSync(join(dir, "rare.json"), JSON.stringify(doc));
    const r = await xxgk(["render", "rare.json", "--pdf", "--lang", "en"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('rare.json: The font has no glyph for "𠮷" (U+20BB7) at /meta/organ');
    expect(existsSync(join(dir, "rare.pdf"))).toBe(true);
  });

  it.skipIf(!canMountTmpfs)(
    `on a full disk names each file it cannot write, leaves no truncated file, and a re-run completes the batch (${TMPFS_SKIP_REASON} otherwise)`,
    async () => {
      const dir = batch();
      // Room for about two of the four files (each 90–140 KB).
      const out = smallDisk(256);
      const argv = [
        "render",
        "wulin.json",
        "binhe.json",
        "--pdf",
        "--html",
        "--out-dir",
        out,
        "--lang",
        "en",
      ];
      const full = await xxgk(argv, { cwd: dir });
      expect(full.code).toBe(2);
      expect(full.stderr).toMatch(/cannot write .*\.(pdf|html): no space left on the device \(ENOSPC\)/);
      const written = readdirSync(out).sort();
      expect(written.length).toBeGreaterThan(0);
      expect(written.length).toBeLessThan(4);
      expect(full.stdout).toContain(`; ${written.length} file${written.length === 1 ? "" : "s"} written`);
      expectWhole(out, written);
      // Once there is room, a re-run without --force writes exactly what is missing.
      resizeDisk(out, 2048);
      const again = await xxgk(argv, { cwd: dir });
      expect(again.stderr.match(/already exists/g) ?? []).toHaveLength(written.length);
      expect(readdirSync(out).sort()).toEqual(["binhe.html", "binhe.pdf", "wulin.html", "wulin.pdf"]);
      expectWhole(out, readdirSync(out));
    },
  );

  it("uses the office's fonts from --font-dir and --font, and says which file served each role", async () => {
    const dir = batch();
    mkdirSync(join(dir, "fonts"));
    symlinkSync("/usr/share/fonts/truetype/arphic/ukai.ttc", join(dir, "fonts", "kai.ttc"));
    symlinkSync("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", join(dir, "fonts", "hei.ttc"));
    const r = await xxgk(
      [
        "render",
        "binhe.json",
        "--pdf",
        "--font-dir",
        "fonts",
        "--font",
        "正文=/usr/share/fonts/truetype/arphic/uming.ttc#AR PL UMing CN",
        "--lang",
        "en",
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `xxgk: fonts: title ← Noto Serif SC Bold (bundled) (NotoSerifSC-Bold); body ← /usr/share/fonts/truetype/arphic/uming.ttc (UMingCN); heading 1 ← ${join("fonts", "hei.ttc")} (WenQuanYiZenHei); heading 2 ← ${join("fonts", "kai.ttc")} (UKaiCN)`,
    );
    const fonts = execFileSync("pdffonts", [join(dir, "binhe.pdf")], { encoding: "utf8" });
    for (const face of ["UMingCN", "WenQuanYiZenHei", "UKaiCN"])
      expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${face}`));
    const bad = await xxgk(["render", "binhe.json", "--pdf", "--font", "footer=x.ttf", "--lang", "en"], {
      cwd: dir,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--font takes ROLE=FILE (roles: title, body, heading1, heading2), not "footer=x.ttf"',
    );
  });

  it("words the summary in both languages", () => {
    const s = { reports: 1, rendered: 1, files: 2, failed: 0 };
    expect(renderSummaryLine(s, "en")).toBe("1 report: 1 rendered, 0 failed; 2 files written");
    expect(renderSummaryLine(s, "zh")).toBe("1 份报告：1 份已生成，0 份失败；共写入 2 个文件");
    expect(progressBar(0, 4, 4)).toBe("[░░░░] 0/4");
    expect(progressBar(4, 4, 4)).toBe("[████] 4/4");
  });
});

describe("xxgk render on worker threads (the built command)", () => {
  const root = new URL("../..", import.meta.url).pathname;
  const bin = new URL("../../dist/bin.js", import.meta.url).pathname;
  beforeAll(() => {
    if (!existsSync(new URL("../../dist/_render-worker.js", import.meta.url))) {
      const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root });
      execFileSync(process.execPath, ["scripts/chmod-bin.mjs"], { cwd: root });
    }
  });

  const renderBuilt = (dir: string, args: readonly string[], nodeFlags: readonly string[] = []) =>
    spawnSync(process.execPath, [...nodeFlags, bin, "render", ...args, "--lang", "en"], {
      cwd: dir,
      encoding: "utf8",
    });

  it("renders many reports on one and on two worker threads, byte-identical to an in-process run", async () => {
    const dir = batch();
    const names = ["a", "b", "c", "d", "e"];
    for (const n of names) copyFileSync(n < "c" ? EXAMPLES.wulin : EXAMPLES.y2021, join(dir, `${n}.json`));
    const files = [...names.map((n) => `${n}.json`), "broken.json"];
    for (const jobs of ["1", "2"]) {
      const r = renderBuilt(dir, [...files, "--pdf", "--out-dir", `jobs${jobs}`, "--jobs", jobs]);
      expect(r.status).toBe(2);
      expect(r.stdout).toContain("6 reports: 5 rendered, 1 failed; 5 files written");
      expect(r.stderr).toContain("broken.json");
    }
    const inProcess = await xxgk(["render", ...names.map((n) => `${n}.json`), "--pdf", "--out-dir", "one"], {
      cwd: dir,
    });
    expect(inProcess.code).toBe(0);
    for (const n of names) {
      const expected = readFileSync(join(dir, "one", `${n}.pdf`));
      expect(readFileSync(join(dir, "jobs1", `${n}.pdf`)).equals(expected)).toBe(true);
      expect(readFileSync(join(dir, "jobs2", `${n}.pdf`)).equals(expected)).toBe(true);
    }
  });

  it("writes DOCX in the same worker batch as the PDFs, byte-identical to an in-process run", async () => {
    const dir = batch();
    const names = ["a", "b", "c"];
    for (const n of names) copyFileSync(n === "a" ? EXAMPLES.wulin : EXAMPLES.y2021, join(dir, `${n}.json`));
    const files = names.map((n) => `${n}.json`);
    const r = renderBuilt(dir, [...files, "--pdf", "--docx", "--out-dir", "pool", "--jobs", "2"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("3 reports: 3 rendered, 0 failed; 6 files written");
    const inProcess = await xxgk(["render", ...files, "--docx", "--out-dir", "one"], { cwd: dir });
    expect(inProcess.code).toBe(0);
    for (const n of names) {
      expect(
        readFileSync(join(dir, "pool", `${n}.docx`)).equals(readFileSync(join(dir, "one", `${n}.docx`))),
      ).toBe(true);
      expect(existsSync(join(dir, "pool", `${n}.pdf`))).toBe(true);
    }
  });

  it("refuses a symlink to an input in the output folder on the workers too, and renders the rest", () => {
    const dir = batch();
    mkdirSync(join(dir, "out"));
    symlinkSync("../binhe.json", join(dir, "out", "binhe.pdf"));
    const before = readFileSync(join(dir, "binhe.json"));
    const r = renderBuilt(dir, [
      "wulin.json",
      "binhe.json",
      "--pdf",
      "--out-dir",
      "out",
      "--force",
      "--jobs",
      "2",
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${join("out", "binhe.pdf")} is a link to the input file binhe.json; it cannot be the output`,
    );
    expect(readFileSync(join(dir, "binhe.json")).equals(before)).toBe(true);
    expect(r.stdout).toContain("2 reports: 1 rendered, 1 failed; 1 file written");
  });

  it("collects a worker's young generation after each report", () => {
    // The batch's speed rests on this (see _render-worker.ts): with --expose-gc not reaching the workers,
    // or the call gone, V8's trace shows no collection asked for by the program ("testing").
    const dir = batch();
    const files = ["a", "b", "c"].map((n) => {
      copyFileSync(EXAMPLES.wulin, join(dir, `${n}.json`));
      return `${n}.json`;
    });
    const r = renderBuilt(dir, [...files, "--pdf", "--out-dir", "out", "--jobs", "1"], ["--trace-gc"]);
    expect(r.status).toBe(0);
    const asked = r.stdout.split("\n").filter((l) => /Scavenge\b.*\btesting\b/.test(l));
    expect(asked).toHaveLength(files.length);
  });
});
