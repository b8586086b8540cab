import { h } from "./dom.js";

/** One action a banner offers. */
export interface BannerAction {
  readonly label: string;
  readonly run: () => void;
  readonly primary?: boolean;
}

/**
 * Messages that must stay on screen until dealt with — storage full or unavailable, a save refused
 * because another tab saved first — unlike the toast, which fades.
 */
export class Banners {
  readonly root = h("div", { className: "banners" });
  readonly #shown = new Map<string, HTMLElement>();

  show(key: string, kind: "error" | "warning", message: string, actions: readonly BannerAction[] = []): void {
    const el = h(
      "div",
      { className: `banner ${kind}`, role: "alert", "data-banner": key },
      h("p", {}, message),
      actions.length > 0
        ? h(
            "div",
            { className: "banner-actions" },
            actions.map((a) =>
              h(
                "button",
                { type: "button", className: a.primary ? "primary" : undefined, onclick: a.run },
                a.label,
              ),
            ),
          )
        : null,
    );
    const old = this.#shown.get(key);
    if (old) old.replaceWith(el);
    else this.root.append(el);
    this.#shown.set(key, el);
  }

  clear(key: string): void {
    this.#shown.get(key)?.remove();
    this.#shown.delete(key);
  }
}
