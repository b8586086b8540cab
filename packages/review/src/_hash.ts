// Small deterministic hashes: the same on every machine and in the browser (no node:crypto), for ids
// of files and bodies and for the similarity sketches. Not for security.

/** FNV-1a over UTF-16 code units, 32 bits, from a seed. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 48-bit hex id of a text: two FNV-1a hashes with different seeds (collisions among thousands of files are negligible, and resolved by the caller). */
export function hashId(text: string): string {
  const a = fnv1a(text).toString(16).padStart(8, "0");
  const b = (fnv1a(text, 0x9747b28c) & 0xffff).toString(16).padStart(4, "0");
  return a + b;
}

/** Mixes a 32-bit value (murmur3's finaliser): spreads nearby inputs over the whole range. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
