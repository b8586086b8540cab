import { describe, expect, it } from "vitest";
import {
  CliError,
  EXIT_INTERNAL,
  exitCodeOf,
  InputError,
  OutputError,
  ReportInvalidError,
  UsageError,
} from "../src/index.js";

const t = { zh: "中", en: "en" };

describe("exitCodeOf", () => {
  it("maps outcomes and error codes to the documented exit statuses", () => {
    expect(exitCodeOf("ok")).toBe(0);
    expect(exitCodeOf("findings")).toBe(1);
    expect(exitCodeOf("unreadable")).toBe(2);
    expect(exitCodeOf(new ReportInvalidError("r.json", []))).toBe(1);
    expect(exitCodeOf(new UsageError(t))).toBe(2);
    expect(exitCodeOf(new InputError("INPUT_JSON", "r.json", t, { line: 1, column: 2, offset: 1 }))).toBe(2);
    expect(exitCodeOf(new OutputError("OUTPUT_EXISTS", "o.csv", t))).toBe(2);
  });

  it("treats anything else as a bug: 70", () => {
    expect(EXIT_INTERNAL).toBe(70);
    for (const e of [new Error("x"), new TypeError("y"), "toString", undefined, null, 42]) {
      expect(exitCodeOf(e)).toBe(70);
    }
  });
});

describe("CliError", () => {
  it("keeps a stable code, both languages, the cause and the class name", () => {
    const cause = new Error("ENOENT");
    const e = new InputError("INPUT_READ", "a.json", { zh: "找不到", en: "missing" }, undefined, { cause });
    expect(e).toBeInstanceOf(CliError);
    expect(e).toMatchObject({
      name: "InputError",
      code: "INPUT_READ",
      message: "missing",
      file: "a.json",
      cause,
    });
    expect(e.location).toBe("a.json");
    expect(new InputError("INPUT_JSON", "a.json", t, { line: 3, column: 4, offset: 20 }).location).toBe(
      "a.json:3:4",
    );
  });
});
