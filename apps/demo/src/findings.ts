import { layoutOf, parsePointer, type Report, SECTIONS } from "@xxgk/core-model";
import type { Diagnosis, Finding, SuspectCell } from "@xxgk/validators";
import type { Checked } from "./checks.js";
import { h } from "./dom.js";

let descCounter = 0;

/** Takes a field's finding description away, giving a table cell its label back as tooltip. */
function unDescribe(el: HTMLElement): void {
  if (!el.hasAttribute("aria-describedby")) return;
  el.removeAttribute("aria-describedby");
  if (el.classList.contains("cell")) el.title = el.getAttribute("aria-label") ?? "";
}

/**
 * Shows the findings of a field marked as an error or warning next to it while it is hovered or
 * focused: the same text its `aria-describedby` gives screen readers.
 */
export class FindingTip {
  readonly root = h("div", { className: "finding-tip", role: "tooltip", hidden: true });
  /** The field under the pointer or with the focus, shown or not (its findings may change). */
  #for: HTMLElement | undefined;
  /** The editor: the tip stays over it, never over the findings panel beside it. */
  readonly #area: HTMLElement;

  constructor(area: HTMLElement) {
    this.#area = area;
    const show = (ev: Event) => {
      const el = (ev.target as Element | null)?.closest?.<HTMLElement>("input, textarea");
      if (el) this.show(el);
    };
    area.addEventListener("mouseover", show);
    area.addEventListener("focusin", show);
    area.addEventListener("mouseout", (ev) => {
      if (this.#for && ev.target === this.#for && document.activeElement !== this.#for) this.hide();
    });
    area.addEventListener("focusout", (ev) => {
      if (ev.target === this.#for) this.hide();
    });
    addEventListener("scroll", () => this.#place(), { passive: true, capture: true });
  }

  show(el: HTMLElement): void {
    this.#for = el;
    const desc = document.getElementById(el.getAttribute("aria-describedby") ?? "");
    // Notices (a blank cell) stay with screen readers and the list: a tip on every blank cell is noise.
    if (!desc || !(el.classList.contains("f-error") || el.classList.contains("f-warning"))) {
      this.root.hidden = true;
      return;
    }
    this.root.textContent = desc.textContent;
    this.root.className = `finding-tip ${el.classList.contains("f-error") ? "f-error" : "f-warning"}`;
    this.root.hidden = false;
    this.#place();
  }

  /** After the findings changed: the tip shows what the field's description says now. */
  refresh(): void {
    if (this.#for?.isConnected) this.show(this.#for);
    else this.hide();
  }

  hide(): void {
    this.#for = undefined;
    this.root.hidden = true;
  }

  #place(): void {
    const el = this.#for;
    if (!el || this.root.hidden) return;
    const r = el.getBoundingClientRect();
    const tip = this.root.getBoundingClientRect();
    const below = r.bottom + 6 + tip.height <= innerHeight;
    const top = below ? r.bottom + 6 : Math.max(4, r.top - 6 - tip.height);
    // A cell at the grid's right edge gets its tip leftwards, over the grid, not over the panel.
    const right = Math.min(innerWidth - 8, this.#area.getBoundingClientRect().right);
    const left = Math.max(4, Math.min(r.left, right - tip.width));
    this.root.style.top = `${top}px`;
    this.root.style.left = `${left}px`;
  }
}

/** Severity names as the findings list shows them. */
export const SEVERITY_ZH = { error: "错误", warning: "警告", info: "提示" } as const;
const MARKS = ["f-error", "f-warning", "f-info", "f-related"] as const;
type Mark = (typeof MARKS)[number];
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
  "/meta/level": "报告层级",
};

/** What the findings panel asks the app to do. */
export interface PanelActions {
  /** Focus the field at a pointer. */
  goto(pointer: string): void;
  /** Open last year's report at a pointer (cross-year findings). */
  gotoPrevious?(pointer: string): void;
  /** Write a located diagnosis's suggested values into its cells, as one undoable step. */
  fix(cells: readonly SuspectCell[]): void;
}

/** The suggested values of an explanation when every cell has a unique one: what one click may write. */
export function fixable(cells: readonly SuspectCell[]): readonly SuspectCell[] | undefined {
  return cells.length > 0 && cells.every((c) => c.suggested !== undefined) ? cells : undefined;
}

const STATUS_ZH = { located: "诊断", tied: "诊断：多种可能", "too-many": "诊断：无法定位" } as const;

/** Identity of a finding for reusing its list item: everything it shows. */
const findingKey = (edition: string, f: Finding) =>
  [edition, f.code, f.severity, f.pointer, f.message.zh, f.expected, f.actual, f.quote].join("\u0000");

/**
 * The findings list beside the editor and the marks on the fields they point at. The diagnoses come
 * first — the cells most likely wrong and the values they need — each with the findings it explains
 * grouped under it; the other findings follow. Each finding clicks through to its cell (and, for the
 * cross-year rules, to last year's cell); its rule code and JSON pointer are for the details view. A
 * flagged field is described by its findings' messages (`aria-describedby`), which {@link FindingTip}
 * also shows on hover and focus.
 */
export class FindingsPanel {
  readonly root = h("section", { className: "findings", "aria-label": "检查结果" });
  readonly #summary = h("p", { className: "summary", role: "status" });
  readonly #list = h("ol", { className: "finding-list" });
  /** The descriptions flagged fields point at with `aria-describedby` (read by screen readers, not shown). */
  readonly #descs = h("div", { className: "finding-descs", hidden: true });
  readonly #descIds = new Map<string, string>();
  readonly #editorRoot: HTMLElement;
  readonly #actions: PanelActions;
  #marked: HTMLElement[] = [];
  #items = new Map<string, HTMLElement>();
  #summaryKey = "";
  #filter: Filter = "all";
  #last: { report: Report; checked: Checked; previous: Report | undefined } | undefined;

  constructor(editorRoot: HTMLElement, actions: PanelActions) {
    this.#editorRoot = editorRoot;
    this.#actions = actions;
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
      if (this.#last) this.show(this.#last.report, this.#last.checked, this.#last.previous);
    });
    const details = h("input", { type: "checkbox", className: "details-toggle" });
    details.addEventListener("change", () => this.root.classList.toggle("show-details", details.checked));
    this.root.append(
      h(
        "header",
        {},
        h("h2", {}, "检查结果"),
        filter,
        h(
          "label",
          { className: "details", title: "显示规则代码和 JSON 指针（供技术人员排查）" },
          details,
          "详细信息",
        ),
      ),
      this.#summary,
      this.#list,
      this.#descs,
    );
  }

  /**
   * Shows a validation result and marks the fields it is about. Typing usually changes a few findings,
   * so list items and marks are reused and only what changed touches the DOM.
   */
  show(report: Report, checked: Checked, previous?: Report): void {
    // Items name last year's cells from last year's report: with another one, every item is made anew.
    if (previous !== this.#last?.previous) this.#items = new Map();
    this.#last = { report, checked, previous };
    const { counts, findings, diagnosis } = checked;
    const summary = `${counts.error}|${counts.warning}|${counts.info}|${diagnosis.length}`;
    if (summary !== this.#summaryKey) {
      this.#summaryKey = summary;
      this.#summary.replaceChildren(
        ...(diagnosis.length > 0
          ? [h("span", { className: "count diagnosis" }, `诊断 ${diagnosis.length}`)]
          : []),
        h("span", { className: "count error" }, `错误 ${counts.error}`),
        h("span", { className: "count warning" }, `警告 ${counts.warning}`),
        h("span", { className: "count info" }, `提示 ${counts.info}`),
        ...(counts.error + counts.warning === 0 ? [h("span", { className: "ok" }, "勾稽关系全部通过")] : []),
      );
    }
    const items = new Map<string, HTMLElement>();
    const item = (key: string, make: () => HTMLElement) => {
      // Two identical entries still get two items.
      let unique = key;
      while (items.has(unique)) unique += "\u0001";
      const el = this.#items.get(unique) ?? make();
      items.set(unique, el);
      return el;
    };
    const next: HTMLElement[] = [];
    // Diagnoses explain errors (and the narrative findings their change settles): shown first unless
    // the list is filtered to warnings or notices, when the plain list is clearer.
    const grouped = this.#filter === "all" || this.#filter === "error";
    if (grouped) {
      diagnosis.forEach((d, i) => {
        const explained = findings.filter((f) => f.diagnosis === i);
        const key = `diagnosis\u0000${d.message.zh}\u0000${explained.map((f) => findingKey(report.edition, f)).join("\u0002")}`;
        next.push(item(key, () => this.#diagnosisItem(report, d, explained, previous)));
      });
    }
    const rest = findings.filter(
      (f) =>
        (!grouped || f.diagnosis === undefined) && (this.#filter === "all" || f.severity === this.#filter),
    );
    for (const f of rest)
      next.push(item(findingKey(report.edition, f), () => this.#item(report, f, previous)));
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
    this.#mark(findings, diagnosis);
  }

  #item(report: Report, f: Finding, previous: Report | undefined): HTMLElement {
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
        { type: "button", "data-pointer": f.pointer, onclick: () => this.#actions.goto(f.pointer) },
        h("span", { className: `sev ${f.severity}` }, SEVERITY_ZH[f.severity]),
        h("code", {}, f.code),
        h("span", { className: "msg" }, f.message.zh),
        h("span", { className: "where" }, placeOf(report, f.pointer)),
        numbers,
        f.quote ? h("q", {}, f.quote) : null,
        h("code", { className: "pointer" }, f.pointer || "/"),
      ),
      previous && f.previous && this.#actions.gotoPrevious
        ? f.previous.map((p) =>
            h(
              "button",
              {
                type: "button",
                className: "previous-link",
                "data-previous-pointer": p,
                onclick: () => this.#actions.gotoPrevious!(p),
              },
              `上年报告：${placeOf(previous, p)} →`,
            ),
          )
        : null,
    );
  }

  /** A suspected cell: its labels, what it holds, and (when known) what it should hold; goes to it. */
  #cell(c: SuspectCell): HTMLElement {
    const now = c.raw === "" ? "空白" : c.raw;
    return h(
      "button",
      {
        type: "button",
        className: "suspect",
        "data-pointer": c.pointer,
        onclick: () => this.#actions.goto(c.pointer),
      },
      h("span", { className: "label" }, c.label),
      h(
        "span",
        { className: "change" },
        c.suggested === undefined ? `${now}（应填数值无法唯一确定）` : `${now} → ${c.suggested}`,
      ),
    );
  }

  /** The one-click fix: "改为 421" for one cell, or every suggested value of several at once. */
  #fixButton(cells: readonly SuspectCell[]): HTMLElement {
    const one = cells.length === 1 ? cells[0]! : undefined;
    const label = one ? `改为 ${one.suggested}` : `按建议改正这 ${cells.length} 个单元格`;
    const what = cells.map((c) => `${c.label} ${c.raw === "" ? "空白" : c.raw} → ${c.suggested}`).join("；");
    return h(
      "div",
      { className: "fix-row" },
      h(
        "button",
        {
          type: "button",
          className: "fix primary",
          // The visible words first, then which cells (WCAG 2.5.3: the name begins with the label).
          "aria-label": `${label}：${what}`,
          title: `${what}（可按 Ctrl+Z 撤销）`,
          onclick: () => this.#actions.fix(cells),
        },
        label,
      ),
      h("span", { className: "fix-hint" }, "可撤销（Ctrl+Z）"),
    );
  }

  #diagnosisItem(
    report: Report,
    d: Diagnosis,
    explained: readonly Finding[],
    previous: Report | undefined,
  ): HTMLElement {
    const body: (HTMLElement | null)[] = [];
    for (const column of d.blankColumns) {
      const cells = h(
        "div",
        { className: "suspects" },
        column.cells.map((c) => this.#cell(c)),
      );
      body.push(
        h(
          "div",
          { className: "column" },
          h("p", {}, `${column.label}整列空白，应按各项之和填写：`),
          // A whole column is many cells: folded away past a handful, so the panel stays readable.
          column.cells.length > 6
            ? h("details", {}, h("summary", {}, `逐格应填数值（${column.cells.length} 格）`), cells)
            : cells,
        ),
      );
    }
    if (d.status === "located" && d.explanations[0]!.cells.length > 0) {
      const only = d.explanations[0]!;
      const fix = fixable(only.cells);
      body.push(
        h("p", {}, d.blankColumns.length > 0 ? "此外最可能出错的单元格：" : "最可能出错的单元格："),
        h(
          "div",
          { className: "suspects" },
          only.cells.map((c) => this.#cell(c)),
        ),
        only.evidence.length > 0
          ? h("p", { className: "evidence" }, `依据：${only.evidence.map((e) => e.zh).join("；")}`)
          : null,
        fix ? this.#fixButton(fix) : null,
      );
    } else if (d.status === "tied") {
      body.push(
        h("p", {}, `有 ${d.explanations.length} 种同样可能的改法，无法确定是哪个单元格出错，请逐一核对：`),
        h(
          "ol",
          { className: "alternatives" },
          d.explanations.map((x) =>
            h(
              "li",
              {},
              h(
                "div",
                { className: "suspects" },
                x.cells.map((c) => this.#cell(c)),
              ),
            ),
          ),
        ),
      );
    } else if (d.status === "too-many") {
      body.push(h("p", {}, d.message.zh));
    }
    return h(
      "li",
      { className: `diagnosis ${d.status}`, "data-status": d.status },
      h(
        "div",
        { className: "diagnosis-head" },
        h("span", { className: "sev diagnosis" }, STATUS_ZH[d.status]),
      ),
      ...body,
      explained.length > 0
        ? h(
            "details",
            { className: "explained", open: true },
            h("summary", {}, `由此引起的 ${explained.length} 条问题`),
            h(
              "ol",
              { className: "finding-list" },
              explained.map((f) => this.#item(report, f, previous)),
            ),
          )
        : null,
    );
  }

  #mark(findings: readonly Finding[], diagnosis: readonly Diagnosis[]): void {
    const rank: Record<Mark, number> = { "f-error": 4, "f-warning": 3, "f-info": 2, "f-related": 1 };
    // Per pointer: the strongest mark, the title of the finding that gave it, and every message about it.
    const want = new Map<string, { mark: Mark; title?: string; texts: string[] }>();
    const put = (pointer: string, mark: Mark, title?: string, text?: string) => {
      let w = want.get(pointer);
      if (w === undefined) {
        w = { mark, texts: [] };
        if (title !== undefined) w.title = title;
        want.set(pointer, w);
      } else if (rank[mark] > rank[w.mark]) {
        w.mark = mark;
        if (title !== undefined) w.title = title;
      }
      if (text !== undefined) w.texts.push(text);
    };
    // Every cell an explanation would change: an error when located, a warning when one of several.
    for (const d of diagnosis) {
      const mark: Mark = d.status === "located" ? "f-error" : "f-warning";
      const text = `诊断：${d.message.zh}`;
      for (const x of d.explanations) for (const c of x.cells) put(c.pointer, mark, d.message.zh, text);
      for (const column of d.blankColumns)
        for (const c of column.cells) put(c.pointer, "f-warning", d.message.zh, text);
    }
    for (const f of findings) {
      const title = `${f.code} ${f.message.zh}`;
      const text = `${SEVERITY_ZH[f.severity]}：${f.message.zh}`;
      const mark: Mark = `f-${f.severity}`;
      // A finding whose diagnosis could not single out a cell does not blame its own cell.
      const unsure = f.diagnosis !== undefined && diagnosis[f.diagnosis]?.status !== "located";
      if (f.cells) for (const p of f.cells) put(p, mark, title, text);
      else if (unsure) put(f.pointer, "f-related", undefined, text);
      else put(f.pointer, mark, title, text);
      if (f.severity !== "info") for (const r of f.related) put(r, "f-related");
    }
    const fields = new Map<string, HTMLElement>();
    for (const el of this.#editorRoot.querySelectorAll<HTMLElement>(
      "input[data-pointer], textarea[data-pointer]",
    )) {
      fields.set(el.dataset.pointer!, el);
    }
    const byField = new Map<HTMLElement, { mark: Mark; title?: string; desc?: string }>();
    for (const [pointer, w] of want) {
      const el = fields.get(pointer);
      if (!el) continue;
      const entry: { mark: Mark; title?: string; desc?: string } = { mark: w.mark };
      if (w.title !== undefined) entry.title = w.title;
      if (w.texts.length > 0) entry.desc = this.#describe(pointer, w.texts.join("\n"));
      byField.set(el, entry);
    }
    for (const el of this.#marked) {
      if (byField.has(el)) continue;
      el.classList.remove(...MARKS);
      el.removeAttribute("data-finding");
      unDescribe(el);
    }
    const used = new Set<string>();
    for (const [el, { mark, title, desc }] of byField) {
      for (const m of MARKS) if (m !== mark && el.classList.contains(m)) el.classList.remove(m);
      if (!el.classList.contains(mark)) el.classList.add(mark);
      if (title === undefined) el.removeAttribute("data-finding");
      else if (el.dataset.finding !== title) el.dataset.finding = title;
      if (desc === undefined) unDescribe(el);
      else {
        used.add(desc);
        if (el.getAttribute("aria-describedby") !== desc) el.setAttribute("aria-describedby", desc);
        // The label alone as a tooltip would hide the message the cell's own tip shows.
        el.removeAttribute("title");
      }
    }
    for (const [pointer, id] of this.#descIds) {
      if (used.has(id)) continue;
      this.#descIds.delete(pointer);
      document.getElementById(id)?.remove();
    }
    this.#marked = [...byField.keys()];
  }

  /** The id of the description element of a field's findings, its text brought up to date. */
  #describe(pointer: string, text: string): string {
    let id = this.#descIds.get(pointer);
    if (id === undefined) {
      id = `finding-desc-${++descCounter}`;
      this.#descIds.set(pointer, id);
      this.#descs.append(h("span", { id }));
    }
    const el = this.#descs.querySelector<HTMLElement>(`#${id}`);
    if (el && el.textContent !== text) el.textContent = text;
    return id;
  }
}
