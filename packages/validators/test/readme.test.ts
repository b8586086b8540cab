import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { RULES } from "../src/index.js";

it("the README's rule table lists every declared rule with its severity and kind", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  for (const r of RULES) expect(readme).toContain(`| \`${r.id}\` | ${r.severity} | ${r.kind} |`);
});
