// bench/cli: the `xxgk` command's own cost on top of the work it wires together, as ratios against
// baselines run in the same process (reading + JSON.parse of the same files; a bare `node` start).
// Runs the built package: `pnpm --filter @xxgk/cli run build && node bench/cli.mjs`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validate } from "@xxgk/validators";
import { run } from "../dist/index.js";

const FILES = 500;
const ROUNDS = 7;

async function measure(task, { rounds = ROUNDS, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await task();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    const t0 = process.hrtime.bigint();
    await task();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  for (const r of all) {
    process.stdout.write(
      `${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")}\n`,
    );
  }
}

const example = readFileSync(new URL("../../core-model/examples/example-2021.json", import.meta.url), "utf8");
const seed = new URL("../../core-model/examples/wulin-2020.json", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "xxgk-bench-"));
const names = Array.from({ length: FILES }, (_, i) => {
  const doc = JSON.parse(example);
  doc.meta.organ = `${doc.meta.organ}第${i}分局`;
  const name = join(dir, `r${i}.json`);
  writeFileSync(name, JSON.stringify(doc, null, 2));
  return name;
});

let sink = 0;
const count = {
  write(s) {
    sink += s.length;
  },
};
const io = {
  stdout: count,
  stderr: count,
  stderrIsTTY: false,
  cwd: dir,
};
const check = (code) => {
  if (code !== 0) throw new Error(`xxgk exited ${code}`);
};

try {
  // Baselines read synchronously: no event-loop round trip per file, the cheapest way to get the bytes.
  const readParse = await measure(() => {
    for (const f of names) sink += JSON.parse(readFileSync(f, "utf8")).meta.year;
  });
  const direct = await measure(() => {
    for (const f of names) sink += validate(JSON.parse(readFileSync(f, "utf8"))).counts.error;
  });
  const cliText = await measure(async () => check(await run(["validate", ...names], io)));
  const cliJson = await measure(async () => check(await run(["validate", "--format", "json", ...names], io)));
  const cells = await measure(async () => {
    for (const f of names.slice(0, 100)) check(await run(["cells", f], io));
  });
  const readParse100 = await measure(() => {
    for (const f of names.slice(0, 100)) sink += JSON.parse(readFileSync(f, "utf8")).meta.year;
  });

  const spawn = (args) => {
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  };
  const bin = new URL("../dist/bin.js", import.meta.url).pathname;
  const nodeStart = await measure(() => spawn(["-e", ""]), { rounds: 9, warmup: 1 });
  const xxgkVersion = await measure(() => spawn([bin, "--version"]), { rounds: 9, warmup: 1 });
  const xxgkSeed = await measure(() => spawn([bin, "validate", seed]), { rounds: 9, warmup: 1 });

  const per = (ms, n) => `${((ms * 1000) / n).toFixed(0)} µs`;
  process.stdout.write(
    `${FILES} files of ${(example.length / 1024).toFixed(1)} KiB; Node ${process.version}; median of ${ROUNDS} rounds\n\n`,
  );
  table(
    ["task", "per file", "vs read + JSON.parse"],
    [
      ["read + JSON.parse (baseline)", per(readParse, FILES), "1.00×"],
      ["read + JSON.parse + validate()", per(direct, FILES), `${(direct / readParse).toFixed(2)}×`],
      ["xxgk validate (text)", per(cliText, FILES), `${(cliText / readParse).toFixed(2)}×`],
      ["xxgk validate --format json", per(cliJson, FILES), `${(cliJson / readParse).toFixed(2)}×`],
      ["xxgk cells (CSV), one run per file", per(cells, 100), `${(cells / readParse100).toFixed(2)}×`],
    ],
  );
  process.stdout.write(
    `\nCLI overhead over calling validate() directly: ${(cliText / direct).toFixed(2)}× (text), ${(cliJson / direct).toFixed(2)}× (json)\n\n`,
  );
  table(
    ["process start", "ms", "vs node -e ''"],
    [
      ["node -e '' (baseline)", nodeStart.toFixed(0), "1.00×"],
      ["xxgk --version", xxgkVersion.toFixed(0), `${(xxgkVersion / nodeStart).toFixed(2)}×`],
      ["xxgk validate wulin-2020.json", xxgkSeed.toFixed(0), `${(xxgkSeed / nodeStart).toFixed(2)}×`],
    ],
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (sink === -1) process.stdout.write("");
