import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { installFastStyleLookups, type StyleStack, type StyleStackClass } from "../src/_styles.js";

const require = createRequire(import.meta.url);
const file = require.resolve("pdfmake/js/StyleContextStack.js");

type Stack = StyleStack & { push(entry: unknown): void };
type Class = StyleStackClass & { new (dictionary: unknown, defaultStyle: unknown): Stack };

/** A copy of pdfmake's class of its own, so one copy keeps pdfmake's lookups and the other gets ours. */
function freshClass(): Class {
  const saved = require.cache[file];
  delete require.cache[file];
  try {
    return (require(file) as { default: Class }).default;
  } finally {
    if (saved) require.cache[file] = saved;
    else delete require.cache[file];
  }
}

const original = freshClass();
const fast = freshClass();
installFastStyleLookups(fast);

const PROPS = ["font", "fontSize", "bold", "color", "noWrap", "alignment"] as const;
const NAMES = ["a", "b", "c"] as const;
const value = fc.constantFrom(undefined, null, 0, false, "", "x", 12, true);
const props = fc.dictionary(fc.constantFrom(...PROPS), value, { maxKeys: 4 });
const styleName = fc.constantFrom(...NAMES, "missing");
const dictionary = fc.dictionary(
  fc.constantFrom(...NAMES),
  fc.record({
    props,
    extends: fc.option(fc.oneof(styleName, fc.array(styleName, { maxLength: 2 })), { nil: undefined }),
  }),
);
const entry = fc.oneof({ weight: 3, arbitrary: props }, { weight: 1, arbitrary: styleName });
const item = fc.oneof(
  { weight: 4, arbitrary: props },
  {
    weight: 2,
    arbitrary: fc.record({
      props,
      style: fc.option(fc.oneof(styleName, fc.array(styleName, { maxLength: 2 })), { nil: undefined }),
      section: fc.option(fc.constant("section"), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom("plain text", 3) },
);

/** The same input for both classes: `{props, extends}` records become pdfmake's plain style objects. */
function build(
  Cls: Class,
  dict: Record<string, { props: Record<string, unknown>; extends: unknown }>,
  defaultStyle: Record<string, unknown> | null,
  entries: unknown[],
): Stack {
  const styles = Object.fromEntries(
    Object.entries(dict).map(([k, s]) => [
      k,
      s.extends === undefined ? { ...s.props } : { ...s.props, extends: s.extends },
    ]),
  );
  const stack = new Cls(styles, defaultStyle === null ? undefined : { ...defaultStyle });
  for (const e of entries) stack.push(typeof e === "string" ? e : { ...(e as object) });
  return stack;
}

function plainItem(i: unknown): unknown {
  if (typeof i !== "object" || i === null) return i;
  const r = i as { props?: Record<string, unknown>; style?: unknown; section?: unknown };
  if (r.props === undefined) return { ...r };
  const out: Record<string, unknown> = { ...r.props };
  if (r.style !== undefined) out.style = r.style;
  if (r.section !== undefined) out.section = r.section;
  return out;
}

describe("allocation-free style lookups", () => {
  it("are what pdfmake uses in Node once render-pdf is loaded", async () => {
    await import("../src/_pdfmake.js");
    const used = (require(file) as { default: Class }).default;
    for (const cls of [used, fast]) {
      expect(cls.getStyleProperty).not.toBe(original.getStyleProperty);
      expect(String(cls.getStyleProperty)).not.toContain(".auto(");
      expect(String(cls.prototype.getProperty)).not.toContain("getStylePropertyFromStyle");
    }
  });

  it("answer every lookup exactly as pdfmake does, named styles and all (property test)", () => {
    fc.assert(
      fc.property(
        dictionary,
        fc.option(props, { nil: null }),
        fc.array(entry, { maxLength: 5 }),
        item,
        fc.constantFrom(...PROPS),
        value,
        (dict, defaultStyle, entries, it, property, dflt) => {
          const a = build(original, dict, defaultStyle, entries);
          const b = build(fast, dict, defaultStyle, entries);
          const item = plainItem(it);
          expect(fast.getStyleProperty(item, b, property, dflt)).toStrictEqual(
            original.getStyleProperty(item, a, property, dflt),
          );
          expect(b.getProperty(property)).toStrictEqual(a.getProperty(property));
          expect(fast.getStyleProperty(item, null, property, dflt)).toStrictEqual(
            original.getStyleProperty(item, null, property, dflt),
          );
          // The stack is left as it was found.
          expect(b.styleOverrides).toStrictEqual(a.styleOverrides);
          expect(b.styleOverrides).toHaveLength(entries.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
