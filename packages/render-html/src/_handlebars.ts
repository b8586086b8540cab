// The renderer's own Handlebars runtime instance: never the global one, so helpers and partials
// registered here cannot leak into (or be replaced by) other code on the page.
import type HandlebarsType from "handlebars";
import runtime from "handlebars/runtime.js";
import { specs, type TemplateName } from "./_templates.js";
import { scriptJson } from "./json.js";

// handlebars/runtime.d.ts declares no exports; at run time the default export is the runtime itself.
const hb = (runtime as unknown as typeof HandlebarsType).create();

// Context-specific escaping for the <script type="application/json"> block, where HTML entities are
// not decoded: scriptJson escapes < > & U+2028 U+2029 as \uXXXX, so the result is safe to emit as is.
hb.registerHelper("scriptJson", (value: unknown) => new hb.SafeString(scriptJson(value)));

const compiled = Object.fromEntries(
  Object.entries(specs).map(([name, spec]) => [name, hb.template(spec)]),
) as Record<TemplateName, HandlebarsTemplateDelegate>;

for (const [name, template] of Object.entries(compiled)) hb.registerPartial(name, template);

/**
 * Marks markup that this package's own templates produced (already escaped) so a template can place it
 * as is. Only `_view.ts` uses it, for table skeletons holding nothing but core-model labels and ids.
 */
export function trusted(html: string): HandlebarsType.SafeString {
  return new hb.SafeString(html);
}

/** Renders one of the precompiled templates. */
export function run(name: TemplateName, view: unknown): string {
  return compiled[name](view);
}
