// An OOXML package made deterministic: exceljs (through archiver) stamps the clock into every zip entry
// and writes the entries in the order its streams finish. It writes them stored (not deflated); the parts
// are read back with fflate and zipped again with archiver — the zip library exceljs itself uses, on
// Node's native zlib, four times faster here than deflating in JavaScript — `[Content_Types].xml` first,
// the other parts in code-unit order of their paths, every entry dated the same fixed day.
import { PassThrough } from "node:stream";
import archiver from "archiver";
import { unzipSync } from "fflate";

/**
 * The zip entries' time: the date's calendar day at 00:00, within the years zip can hold. archiver writes
 * a Date's UTC fields into the DOS time (unless told `forceLocalTime`), so the bytes are the same in
 * every time zone.
 */
function entryTime(date: Date): Date {
  const year = Math.min(2099, Math.max(1980, date.getUTCFullYear()));
  return new Date(Date.UTC(year, date.getUTCMonth(), date.getUTCDate()));
}

const CONTENT_TYPES = "[Content_Types].xml";

/** The package again, the same bytes for the same parts and date. */
export async function repack(zip: Uint8Array, date: Date): Promise<Uint8Array> {
  const files = unzipSync(zip);
  const mtime = entryTime(date);
  const paths = Object.keys(files).sort((a, b) =>
    a === CONTENT_TYPES ? -1 : b === CONTENT_TYPES ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  const archive = archiver("zip", { zlib: { level: 6 } });
  const failed = new Promise<never>((_, reject) => archive.on("error", reject));
  archive.pipe(out);
  for (const path of paths) {
    const data = files[path]!;
    archive.append(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { name: path, date: mtime });
  }
  await Promise.race([archive.finalize().then(() => finished), failed]);
  return new Uint8Array(Buffer.concat(chunks));
}
