// An OOXML package made deterministic: exceljs (through archiver) stamps the clock into every zip entry
// and writes the entries in the order its streams finish. The parts are read back and zipped again with
// fflate: `[Content_Types].xml` first, the other parts in code-unit order of their paths, every entry
// dated the same fixed day.
import { unzipSync, type Zippable, zipSync } from "fflate";

/**
 * The zip entries' time: the date's calendar day at 00:00 in local time — fflate writes an entry's local
 * time, as zip's DOS times are — so the bytes are the same in every time zone.
 */
function entryTime(date: Date): Date {
  const year = Math.min(2099, Math.max(1980, date.getUTCFullYear()));
  return new Date(year, date.getUTCMonth(), date.getUTCDate());
}

const CONTENT_TYPES = "[Content_Types].xml";

/** The package again, the same bytes for the same parts and date. */
export function repack(
  zip: Uint8Array,
  date: Date,
  edit: (path: string, data: Uint8Array) => Uint8Array = (_, d) => d,
): Uint8Array {
  const files = unzipSync(zip);
  const mtime = entryTime(date);
  const paths = Object.keys(files).sort((a, b) =>
    a === CONTENT_TYPES ? -1 : b === CONTENT_TYPES ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const zippable: Zippable = {};
  for (const path of paths) zippable[path] = [edit(path, files[path]!), { mtime }];
  return zipSync(zippable);
}
