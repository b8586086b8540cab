import { readFileSync, writeFileSync } from "node:fs";
import { toDocument } from "@xxgk/core-model";
import { test } from "vitest";
import { importReport } from "../src/index.js";
test("dump", () => {
  const f = process.env.DUMP!;
  const r = importReport(readFileSync(f, "utf8"));
  const lines = r.diagnostics.map((d) => `${d.severity} ${d.code} L${d.source.line} ${d.pointer ?? ""} ${d.message.zh}`);
  lines.push(JSON.stringify(r.stats), r.format);
  writeFileSync("/tmp/dump.txt", lines.join("\n"));
  writeFileSync("/tmp/dump.json", JSON.stringify(r.report && toDocument(r.report), null, 1));
});
