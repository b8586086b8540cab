// The pure parts of scripts/run.mjs and scripts/start.mjs, kept apart so they can be tested without
// installing anything: the environment handed to child processes, colour only where it belongs, and
// `npm start`'s options, checked before anything is installed or built.
import { delimiter as pathDelimiter } from "node:path";
import { parseArgs } from "node:util";

/**
 * The environment every child process of `npm start` / `npm test` runs with. `pnpmBinDir` is the folder
 * of the pinned pnpm (`.tools/node_modules/.bin` when we installed it there, or `null` when the pnpm on
 * PATH already is the pinned one): it goes first on PATH, because turbo looks the package manager up on
 * PATH and fails ("Unable to find package manager binary") on a machine that has only node and npm.
 */
export function childEnv(baseEnv, pnpmBinDir, delimiter = pathDelimiter) {
  const env = { ...baseEnv, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
  // Windows spells it Path; keep whichever the parent used.
  const key = Object.keys(env).find((k) => k.toUpperCase() === "PATH") ?? "PATH";
  if (pnpmBinDir !== null) {
    const rest = (env[key] ?? "").split(delimiter).filter((d) => d !== "" && d !== pnpmBinDir);
    env[key] = [pnpmBinDir, ...rest].join(delimiter);
  }
  return env;
}

/** Whether to write ANSI colour to `stream`: only to a terminal, and never when NO_COLOR is set (no-color.org). */
export function wantsColor(stream, env) {
  return Boolean(stream?.isTTY) && !(typeof env.NO_COLOR === "string" && env.NO_COLOR !== "");
}

/** `paint(code, text)`: the text wrapped in an SGR code when colour is wanted, else the text alone. */
export function painter(stream, env) {
  const on = wantsColor(stream, env);
  return (code, text) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
}

/** The options of `npm start`, one definition for the check in run.mjs and the parse in start.mjs. */
export const START_OPTIONS = {
  "no-serve": { type: "boolean" },
  port: { type: "string" },
  help: { type: "boolean", short: "h" },
};

export const START_USAGE = [
  "用法：npm start [-- --no-serve] [-- --port 端口]",
  "  --no-serve   写出示例的 HTML 和 PDF 后停止，不启动演示网站",
  "  --port N     演示网站的端口（默认 4173，被占用时任选空闲端口）",
  "Usage: npm start [-- --no-serve] [-- --port N]",
].join("\n");

/**
 * Parses `npm start`'s arguments. Returns `{ ok: true, values }`, or `{ ok: false, message }` with one
 * line in Chinese and English that names the wrong argument (the caller prints it with the usage).
 */
export function parseStartArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: START_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const m = /'([^']+)'/.exec(error.message);
    const what = m ? m[1] : argv.join(" ");
    return { ok: false, message: `未知或不完整的选项：${what}（unknown or incomplete option: ${what}）` };
  }
  if (parsed.positionals.length > 0) {
    const what = parsed.positionals.join(" ");
    return { ok: false, message: `多余的参数：${what}（unexpected argument: ${what}）` };
  }
  const { port } = parsed.values;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) {
    return {
      ok: false,
      message: `--port 应为 0–65535 之间的端口号，而不是 “${port}”（--port must be a port number）`,
    };
  }
  return { ok: true, values: parsed.values };
}

/** What `npm test` adds up over every package's output: vitest's test counts and turbo's warnings. */
export function newTotals() {
  return { passed: 0, failed: 0, skipped: 0, warnings: [] };
}

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Adds one output line to `totals`: a vitest summary line ("Tests  3 failed | 40 passed (43)", possibly
 * prefixed by turbo with the task name) counts its tests; a turbo warning (" WARNING  no output files
 * found for task …") is kept. Biome's warnings fail `lint` by themselves (--error-on-warnings).
 */
export function tally(totals, line) {
  const plain = line.replace(ANSI, "");
  if (/\bTests\s+\d/.test(plain)) {
    for (const key of ["passed", "failed", "skipped"]) {
      const m = new RegExp(`(\\d+) ${key}`).exec(plain);
      if (m) totals[key] += Number(m[1]);
    }
  } else if (/^\s*WARNING\s/.test(plain)) {
    totals.warnings.push(plain.trim().replace(/^WARNING\s+/, ""));
  }
  return totals;
}
