import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { formatDiagnostic, importReport } from "../../src/index.js";
import { readBody } from "../../src/readers/docx/_body.js";
import { BY, EXAMPLE_DOCX, editPart, p, r, read, shape, tbl, tc, tr, withBody } from "../_docx.js";

describe("paragraphs", () => {
  test("runs join into their paragraph, whatever Word put between them", async () => {
    const { doc } = await read(
      withBody(
        p(
          r("（一）"),
          '<w:proofErr w:type="spellStart"/>',
          '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>',
          `<w:r w:rsidR="00A1B2C3"><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr><w:lastRenderedPageBreak/><w:t>予以</w:t></w:r>`,
          '<w:hyperlink r:id="rId99" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
          r("公开"),
          "</w:hyperlink>",
          '<w:smartTag w:uri="urn:x" w:element="place">',
          r("（全文）"),
          "</w:smartTag>",
        ),
      ),
    );
    expect(shape(doc)).toEqual(["（一）予以公开（全文）"]);
  });

  test("tabs, line breaks and non-breaking hyphens are text; tab stops and field codes are not", async () => {
    const { doc } = await read(
      withBody(
        `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${r("联系电话")}<w:r><w:tab/><w:t>0571</w:t><w:noBreakHyphen/><w:t>1234</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>` +
          p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            r("3"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>7</w:t></w:r></w:fldSimple>',
          ),
      ),
    );
    expect(shape(doc)).toEqual(["联系电话\t0571-1234\n下一行", "37"]);
  });

  test("each block points at its paragraph, counted as Word counts them (cells included)", async () => {
    const { doc } = await read(withBody(p("第一段") + tbl(tr("甲", "乙")) + p("") + p("第四段")));
    expect(doc?.blocks.map((b) => b.pos)).toEqual([
      { paragraph: 1 },
      { paragraph: 2, table: 1 },
      { paragraph: 5 },
    ]);
    const table = doc?.blocks[1];
    expect(table?.kind === "table" && table.rows[0]!.map((c) => c.pos)).toEqual([
      { paragraph: 2, table: 1, row: 1, cell: 1 },
      { paragraph: 3, table: 1, row: 1, cell: 2 },
    ]);
  });

  test("a text box's paragraphs follow the paragraph it is anchored in, once (not again from the fallback)", async () => {
    const box = (text: string) => `<w:txbxContent>${p(text)}</w:txbxContent>`;
    const { doc } = await read(
      withBody(
        p(
          r("前文"),
          `<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>${box("江南市人民政府文件")}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>${box("江南市人民政府文件")}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
          r("后文"),
        ) + p("下一段"),
      ),
    );
    expect(shape(doc)).toEqual(["前文后文", "江南市人民政府文件", "下一段"]);
  });

  test("a content control's text is read, its prompt is not", async () => {
    const sdt = (prompt: boolean, text: string) =>
      `<w:sdt><w:sdtPr><w:alias w:val="机关"/>${prompt ? "<w:showingPlcHdr/>" : ""}</w:sdtPr><w:sdtContent>${r(text)}</w:sdtContent></w:sdt>`;
    const { doc } = await read(
      withBody(
        p(r("发布机关："), sdt(false, "云溪县教育局")) +
          p(r("电话："), sdt(true, "单击或点击此处输入文字。")),
      ),
    );
    expect(shape(doc)).toEqual(["发布机关：云溪县教育局", "电话："]);
  });

  test("hidden text is left out and counted; text hidden off (w:val=0) is read", async () => {
    const { doc, diag } = await read(
      withBody(
        p(r("本年度"), r("（填写说明：请删除）", "<w:vanish/>"), r("未收取费用。", '<w:vanish w:val="0"/>')),
      ),
    );
    expect(shape(doc)).toEqual(["本年度未收取费用。"]);
    expect(diag.list).toEqual([
      expect.objectContaining({ code: "hidden-text", severity: "info", source: { paragraph: 1 } }),
    ]);
  });

  test("symbols of a symbol font are left out, other symbols kept", async () => {
    const { doc } = await read(
      withBody(
        p(
          r("已完成"),
          '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
          '<w:r><w:sym w:font="SimSun" w:char="2192"/></w:r>',
          r("下一步"),
        ),
      ),
    );
    expect(shape(doc)).toEqual(["已完成→下一步"]);
  });
});

describe("tables", () => {
  test("vertical merges (restart / continue, or continue written as a bare <w:vMerge/>) become row spans", async () => {
    const { doc } = await read(
      withBody(
        tbl(
          tr(tc('<w:vMerge w:val="restart"/>', "三、本年度办理结果"), "（一）予以公开", "12"),
          tr(tc('<w:vMerge w:val="continue"/>'), "（二）部分公开", "3"),
          tr(tc("<w:vMerge/>"), "（三）不予公开", "-"),
          tr("四、结转", tc('<w:gridSpan w:val="2"/>', "5")),
        ),
      ),
    );
    expect(shape(doc)).toEqual([
      [
        ["三、本年度办理结果/r3", "（一）予以公开", "12"],
        ["（二）部分公开", "3"],
        ["（三）不予公开", "-"],
        ["四、结转", "5/c2"],
      ],
    ]);
  });

  test("a merge that continues nothing is a cell of its own; a merge ends where a row has no continuation", async () => {
    const { doc } = await read(
      withBody(
        tbl(
          tr(tc("<w:vMerge/>", "孤立"), "a"),
          tr(tc('<w:vMerge w:val="restart"/>', "上"), "b"),
          tr("独立", "c"),
          tr(tc("<w:vMerge/>"), "d"),
        ),
      ),
    );
    expect(shape(doc)).toEqual([
      [
        ["孤立", "a"],
        ["上", "b"],
        ["独立", "c"],
        ["", "d"],
      ],
    ]);
  });

  test("horizontal spans: w:gridSpan, the legacy w:hMerge, and the columns a row skips (w:gridBefore)", async () => {
    const { doc } = await read(
      withBody(
        tbl(
          tr(tc('<w:hMerge w:val="restart"/>', "行政复议"), tc("<w:hMerge/>"), tc("<w:hMerge/>"), "行政诉讼"),
          `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc("", "8")}${tc("", "7")}</w:tr>`,
        ),
      ),
    );
    expect(shape(doc)).toEqual([
      [
        ["行政复议/c3", "行政诉讼"],
        ["/c2", "8", "7"],
      ],
    ]);
  });

  test("a cell's paragraphs are its lines", async () => {
    const { doc } = await read(
      withBody(tbl(tr(tc("", "（二）部分公开", "（区分处理的）"), tc("", "12", "")))),
    );
    expect(shape(doc)).toEqual([[["（二）部分公开\n（区分处理的）", "12\n"]]]);
  });

  test("a table holding a table lays the page out: its cells' contents are the blocks", async () => {
    const { doc } = await read(
      withBody(tbl(tr(tc("", p("一、总体情况"), tbl(tr("规章", "2")), p("说明"))), tr("二、主动公开"))),
    );
    expect(shape(doc)).toEqual(["一、总体情况", [["规章", "2"]], "说明", "二、主动公开"]);
  });
});

describe("a draft under review reads as if every change were accepted", () => {
  test("inserted text is read, deleted and moved-away text is not, and both are counted", async () => {
    const { doc, diag } = await read(
      withBody(
        p(
          r("本年新收申请"),
          `<w:del ${BY}><w:r><w:delText>12</w:delText></w:r></w:del>`,
          `<w:ins ${BY}>${r("14")}</w:ins>`,
          r("件。"),
          `<w:moveFrom ${BY}>${r("（见附表）")}</w:moveFrom>`,
        ) + p(`<w:moveTo ${BY}>${r("（见附表）")}</w:moveTo>`),
      ),
    );
    expect(shape(doc)).toEqual(["本年新收申请14件。", "（见附表）"]);
    expect(diag.list).toEqual([
      expect.objectContaining({ code: "tracked-changes", severity: "warning", source: { paragraph: 1 } }),
    ]);
    expect(diag.list[0]!.message.zh).toContain(
      "3 处未接受的修订（插入 1 处、删除 1 处、移动 1 处）和 0 条批注",
    );
    expect(diag.list[0]!.message.en).toContain(
      "3 changes not yet accepted (1 insertions, 1 deletions, 1 moves) and 0 comments",
    );
  });

  test("a deleted paragraph mark joins the paragraph to the next; a deleted row and a deleted cell are gone", async () => {
    const delMark = `<w:pPr><w:rPr><w:del ${BY}/></w:rPr></w:pPr>`;
    const { doc, diag } = await read(
      withBody(
        `<w:p>${delMark}${r("下一步，我局将")}</w:p>` +
          p(r("加强培训。")) +
          `<w:p>${delMark}<w:del ${BY}>${r("整段删除")}</w:del></w:p>` +
          p(r("保留")) +
          tbl(
            tr("规章", "2"),
            `<w:tr><w:trPr><w:del ${BY}/></w:trPr>${tc("", "其中：当面申请")}${tc("", "1")}</w:tr>`,
            tr(tc(`<w:cellDel ${BY}/>`, "多余"), "规范性文件", "3"),
          ),
      ),
    );
    expect(shape(doc)).toEqual([
      "下一步，我局将加强培训。",
      "保留",
      [
        ["规章", "2"],
        ["规范性文件", "3"],
      ],
    ]);
    expect(diag.list[0]!.message.zh).toContain("删除 5 处");
  });

  test("formatting changes count, and the properties from before the change are not applied", async () => {
    const { doc, diag } = await read(
      withBody(
        p(r("加粗的", `<w:b/><w:rPrChange ${BY}><w:rPr><w:vanish/></w:rPr></w:rPrChange>`), r("文字")) +
          `<w:p><w:pPr><w:jc w:val="center"/><w:pPrChange ${BY}><w:pPr><w:rPr><w:del ${BY}/></w:rPr></w:pPr></w:pPrChange></w:pPr>${r("居中")}</w:p>`,
      ),
    );
    expect(shape(doc)).toEqual(["加粗的文字", "居中"]);
    expect(diag.list.map((d) => d.code)).toEqual(["tracked-changes"]);
    expect(diag.list[0]!.message.zh).toContain("2 处未接受的修订（格式修改 2 处）");
  });

  test("comments are counted from the comments part, their text is not read", async () => {
    const files = unzipSync(
      withBody(
        p(
          r("本年新收申请"),
          '<w:commentRangeStart w:id="0"/>',
          r("421"),
          '<w:commentRangeEnd w:id="0"/>',
          '<w:r><w:commentReference w:id="0"/></w:r>',
          r("件。"),
        ),
      ),
    );
    files["word/comments.xml"] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:comment ${BY.replace('w:id="1"', 'w:id="0"')}>${p("请核对")}</w:comment>` +
        `<w:comment ${BY.replace('w:id="1"', 'w:id="2"')}>${p("已核对")}</w:comment></w:comments>`,
    );
    const { doc, diag } = await read(zipSync(files));
    expect(shape(doc)).toEqual(["本年新收申请421件。"]);
    expect(diag.list).toEqual([expect.objectContaining({ code: "tracked-changes", severity: "warning" })]);
    expect(diag.list[0]!.message.zh).toBe("文档中有 2 条批注，批注未读入（正文照常读取）；没有未接受的修订");
  });

  test("without a comments part, the comment anchors in the body are counted", async () => {
    const { diag } = await read(
      withBody(p(`<w:ins ${BY}>${r("新增")}</w:ins>`, '<w:r><w:commentReference w:id="0"/></w:r>')),
    );
    expect(diag.list[0]!.message.en).toContain("1 changes not yet accepted (1 insertions) and 1 comments");
  });
});

describe("what the reader cannot read is said", () => {
  test("content embedded in another format (altChunk), footnotes and pictures", async () => {
    const { doc, diag } = await read(
      withBody(
        p(r("正文"), '<w:r><w:footnoteReference w:id="1"/></w:r>') +
          '<w:altChunk r:id="rId99" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>' +
          p(
            '<w:r><w:drawing><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"/></w:drawing></w:r>',
          ),
      ),
    );
    expect(shape(doc)).toEqual(["正文"]);
    expect(diag.list.map((d) => [d.code, d.severity])).toEqual([
      ["docx-embedded", "warning"],
      ["notes-skipped", "info"],
      ["pictures-skipped", "info"],
    ]);
    expect(diag.list[0]!.source).toEqual({ paragraph: 2 });
  });

  test.each([
    [
      "with a body that is not well-formed XML",
      editPart(EXAMPLE_DOCX, "word/document.xml", (x) => x.replace("</w:body>", "")),
    ],
    [
      "with an empty body part",
      zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": new Uint8Array() }),
    ],
  ])("a damaged document (%s) is refused with what to do", async (_, docx) => {
    const result = await importReport(docx, { fileName: "x.docx" });
    expect(result).toMatchObject({ format: "docx", report: null });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "docx-unreadable", severity: "error", source: { paragraph: 1 } }),
    ]);
    expect(formatDiagnostic(result.diagnostics[0]!, { file: "x.docx" })).toMatch(
      /^x\.docx 第1段 错误 docx-unreadable 这个 Word 文档已损坏，无法读取（word\/document\.xml: .+）。请用 Word 或 WPS 打开它/,
    );
  });

  test("a download cut short (no zip directory) is still recognised as a Word document", async () => {
    const result = await importReport(EXAMPLE_DOCX.subarray(0, EXAMPLE_DOCX.length - 40));
    expect(result).toMatchObject({ format: "docx", report: null });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "docx-unreadable", severity: "error", source: { paragraph: 1 } }),
    ]);
    expect(result.diagnostics[0]!.message.zh).toContain("文件不完整或已损坏（可能没有下载完）");
  });

  test("a part that would unpack to more than 256 MB is not unpacked", async () => {
    // The zip's own size fields are what a zip bomb lies with: say the body is 300 MB.
    const docx = zipSync({ "word/document.xml": strToU8("<w:document/>") }, { level: 0 });
    const view = new DataView(docx.buffer, docx.byteOffset);
    const central = docx.length - 22 - view.getUint32(docx.length - 22 + 12, true);
    view.setUint32(central + 24, 300 * 1024 * 1024, true);
    const result = await importReport(docx);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "docx-unreadable", severity: "error" }),
    ]);
    expect(result.diagnostics[0]!.message.en).toContain("would be 300 MB unpacked, over the 256 MB limit");
  });
});

describe("namespaces, not prefixes", () => {
  test("a document saved as Strict Open XML, or with another prefix for WordprocessingML, reads the same", async () => {
    const strict = editPart(EXAMPLE_DOCX, "word/document.xml", (x) =>
      x.replace(
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
        'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"',
      ),
    );
    const prefixed = editPart(EXAMPLE_DOCX, "word/document.xml", (x) =>
      x
        .replace(/<(\/?)w:/g, "<$1ns0:")
        .replace(/ w:/g, " ns0:")
        .replace("xmlns:w=", "xmlns:ns0="),
    );
    const [a, b, c] = await Promise.all([read(EXAMPLE_DOCX), read(strict), read(prefixed)]);
    expect(a.doc?.blocks.length).toBeGreaterThan(30);
    expect(shape(b.doc)).toEqual(shape(a.doc));
    expect(shape(c.doc)).toEqual(shape(a.doc));
  });
});

describe("work is linear in the document's size", () => {
  const doc = (body: string) =>
    `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  /** The work of reading a document of size n, for n and 2n: twice the size costs twice the work. */
  const doubling = (
    make: (n: number) => string,
    check: (n: number, b: ReturnType<typeof readBody>) => void,
  ) => {
    for (const n of [250, 500, 1000, 2000]) {
      const [a, b] = [readBody(make(n)), readBody(make(2 * n))];
      check(n, a);
      expect(b.work / a.work).toBeGreaterThan(1.9);
      expect(b.work / a.work).toBeLessThan(2.1);
    }
  };

  test("a table of n rows, each cell merged down from the one above", () => {
    doubling(
      (n) =>
        doc(
          tbl(
            tr(...Array.from({ length: 10 }, (_, i) => tc('<w:vMerge w:val="restart"/>', `列${i}`))),
            ...Array.from({ length: n }, () => tr(...Array.from({ length: 10 }, () => tc("<w:vMerge/>")))),
          ),
        ),
      (n, b) => {
        const table = b.blocks[0]!;
        expect(table.kind === "table" && table.rows[0]![0]!.rowSpan).toBe(n + 1);
      },
    );
  });

  test("n paragraphs joined into one by deleted paragraph marks", () => {
    const mark = `<w:pPr><w:rPr><w:del ${BY}/></w:rPr></w:pPr>`;
    doubling(
      (n) => doc(`<w:p>${mark}${r("一段文字，")}</w:p>`.repeat(n) + p("完")),
      (n, b) => {
        expect(b.blocks).toHaveLength(1);
        expect(b.blocks[0]!.kind === "text" && b.blocks[0]!.text.length).toBe(5 * n + 1);
      },
    );
  });

  test("n layout tables nested one in another", () => {
    // Built as a list of parts: nesting a string in a string n times would itself cost n².
    const nested = (n: number): string => {
      const opens = Array.from({ length: n }, (_, i) => `<w:tbl><w:tblPr/><w:tr><w:tc>${p(`第${i}层`)}`);
      return doc(`${opens.join("")}${tbl(tr("规章", "2"))}${"</w:tc></w:tr></w:tbl>".repeat(n)}`);
    };
    doubling(nested, (n, b) => expect(b.blocks).toHaveLength(n + 1));
  });
});
