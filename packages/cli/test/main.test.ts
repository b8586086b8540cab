import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { layoutOf } from "@xxgk/core-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CellRecord,
  commands,
  defineCommand,
  type Io,
  run,
  type ValidateOutput,
  version,
} from "../src/index.js";
import { EXAMPLES, scratch, xxgk } from "./_helpers.js";

describe("xxgk", () => {
  it("--help lists every command; no command at all is a usage error showing the same help", async () => {
    const help = await xxgk(["--help"]);
    expect(help.code).toBe(0);
    for (const c of commands) expect(help.stdout).toContain(`  ${c.name}  `);
    expect(help.stdout).toContain("退出码");
    const none = await xxgk([]);
    expect(none).toEqual({ code: 2, stdout: "", stderr: help.stdout });
    expect((await xxgk(["--lang", "en", "-h"])).stdout).toContain("Usage: xxgk <command> [options]");
  });

  it("<command> --help shows its usage and options, in the chosen language", async () => {
    for (const c of commands) {
      const r = await xxgk([c.name, "--help", "--lang", "en"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: ${c.usage}`);
      for (const name of Object.keys(c.options)) expect(r.stdout).toContain(`--${name}`);
    }
    expect((await xxgk(["cells", "-h"])).stdout).toContain("用法：xxgk cells <file>");
    expect(await xxgk(["help", "cells"])).toEqual(await xxgk(["cells", "--help"]));
    expect(await xxgk(["help"])).toEqual(await xxgk(["--help"]));
    expect((await xxgk(["help", "nope"])).code).toBe(2);
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(await xxgk(["--version"])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    expect(version()).toBe(pkg.version);
  });

  it("unknown commands and options are usage errors with a hint", async () => {
    expect(await xxgk(["vaildate"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "xxgk: 未知命令 “vaildate”，是否想用 validate？\n运行 xxgk --help 查看用法\n",
    });
    expect(await xxgk(["--lang", "en", "cels"])).toMatchObject({
      code: 2,
      stderr: 'xxgk: unknown command "cels"; did you mean cells?\nRun xxgk --help for usage.\n',
    });
    expect(await xxgk(["validate", "--strict", "x.json"])).toMatchObject({
      code: 2,
      stderr: "xxgk: 未知选项 --strict\n运行 xxgk validate --help 查看用法\n",
    });
    expect(await xxgk(["validate", "x.json", "--format"])).toMatchObject({
      code: 2,
      stderr:
        "xxgk: 选项 --format 需要一个值（以 - 开头的值请写成 --format=值）\n运行 xxgk validate --help 查看用法\n",
    });
    expect(await xxgk(["new", "--year", "--organ", "某局", "--lang", "en"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^xxgk: option --year needs a value/),
    });
    expect(await xxgk(["cells", "x.json", "--bom=yes", "--lang", "en"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^xxgk: option --bom takes no value\n/),
    });
    expect(await xxgk(["--frobnicate"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--frobnicate"),
    });
    expect((await xxgk(["validate", "--lang", "fr", "x.json"])).code).toBe(2);
  });

  it("a failing command is reported as an internal error with exit 70, never thrown", async () => {
    const boom = defineCommand({
      name: "boom",
      summary: { zh: "炸", en: "boom" },
      usage: "xxgk boom",
      options: {},
      async run() {
        throw new TypeError("a bug");
      },
    });
    let stderr = "";
    const io: Io = {
      stdout: { write() {} },
      stderr: {
        write(s) {
          stderr += s;
        },
      },
      stderrIsTTY: false,
      cwd: process.cwd(),
    };
    expect(await run(["boom", "--lang", "en"], io, [boom])).toBe(70);
    expect(stderr).toMatch(/^xxgk: internal error — a bug in xxgk.*\nTypeError: a bug\n/);
  });
});

/** Every path inside a JSON value, as pointer segments (for mutating documents at random places). */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const out = [prefix];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function mutate(doc: unknown, path: readonly string[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(doc) as Record<string, unknown>;
  let parent = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

describe("fuzzing the command line", () => {
  const examples = [EXAMPLES.wulin, EXAMPLES.y2021].map((f) => JSON.parse(readFileSync(f, "utf8")));
  const places = examples.map((doc) => paths(doc));
  const cellish = fc.oneof(
    fc.jsonValue(),
    fc.string(),
    fc.constantFrom("", "-", "+19", "4359957元", "１２", "无", -1, 1.5),
  );
  // Real documents changed in one place (deep changes reach the rules), or arbitrary JSON.
  const documents = fc.oneof(
    fc
      .record({ which: fc.nat(1), at: fc.nat(), value: cellish, remove: fc.boolean() })
      .map(({ which, at, value, remove }) => {
        const ps = places[which]!;
        return mutate(examples[which], ps[at % ps.length]!, value, remove);
      }),
    fc.jsonValue(),
  );

  it("validate: any JSON gives findings — exit 0 without error findings, 1 with — never a crash", async () => {
    const dir = scratch();
    const file = join(dir, "r.json");
    await fc.assert(
      fc.asyncProperty(documents, async (doc) => {
        writeFileSync(file, JSON.stringify(doc));
        const r = await xxgk(["validate", "--format", "json", file]);
        expect(r.stderr).toBe("");
        const out = JSON.parse(r.stdout) as ValidateOutput;
        const errors = out.summary.counts.error;
        expect(r.code).toBe(errors > 0 ? 1 : 0);
        const text = await xxgk(["validate", file, "--lang", "en"]);
        expect(text.code).toBe(r.code);
        expect(text.stdout).toMatch(
          new RegExp(`1 file: ${errors > 0 ? 1 : 0} with errors \\(${errors} errors?,`),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("cells: a report gives every cell, anything else exit 1 with the places named — never a crash", async () => {
    const dir = scratch();
    const file = join(dir, "r.json");
    await fc.assert(
      fc.asyncProperty(documents, async (doc) => {
        writeFileSync(file, JSON.stringify(doc));
        const r = await xxgk(["cells", "--format", "json", file]);
        if (r.code === 0) {
          const records = JSON.parse(r.stdout) as CellRecord[];
          const edition = (doc as { edition: "2019" | "2021" }).edition;
          expect(records.map((c) => c.pointer)).toEqual(layoutOf(edition).cells.map((c) => c.pointer));
          expect(r.stderr).toBe("");
        } else {
          expect(r.code).toBe(1);
          expect(r.stdout).toBe("");
          expect(r.stderr).toMatch(/^xxgk: .*r\.json 不是年度报告文档（\d+ 处不符合格式）/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("text that is not JSON exits 2 naming a line and column inside the file", async () => {
    const dir = scratch();
    const file = join(dir, "r.json");
    const source = readFileSync(EXAMPLES.y2021, "utf8");
    const garbage = fc.oneof(
      fc
        .nat(source.length - 2)
        .map((n) => source.slice(0, n + 1)), // truncated downloads
      fc.string({ unit: "binary" }),
      fc
        .tuple(fc.nat(source.length - 1), fc.constantFrom(",", "}", "'", "\u0000", "NaN"))
        .map(([n, s]) => source.slice(0, n) + s + source.slice(n)),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        fc.pre(!valid);
        writeFileSync(file, text);
        for (const command of ["validate", "cells"]) {
          const r = await xxgk([command, file, "--lang", "en"]);
          expect(r.code).toBe(2);
          const m = /r\.json:(\d+):(\d+): not valid JSON: /.exec(r.stderr);
          expect(m, r.stderr).not.toBeNull();
          const lines = text.split(/\r\n|\n|\r/);
          const line = Number(m![1]);
          expect(line).toBeLessThanOrEqual(lines.length);
          expect(Number(m![2])).toBeLessThanOrEqual([...lines[line - 1]!].length + 1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
