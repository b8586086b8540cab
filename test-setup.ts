// A test that prints to the console is either noisy or hiding a warning: fail it. Tests that expect
// output spy on console themselves (vi.spyOn replaces these wrappers for their duration).
import { afterEach, beforeEach } from "vitest";

const methods = ["log", "info", "warn", "error", "debug"] as const;
const seen: string[] = [];
const originals = new Map<string, (...args: unknown[]) => void>();

beforeEach(() => {
  seen.length = 0;
  for (const m of methods) {
    originals.set(m, console[m]);
    console[m] = (...args: unknown[]) => {
      seen.push(`console.${m}: ${args.map(String).join(" ")}`);
    };
  }
});

afterEach(() => {
  for (const m of methods) console[m] = originals.get(m) as (typeof console)[typeof m];
  if (seen.length > 0) throw new Error(`unexpected console output:\n${seen.join("\n")}`);
});
