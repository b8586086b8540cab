import { commonSubsequence, editDistance, normalizeLabel } from "./_normalize.js";
import { LABEL_VARIANTS } from "./_variants.js";

/**
 * How a written label was matched: `exact` after normalising, `variant` via the known typos/re-wordings
 * table or a different item number, `extended` the official label plus an appended explanation or unit
 * (`规章(设区的市…)`, `采购总金额(万元)`), `approximate` by edit distance.
 */
export type MatchKind = "exact" | "variant" | "extended" | "approximate";

/** A label found for a written text. */
export interface LabelMatch<T> {
  readonly item: T;
  /** The official label matched. */
  readonly label: string;
  readonly kind: MatchKind;
  /** A unit stated in an appended parenthesis (`采购总金额(万元)` → `万元`). */
  readonly unit?: string;
}

// Item numbers as written: "1." "(1)" "1)" "①" (NFKC makes it "1"), "(一)", "一、".
const ENUMERATOR =
  /^(?:\(\d{1,2}\)|\d{1,2}[.)]?|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)/;
const TRAILING_PARENS = /(?:\([^()]*\))+$/;
const UNIT_IN_PARENS = /\((?:单位:)?(万元|元|件|个|项|条)\)/;

function applyVariants(n: string): string {
  let out = n;
  for (const [written, official] of LABEL_VARIANTS) {
    if (out.includes(written) && !out.includes(official)) out = out.replace(written, official);
  }
  return out;
}

const stripEnumerator = (n: string): string => n.replace(ENUMERATOR, "");
const stripParens = (n: string): string => n.replace(TRAILING_PARENS, "");

interface Entry<T> {
  readonly item: T;
  readonly label: string;
  readonly norm: string;
  /** `norm` without its item number. */
  readonly bare: string;
  /** `norm` without trailing bracketed explanations. */
  readonly base: string;
}

const CACHE_LIMIT = 4096;

/** Official labels of one scope (a table's rows, a row's columns…), matched tolerantly. */
export class LabelIndex<T> {
  readonly #entries: Entry<T>[];
  readonly #exact = new Map<string, Entry<T>[]>();
  readonly #maxLength: number;
  // Pages repeat the same labels: remember what each written text matched.
  readonly #cache = new Map<string, LabelMatch<T>[]>();

  constructor(entries: readonly { readonly label: string; readonly item: T }[]) {
    this.#entries = entries.map((e) => {
      const norm = normalizeLabel(e.label);
      return { ...e, norm, bare: stripEnumerator(norm), base: stripParens(norm) };
    });
    for (const e of this.#entries) this.#exact.set(e.norm, [...(this.#exact.get(e.norm) ?? []), e]);
    this.#maxLength = Math.max(0, ...this.#entries.map((e) => e.norm.length));
  }

  /** Every entry whose label matches `written` at the best level found; several when labels repeat. */
  matchAll(written: string): LabelMatch<T>[] {
    let got = this.#cache.get(written);
    if (got === undefined) {
      const n = normalizeLabel(written);
      got = n === "" ? [] : this.#match(n);
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(written, got);
    }
    return got;
  }

  #match(n: string): LabelMatch<T>[] {
    const hit = (es: readonly Entry<T>[], kind: MatchKind, unit?: string): LabelMatch<T>[] =>
      es.map((e) =>
        unit === undefined
          ? { item: e.item, label: e.label, kind }
          : { item: e.item, label: e.label, kind, unit },
      );
    const exact = this.#exact.get(n);
    if (exact) return hit(exact, "exact");
    const v = applyVariants(n);
    const variant = this.#exact.get(v);
    if (variant) return hit(variant, "variant");
    const bare = stripEnumerator(v);
    const renumbered = bare.length >= 2 ? this.#entries.filter((e) => e.bare === bare) : [];
    if (renumbered.length > 0) return hit(renumbered, "variant");
    // The official label followed by an explanation in brackets or after a colon.
    const unit = UNIT_IN_PARENS.exec(v)?.[1];
    const base = stripParens(v);
    const extended = this.#entries.filter(
      (e) =>
        (v.startsWith(e.norm) && /^[(:,;，；：]/.test(v.slice(e.norm.length))) ||
        (base !== v && base.length >= 2 && e.base === base),
    );
    if (extended.length > 0) {
      const longest = Math.max(...extended.map((e) => e.norm.length));
      return hit(
        extended.filter((e) => e.norm.length === longest),
        "extended",
        unit,
      );
    }
    // Explanations appended to a label are matched above; anything much longer is not a label.
    if (v.length < 4 || v.length > this.#maxLength + 8) return [];
    let best = Number.POSITIVE_INFINITY;
    let found: Entry<T>[] = [];
    for (const e of this.#entries) {
      const max = Math.max(1, Math.floor(e.norm.length / 6));
      const d = editDistance(v, e.norm, max);
      if (d > max) continue;
      if (d < best) {
        best = d;
        found = [e];
      } else if (d === best) found.push(e);
    }
    if (found.length === 0) found = this.#byNumber(v, bare);
    return hit(found, "approximate");
  }

  /**
   * A numbered item label with words left out or mistyped (`2.其他法律行政止公开`): the label with the
   * same item number whose words the written ones follow — nearly all of the written characters in the
   * official label's order (their longest common subsequence), covering most of it. Only among labels
   * with that number, and only a single best one.
   */
  #byNumber(v: string, bare: string): Entry<T>[] {
    const number = v.slice(0, v.length - bare.length);
    if (number === "" || bare.length < 3) return [];
    let best = 0;
    let found: Entry<T>[] = [];
    for (const e of this.#entries) {
      if (e.bare === e.norm || !e.norm.startsWith(number) || e.norm.length - e.bare.length !== number.length)
        continue;
      const common = commonSubsequence(bare, e.bare);
      if (common < bare.length * 0.8 || common < e.bare.length * 0.6) continue;
      const score = common / e.bare.length;
      if (score > best) {
        best = score;
        found = [e];
      } else if (score === best) found.push(e);
    }
    return found;
  }

  /** The single best entry for `written`, or `null` when none or several match equally. */
  match(written: string): LabelMatch<T> | null {
    const all = this.matchAll(written);
    return all.length === 1 ? all[0]! : null;
  }
}
