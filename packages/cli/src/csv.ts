/** A CSV field: text, a number, or `null` (written as an empty field). */
export type CsvField = string | number | null;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field per RFC 4180: quoted only when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(field: CsvField): string {
  if (field === null) return "";
  const s = typeof field === "number" ? String(field) : field;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The UTF-8 byte-order mark, which makes Excel read a CSV file as UTF-8 instead of the system code page. */
export const BOM = "\uFEFF";

/** CSV text per RFC 4180: CRLF after every record, including the last. */
export function toCsv(rows: Iterable<readonly CsvField[]>): string {
  let out = "";
  for (const row of rows) out += `${row.map(csvField).join(",")}\r\n`;
  return out;
}
