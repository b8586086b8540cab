// The parts of a Word package (a zip) the DOCX reader reads, unzipped with fflate — synchronously, since
// fflate's asynchronous unzip starts workers from generated code, which a strict CSP forbids.
import { unzipSync } from "fflate";

/** The parts read: the body, the comments (counted) and the core properties (the title). */
export const PARTS = {
  document: "word/document.xml",
  comments: "word/comments.xml",
  core: "docProps/core.xml",
} as const;

/**
 * The largest part read, uncompressed, as the zip declares it (a report's body is well under 5 MB; a
 * declared size above this is a zip bomb or not a report). fflate inflates into a buffer of the declared
 * size, so a part that lies about its size cannot grow beyond it either.
 */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

/** Why a package could not be opened. */
export type PackageProblem =
  | { readonly kind: "damaged"; readonly detail: string }
  | { readonly kind: "too-large"; readonly part: string; readonly bytes: number };

/** The text of the parts read, by name (absent parts are missing). */
export type Parts = Partial<Record<keyof typeof PARTS, string>>;

/** XML parts are UTF-8 or, with a byte-order mark, UTF-16 (ECMA-376 Part 2, 8.1.4). */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

/** Unzips the parts the reader needs; a problem instead when the archive cannot be read. */
export function readParts(bytes: Uint8Array): Parts | PackageProblem {
  const wanted = new Map<string, keyof typeof PARTS>(
    Object.entries(PARTS).map(([key, name]) => [name, key as keyof typeof PARTS]),
  );
  let tooLarge: PackageProblem | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted.has(f.name)) return false;
        if (f.originalSize > MAX_PART_BYTES) {
          tooLarge ??= { kind: "too-large", part: f.name, bytes: f.originalSize };
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    return { kind: "damaged", detail: e instanceof Error ? e.message : String(e) };
  }
  if (tooLarge) return tooLarge;
  const parts: Parts = {};
  for (const [name, data] of Object.entries(files)) parts[wanted.get(name)!] = decodeXml(data);
  if (parts.document === undefined) {
    return { kind: "damaged", detail: `${PARTS.document} is missing` };
  }
  return parts;
}
