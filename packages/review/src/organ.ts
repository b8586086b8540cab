/**
 * Which reports belong to the same body. A body's name is written differently from year to year and from
 * page to page (spaces, full-width brackets, a title that drops the city), and bodies are renamed or
 * merged; so names are compared normalised, a mapping may name the body a name now stands for, and a
 * name that is the tail of exactly one longer name ("下城区武林街道办事处" of "杭州市下城区武林街道办事处")
 * is taken for it.
 */

/** A name as compared: NFKC (full-width letters, digits and brackets made half-width), no whitespace, no quotes or middle dots. */
export function normalizeOrgan(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s\u200b-\u200d\ufeff"'“”‘’「」『』·•・]/g, "")
    .replace(/[〔［【]/g, "(")
    .replace(/[〕］】]/g, ")");
}

/** A mapping of names to the body they stand for: `{ "杭州市下城区武林街道办事处": "杭州市拱墅区武林街道办事处" }`. */
export type OrganMapping = Readonly<Record<string, string>>;

/** Why a mapping cannot be used: where (the key) and what, in both languages (`message` is the English). */
export class OrganMappingError extends Error {
  readonly code = "XXGK_ORGAN_MAPPING";
  constructor(
    readonly text: { readonly zh: string; readonly en: string },
    readonly key?: string,
  ) {
    super(text.en);
    this.name = "OrganMappingError";
  }
}

/**
 * Checks a parsed mapping file (a JSON object of name → name) and returns it. Throws
 * {@link OrganMappingError} for anything else: not an object, a value that is not a non-empty string, or
 * a chain of names that comes back to itself.
 */
export function parseOrganMapping(json: unknown): OrganMapping {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new OrganMappingError({
      zh: '名称对照表应为 JSON 对象：{ "旧名称或其他写法": "机关现名称" }',
      en: 'the name mapping must be a JSON object: { "old or other name": "name of the body" }',
    });
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(json)) {
    if (typeof v !== "string" || v.trim() === "") {
      throw new OrganMappingError(
        {
          zh: `名称对照表中“${k}”的值应为机关名称（非空字符串）`,
          en: `the name mapping's "${k}" must name a body (a non-empty string)`,
        },
        k,
      );
    }
    out[k] = v;
  }
  const mapped = normalizedMapping(out);
  for (const start of mapped.keys()) {
    const seen = new Set([start]);
    for (let at = mapped.get(start); at !== undefined; at = mapped.get(at)) {
      if (seen.has(at)) {
        throw new OrganMappingError(
          { zh: `名称对照表在“${at}”处循环对照`, en: `the name mapping goes round in a circle at "${at}"` },
          at,
        );
      }
      seen.add(at);
    }
  }
  return out;
}

function normalizedMapping(mapping: OrganMapping): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(mapping)) {
    const from = normalizeOrgan(k);
    const to = normalizeOrgan(v);
    if (from !== to) m.set(from, to);
  }
  return m;
}

/** Whether a name begins with a place (a 省, 市, 区, 县 …) before its last characters: only such names are matched by their tail. */
const PLACE_FIRST = /^.+?[省市区县州盟旗]..+$/;

/** Names longer than this (no real organ's) are not matched by their tails, which would cost their length squared. */
const MAX_TAIL_NAME = 100;

/** The body each name stands for, and how it was decided. */
export interface OrganResolution {
  /** Normalised name → the normalised name of the body it stands for. */
  readonly bodyOf: ReadonlyMap<string, string>;
  /** Normalised name → how: `mapping` (the mapping file), `suffix` (the tail of one longer name), or `name`. */
  readonly how: ReadonlyMap<string, "name" | "mapping" | "suffix">;
}

/**
 * Decides the body of every name: first the mapping (followed through chains), then a name that is the
 * tail of exactly one other (mapped) name and begins with a place is taken for that one; otherwise a
 * name is its own body. The result does not depend on the order of `names`.
 */
export function resolveOrgans(names: Iterable<string>, mapping: OrganMapping = {}): OrganResolution {
  const map = normalizedMapping(mapping);
  const follow = (n: string) => {
    let at = n;
    for (let hops = 0; map.has(at) && hops <= map.size; hops++) at = map.get(at)!;
    return at;
  };
  const bodyOf = new Map<string, string>();
  const how = new Map<string, "name" | "mapping" | "suffix">();
  const distinct = [...new Set([...names].map(normalizeOrgan))].sort();
  for (const n of distinct) {
    const b = follow(n);
    bodyOf.set(n, b);
    how.set(n, b === n ? "name" : "mapping");
  }
  const bodies = [...new Set(bodyOf.values())].sort();
  // Longest first, so that a chain of tails ends at the fullest name.
  const byLength = [...bodies].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // Every proper tail of every name, with the names it ends: one pass, linear in the names' length.
  const tails = new Map<string, string[]>();
  for (const b of bodies) {
    if (b.length > MAX_TAIL_NAME) continue;
    for (let i = 1; i < b.length; i++) {
      const tail = b.slice(i);
      const list = tails.get(tail);
      if (list === undefined) tails.set(tail, [b]);
      else list.push(b);
    }
  }
  const merged = new Map<string, string>();
  for (const short of byLength) {
    if (!PLACE_FIRST.test(short)) continue;
    const longer = tails.get(short) ?? [];
    if (longer.length !== 1) continue;
    merged.set(short, merged.get(longer[0]!) ?? longer[0]!);
  }
  for (const n of distinct) {
    const b = bodyOf.get(n)!;
    const m = merged.get(b);
    if (m !== undefined) {
      bodyOf.set(n, m);
      if (how.get(n) === "name") how.set(n, "suffix");
    }
  }
  return { bodyOf, how };
}
