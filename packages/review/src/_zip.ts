// An OOXML package made deterministic as it is written: exceljs (through archiver) stamps the clock into
// every zip entry. It writes its parts stored (not deflated) into a stream that fflate unzips as the bytes
// arrive; each part goes straight on to archiver — the zip library exceljs itself uses, deflating with
// Node's zlib — dated the same fixed day. The parts keep exceljs's order, which follows the order the
// sheets are written in. Memory holds the part being passed on, never the whole package twice.
import { PassThrough, type Writable } from "node:stream";
import archiver from "archiver";
import { Unzip, UnzipInflate } from "fflate";

/**
 * The zip entries' time: the date's calendar day at 00:00, within the years zip can hold. archiver writes
 * a Date's UTC fields into the DOS time (unless told `forceLocalTime`), so the bytes are the same in
 * every time zone.
 */
function entryTime(date: Date): Date {
  const year = Math.min(2099, Math.max(1980, date.getUTCFullYear()));
  return new Date(Date.UTC(year, date.getUTCMonth(), date.getUTCDate()));
}

/** A stream to write a zip into, and the same package rezipped with every entry dated `date`. */
export interface Repacker {
  readonly input: Writable;
  readonly output: Promise<Uint8Array>;
}

/** Starts rezipping whatever zip is written to `input`; `output` resolves when `input` has ended. */
export function repacker(date: Date): Repacker {
  const mtime = entryTime(date);
  const input = new PassThrough();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const archive = archiver("zip", { zlib: { level: 6 } });
  archive.pipe(out);
  const output = new Promise<Uint8Array>((resolve, reject) => {
    archive.on("error", reject);
    input.on("error", reject);
    out.on("finish", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    const unzip = new Unzip((file) => {
      const part = new PassThrough();
      archive.append(part, { name: file.name, date: mtime });
      file.ondata = (err, data, final) => {
        if (err) {
          reject(err);
          return;
        }
        part.write(data);
        if (final) part.end();
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    input.on("data", (c: Buffer) => {
      try {
        unzip.push(c);
      } catch (e) {
        reject(e);
      }
    });
    input.on("end", () => {
      try {
        unzip.push(new Uint8Array(0), true);
        void archive.finalize().catch(reject);
      } catch (e) {
        reject(e);
      }
    });
  });
  // Awaited by the caller after exceljs is done; a failure before then must not count as unhandled.
  output.catch(() => {});
  return { input, output };
}
