import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProtectedFiles, writeFileSafely } from "../src/_output.js";
import { OutputError } from "../src/errors.js";
import { canMountTmpfs, resizeDisk, scratch, smallDisk, TMPFS_SKIP_REASON } from "./_helpers.js";

/** A folder with an input `in/a.json`, an empty `out/`, and the input protected. */
async function setup() {
  const dir = scratch();
  mkdirSync(join(dir, "in"));
  mkdirSync(join(dir, "out"));
  writeFileSync(join(dir, "in", "a.json"), '{"mine":true}');
  const protect = await ProtectedFiles.of(["in/a.json"], dir);
  return { dir, protect, input: () => readFileSync(join(dir, "in", "a.json"), "utf8") };
}

/** What a write threw (or nothing), as the fields a user sees. */
async function attempt(write: Promise<void>) {
  try {
    await write;
    return undefined;
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    return { code: e.code, file: e.file, en: e.text.en, zh: e.text.zh };
  }
}

/** Files whose name says they are our temporary files. */
const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

describe("writeFileSafely: never an input", () => {
  it.each([
    ["the input by another spelling", (_dir: string) => "out/../in/./a.json"],
    [
      "a symlink in the output folder pointing at the input",
      (dir: string) => {
        symlinkSync("../in/a.json", join(dir, "out", "a.pdf"));
        return "out/a.pdf";
      },
    ],
    [
      "a hard link to the input (two names for one file, as on a case-insensitive file system)",
      (dir: string) => {
        linkSync(join(dir, "in", "a.json"), join(dir, "out", "A.JSON"));
        return "out/A.JSON";
      },
    ],
    [
      "the input reached through a symlinked folder",
      (dir: string) => {
        symlinkSync(join(dir, "in"), join(dir, "out", "linked"));
        return "out/linked/a.json";
      },
    ],
  ])("refuses %s, even with force, and leaves the input as it was", async (_what, make) => {
    const { dir, protect, input } = await setup();
    const path = make(dir);
    const refused = await attempt(writeFileSafely(path, "%PDF-1.3", { cwd: dir, force: true, protect }));
    expect(refused).toMatchObject({ code: "OUTPUT_IS_INPUT", file: path });
    expect(refused?.en).toContain("in/a.json");
    expect(input()).toBe('{"mine":true}');
    expect(temporaries(join(dir, "out"))).toEqual([]);
  });

  it("says a symlink is a link to the input", async () => {
    const { dir, protect } = await setup();
    symlinkSync("../in/a.json", join(dir, "out", "a.pdf"));
    expect(await attempt(writeFileSafely("out/a.pdf", "x", { cwd: dir, force: true, protect }))).toEqual({
      code: "OUTPUT_IS_INPUT",
      file: "out/a.pdf",
      en: "out/a.pdf is a link to the input file in/a.json; it cannot be the output",
      zh: "out/a.pdf 是指向输入文件 in/a.json 的链接，不能用作输出",
    });
  });

  it("refuses every path that leads to the input, however it is spelled", async () => {
    const { dir, protect, input } = await setup();
    symlinkSync(join(dir, "in"), join(dir, "out", "l"));
    // Segments that lead from the folder to `in/`: directly, back and forth, through the symlink.
    const toIn = fc.array(fc.constantFrom("in", "out/l", "out/../in", "./in", "in/../in", "out/./l/."), {
      minLength: 1,
      maxLength: 1,
    });
    const padding = fc.array(fc.constantFrom(".", "out/..", "in/.."), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(padding, toIn, fc.constantFrom("a.json", "./a.json"), async (pad, [mid], file) => {
        const path = [...pad, mid, file].join("/");
        const r = await attempt(writeFileSafely(path, "x", { cwd: dir, force: true, protect }));
        return r?.code === "OUTPUT_IS_INPUT" && input() === '{"mine":true}';
      }),
      { numRuns: 60 },
    );
  });
});

describe("writeFileSafely: whole or not at all", () => {
  it("writes the file whole and leaves no temporary file", async () => {
    const { dir, protect } = await setup();
    const data = new Uint8Array(300_000).map((_, i) => i % 251);
    await writeFileSafely("out/a.pdf", data, { cwd: dir, force: false, protect });
    expect(readFileSync(join(dir, "out", "a.pdf")).equals(data)).toBe(true);
    expect(temporaries(join(dir, "out"))).toEqual([]);
  });

  it("keeps an existing file without force; with force replaces it, keeping its permissions", async () => {
    const { dir, protect } = await setup();
    writeFileSync(join(dir, "out", "a.csv"), "old");
    chmodSync(join(dir, "out", "a.csv"), 0o600);
    expect(
      await attempt(writeFileSafely("out/a.csv", "new", { cwd: dir, force: false, protect })),
    ).toMatchObject({ code: "OUTPUT_EXISTS", en: "out/a.csv already exists; add --force to overwrite it" });
    expect(readFileSync(join(dir, "out", "a.csv"), "utf8")).toBe("old");
    await writeFileSafely("out/a.csv", "new", { cwd: dir, force: true, protect });
    expect(readFileSync(join(dir, "out", "a.csv"), "utf8")).toBe("new");
    expect(statSync(join(dir, "out", "a.csv")).mode & 0o777).toBe(0o600);
    expect(temporaries(join(dir, "out"))).toEqual([]);
  });

  it("replaces a symlink to another file with the file itself and leaves the link's target alone", async () => {
    const { dir, protect } = await setup();
    writeFileSync(join(dir, "elsewhere.txt"), "keep");
    symlinkSync("../elsewhere.txt", join(dir, "out", "a.csv"));
    expect(
      (await attempt(writeFileSafely("out/a.csv", "new", { cwd: dir, force: false, protect })))?.code,
    ).toBe("OUTPUT_EXISTS");
    await writeFileSafely("out/a.csv", "new", { cwd: dir, force: true, protect });
    expect(lstatSync(join(dir, "out", "a.csv")).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, "out", "a.csv"), "utf8")).toBe("new");
    expect(readFileSync(join(dir, "elsewhere.txt"), "utf8")).toBe("keep");
  });

  it("names a folder in the way, and a folder that does not exist, with the reason", async () => {
    const { dir, protect } = await setup();
    mkdirSync(join(dir, "out", "a.pdf"));
    expect(
      await attempt(writeFileSafely("out/a.pdf", "x", { cwd: dir, force: true, protect })),
    ).toMatchObject({
      code: "OUTPUT_WRITE",
      en: "out/a.pdf is a folder; it cannot be written as a file",
    });
    expect(
      await attempt(writeFileSafely("nope/a.pdf", "x", { cwd: dir, force: false, protect })),
    ).toMatchObject({
      code: "OUTPUT_WRITE",
      en: "cannot write nope/a.pdf: its folder does not exist (ENOENT); nothing half-written was left",
      zh: "无法写入 nope/a.pdf：所在目录不存在（ENOENT）；没有留下写了一半的文件",
    });
  });
});

describe.skipIf(!canMountTmpfs)(`writeFileSafely on a full disk (${TMPFS_SKIP_REASON} otherwise)`, () => {
  it("reports the file and ENOSPC, leaves neither a truncated file nor a temporary one", async () => {
    const disk = smallDisk(64);
    const protect = ProtectedFiles.none;
    const big = new Uint8Array(200_000).fill(65);
    expect(await attempt(writeFileSafely("a.pdf", big, { cwd: disk, force: false, protect }))).toEqual({
      code: "OUTPUT_WRITE",
      file: "a.pdf",
      en: "cannot write a.pdf: no space left on the device (ENOSPC); nothing half-written was left",
      zh: "无法写入 a.pdf：磁盘空间不足（ENOSPC）；没有留下写了一半的文件",
    });
    expect(readdirSync(disk)).toEqual([]);
    // A re-run once there is room is not blocked by a leftover.
    resizeDisk(disk, 512);
    await writeFileSafely("a.pdf", big, { cwd: disk, force: false, protect });
    expect(statSync(join(disk, "a.pdf")).size).toBe(big.length);
  });

  it("keeps the old file whole when its replacement does not fit", async () => {
    const disk = smallDisk(64);
    writeFileSync(join(disk, "a.csv"), "old contents");
    const r = await attempt(
      writeFileSafely("a.csv", new Uint8Array(200_000), {
        cwd: disk,
        force: true,
        protect: ProtectedFiles.none,
      }),
    );
    expect(r?.code).toBe("OUTPUT_WRITE");
    expect(readFileSync(join(disk, "a.csv"), "utf8")).toBe("old contents");
    expect(readdirSync(disk)).toEqual(["a.csv"]);
  });
});
