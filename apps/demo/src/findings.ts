import { layoutOf, parsePointer, type Report, SECTIONS } from "@xxgk/core-model";
import type { Finding } from "@xxgk/validators";
import type { Checked } from "./checks.js";
import { h } from "./dom.js";

/** Severity names as the findings list shows them. */
export const SEVERITY_ZH = { error: "错误", warning: "警告", info: "提示" } as const;
const MARKS = ["f-error", "f-warning", "f-info", "f-related"] as const;
type Filter = "all" | "error" | "warning" | "info";

/** A short Chinese description of where a pointer is: the cell's official labels, or the field. */
export function placeOf(report: Report, pointer: string): string {
  const layout = layoutOf(report.edition);
  const def = layout.byPointer.get(pointer);
  if (def) {
    return `表${layout.tables[def.table].section.numeral}：${[...def.rowLabels, ...def.colLabels].join(" / ")}`;
  }
  const [top, key, third, index] = parsePointer(pointer);
  const block = (i: string | undefined) => (i === undefined ? "" : ` · 第 ${Number(i) + 1} 段`);
  const section = SECTIONS.find((s) => s.key === key);
  if (top === "sections" && section) return `${section.label}${third === "blocks" ? block(index) : ""}`;
  if (top === "tables" && section) return `表${section.numeral}`;
  if (top === "preamble") return `前言${block(key)}`;
  return META_FIELDS[pointer] ?? pointer;
}

const META_FIELDS: Record<string, string> = {
  "": "整份报告",
  "/meta": "报告信息",
  "/meta/organ": "发布机关",
  "/meta/year": "报告年度",
  "/meta/title": "标题",
  "/meta/published": "公布日期",
  "/meta/level": "报告类型",
};

/**
 * The findings list beside the editor and the marks on the fields they point at. Each finding names its
 * rule code and clicks through to its cell.
 */
export class FindingsPanel {
  readonly root = h("section", { className: "findings", "aria-label": "检查结果" });
  readonly #summary = h("p", { className: "summary", role: "status" });
  readonly #list = h("ol", { className: "finding-list" });
  readonly #editorRoot: HTMLElement;
  readonly #goto: (pointer: string) => void;
  #marked: HTMLElement[] = [];
  #items = new Map<string, HTMLElement>();
  #summaryKey = "";
  #filter: Filter = "all";
  #last: { report: Report; checked: Checked } | undefined;

  constructor(editorRoot: HTMLElement, goto: (pointer: string) => void) {
    this.#editorRoot = editorRoot;
    this.#goto = goto;
    const filter = h(
      "select",
      { "aria-label": "显示", className: "filter" },
      h("option", { value: "all" }, "全部"),
      h("option", { value: "error" }, "只看错误"),
      h("option", { value: "warning" }, "只看警告"),
      h("option", { value: "info" }, "只看提示"),
    );
    filter.addEventListener("change", () => {
      this.#filter = filter.value as Filter;
      if (this.#last) this.show(this.#last.report, this.#last.checked);
    });
    this.root.append(h("header", {}, h("h2", {}, "检查结果"), filter), this.#summary, this.#list);
  }

  /**
   * Shows a validation result and marks the fields it is about. Typing usually changes a few findings
   * out of hundreds (a blank report has a notice per cell), so list items and marks are reused and only
   * what changed touches the DOM.
   */
  show(report: Report, checked: Checked): void {
    this.#last = { report, checked };
    const { counts, findings } = checked;
    const summary = `${counts.error}|${counts.warning}|${counts.info}`;
    if (summary !== this.#summaryKey) {
      this.#summaryKey = summary;
      this.#summary.replaceChildren(
        h("span", { className: "count error" }, `错误 ${counts.error}`),
        h("span", { className: "count warning" }, `警告 ${counts.warning}`),
        h("span", { className: "count info" }, `提示 ${counts.info}`),
        ...(counts.error + counts.warning === 0 ? [h("span", { className: "ok" }, "勾稽关系全部通过")] : []),
      );
    }
    const shown = this.#filter === "all" ? findings : findings.filter((f) => f.severity === this.#filter);
    const items = new Map<string, HTMLElement>();
    const next = shown.map((f) => {
      const key = [
        report.edition,
        f.code,
        f.severity,
        f.pointer,
        f.message.zh,
        f.expected,
        f.actual,
        f.quote,
      ].join("\u0000");
      // Two identical findings still get two items.
      let unique = key;
      while (items.has(unique)) unique += "\u0001";
      const li = this.#items.get(unique) ?? this.#item(report, f);
      items.set(unique, li);
      return li;
    });
    this.#items = items;
    // Keyed update: drop what went, insert what came, leave the rest in place.
    const keep = new Set<Element>(next);
    let cur = this.#list.firstElementChild;
    const dropStale = () => {
      while (cur && !keep.has(cur)) {
        const after: Element | null = cur.nextElementSibling;
        cur.remove();
        cur = after;
      }
    };
    for (const li of next) {
      dropStale();
      if (li === cur) cur = cur.nextElementSibling;
      else this.#list.insertBefore(li, cur);
    }
    keep.clear();
    dropStale();
    this.#mark(findings);
  }

  #item(report: Report, f: Finding): HTMLElement {
    const numbers =
      f.expected !== undefined || f.actual !== undefined
        ? h(
            "span",
            { className: "numbers" },
            f.expected !== undefined ? `应为 ${f.expected}` : null,
            f.expected !== undefined && f.actual !== undefined ? "，" : null,
            f.actual !== undefined ? `实为 ${f.actual}` : null,
          )
        : null;
    return h(
      "li",
      { className: `finding ${f.severity}`, "data-code": f.code },
      h(
        "button",
        { type: "button", "data-pointer": f.pointer, onclick: () => this.#goto(f.pointer) },
        h("span", { className: `sev ${f.severity}` }, SEVERITY_ZH[f.severity]),
        h("code", {}, f.code),
        h("span", { className: "msg" }, f.message.zh),
        h("span", { className: "where" }, placeOf(report, f.pointer)),
        numbers,
        f.quote ? h("q", {}, f.quote) : null,
      ),
    );
  }

  #mark(findings: readonly Finding[]): void {
    const rank = { error: 3, warning: 2, info: 1 } as const;
    const best = new Map<string, Finding>();
    const related = new Set<string>();
    for (const f of findings) {
      const prev = best.get(f.pointer);
      if (!prev || rank[f.severity] > rank[prev.severity]) best.set(f.pointer, f);
      if (f.severity !== "info") for (const r of f.related) related.add(r);
    }
    const fields = new Map<string, HTMLElement>();
    for (const el of this.#editorRoot.querySelectorAll<HTMLElement>(
      "input[data-pointer], textarea[data-pointer]",
    )) {
      fields.set(el.dataset.pointer!, el);
    }
    // What each field should show: its strongest finding, or "related" when a rule read it.
    const want = new Map<HTMLElement, { mark: (typeof MARKS)[number]; title?: string }>();
    for (const [pointer, f] of best) {
      const el = fields.get(pointer);
      if (el) want.set(el, { mark: `f-${f.severity}`, title: `${f.code} ${f.message.zh}` });
    }
    for (const pointer of related) {
      const el = fields.get(pointer);
      if (el && !want.has(el)) want.set(el, { mark: "f-related" });
    }
    for (const el of this.#marked) {
      if (want.has(el)) continue;
      el.classList.remove(...MARKS);
      el.removeAttribute("data-finding");
    }
    for (const [el, { mark, title }] of want) {
      for (const m of MARKS) if (m !== mark && el.classList.contains(m)) el.classList.remove(m);
      if (!el.classList.contains(mark)) el.classList.add(mark);
      if (title === undefined) el.removeAttribute("data-finding");
      else if (el.dataset.finding !== title) el.dataset.finding = title;
    }
    this.#marked = [...want.keys()];
  }
}
