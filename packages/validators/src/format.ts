import { num } from "./rules/_rule.js";
import type { Finding } from "./types.js";

/**
 * One line for a terminal or a log: `error T3.balance /tables/… message (expected 3, actual 4)`, with the
 * quoted sentence of narrative findings appended.
 */
export function formatFinding(f: Finding, lang: "zh" | "en"): string {
  let line = `${f.severity} ${f.code} ${f.pointer === "" ? "/" : f.pointer} ${f.message[lang]}`;
  if (f.expected !== undefined && f.actual !== undefined) {
    line +=
      lang === "zh"
        ? `（应为 ${num(f.expected)}，实为 ${num(f.actual)}）`
        : ` (expected ${num(f.expected)}, actual ${num(f.actual)})`;
  }
  if (f.quote !== undefined) line += lang === "zh" ? `：“${f.quote}”` : `: “${f.quote}”`;
  return line;
}
