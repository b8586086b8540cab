/**
 * The GB/T 9704-2012 page in Word's units (twips, 1/20 pt): A4, top margin 37 mm,
 * binding (left) margin 28 mm, a text block of 156 × 225 mm holding 22 lines of 28 characters of 3号
 * (16 pt) text.
 */

/** Millimetres in twips, rounded. */
export const mmToTwips = (mm: number): number => Math.round((mm / 25.4) * 1440);

/** Points in twips. */
export const ptToTwips = (pt: number): number => Math.round(pt * 20);

const WIDTH = mmToTwips(210);
const HEIGHT = mmToTwips(297);
const TOP = mmToTwips(37);
const LEFT = mmToTwips(28);
// The right and bottom margins are what the 156 × 225 mm text block leaves.
const RIGHT = WIDTH - LEFT - mmToTwips(156);
const BOTTOM = HEIGHT - TOP - mmToTwips(225);
const BLOCK_WIDTH = WIDTH - LEFT - RIGHT;
const BLOCK_HEIGHT = HEIGHT - TOP - BOTTOM;

/** 3号: the body text size in points. */
const BODY_PT = 16;
const LINES = 22;
const CHARS = 28;

/** Every measure of the page, in twips unless the name says otherwise. */
export const PAGE = {
  width: WIDTH,
  height: HEIGHT,
  margin: { top: TOP, left: LEFT, right: RIGHT, bottom: BOTTOM },
  /** The text block (版心). */
  block: { width: BLOCK_WIDTH, height: BLOCK_HEIGHT },
  lines: LINES,
  chars: CHARS,
  /**
   * Distance between two body lines: the text block's height shared by 22 lines, rounded down. Body
   * paragraphs use it as exact line spacing, which every reader honours; Word's line grid is not used
   * (LibreOffice sets a 2号 title line on two grid lines).
   */
  linePitch: Math.floor(BLOCK_HEIGHT / LINES),
  /**
   * Character spacing of body text, in twips (negative: condensed): the least condensing in whole twips
   * that fits 28 characters of 3号 on a line (16 pt − 0.25 pt = 15.75 pt a character, 441 of the 442.2 pt).
   * Spacing rather than Word's character grid (`w:docGrid linesAndChars`), which LibreOffice lays out with
   * 19 characters a line and headings spread apart; every reader applies spacing alike.
   */
  charSpacing: Math.floor(BLOCK_WIDTH / CHARS - ptToTwips(BODY_PT)),
  /** The width of one character of body text: 3号 plus the spacing. */
  charWidth: ptToTwips(BODY_PT) + Math.floor(BLOCK_WIDTH / CHARS - ptToTwips(BODY_PT)),
  /**
   * 4号 page numbers: the line's top 7 mm below the text block, so Word's footer distance (page edge to
   * the bottom of the footer) is 28 mm less the 14 pt line.
   */
  footer: mmToTwips(35 - 7) - ptToTwips(14),
  header: mmToTwips(15),
} as const;

/** Type sizes in points: 2号 title, 3号 body and headings, 4号 page numbers, and the tables'. */
export const SIZES = {
  title: 22,
  body: BODY_PT,
  pageNumber: 14,
  /** 五号 for table 二; 小五 for tables 三 and 四, so that their 10 and 15 columns fit the width. */
  tables: { proactive: 10.5, applications: 9, review: 9 },
} as const;
