import { h } from "./dom.js";

/** One button of a question. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly primary?: boolean;
  readonly danger?: boolean;
}

/** What the author answered: the button's value (`cancel` for Esc), and the text field if there was one. */
export interface Answer {
  readonly choice: string;
  readonly text: string;
}

/**
 * Asks the author something in a modal dialog and waits for the answer. Every destructive or lossy action
 * goes through here, so the question always names what it acts on.
 */
export function ask(opts: {
  title: string;
  body: readonly (Node | string)[];
  choices: readonly Choice[];
  input?: { label: string; value: string };
  className?: string;
}): Promise<Answer> {
  const field = opts.input
    ? h("input", { type: "text", name: "answer", value: opts.input.value, "aria-label": opts.input.label })
    : undefined;
  const dialog = h(
    "dialog",
    { className: `dialog-ask ${opts.className ?? ""}`.trim(), "aria-label": opts.title },
    h(
      "form",
      { method: "dialog" },
      h("h2", {}, opts.title),
      ...opts.body.map((b) => (typeof b === "string" ? h("p", {}, b) : b)),
      field ? h("label", {}, h("span", {}, opts.input!.label), field) : null,
      h(
        "menu",
        {},
        opts.choices.map((c) =>
          h(
            "button",
            {
              value: c.value,
              className: c.primary ? "primary" : c.danger ? "danger" : undefined,
              formnovalidate: true,
            },
            c.label,
          ),
        ),
      ),
    ),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve({ choice: dialog.returnValue || "cancel", text: field?.value ?? "" });
    });
    dialog.showModal();
    (field ?? dialog.querySelector<HTMLButtonElement>("button.primary, button.danger"))?.focus();
    field?.select();
  });
}
