/**
 * The 公文 fonts a DOCX names. Nothing is embedded: on an office PC Word finds the fonts the office has
 * installed. Each role names its GB/T 9704 font; the font table gives Word one alternative name to try
 * when that font is missing (`w:altName`), and says it is a Chinese (GB2312 character set) serif or
 * sans-serif font, so that Word substitutes a font of the same kind when neither is installed.
 */

/** One font as the DOCX names it. */
export interface DocxFont {
  /** The name runs use (`w:rFonts`). */
  readonly name: string;
  /** The font table's `w:altName`: the name the same or the usual substitute face has on other systems. */
  readonly altName: string;
  /** The font table's `w:family`: `roman` for serif (宋, 仿宋, 楷), `swiss` for sans-serif (黑). */
  readonly family: "roman" | "swiss";
}

/** What each font is for. */
export type FontRole = "title" | "body" | "heading1" | "heading2" | "pageNumber";

/**
 * The fonts by role: title 2号 方正小标宋简体; body 3号 仿宋_GB2312 (also table text); 一级标题 黑体
 * (also the tables' column headings); 二级标题 楷体_GB2312; page numbers 4号 宋体.
 */
export const DOCX_FONTS: Readonly<Record<FontRole, DocxFont>> = {
  title: { name: "方正小标宋简体", altName: "方正小标宋_GBK", family: "roman" },
  body: { name: "仿宋_GB2312", altName: "仿宋", family: "roman" },
  heading1: { name: "黑体", altName: "SimHei", family: "swiss" },
  heading2: { name: "楷体_GB2312", altName: "楷体", family: "roman" },
  pageNumber: { name: "宋体", altName: "SimSun", family: "roman" },
};
