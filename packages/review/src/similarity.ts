/**
 * Reports of different bodies for the same year that share most of their text (内容雷同). Comparing every
 * pair of a province's ~2,000 reports would be millions of comparisons; instead each narrative is cut into
 * shingles (runs of {@link SHINGLE} characters of its normalised, masked sentences), sketched by one-
 * permutation MinHash into {@link BINS} values; only reports whose sketches agree on a whole band
 * (locality-sensitive hashing) and estimate a similarity near the threshold are compared exactly. Work
 * grows linearly with the number of reports.
 */
import { fnv1a, mix32 } from "./_hash.js";
import { MIN_NARRATIVE, type Sentence } from "./text.js";

/** Characters per shingle. */
export const SHINGLE = 6;
/** MinHash values per sketch: {@link BANDS} bands of {@link ROWS} values. */
export const BANDS = 32;
export const ROWS = 3;
export const BINS = BANDS * ROWS;
/** Jaccard similarity of the shingle sets from which two reports count as sharing most of their text. */
export const SIMILAR_THRESHOLD = 0.5;
/** At most this many candidates are compared exactly per report (those agreeing on the most bands). */
export const MAX_CANDIDATES = 32;
/** A bucket larger than this (many near-identical reports) pairs each member only with its next {@link BUCKET_NEIGHBOURS}. */
export const MAX_BUCKET = 16;
const BUCKET_NEIGHBOURS = 8;
/** How far below the threshold a MinHash estimate may be and the pair still be compared exactly (3 standard errors). */
const ESTIMATE_MARGIN = 0.15;

/** A narrative's shingles (sorted, distinct hashes) and its MinHash sketch; `null` when it is too short to compare. */
export interface Sketch {
  readonly shingles: Uint32Array;
  readonly signature: Uint32Array;
}

const EMPTY = 0xffffffff;

/** The sketch of a narrative (from `narrativeSentences`), or `null` below `MIN_NARRATIVE` characters. */
export function sketchNarrative(sentences: readonly Sentence[]): Sketch | null {
  const text = sentences.map((s) => s.normalized).join("|");
  if (text.length - sentences.length + 1 < MIN_NARRATIVE || text.length < SHINGLE) return null;
  const hashes = new Uint32Array(text.length - SHINGLE + 1);
  for (let i = 0; i < hashes.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE; j++) {
      h ^= text.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    hashes[i] = mix32(h);
  }
  hashes.sort();
  let n = 0;
  for (let i = 0; i < hashes.length; i++)
    if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[n++] = hashes[i]!;
  const shingles = hashes.slice(0, n);
  // One-permutation hashing: the top bits choose the bin, the rest compete for its minimum.
  const signature = new Uint32Array(BINS).fill(EMPTY);
  for (const h of shingles) {
    const bin = h % BINS;
    const rest = Math.floor(h / BINS);
    if (rest < signature[bin]!) signature[bin] = rest;
  }
  // Densify: an empty bin borrows the next filled bin's value (rotation), marked by the distance.
  for (let b = 0; b < BINS; b++) {
    if (signature[b] !== EMPTY) continue;
    for (let d = 1; d < BINS; d++) {
      const v = signature[(b + d) % BINS]!;
      if (v !== EMPTY && v < 0x7fffffff) {
        signature[b] = mix32(v + d) | 0x80000000;
        break;
      }
    }
  }
  return { shingles, signature };
}

/** Jaccard similarity of two sorted, distinct shingle arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - common;
  return union === 0 ? 0 : common / union;
}

/** One report as the similarity search sees it. */
export interface SimilarityItem {
  readonly id: string;
  /** Reports are compared only within a group (the report year). */
  readonly group: number;
  /** Reports of the same body are never compared. */
  readonly body: string;
  readonly sketch: Sketch;
}

/** Two reports sharing most of their text. */
export interface SimilarPair {
  readonly a: string;
  readonly b: string;
  readonly jaccard: number;
}

/** The pairs found (`a` < `b`, sorted), and how much work it took: pairs compared exactly, and values read (band keys, sketch values, shingles merged). */
export interface SimilarityResult {
  readonly pairs: readonly SimilarPair[];
  readonly compared: number;
  readonly work: number;
}

/**
 * Finds the pairs of items of the same group and different bodies whose shingle sets have a Jaccard
 * similarity of at least `threshold`. The result does not depend on the order of `items`.
 */
export function findSimilar(
  items: readonly SimilarityItem[],
  threshold = SIMILAR_THRESHOLD,
): SimilarityResult {
  const sorted = [...items].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const buckets = new Map<string, number[]>();
  // Keys are band and hash; the group (year) is mixed into the hash, so years never share a bucket.
  let work = 0;
  sorted.forEach((item, index) => {
    const sig = item.sketch.signature;
    for (let band = 0; band < BANDS; band++) {
      let h = fnv1a(String(item.group), band + 1);
      for (let r = 0; r < ROWS; r++) h = mix32(h ^ sig[band * ROWS + r]!);
      const key = `${band}:${h}`;
      const list = buckets.get(key);
      if (list === undefined) buckets.set(key, [index]);
      else list.push(index);
      work++;
    }
  });
  // How many bands each pair shares, for the pairs the buckets propose (key: lo × n + hi).
  const n = sorted.length;
  const shared = new Map<number, number>();
  const propose = (i: number, j: number) => {
    work++;
    if (sorted[i]!.body === sorted[j]!.body || sorted[i]!.group !== sorted[j]!.group) return;
    const key = i < j ? i * n + j : j * n + i;
    shared.set(key, (shared.get(key) ?? 0) + 1);
  };
  const bySignature = (x: number, y: number) => {
    const a = sorted[x]!.sketch.signature;
    const b = sorted[y]!.sketch.signature;
    for (let k = 0; k < BINS; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return x - y;
  };
  for (const members of buckets.values()) {
    if (members.length < 2) continue;
    // A crowded bucket (many reports share a common phrase's minimum): each member meets only its
    // neighbours in signature order, where the most alike sit together.
    const crowded = members.length > MAX_BUCKET;
    if (crowded) members.sort(bySignature);
    const span = crowded ? BUCKET_NEIGHBOURS : members.length;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < Math.min(members.length, x + 1 + span); y++) propose(members[x]!, members[y]!);
    }
  }
  // Each report keeps its best candidates (most bands shared); a pair is compared once.
  const best = new Map<number, [number, number][]>();
  const keep = (self: number, other: number, bands: number) => {
    let list = best.get(self);
    if (list === undefined) {
      list = [];
      best.set(self, list);
    }
    list.push([other, bands]);
  };
  for (const [key, bands] of shared) {
    const lo = Math.floor(key / n);
    const hi = key - lo * n;
    keep(lo, hi, bands);
    keep(hi, lo, bands);
  }
  const toCompare = new Set<number>();
  for (const [self, list] of best) {
    list.sort((p, q) => q[1] - p[1] || p[0] - q[0]);
    for (const [other] of list.slice(0, MAX_CANDIDATES))
      toCompare.add(self < other ? self * n + other : other * n + self);
  }
  const pairs: SimilarPair[] = [];
  let compared = 0;
  for (const key of [...toCompare].sort((x, y) => x - y)) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    const a = sorted[i]!;
    const b = sorted[j]!;
    // The share of equal MinHash values estimates the Jaccard similarity (standard error ≤ 0.05 with 96
    // values): only a pair that may reach the threshold is compared exactly.
    let equal = 0;
    for (let k = 0; k < BINS; k++) if (a.sketch.signature[k] === b.sketch.signature[k]) equal++;
    work += BINS;
    if (equal / BINS < threshold - ESTIMATE_MARGIN) continue;
    compared++;
    work += a.sketch.shingles.length + b.sketch.shingles.length;
    const similarity = jaccard(a.sketch.shingles, b.sketch.shingles);
    if (similarity >= threshold) pairs.push({ a: a.id, b: b.id, jaccard: similarity });
  }
  pairs.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  return { pairs, compared, work };
}
