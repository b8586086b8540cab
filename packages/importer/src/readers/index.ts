// Every reader, by the format the sniffing step recognised (src/sniff.ts). Text readers get the decoded
// text and run synchronously; binary readers get the bytes and are loaded with import() only when their
// format is seen, since they carry heavy libraries. Adding a format: a reader module here, its entry
// below, and its recognition in sniff.ts.
import type { Diagnostics } from "../_diagnostics.js";
import type { SourceDocument } from "../source.js";
import type { ImportOptions } from "../types.js";
import { readHtml } from "./html.js";
import { readJson } from "./json.js";
import { readText } from "./text.js";

/** A reader of a text format: `null` when the input cannot be read at all (with diagnostics saying why). */
export type TextReader = (text: string, diag: Diagnostics) => SourceDocument | null;

/** A reader of a binary format, as {@link TextReader}. Never rejects on bad input. */
export type BinaryReader = (
  bytes: Uint8Array,
  diag: Diagnostics,
  opts: ImportOptions,
) => Promise<SourceDocument | null>;

/** The text formats and their readers. */
export const TEXT_READERS: Readonly<Record<"html" | "text" | "json", TextReader>> = {
  html: readHtml,
  text: readText,
  json: readJson,
};

/** The binary formats and how to load their readers. */
export const BINARY_READERS: Readonly<Record<"pdf" | "docx", () => Promise<BinaryReader>>> = {
  pdf: async () => (await import("./pdf.js")).readPdf,
  docx: async () => (await import("./docx.js")).readDocx,
};
