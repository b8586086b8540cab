// The package `docx` writes, made deterministic: `docx` stamps the clock into docProps/core.xml and into
// every zip entry. The parts are read back and zipped again with fflate (the zip library `docx` itself
// uses), with the report's date everywhere and the entries in a fixed order; core.xml gets its language,
// the font table the fonts the document names (`docx` lists only fonts it embeds), and the Normal style
// `w:overflowPunct` off (`docx` writes that element only to turn it on).
import { strFromU8, strToU8, type Unzipped, unzipSync, type Zippable, zipSync } from "fflate";
import { DocxRenderError } from "./errors.js";
import type { DocxFont } from "./fonts.js";

/** What the package is given that `docx` cannot write. */
export interface PackageFacts {
  /** Creation and modification date of the document, and the time of every zip entry. */
  readonly date: Date;
  /** `dc:language` of the core properties, e.g. `zh-CN`. */
  readonly language: string;
  /** The font table's entries, in order. */
  readonly fonts: readonly DocxFont[];
}

const CONTENT_TYPES = "[Content_Types].xml";
const CORE = "docProps/core.xml";
const FONT_TABLE = "word/fontTable.xml";
const STYLES = "word/styles.xml";

const escapeXml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const unexpected = (what: string) =>
  new DocxRenderError("docx.unexpected", `the package written by docx is not as expected: ${what}`);

/** Replaces exactly `count` matches of `pattern` in `xml`, or throws: the part is not what `docx` 9.15 writes. */
function replaceExactly(
  xml: string,
  pattern: RegExp,
  count: number,
  by: (...groups: string[]) => string,
  part: string,
): string {
  let n = 0;
  const out = xml.replace(pattern, (...args: unknown[]) => {
    n++;
    return by(...(args.slice(0, -2) as string[]));
  });
  if (n !== count) throw unexpected(`${part}: ${n} matches of ${pattern}, expected ${count}`);
  return out;
}

/** W3CDTF without milliseconds, as Word writes it: `2026-01-20T00:00:00Z`. */
const w3cdtf = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** core.xml with the report's date as created/modified and a `dc:language`. */
export function fixCoreProperties(xml: string, facts: PackageFacts): string {
  const dated = replaceExactly(
    xml,
    /(<dcterms:(created|modified) xsi:type="dcterms:W3CDTF">)[^<]*(<\/dcterms:\2>)/g,
    2,
    (_all, open, _name, close) => `${open}${w3cdtf(facts.date)}${close}`,
    CORE,
  );
  return replaceExactly(
    dated,
    /<\/cp:coreProperties>\s*$/g,
    1,
    () => `<dc:language>${escapeXml(facts.language)}</dc:language></cp:coreProperties>`,
    CORE,
  );
}

/** One `w:font` entry: its name, the alternative name, and a Chinese (GB2312, `86`) face of its family. */
const fontEntry = (f: DocxFont) =>
  `<w:font w:name="${escapeXml(f.name)}"><w:altName w:val="${escapeXml(f.altName)}"/>` +
  `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`;

/** fontTable.xml listing the given fonts (`docx` writes an empty `<w:fonts …/>` when it embeds none). */
export function fixFontTable(xml: string, fonts: readonly DocxFont[]): string {
  return replaceExactly(
    xml,
    /<w:fonts\b([^>]*?)\/>/g,
    1,
    (_all, attributes) => `<w:fonts${attributes}>${fonts.map(fontEntry).join("")}</w:fonts>`,
    FONT_TABLE,
  );
}

/**
 * styles.xml with punctuation kept inside the text block: Word (and LibreOffice) let a comma or full stop
 * at the end of a line hang into the margin unless `w:overflowPunct` is off; GB/T 9704 keeps every
 * character inside the 156 mm. It goes first in the Normal style's paragraph properties, where the
 * schema's order puts it before everything `docx` writes there (spacing, indent, alignment).
 */
export function fixStyles(xml: string): string {
  return replaceExactly(
    xml,
    /(<w:style w:type="paragraph" w:styleId="Normal"[^>]*><w:name w:val="Normal"\/><w:pPr>)/g,
    1,
    (_all, open) => `${open}<w:overflowPunct w:val="0"/>`,
    STYLES,
  );
}

/**
 * The zip entries' time: the date's calendar day at 00:00, the same on every machine whatever its time
 * zone (fflate writes an entry's local time, as zip's DOS times are), within the years zip can hold.
 */
function entryTime(date: Date): Date {
  const year = Math.min(2099, Math.max(1980, date.getUTCFullYear()));
  return new Date(year, date.getUTCMonth(), date.getUTCDate());
}

function part(files: Unzipped, path: string): string {
  const bytes = files[path];
  if (bytes === undefined) throw unexpected(`no ${path}`);
  return strFromU8(bytes);
}

/**
 * The package again, byte for byte the same for the same document and facts: `[Content_Types].xml`
 * first, then every other part in code-unit order of its path (`_rels/.rels`, `docProps/…`, `word/…`),
 * each compressed with DEFLATE at fflate's default level and dated {@link entryTime}.
 */
export function repack(docx: Uint8Array, facts: PackageFacts): Uint8Array {
  const files = unzipSync(docx);
  files[CORE] = strToU8(fixCoreProperties(part(files, CORE), facts));
  files[FONT_TABLE] = strToU8(fixFontTable(part(files, FONT_TABLE), facts.fonts));
  files[STYLES] = strToU8(fixStyles(part(files, STYLES)));
  const mtime = entryTime(facts.date);
  const zippable: Zippable = {};
  const paths = Object.keys(files).sort((a, b) =>
    a === CONTENT_TYPES ? -1 : b === CONTENT_TYPES ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const path of paths) zippable[path] = [files[path]!, { mtime }];
  return zipSync(zippable);
}
