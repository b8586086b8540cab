/**
 * pdfmake resolves every style property of every piece of text through its style stack, and each lookup
 * of a property the piece does not carry itself allocates two closures (StyleContextStack's
 * `getStyleProperty` → `auto(item, callback)` → `getProperty`, which makes a helper closure for named
 * styles). A report asks ~77,000 such questions; their garbage was a fifth of all it allocated. The
 * lookups below give the same answers without allocating, and hand back to pdfmake's own code whenever a
 * named style is involved (this package uses none, another user of pdfmake in the process may).
 */

/** The parts of pdfmake's StyleContextStack (0.3.x) that are read and replaced here. */
export interface StyleStackClass {
  getStyleProperty(
    item: unknown,
    stack: StyleStack | null | undefined,
    property: string,
    dflt: unknown,
  ): unknown;
  prototype: StyleStack;
}

export interface StyleStack {
  styleOverrides: unknown[] | null;
  defaultStyle?: Record<string, unknown> | null;
  getProperty(property: string): unknown;
}

const isValue = (v: unknown) => v !== undefined && v !== null;

/** A marker for "ask pdfmake": some entry of the stack is a named style. */
const NAMED = Symbol("named style");

/**
 * `stack.getProperty(property)` when no entry is a named style: the topmost override that defines the
 * property, else the default style's value (which may be undefined or null, as in pdfmake).
 */
function fromOverrides(stack: StyleStack, property: string): unknown {
  const overrides = stack.styleOverrides ?? [];
  for (let i = overrides.length - 1; i >= 0; i--) {
    const item = overrides[i];
    if (typeof item === "string") return NAMED;
    const value = (item as Record<string, unknown>)[property];
    if (isValue(value)) return value;
  }
  // biome-ignore lint/complexity/useOptionalChain: pdfmake's own expression, falsy default styles included
  return stack.defaultStyle && stack.defaultStyle[property];
}

/** Marks a class already given these lookups, by any copy of this module in the process. */
const INSTALLED = Symbol.for("@xxgk/render-pdf style lookups");

/** Replaces the class's two lookups by allocation-free ones with the same results; once per class. */
export function installFastStyleLookups(StyleContextStack: StyleStackClass & { [INSTALLED]?: true }): void {
  if (StyleContextStack[INSTALLED]) return;
  StyleContextStack[INSTALLED] = true;
  const getStyleProperty = StyleContextStack.getStyleProperty;
  const getProperty = StyleContextStack.prototype.getProperty;

  StyleContextStack.getStyleProperty = function (item, stack, property, dflt) {
    const own = (item as Record<string, unknown>)[property];
    if (isValue(own)) return own;
    if (!stack) return dflt;
    // pdfmake pushes the item's named styles and the item itself, then asks the stack. The item was
    // just asked; named styles (on the item or on the stack) go to pdfmake's own resolution.
    if (typeof item === "string" || (item as { style?: unknown }).style !== undefined) {
      return getStyleProperty.call(this, item, stack, property, dflt);
    }
    const value = fromOverrides(stack, property);
    if (value === NAMED) return getStyleProperty.call(this, item, stack, property, dflt);
    return isValue(value) ? value : dflt;
  };

  StyleContextStack.prototype.getProperty = function (this: StyleStack, property: string) {
    const value = fromOverrides(this, property);
    return value === NAMED ? getProperty.call(this, property) : value;
  };
}
