// `xxgk import --convert`: a legacy Word file, made here by LibreOffice from our own DOCX (Word 97 format),
// converted back to .docx by LibreOffice and imported.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseReport, type Report } from "@xxgk/core-model";
import { convertWithLibreOffice } from "@xxgk/render-contract/libreoffice";
import { renderDocx } from "@xxgk/render-docx";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { reportArticle } from "../../../importer/test/_page.js";
import { findSoffice } from "../../src/_convert.js";
import { scratch, xxgk } from "../_helpers.js";

const example = (): Report => {
  const json = readFileSync(
    new URL("../../../core-model/examples/example-2021.json", import.meta.url),
    "utf8",
  );
  const parsed = parseReport(JSON.parse(json));
  if (!parsed.ok) throw new Error("the example does not parse");
  return parsed.report;
};

let doc: Uint8Array;
beforeAll(async () => {
  const { docx } = await renderDocx(example());
  doc = (await convertWithLibreOffice({ "report.docx": docx }, { to: "doc:MS Word 97" }))["report.docx"]!;
  // A legacy Word file is an OLE compound file.
  expect([...doc.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith("xxgk-convert-"));

describe("xxgk import --convert", () => {
  it("converts a .doc with LibreOffice and imports it: every cell as in the report it was made from", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "旧报告.doc"), doc);
    const before = leftovers();
    const r = await xxgk(["import", "旧报告.doc", "--convert", "-o", "report.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "旧报告.doc：已放置 200，不确定 0，缺失 0（共 200 个单元格）；0 个错误，0 个警告，0 个提示",
      "  已用 LibreOffice 转换为 .docx 后导入（以下位置指转换后的文档）",
    ]);
    const parsed = parseReport(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.report.tables).toEqual(example().tables);
    expect(parsed.report.meta).toMatchObject({ organ: "江南市滨河区人民政府办公室", year: 2025 });
    // The temporary folder with LibreOffice's profile is gone.
    expect(leftovers()).toEqual(before);
  });

  it("a .doc holding two reports: refused with both named (exit 1); with --all, each its own file", async () => {
    const a = example();
    const b: Report = {
      ...a,
      meta: { ...a.meta, year: 2022, title: "江南市滨河区人民政府办公室2022年政府信息公开工作年度报告" },
    };
    const html = `<html><head><meta charset="utf-8"></head><body>${reportArticle(a)}\n${reportArticle(b)}</body></html>`;
    const two = (
      await convertWithLibreOffice({ "two.html": new TextEncoder().encode(html) }, { to: "doc:MS Word 97" })
    )["two.html"]!;
    const dir = scratch();
    writeFileSync(join(dir, "two.doc"), two);

    const one = await xxgk(["import", "two.doc", "--convert", "-o", "two.json"], { cwd: dir });
    expect(one.code).toBe(1);
    expect(one.stdout).toContain("several-reports");
    expect(one.stdout).toMatch(
      new RegExp(`「${a.meta.title}」（第 \\d+ 段）、「${b.meta.title}」（第 \\d+ 段）`),
    );
    expect(existsSync(join(dir, "two.json"))).toBe(false);

    const all = await xxgk(["import", "two.doc", "--convert", "--all", "--out-dir", "out"], { cwd: dir });
    expect(all.code).toBe(0);
    expect(all.stdout.split("\n").filter((l) => l.startsWith("two.doc"))).toEqual([
      expect.stringMatching(/^two\.doc（第 1 份报告，共 2 份）：已放置 200，不确定 0，缺失 0/),
      expect.stringMatching(/^two\.doc（第 2 份报告，共 2 份）：已放置 200，不确定 0，缺失 0/),
    ]);
    const titles = ["two-1.json", "two-2.json"].map((f) => {
      const parsed = parseReport(JSON.parse(readFileSync(join(dir, "out", f), "utf8")));
      if (!parsed.ok) throw new Error(f);
      return parsed.report.meta.title;
    });
    expect(titles).toEqual([a.meta.title, b.meta.title]);
  });

  it("without --convert, refuses the .doc and says --convert would convert it (exit 1)", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "old.doc"), doc);
    const r = await xxgk(["--lang", "en", "import", "old.doc"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/old\.doc:1 error format-unsupported this is a legacy Word \(\.doc\) or WPS/);
    expect(r.stderr).toContain(
      "  hint: with LibreOffice installed, --convert converts it to .docx and imports that\n",
    );
  });

  it("says how to get LibreOffice when soffice cannot be found, and goes on with the other files (exit 2)", async () => {
    vi.stubEnv("SOFFICE_PATH", "/nonexistent/soffice");
    const dir = scratch();
    writeFileSync(join(dir, "old.doc"), doc);
    writeFileSync(
      join(dir, "seed.txt"),
      readFileSync(new URL("../../../importer/test/fixtures/seed-wulin-2020.txt", import.meta.url)),
    );
    const r = await xxgk(["import", "old.doc", "seed.txt", "--convert", "--out-dir", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "xxgk: old.doc: 未找到 LibreOffice 的 soffice 程序：--convert 要用它把旧版 Word（.doc）或 WPS（.wps）文件转换为 .docx。请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或用环境变量 SOFFICE_PATH 指明 soffice 的位置",
    );
    expect(r.stdout).toContain("2 个文件：0 个有错误，1 个无法读取，0 个未能写入");
    expect(existsSync(join(dir, "seed.json"))).toBe(true);
    expect(existsSync(join(dir, "old.json"))).toBe(false);
  });

  it("names a file LibreOffice cannot open (exit 2)", async () => {
    const dir = scratch();
    // An OLE header and nothing after it: recognised as a legacy file, unreadable to LibreOffice.
    writeFileSync(
      join(dir, "broken.wps"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    const r = await xxgk(["--lang", "en", "import", "broken.wps", "--convert"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^xxgk: broken\.wps: LibreOffice (could not open the file|failed to convert it)/m,
    );
  });
});

describe("findSoffice", () => {
  it("takes SOFFICE_PATH when it is set, and says nothing is there when it points nowhere", () => {
    expect(findSoffice({ SOFFICE_PATH: "/nonexistent/soffice", PATH: "/usr/bin" })).toBeUndefined();
    expect(findSoffice({ SOFFICE_PATH: "/usr/bin/env" })).toBe("/usr/bin/env");
  });

  it("finds soffice on PATH", () => {
    const found = findSoffice({ PATH: `/nonexistent:${process.env.PATH}` });
    expect(found).toMatch(/soffice$/);
    expect(findSoffice({ PATH: "/nonexistent" })).toBeUndefined();
  });
});
