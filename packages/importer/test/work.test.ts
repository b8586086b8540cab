// Text table reading costs work linear in the input: counted (lines and characters scanned, candidate
// placements and splits tried, see src/_work.ts), not timed, over shapes that once blew up — a PDF's
// reading order (a column's numbers before its labels), thousands of numbers on one line, no labels at
// all, a page flattened onto one line, one run of digits — from 1 KB to 1 MB. A generous watchdog
// (the test's timeout) catches anything the counter does not see; the time curves are in the bench.
import { SECTIONS } from "@xxgk/core-model";
import { describe, expect, test } from "vitest";
import { resetWork } from "../src/_work.js";
import { importReport, importText } from "../src/index.js";
// @ts-expect-error: a plain ES module shared with the bench, without types
import { FUZZ_SHAPES } from "./text-fuzz.mjs";
// @ts-expect-error: a plain ES module shared with the bench, without types
import { example, flatCopy, layoutCopy, pdfCopy, pipeCopy } from "./text-shapes.mjs";

/** Work per character allowed: a constant, the same at every size. */
const C = 20;
const SIZES = [1 << 10, 1 << 14, 1 << 18, 1 << 20];

describe.each(Object.keys(FUZZ_SHAPES as Record<string, unknown>))("%s", (shape) => {
  const make = (FUZZ_SHAPES as Record<string, (bytes: number) => string>)[shape]!;
  test(`costs at most ${C} steps a character, 1 KB to 1 MB`, () => {
    const perChar: number[] = [];
    for (const size of SIZES) {
      const text = make(size);
      expect(text.length).toBeGreaterThan(size / 4);
      resetWork();
      const result = importText(text);
      const steps = resetWork();
      expect(result.stats.placed + result.stats.unsure + result.stats.missing).toBe(result.stats.total);
      expect(steps, `${steps} steps for ${text.length} characters`).toBeLessThanOrEqual(C * text.length);
      perChar.push(steps / text.length);
    }
    // Flat: the largest input costs no more per character than twice the 16 KB one.
    expect(perChar[3]!).toBeLessThanOrEqual(2 * perChar[1]! + 1);
  }, 120_000);
});

test("the crash input: a PDF's reading order, its table 三 repeated until 6 KB, imports at once", async () => {
  const report = await example("example-2021");
  const copy = pdfCopy(report) as string;
  const at = copy.indexOf(SECTIONS[2]!.label);
  const table = copy.slice(at, copy.indexOf(SECTIONS[3]!.label));
  const text =
    copy.slice(0, at) +
    table.repeat(Math.ceil(6000 / table.length)) +
    copy.slice(copy.indexOf(SECTIONS[3]!.label));
  resetWork();
  const result = await importReport(text);
  expect(resetWork()).toBeLessThanOrEqual(C * text.length);
  expect(result.report).not.toBeNull();
}, 20_000);

test("every committed shape of both examples costs at most the same", async () => {
  for (const name of ["wulin-2020", "example-2021"]) {
    const report = await example(name);
    for (const text of [
      flatCopy(report),
      pdfCopy(report),
      pipeCopy(report),
      layoutCopy(report),
    ] as string[]) {
      resetWork();
      importText(text);
      expect(resetWork()).toBeLessThanOrEqual(C * text.length);
    }
  }
});
