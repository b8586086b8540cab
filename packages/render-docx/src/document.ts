import {
  type Block,
  chineseDate,
  contactLines,
  documentProperties,
  type Report,
  SECTIONS,
  type TableId,
} from "@xxgk/core-model";
import {
  AlignmentType,
  Document,
  type FileChild,
  Footer,
  type IParagraphStyleOptions,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from "docx";
import { signatureIndents } from "./_signature.js";
import { TABLE_STYLES, tableLine, tableOf } from "./_tables.js";
import { textRuns } from "./_text.js";
import { titleLines } from "./_title.js";
import { DOCX_FONTS, type DocxFont } from "./fonts.js";
import { PAGE, ptToTwips, SIZES } from "./page.js";

/** A font in every slot of a run (Latin, East Asian, complex script): digits and Latin in the same face. */
const face = (f: DocxFont) => ({ ascii: f.name, eastAsia: f.name, hAnsi: f.name, cs: f.name });

const half = (pt: number) => pt * 2;

/** Body lines: exactly the line pitch, 22 to a page. */
const BODY_SPACING = { line: PAGE.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

/** Two characters of first-line indent, in twips (Word's `firstLineChars` would count 16 pt characters). */
const TWO_CHARS = { firstLine: 2 * PAGE.charWidth } as const;
const NO_INDENT = { firstLine: 0 } as const;

/** The paragraph styles the document's paragraphs use, by id. Names are what Word's style gallery shows. */
export const STYLE_IDS = {
  title: "XxgkTitle",
  heading1: "XxgkHeading1",
  heading2: "XxgkHeading2",
  signature: "XxgkSignature",
  contact: "XxgkContact",
  tables: TABLE_STYLES,
  pageNumber: "XxgkPageNumber",
} as const;

/** Table text: the table's size on exact lines, centred, without the body's condensed spacing. */
function tableStyles(id: TableId): IParagraphStyleOptions[] {
  const size = SIZES.tables[id];
  const numeral = SECTIONS.find((s) => s.table === id)!.numeral;
  const text: IParagraphStyleOptions = {
    id: TABLE_STYLES[id].text,
    name: `表${numeral}文字`,
    basedOn: "Normal",
    run: { size: half(size), characterSpacing: 0 },
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: NO_INDENT,
      spacing: { line: tableLine(size), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
  };
  const head: IParagraphStyleOptions = {
    id: TABLE_STYLES[id].head,
    name: `表${numeral}表头`,
    basedOn: TABLE_STYLES[id].text,
    run: { font: face(DOCX_FONTS.heading1) },
  };
  return [text, head];
}

const PARAGRAPH_STYLES: readonly IParagraphStyleOptions[] = [
  {
    id: "Normal",
    name: "Normal",
    paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: BODY_SPACING, indent: TWO_CHARS },
  },
  {
    id: STYLE_IDS.title,
    name: "公文标题",
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: face(DOCX_FONTS.title), size: half(SIZES.title) },
    // One blank line (a body line) between the title and the text.
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: NO_INDENT,
      spacing: { ...BODY_SPACING, after: PAGE.linePitch },
      keepNext: true,
    },
  },
  {
    id: STYLE_IDS.heading1,
    name: "一级标题",
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: face(DOCX_FONTS.heading1) },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: 0 },
  },
  {
    id: STYLE_IDS.heading2,
    name: "二级标题",
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: face(DOCX_FONTS.heading2) },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: 1 },
  },
  {
    id: STYLE_IDS.signature,
    name: "落款",
    basedOn: "Normal",
    paragraph: { alignment: AlignmentType.RIGHT, indent: NO_INDENT, keepNext: true, keepLines: true },
  },
  {
    id: STYLE_IDS.contact,
    name: "联系方式",
    basedOn: "Normal",
    paragraph: { alignment: AlignmentType.LEFT },
  },
  ...tableStyles("proactive"),
  ...tableStyles("applications"),
  ...tableStyles("review"),
  {
    id: STYLE_IDS.pageNumber,
    name: "页码",
    basedOn: "Normal",
    run: { font: face(DOCX_FONTS.pageNumber), size: half(SIZES.pageNumber), characterSpacing: 0 },
    paragraph: {
      indent: NO_INDENT,
      spacing: { line: ptToTwips(SIZES.pageNumber), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
  },
];

/** One character of page-number size: the page number's distance from the text block's edge ("空一字"). */
const PAGE_NUMBER_INSET = ptToTwips(SIZES.pageNumber);

/** `— 1 —` as Word's PAGE field, odd pages on the right and even pages on the left, one character in. */
function pageNumberFooter(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE_IDS.pageNumber,
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/**
 * `docx`'s `wordWrap: true` writes `<w:wordWrap w:val="0"/>`: Latin text may break inside a word, as
 * Chinese Word's default does, so a long URL or e-mail address does not leave the justified line before it
 * stretched wide.
 */
const LATIN_MAY_BREAK = { wordWrap: true } as const;

/**
 * Widow and orphan control on, said in every paragraph of running text: Word's default template has it
 * on, but a document that does not say so has it off in Word and on in LibreOffice.
 */
const FLOW = { ...LATIN_MAY_BREAK, widowControl: true } as const;

function blockParagraph(b: Block): Paragraph {
  return new Paragraph({
    ...(b.type === "heading" ? { style: STYLE_IDS.heading2 } : {}),
    ...FLOW,
    children: textRuns(b.text),
  });
}

/** The 落款: organ and date (GB/T 9704 without a seal; see signatureIndents), one blank line below the text. */
function signature(report: Report): Paragraph[] {
  const { organ, published } = report.meta;
  const date = published === undefined ? undefined : chineseDate(published);
  const indents = signatureIndents(organ, date ?? "");
  const indent = (chars: number) => ({ right: Math.round(chars * PAGE.charWidth) });
  const out = [
    new Paragraph({
      style: STYLE_IDS.signature,
      spacing: { ...BODY_SPACING, before: PAGE.linePitch },
      indent: indent(date === undefined ? 2 : indents.organ),
      children: textRuns(organ),
    }),
  ];
  if (date !== undefined) {
    out.push(
      new Paragraph({ style: STYLE_IDS.signature, indent: indent(indents.date), children: textRuns(date) }),
    );
  }
  return out;
}

/** Where the public can ask: one `label：value` line each, one blank line below the 落款. */
function contact(report: Report): Paragraph[] {
  return contactLines(report).map(
    ({ label, value }, i) =>
      new Paragraph({
        style: STYLE_IDS.contact,
        ...FLOW,
        ...(i === 0 ? { spacing: { ...BODY_SPACING, before: PAGE.linePitch } } : {}),
        children: textRuns(`${label}：${value}`),
      }),
  );
}

/** The report's body: title, preamble, the six sections with their tables, 落款 and contact block. */
function bodyOf(report: Report): FileChild[] {
  const title = titleLines(report.meta.title, report.meta.organ).join("\n");
  const out: FileChild[] = [new Paragraph({ style: STYLE_IDS.title, children: textRuns(title) })];
  for (const b of report.preamble) out.push(blockParagraph(b));
  for (const s of SECTIONS) {
    const section = report.sections[s.key];
    // The heading as the author wrote it ("五、存在主要问题及改进情况" stays); the official one if left empty.
    const heading = section.heading.trim() === "" ? s.label : section.heading;
    out.push(new Paragraph({ style: STYLE_IDS.heading1, widowControl: true, children: textRuns(heading) }));
    for (const b of section.blocks) out.push(blockParagraph(b));
    if (s.table !== undefined) out.push(tableOf(report, s.table));
  }
  out.push(...signature(report), ...contact(report));
  return out;
}

/**
 * The whole report as a `docx` document: the GB/T 9704 page (A4, 37 mm top and 28 mm binding margins,
 * 156 × 225 mm text block, 22 lines of 28 characters), the fonts by role, tables 二/三/四
 * in the official merged-cell grid, page numbers as a PAGE field, and the document properties. Every
 * label comes from core-model; every text and cell is printed as written.
 */
export function buildDocument(report: Report): Document {
  const props = documentProperties(report);
  return new Document({
    title: props.title,
    subject: props.subject,
    creator: props.author,
    lastModifiedBy: props.author,
    keywords: props.keywords.join("; "),
    revision: 1,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: face(DOCX_FONTS.body),
            size: half(SIZES.body),
            characterSpacing: PAGE.charSpacing,
            language: { value: props.language, eastAsia: props.language },
          },
        },
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: PAGE.margin.top,
              bottom: PAGE.margin.bottom,
              left: PAGE.margin.left,
              right: PAGE.margin.right,
              header: PAGE.header,
              footer: PAGE.footer,
              gutter: 0,
            },
          },
        },
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children: bodyOf(report),
      },
    ],
  });
}
