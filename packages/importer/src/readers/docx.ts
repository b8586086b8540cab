// The Word (DOCX) reader: a .docx as Word, WPS or LibreOffice save it — or as @xxgk/render-docx writes it —
// into the intermediate document: its paragraphs as text blocks and its tables as grids with their merged
// cells, read as the document would be with every tracked change accepted, each block at its paragraph
// (or table cell). The XML of the package's parts is read directly (fflate, saxes) rather than through a
// DOCX → HTML converter: only the raw XML says which text is a tracked insertion or deletion and how many
// comments there are (see the README's "Word input"). Loaded with import() only when a DOCX is seen.
import type { Diagnostics } from "../_diagnostics.js";
import type { SourceDocument, TitleCandidate } from "../source.js";
import type { ParagraphPosition } from "../types.js";
import { type Body, type Revisions, readBody } from "./docx/_body.js";
import { MAX_PART_BYTES, PARTS, type PackageProblem, readParts } from "./docx/_package.js";
import { countElements, textOfElement } from "./docx/_xml.js";

const START: ParagraphPosition = { paragraph: 1 };

/** Reads a Word document into the intermediate document; `null`, with an error, when it cannot be read. */
export async function readDocx(bytes: Uint8Array, diag: Diagnostics): Promise<SourceDocument | null> {
  const parts = readParts(bytes);
  if ("kind" in parts) {
    unreadable(parts, diag);
    return null;
  }
  let body: Body;
  try {
    body = readBody(parts.document!);
  } catch (e) {
    unreadable({ kind: "damaged", detail: `${PARTS.document}: ${(e as Error).message}` }, diag);
    return null;
  }
  const comments =
    (parts.comments === undefined ? undefined : countElements(parts.comments, "comment")) ?? body.commentRefs;
  noteMarkup(body, comments, diag);
  const titles: TitleCandidate[] = [];
  const title = parts.core === undefined ? undefined : textOfElement(parts.core, "title");
  if (title !== undefined && title.trim() !== "") titles.push({ text: title.trim(), pos: START });
  return {
    format: "docx",
    start: START,
    blocks: body.blocks,
    tables: "grids",
    // An office's document may open with its letterhead (发文机关标志, 文号) before the title.
    titleAt: "before-sections",
    containers: [],
    titles,
    published: [],
  };
}

function unreadable(p: PackageProblem, diag: Diagnostics): void {
  if (p.kind === "too-large") {
    const mb = Math.round(p.bytes / 1024 / 1024);
    diag.add(
      "docx-unreadable",
      "error",
      `这个 Word 文档的 ${p.part} 解压后有 ${mb} MB，超过 ${MAX_PART_BYTES / 1024 / 1024} MB 的上限，不像是一份年度报告，未读取`,
      `this Word document's ${p.part} would be ${mb} MB unpacked, over the ${MAX_PART_BYTES / 1024 / 1024} MB limit: not a report; not read`,
      START,
    );
    return;
  }
  diag.add(
    "docx-unreadable",
    "error",
    `这个 Word 文档已损坏，无法读取（${p.detail}）。请用 Word 或 WPS 打开它（它们能修复的会提示修复），另存为 .docx 后再导入`,
    `this Word document is damaged and cannot be read (${p.detail}). Open it in Word or WPS (they offer to repair what they can), save it as .docx and import that`,
    START,
  );
}

const REVISION_NAMES: Readonly<Record<keyof Revisions, readonly [string, string]>> = {
  inserted: ["插入", "insertions"],
  deleted: ["删除", "deletions"],
  moved: ["移动", "moves"],
  formatted: ["格式修改", "formatting changes"],
};

/** Says what was read differently from what the draft shows: tracked changes, comments, hidden text… */
function noteMarkup(body: Body, comments: number, diag: Diagnostics): void {
  const r = body.revisions;
  const changes = r.inserted + r.deleted + r.moved + r.formatted;
  if (changes > 0 || comments > 0) {
    const kinds = (Object.keys(REVISION_NAMES) as (keyof Revisions)[]).filter((k) => r[k] > 0);
    const zhKinds = kinds.map((k) => `${REVISION_NAMES[k][0]} ${r[k]} 处`).join("、");
    const enKinds = kinds.map((k) => `${r[k]} ${REVISION_NAMES[k][1]}`).join(", ");
    diag.add(
      "tracked-changes",
      "warning",
      changes > 0
        ? `这是一份带修订的稿件：有 ${changes} 处未接受的修订（${zhKinds}）和 ${comments} 条批注。已按接受全部修订后的文字读取（删除的文字不读，插入的文字照读），批注未读入；请确认每处修订都应接受`
        : `文档中有 ${comments} 条批注，批注未读入（正文照常读取）；没有未接受的修订`,
      changes > 0
        ? `this is a draft with tracked changes: ${changes} changes not yet accepted (${enKinds}) and ${comments} comments. It was read as if every change were accepted (deleted text left out, inserted text kept), and the comments were not read: check that every change is meant to be accepted`
        : `the document has ${comments} comments, which were not read (the text was read as usual); there are no unaccepted changes`,
      body.firstRevision ?? START,
    );
  }
  if (body.hidden > 0) {
    diag.add(
      "hidden-text",
      "info",
      `文档中有 ${body.hidden} 处隐藏文字（Word 中设为隐藏，不显示也不打印），未读入`,
      `the document has ${body.hidden} runs of hidden text (not shown or printed by Word); they were not read`,
      body.firstHidden ?? START,
    );
  }
  if (body.altChunks > 0) {
    diag.add(
      "docx-embedded",
      "warning",
      `文档中有 ${body.altChunks} 处以其他格式嵌入的内容（altChunk，多见于系统导出的 Word 文件），本工具不能读取：请在 Word 中打开后另存为 .docx，再导入另存的文件`,
      `the document embeds ${body.altChunks} pieces of content in another format (altChunk, common in Word files exported by web systems), which cannot be read: open it in Word, save it as .docx and import that`,
      body.firstAltChunk ?? START,
    );
  }
  if (body.notes > 0) {
    diag.add(
      "notes-skipped",
      "info",
      `文档中有 ${body.notes} 个脚注或尾注，报告格式中没有它们的位置，未读入`,
      `the document has ${body.notes} footnotes or endnotes, which the report format has no place for; they were not read`,
      START,
    );
  }
  if (body.pictures > 0) {
    diag.add(
      "pictures-skipped",
      "info",
      `文档中有 ${body.pictures} 张图片，图片里的文字不会读入（若有表格是图片，请找到文字版）`,
      `the document has ${body.pictures} pictures; text in a picture is not read (if a table is a picture, find a text version)`,
      START,
    );
  }
}
