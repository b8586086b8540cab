// Bytes as real files hold them, for the sniffing and decoding tests: GBK text, zip archives, UTF-16/32.

let gbkTable: Map<string, number[]> | undefined;

/** Encodes text as GBK, as older government CMSs serve their pages (TextEncoder only writes UTF-8). */
export function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gbk", { fatal: true });
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        try {
          const ch = decoder.decode(Uint8Array.of(a, b));
          if (!gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
        } catch {
          // not a GBK character
        }
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** Encodes text as UTF-16 (little or big endian), with or without a byte-order mark. */
export function utf16(text: string, littleEndian = true, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++)
    view.setUint16((bom ? 2 : 0) + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

/** Encodes text as UTF-32 with a byte-order mark. */
export function utf32(text: string, littleEndian = true): Uint8Array {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const out = new Uint8Array(4 + cps.length * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xfeff, littleEndian);
  cps.forEach((cp, i) => {
    view.setUint32(4 + i * 4, cp, littleEndian);
  });
  return out;
}

/** A zip archive of empty files with these names (stored, no compression), as Office and WPS write them. */
export function zip(names: readonly string[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  for (const name of names) {
    const n = [...enc.encode(name)];
    const offset = locals.length;
    locals.push(...[0x50, 0x4b, 3, 4], ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0));
    locals.push(...u32(0), ...u32(0), ...u16(n.length), ...u16(0), ...n);
    central.push(...[0x50, 0x4b, 1, 2], ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0));
    central.push(...u32(0), ...u32(0), ...u16(n.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0));
    central.push(...u32(0), ...u32(offset), ...n);
  }
  const end = [0x50, 0x4b, 5, 6, ...u16(0), ...u16(0), ...u16(names.length), ...u16(names.length)];
  end.push(...u32(central.length), ...u32(locals.length), ...u16(0));
  return Uint8Array.from([...locals, ...central, ...end]);
}
