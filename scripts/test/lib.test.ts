import { delimiter } from "node:path";
import { describe, expect, it } from "vitest";
import { childEnv, newTotals, painter, parseStartArgs, tally, wantsColor } from "../_lib.mjs";

describe("childEnv", () => {
  it("puts the pinned pnpm's folder first on the PATH handed to turbo and every script", () => {
    const env = childEnv(
      { PATH: ["/usr/local/bin", "/usr/bin"].join(delimiter), HOME: "/root" },
      "/x/.tools/bin",
    );
    expect(env.PATH!.split(delimiter)).toEqual(["/x/.tools/bin", "/usr/local/bin", "/usr/bin"]);
    expect(env.HOME).toBe("/root");
    expect(env.TURBO_TELEMETRY_DISABLED).toBe("1");
  });

  it("leaves PATH alone when the pnpm on it already is the pinned one", () => {
    const env = childEnv({ PATH: "/usr/bin" }, null);
    expect(env.PATH).toBe("/usr/bin");
  });

  it("does not list the folder twice, and keeps Windows' spelling of Path", () => {
    const env = childEnv({ Path: "C:\\pnpm;C:\\Windows" }, "C:\\pnpm", ";");
    expect(env.Path).toBe("C:\\pnpm;C:\\Windows");
    expect(env.PATH).toBeUndefined();
  });

  it("gives a PATH even when the parent had none", () => {
    expect(childEnv({}, "/t/bin").PATH).toBe("/t/bin");
  });
});

describe("colour", () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it("goes only to a terminal, and NO_COLOR turns it off", () => {
    expect(wantsColor(tty, {})).toBe(true);
    expect(wantsColor(pipe, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: "1" })).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(wantsColor(tty, { NO_COLOR: "" })).toBe(true);
  });

  it("never writes an escape code into a log", () => {
    expect(painter(pipe, {})("36", "[xxgk]")).toBe("[xxgk]");
    expect(painter(tty, {})("36", "[xxgk]")).toBe("\x1b[36m[xxgk]\x1b[0m");
  });
});

describe("parseStartArgs", () => {
  it("accepts the documented options", () => {
    expect(parseStartArgs([])).toEqual({ ok: true, values: {} });
    expect(parseStartArgs(["--no-serve", "--port", "8080"])).toEqual({
      ok: true,
      values: { "no-serve": true, port: "8080" },
    });
  });

  it.each([
    [["--prot", "8080"], "--prot"],
    [["--port"], "--port"],
    [["--port", "80a"], "80a"],
    [["--port", "70000"], "70000"],
    [["serve"], "serve"],
  ])("rejects %j with one line naming %s, Chinese first", (argv, named) => {
    const r = parseStartArgs(argv);
    expect(r.ok).toBe(false);
    const message = r.ok ? "" : (r.message ?? "");
    expect(message).toContain(named);
    expect(message).not.toContain("\n");
    // Chinese first, English after it.
    const zh = message.search(/[\u4e00-\u9fff]/);
    expect(zh).toBeGreaterThanOrEqual(0);
    expect(zh).toBeLessThan(message.search(/\b(?:unknown|unexpected|must)\b/));
  });
});

describe("tally", () => {
  it("adds up vitest's summary lines from every package, coloured or not", () => {
    const t = newTotals();
    tally(t, "@xxgk/cli:test:       Tests  2 failed | 40 passed (42)");
    tally(t, "\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m7 passed\x1b[39m\x1b[22m | 1 skipped (8)");
    tally(t, "@xxgk/cli:test:  ✓ test/records.test.ts (2 tests) 393ms");
    expect(t).toMatchObject({ passed: 47, failed: 2, skipped: 1, warnings: [] });
  });

  it("keeps turbo's warnings, so that npm test fails on a new one", () => {
    const t = newTotals();
    tally(t, " WARNING  no output files found for task @xxgk/cli#test. Please check your `outputs` key");
    tally(t, "@xxgk/importer:test: a test named WARNING in the middle of a line");
    expect(t.warnings).toEqual([
      "no output files found for task @xxgk/cli#test. Please check your `outputs` key",
    ]);
  });
});
