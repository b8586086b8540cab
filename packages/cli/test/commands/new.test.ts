import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listCells, parseReport } from "@xxgk/core-model";
import { describe, expect, it } from "vitest";
import { scratch, xxgk } from "../_helpers.js";

describe("xxgk new", () => {
  it("prints a blank report of the year's edition that parses as a report", async () => {
    for (const [year, edition] of [
      ["2025", "2021"],
      ["2020", "2019"],
    ] as const) {
      const r = await xxgk(["new", "--year", year, "--organ", "武林街道办事处"]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const parsed = parseReport(JSON.parse(r.stdout));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      expect(parsed.report.edition).toBe(edition);
      expect(parsed.report.meta).toEqual({
        organ: "武林街道办事处",
        year: Number(year),
        title: `武林街道办事处${year}年政府信息公开工作年度报告`,
      });
      expect(listCells(parsed.report).every((c) => c.cell.raw === "")).toBe(true);
    }
  });

  it("takes --edition and --title, and refuses an edition the year does not use", async () => {
    const r = await xxgk([
      "new",
      "--edition",
      "2021",
      "--year",
      "2025",
      "--organ",
      "某局",
      "--title",
      "某局年报",
    ]);
    expect(JSON.parse(r.stdout).meta.title).toBe("某局年报");
    const wrong = await xxgk([
      "new",
      "--edition",
      "2019",
      "--year",
      "2025",
      "--organ",
      "某局",
      "--lang",
      "en",
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      "xxgk: a 2025 report uses the 2021 edition, not 2019\nRun xxgk new --help for usage.\n",
    );
  });

  it("rejects missing or bad arguments with exit 2 and nothing on stdout", async () => {
    for (const argv of [
      ["new", "--organ", "某局"],
      ["new", "--year", "2025"],
      ["new", "--year", "25", "--organ", "某局"],
      ["new", "--year", "2007", "--organ", "某局"],
      ["new", "--year", "2025.5", "--organ", "某局"],
      ["new", "--year", "2025", "--organ", "  "],
      ["new", "--year", "2025", "--organ", "某局", "extra"],
      ["new", "--year", "2025", "--organ", "某局", "--edition", "2030"],
      ["new", "--year", "--organ", "某局"],
    ]) {
      const r = await xxgk(argv);
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: "" });
      expect(r.stderr).toMatch(/^xxgk: .+\n运行 xxgk new --help 查看用法\n$/);
    }
  });

  it("refuses a year before the 2019 format and says which years each edition covers", async () => {
    const r = await xxgk(["new", "--year", "2018", "--organ", "某局"]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toBe(
      "xxgk: 2018 年度早于现行的两种报告格式：2019 版（国办公开办函〔2019〕60号）用于 2019–2020 年度；" +
        "2021 版（国办公开办函〔2021〕30号）用于 2021 年度起\n运行 xxgk new --help 查看用法\n",
    );
    const en = await xxgk(["new", "--year", "2018", "--organ", "某局", "--lang", "en"]);
    expect(en.stderr).toContain(
      "2018 predates both report formats: the 2019 edition (国办公开办函〔2019〕60号) covers 2019–2020",
    );
    expect((await xxgk(["new", "--year", "2019", "--organ", "某局"])).code).toBe(0);
    expect((await xxgk(["import", "x.html", "--year", "2018"])).stderr).toContain("2018 年度早于");
  });

  it("writes -o FILE and will not replace an existing file unless --force", async () => {
    const dir = scratch();
    const argv = ["new", "--year", "2025", "--organ", "某局", "-o", "report.json"];
    expect(await xxgk(argv, { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).edition).toBe("2021");
    writeFileSync(join(dir, "report.json"), "my work");
    const again = await xxgk(argv, { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("xxgk: report.json 已存在；加 --force 覆盖\n");
    expect(readFileSync(join(dir, "report.json"), "utf8")).toBe("my work");
    expect((await xxgk([...argv, "--force"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "report.json"), "utf8")).not.toBe("my work");
  });
});
