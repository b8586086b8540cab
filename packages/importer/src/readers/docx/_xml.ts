// XML namespaces resolved by the reader itself, and small questions asked of a package's side parts.
// saxes resolves namespaces too, but its resolution costs time in proportion to the nesting depth at each
// tag — quadratic on a document of tables nested thousands deep — so the reader parses without it and
// keeps a map of the prefixes in scope, which costs the same at every depth.
import { SaxesParser, type SaxesTagPlain } from "saxes";

/** An element name resolved: its namespace and local name. */
export interface Resolved {
  readonly uri: string;
  readonly local: string;
}

/** The namespace prefixes in scope while a document is read, element by element. */
export class Namespaces {
  /** Prefix (`""` for the default namespace) → the URIs it is bound to, innermost last. */
  private readonly bound = new Map<string, string[]>();
  /** For each open element, the prefixes it declared. */
  private readonly declared: (string[] | undefined)[] = [];
  /** Element names resolved under the declarations in scope (a document declares its prefixes once, at the root). */
  private readonly resolved = new Map<string, Resolved>();

  /** Enters an element: its `xmlns` / `xmlns:p` attributes come into scope. */
  open(attributes: Readonly<Record<string, string>>): void {
    let mine: string[] | undefined;
    for (const name in attributes) {
      // "x": most attributes are w:val, w:w… — one comparison rules them out.
      if (name.charCodeAt(0) !== 120 || (name !== "xmlns" && !name.startsWith("xmlns:"))) continue;
      const prefix = name === "xmlns" ? "" : name.slice(6);
      const uris = this.bound.get(prefix);
      if (uris) uris.push(attributes[name]!);
      else this.bound.set(prefix, [attributes[name]!]);
      if (mine) mine.push(prefix);
      else mine = [prefix];
    }
    if (mine) this.resolved.clear();
    this.declared.push(mine);
  }

  /** Leaves the innermost element: what it declared goes out of scope. */
  close(): void {
    const mine = this.declared.pop();
    if (!mine) return;
    for (const prefix of mine) this.bound.get(prefix)!.pop();
    this.resolved.clear();
  }

  /** An element's namespace and local name (`w:p` → the WordprocessingML URI, `p`). */
  resolve(qualified: string): Resolved {
    let r = this.resolved.get(qualified);
    if (r === undefined) {
      r = { uri: this.uriOf(qualified), local: localName(qualified) };
      this.resolved.set(qualified, r);
    }
    return r;
  }

  /** The namespace of a qualified name (`w:p`); attributes without a prefix have none (`""`). */
  uriOf(qualified: string, attribute = false): string {
    const colon = qualified.indexOf(":");
    if (colon < 0 && attribute) return "";
    const uris = this.bound.get(colon < 0 ? "" : qualified.slice(0, colon));
    return uris?.[uris.length - 1] ?? "";
  }
}

/** The local part of a qualified name (`w:p` → `p`). */
export const localName = (qualified: string): string => qualified.slice(qualified.indexOf(":") + 1);

/** Runs a parser over a side part; `false` when it is not well-formed XML. */
function parse(xml: string, on: (parser: SaxesParser) => void): boolean {
  const parser = new SaxesParser();
  on(parser);
  try {
    parser.write(xml).close();
    return true;
  } catch {
    return false;
  }
}

/** How many elements of this local name the part holds; `undefined` when it is not well-formed XML. */
export function countElements(xml: string, local: string): number | undefined {
  let n = 0;
  const ok = parse(xml, (parser) =>
    parser.on("opentag", (tag: SaxesTagPlain) => {
      if (localName(tag.name) === local) n++;
    }),
  );
  return ok ? n : undefined;
}

/** The text of the first element of this local name (`dc:title`); `undefined` when none or not well-formed. */
export function textOfElement(xml: string, local: string): string | undefined {
  let depth = 0;
  let text: string | undefined;
  let done = false;
  const ok = parse(xml, (parser) => {
    parser.on("opentag", (tag: SaxesTagPlain) => {
      if (depth > 0) depth++;
      else if (!done && localName(tag.name) === local) {
        depth = 1;
        text = "";
      }
    });
    parser.on("text", (t) => {
      if (depth > 0) text += t;
    });
    parser.on("closetag", () => {
      if (depth > 0 && --depth === 0) done = true;
    });
  });
  return ok ? text : undefined;
}
