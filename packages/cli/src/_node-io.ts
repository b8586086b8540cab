// The real process as an Io: the only place that touches process.stdout/stderr/stdin.
import type { Io } from "./command.js";
import { exitCodeOf } from "./errors.js";

/** Standard streams of this process. A closed stdout (`xxgk cells f | head`) ends the process quietly. */
export function nodeIo(): Io {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE")
      process.stderr.write(`xxgk: cannot write to standard output (${err.code ?? err.message})\n`);
    process.exit(err.code === "EPIPE" ? (process.exitCode ?? 0) : exitCodeOf("OUTPUT_WRITE"));
  });
  return {
    stdout: { write: (text) => void process.stdout.write(text) },
    stderr: { write: (text) => void process.stderr.write(text) },
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
