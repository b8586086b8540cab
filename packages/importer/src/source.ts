// The intermediate document: what every reader produces and the one pipeline reads (the Pandoc shape:
// format knowledge lives in the readers, report knowledge in the pipeline). A reader says what the source
// holds and where, never what it means: it does not match labels, find sections or place cells.
import type { Report } from "@xxgk/core-model";
import type { DocumentProperties, ImportFormat, SourcePosition } from "./types.js";

/**
 * A run of text as the source has it (not yet tidied): a paragraph or line of an HTML page, a line of a
 * text copy (blank lines included: they separate a text copy's cells), a line of a PDF page.
 */
export interface SourceText {
  readonly kind: "text";
  readonly text: string;
  /** Where the text starts. */
  readonly pos: SourcePosition;
  /** One cell of a row whose cells a text copy separated with tabs (a row copied from a browser). */
  readonly cell?: true;
}

/** One cell of a table as written: merged cells appear once, with their spans. */
export interface SourceCell {
  /** The cell's text as written; lines inside the cell separated by `\n`. */
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly pos: SourcePosition;
}

/**
 * A table as drawn: its rows in reading order, each row's cells left to right, a merged cell only in the
 * first row and column it covers (HTML's `rowspan` / `colspan` model; a PDF reader derives the same from
 * the drawn rules, a DOCX reader from `gridSpan` / `vMerge`).
 */
export interface SourceTable {
  readonly kind: "table";
  readonly rows: readonly (readonly SourceCell[])[];
  readonly pos: SourcePosition;
}

/**
 * A picture placed in the document's flow (a PDF's image at least a quarter of the page wide): where a
 * table should be, it is most likely that table pasted as an image, which cannot be read without OCR.
 */
export interface SourceImage {
  readonly kind: "image";
  readonly pos: SourcePosition;
  /** Size in the source's units (points on a PDF page). */
  readonly width: number;
  readonly height: number;
}

/** What a document is made of, in reading order. */
export type SourceBlock = SourceText | SourceTable | SourceImage;

/** A run of blocks `[from, to)` that one element of the source holds (an HTML element). */
export interface BlockRange {
  readonly from: number;
  readonly to: number;
}

/** A title the source states outside its body (HTML `<meta name="ArticleTitle">`, the `<title>`, a PDF's Title). */
export interface TitleCandidate {
  readonly text: string;
  readonly pos: SourcePosition;
  /**
   * Say so when this title is used (a PDF's Title property is set by whoever made the file, often a
   * template's name): the pipeline adds a `title-from-properties` notice.
   */
  readonly noted?: true;
}

/** A source read into blocks (or a report it carries as data), ready for the pipeline. */
export interface SourceDocument {
  /** What the source was read as; becomes {@link ImportResult.format}. */
  readonly format: ImportFormat;
  /** Where the source begins (`{ line: 1 }`, or page 1's corner): where a diagnostic about the whole points. */
  readonly start: SourcePosition;
  readonly blocks: readonly SourceBlock[];
  /**
   * How the source writes its tables. `grids`: every table is a {@link SourceTable} (HTML, and readers
   * that see cells). `lines`: a table may be plain lines — a label on one line and its values on the
   * next ones, or a row on one line (a text copy) — so in a section that has a table, the pipeline reads
   * text blocks as that table's rows.
   */
  readonly tables: "grids" | "lines";
  /**
   * Where the report's title is. `first-line`: the source starts with the report (a text copy), so the
   * title, if any, is its first non-blank line. `before-sections`: the report sits in a page (navigation,
   * breadcrumbs), so the title is the last title-like line before section 一, else one of
   * {@link titles}.
   */
  readonly titleAt: "first-line" | "before-sections";
  /**
   * The elements holding blocks, outer before inner (document order), each as the run of blocks inside
   * it: the pipeline takes the innermost one holding every section heading as the article and leaves the
   * site chrome around it out. Empty: the whole document is the report.
   */
  readonly containers: readonly BlockRange[];
  /** Titles stated outside the body, in order of preference. */
  readonly titles: readonly TitleCandidate[];
  /** Publication dates stated outside the body as written (HTML `<meta name="PubDate">`). */
  readonly published: readonly string[];
  /**
   * The file's own properties (a PDF's document information), passed on as {@link ImportResult.properties}.
   * Never read as report data: a file's creation date is not the report's publication date.
   */
  readonly properties?: DocumentProperties;
  /**
   * A report the source carries as data (our own report JSON; our own rendering's embedded copy): it is
   * the result as it is, and the blocks are not read. `unsure`: how many of its cells the reader found
   * reason to doubt (a rendered page whose visible cell differs from its data), with a diagnostic each.
   */
  readonly report?: { readonly value: Report; readonly unsure: number };
}
