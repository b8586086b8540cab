// Reading our DOCX back the way a program does: the zip with fflate, the parts with a real XML parser.
import { DOMParser, type Element } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";

/** WordprocessingML's namespace. */
export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** Every part of the package as text, by path. */
export function parts(docx: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(docx)).map(([path, bytes]) => [path, strFromU8(bytes)]));
}

/** A part parsed (xmldom throws on XML that is not well-formed). */
export function parse(xml: string): Element {
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== "warning") throw new Error(msg);
    },
  }).parseFromString(xml, "text/xml");
  return doc.documentElement!;
}

/** Descendants in the WordprocessingML namespace with this local name, in document order. */
export function all(node: Element, name: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(W, name));
}

/** Direct children in the WordprocessingML namespace with this local name. */
export function children(node: Element, name: string): Element[] {
  return Array.from(node.childNodes).filter(
    (c): c is Element =>
      c.nodeType === 1 && (c as Element).namespaceURI === W && (c as Element).localName === name,
  );
}

/** `w:val` (or another `w:` attribute) of the first child with this name, if any. */
export function val(node: Element, name: string, attribute = "val"): string | null | undefined {
  const el = all(node, name)[0];
  return el === undefined ? undefined : el.getAttributeNS(W, attribute);
}

/** The text a paragraph shows: `w:t` text, `w:tab` as a tab, `w:br` as a line feed. */
export function paragraphText(p: Element): string {
  let out = "";
  const walk = (n: Element) => {
    for (const c of Array.from(n.childNodes)) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (e.namespaceURI === W && e.localName === "t") out += e.textContent ?? "";
      else if (e.namespaceURI === W && e.localName === "tab" && n.localName === "r") out += "\t";
      else if (e.namespaceURI === W && e.localName === "br") out += "\n";
      else walk(e);
    }
  };
  walk(p);
  return out;
}

/** A position of a Word table after expanding merges: the cell that covers it, and whether it starts there. */
export interface WordSlot {
  readonly tc: Element;
  readonly origin: boolean;
}

/**
 * A Word table as a dense matrix: `w:gridSpan` spans columns, `w:vMerge` (continue) joins a cell to the
 * one above it. Throws when a row does not fill the grid or a continuation has nothing above it.
 */
export function wordGrid(tbl: Element): WordSlot[][] {
  const width = children(children(tbl, "tblGrid")[0]!, "gridCol").length;
  const out: WordSlot[][] = [];
  children(tbl, "tr").forEach((tr, r) => {
    const row: WordSlot[] = [];
    for (const tc of children(tr, "tc")) {
      const span = Number(val(tc, "gridSpan") ?? 1);
      const vMerge = all(tc, "vMerge")[0];
      const continues = vMerge !== undefined && (vMerge.getAttributeNS(W, "val") ?? "continue") !== "restart";
      for (let i = 0; i < span; i++) {
        const c = row.length;
        if (continues) {
          const above = out[r - 1]?.[c];
          if (!above) throw new Error(`row ${r}, column ${c}: vMerge continue with nothing above`);
          row.push({ tc: above.tc, origin: false });
        } else {
          row.push({ tc, origin: i === 0 });
        }
      }
    }
    if (row.length !== width) throw new Error(`row ${r} covers ${row.length} of ${width} columns`);
    out.push(row);
  });
  return out;
}
