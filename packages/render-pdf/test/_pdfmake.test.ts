import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchTextWrites } from "../src/_pdfmake.js";
import { loadNodeFonts } from "../src/node.js";

// pdfkit as pdfmake loads it; each copy below is a fresh one, so one copy keeps pdfkit's own writes.
const fromPdfmake = createRequire(createRequire(import.meta.url).resolve("pdfmake"));
const file = fromPdfmake.resolve("pdfkit");

interface Doc {
  _root: never;
  ref(data?: object): { write(chunk: unknown): void; end(): void };
  font(src: Uint8Array | string): Doc;
  fontSize(n: number): Doc;
  text(s: string, x?: number, y?: number): Doc;
  rect(x: number, y: number, w: number, h: number): Doc;
  fill(color: string): Doc;
  addPage(): Doc;
  on(event: string, cb: (chunk?: Uint8Array) => void): void;
  end(): void;
}
type DocClass = new (options: object) => Doc;

function freshPdfkit(): DocClass {
  const saved = fromPdfmake.cache[file];
  delete fromPdfmake.cache[file];
  try {
    return fromPdfmake(file) as DocClass;
  } finally {
    if (saved) fromPdfmake.cache[file] = saved;
    else delete fromPdfmake.cache[file];
  }
}

const fonts = await loadNodeFonts();
const plain = freshPdfkit();
const batched = freshPdfkit();
batchTextWrites(new batched({})._root);

/**
 * A document with text in an embedded font (binary chunks) between drawing operators, page by page, and
 * an object written in text and binary pieces in the given order.
 */
function pdf(
  PDFDocument: DocClass,
  pages: readonly string[][],
  pieces: readonly (string | number[])[] = [],
): Promise<Buffer> {
  const doc = new PDFDocument({ info: { CreationDate: new Date(Date.UTC(2021, 0, 31)) }, compress: true });
  const chunks: Uint8Array[] = [];
  doc.on("data", (c) => chunks.push(c!));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.font(Buffer.from(fonts.body[0]!.data)).fontSize(12);
  pages.forEach((lines, p) => {
    if (p > 0) doc.addPage();
    lines.forEach((line, i) => {
      doc.rect(50, 60 + i * 20, 10, 10).fill(i % 2 ? "#333333" : "red");
      doc.text(line, 70, 60 + i * 20);
    });
  });
  const mixed = doc.ref({});
  for (const p of pieces) mixed.write(p);
  mixed.end();
  doc.end();
  return done;
}

describe("batched text writes", () => {
  it("write the same bytes as pdfkit's own writes (property test)", async () => {
    const line = fc.string({
      unit: fc.constantFrom(..."年度报告政府信息公开 0123456789-（）、。abc√"),
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(line, { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        async (pages) => {
          const [a, b] = await Promise.all([pdf(plain, pages), pdf(batched, pages)]);
          expect(b.equals(a)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("keep text and binary pieces of one object in their order (property test)", async () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 8 }), async (pieces) => {
        const [a, b] = await Promise.all([pdf(plain, [[]], pieces), pdf(batched, [[]], pieces)]);
        expect(b.equals(a)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("are pdfkit's writes in every later document, once rendering began", async () => {
    const { renderPdf } = await import("../src/index.js");
    const { example } = await import("./_fixtures.js");
    await renderPdf(example("wulin-2020"), { fonts });
    const used = fromPdfmake(file) as DocClass;
    const proto = Object.getPrototypeOf(new used({})._root) as { write: () => void };
    expect(String(proto.write)).not.toContain("Buffer.from");
  });
});
