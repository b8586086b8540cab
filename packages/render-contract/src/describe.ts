import type { Report } from "@xxgk/core-model";
import { beforeAll, describe, expect, it } from "vitest";
import { type ContractCode, type ContractViolation, checkRendererOutput } from "./check.js";
import { type ContractFixture, contractFixtures } from "./fixtures.js";

/** A renderer as the contract sees it: a report in, the text a reader gets out. */
export type ContractRender = (report: Report) => Promise<string> | string;

/** Options of {@link describeRendererContract}. */
export interface ContractOptions {
  /** The fixtures to run (default: all of {@link contractFixtures}). */
  readonly fixtures?: readonly ContractFixture[];
}

const GROUPS: readonly { title: string; codes: readonly ContractCode[] }[] = [
  { title: "title and organ appear as written", codes: ["title", "organ"] },
  { title: "every section heading appears as the author wrote it", codes: ["heading"] },
  { title: "every narrative block appears (whitespace-insensitive)", codes: ["block"] },
  { title: "every official label of the edition's tables appears", codes: ["label"] },
  { title: "non-blank cells appear as written, in official order", codes: ["value-order"] },
  { title: "not-applicable marks (-, —, 无 …) are kept", codes: ["na-kept"] },
  { title: "blanks stay blank (never 0 or -)", codes: ["blank-filled"] },
  { title: "CJK text is intact (no U+FFFD)", codes: ["replacement-char"] },
  { title: "the contact block appears, every label and value", codes: ["contact"] },
];

/**
 * Registers the renderer contract as vitest tests: for each fixture, renders once and checks the text
 * with {@link checkRendererOutput}, one test per promise so a failure says which promise broke.
 * Call it at the top level of a test file.
 */
export function describeRendererContract(
  name: string,
  render: ContractRender,
  options: ContractOptions = {},
): void {
  const fixtures = options.fixtures ?? contractFixtures();
  describe(`renderer contract: ${name}`, () => {
    for (const fixture of fixtures) {
      describe(`${fixture.name} (${fixture.about})`, () => {
        let violations: ContractViolation[] = [];
        beforeAll(async () => {
          const text = await render(fixture.report);
          expect(typeof text, "render must return the output as plain text").toBe("string");
          violations = checkRendererOutput(fixture.report, text);
        });
        for (const group of GROUPS) {
          it(group.title, () => {
            expect(violations.filter((v) => group.codes.includes(v.code))).toEqual([]);
          });
        }
      });
    }
  });
}
