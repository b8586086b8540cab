import {
  type Block,
  type Level,
  type LevelInference,
  layoutOf,
  metaSchema,
  OVERVIEW_TOPICS,
  parsePointer,
  type Report,
  resolvePointer,
  SECTIONS,
  type SectionDef,
} from "@xxgk/core-model";
import { h } from "./dom.js";
import type { Change, Store } from "./store.js";
import { TableEditor } from "./tables.js";

/** A copy of a plain JSON value with the value at `segments` replaced (or removed when `undefined`). */
function setIn(value: unknown, segments: readonly string[], next: unknown): unknown {
  if (segments.length === 0) return next;
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(value)) {
    const copy = value.slice();
    copy[Number(head)] = setIn(copy[Number(head)], rest, next);
    return copy;
  }
  const obj = { ...(value as Record<string, unknown>) };
  const inner = setIn(obj[head], rest, next);
  if (inner === undefined) delete obj[head];
  else obj[head] = inner;
  return obj;
}

/** The report with one text field replaced; `undefined` removes an optional field. */
export function withField(report: Report, pointer: string, value: unknown): Report {
  return setIn(report, parsePointer(pointer), value) as Report;
}

/** Shape of what the editor draws: edition and narrative blocks. A change of shape rebuilds the form. */
function shapeOf(r: Report): string {
  const blocks = (bs: readonly Block[]) => bs.map((b) => b.type[0]).join("");
  return [r.edition, blocks(r.preamble), ...SECTIONS.map((s) => blocks(r.sections[s.key].blocks))].join("|");
}

/** The report's level as the author states it, or none (""): then core-model infers it. */
type LevelChoice = Level | "";

/** What each level means for the clerk: whose report, and its deadline (条例 第四十九条). */
const LEVEL_ZH: Readonly<Record<Level, string>> = {
  agency: "部门（次年1月31日前公布）",
  government: "本级人民政府（次年3月31日前公布）",
  unknown: "层级未定（两个期限之间公布只作提示）",
};

/**
 * The report with its level stated (or, with `""`, left to inference). The reason written with the
 * level before explained that level, not this one: it goes too (undoable like any edit).
 */
export function withLevel(report: Report, level: LevelChoice): Report {
  const { level: _level, levelReason: _reason, ...meta } = report.meta;
  return { ...report, meta: level === "" ? meta : { ...meta, level } };
}

const PUBLISHED = "/meta/published";
const LEVEL = "/meta/level";

/**
 * The report's level: 部门, 本级人民政府, or 未定 — then the level is inferred from the organ's name and
 * the text (core-model's `levelOf`), and the note under the field says what it was inferred to be and
 * why, since the deadline finding follows it. A level the document states as unknown (an import, a
 * review) is kept as such and offered as a fourth choice only then.
 */
class LevelField {
  readonly select = h("select", { "data-pointer": LEVEL, "aria-describedby": "level-note" });
  readonly note = h("p", { className: "level-note", id: "level-note", "aria-live": "polite" });
  readonly #infer = h("option", { value: "" }, "未定（按机关名称推断）");
  readonly #unknown = h("option", { value: "unknown" }, "层级未定（报告中注明）");

  constructor(onChoice: (level: LevelChoice) => void) {
    this.select.append(
      this.#infer,
      h("option", { value: "agency" }, LEVEL_ZH.agency),
      h("option", { value: "government" }, LEVEL_ZH.government),
      this.#unknown,
    );
    this.select.addEventListener("change", () => onChoice(this.select.value as LevelChoice));
  }

  /** Shows the level the report states (none: 未定). */
  set(report: Report): void {
    const stated = report.meta.level ?? "";
    this.#unknown.hidden = stated !== "unknown";
    if (this.select.value !== stated) this.select.value = stated;
  }

  /** What the checks took the level to be, and what inference gives; the note says it in words. */
  show(report: Report, level: LevelInference, inferred: LevelInference): void {
    const guess = `按机关名称推断为：${LEVEL_ZH[inferred.level]}。理由：${inferred.reason.zh}。`;
    this.#infer.textContent = `未定（按机关名称推断：${LEVEL_ZH[inferred.level].replace(/（.*/, "")}）`;
    let text: string;
    if (level.source === "inferred") {
      text = `${guess}公布期限按此判断；如不符，请在上面选择本报告的层级。`;
    } else if (level.level === "unknown") {
      const why = report.meta.levelReason?.trim();
      text = `报告注明层级未定${why ? `（${why}）` : ""}，两个期限之间公布的只作提示。${guess}`;
    } else {
      text = "";
    }
    if (this.note.textContent !== text) this.note.textContent = text;
    this.note.hidden = text === "";
  }
}

/**
 * The publication date as 年 / 月 / 日 controls: a browser's date input shows the browser's locale
 * (MM/DD/YYYY on an English system), a clerk expects 2025年1月20日 whatever the system is.
 */
class DateField {
  readonly root: HTMLElement;
  readonly #year = h("input", {
    type: "text",
    inputmode: "numeric",
    maxlength: 4,
    size: 4,
    placeholder: "年份",
    "aria-label": "公布日期：年",
    "data-pointer": PUBLISHED,
    className: "date-year",
  });
  readonly #month = h(
    "select",
    { "aria-label": "公布日期：月" },
    h("option", { value: "" }, "—"),
    Array.from({ length: 12 }, (_, i) => h("option", { value: String(i + 1) }, String(i + 1))),
  );
  readonly #day = h(
    "select",
    { "aria-label": "公布日期：日" },
    h("option", { value: "" }, "—"),
    Array.from({ length: 31 }, (_, i) => h("option", { value: String(i + 1) }, String(i + 1))),
  );
  /** A date being entered that is not complete or not a real day: shown, not saved. */
  invalid = false;

  constructor(onValue: (value: string | undefined) => void) {
    const changed = () => {
      const y = this.#year.value.trim();
      const m = this.#month.value;
      const d = this.#day.value;
      if (y === "" && m === "" && d === "") return this.#result(onValue, undefined);
      const iso = `${y.padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
      const date = new Date(`${iso}T00:00:00Z`);
      const real = /^\d{4}$/.test(y) && m !== "" && d !== "" && date.getUTCDate() === Number(d);
      this.invalid = !real;
      this.root.classList.toggle("invalid", !real);
      this.root.title = real ? "" : "请填完整的年、月、日；不完整的日期不会保存";
      if (real) this.#result(onValue, iso);
    };
    this.#year.addEventListener("input", changed);
    this.#month.addEventListener("change", changed);
    this.#day.addEventListener("change", changed);
    this.root = h(
      "div",
      { className: "date-field", role: "group", "aria-label": "公布日期" },
      this.#year,
      h("span", {}, "年"),
      this.#month,
      h("span", {}, "月"),
      this.#day,
      h("span", {}, "日"),
    );
  }

  #result(onValue: (value: string | undefined) => void, value: string | undefined): void {
    this.invalid = false;
    this.root.classList.remove("invalid");
    this.root.title = "";
    onValue(value);
  }

  /** Shows a stored date (`YYYY-MM-DD`) or none. */
  set(value: string | undefined): void {
    const [y = "", m = "", d = ""] = value ? value.split("-") : [];
    this.#year.value = y;
    this.#month.value = m === "" ? "" : String(Number(m));
    this.#day.value = d === "" ? "" : String(Number(d));
    this.invalid = false;
    this.root.classList.remove("invalid");
  }
}

/** The whole form: metadata, the six sections' narrative, and the three table grids. */
export class Editor {
  readonly root = h("div", { className: "editor" });
  readonly tables: TableEditor;
  readonly #store: Store;
  #shape = "";
  #date: DateField | undefined;
  #level: LevelField | undefined;

  constructor(store: Store, notify: (msg: string) => void) {
    this.#store = store;
    this.tables = new TableEditor(store, notify);
    store.subscribe((c) => this.#onChange(c));
    this.#build();
  }

  #onChange(c: Change): void {
    if (c.reason === "open") {
      this.#build();
      return;
    }
    if (shapeOf(c.report) !== this.#shape) {
      const focused = (document.activeElement as HTMLElement | null)?.dataset?.pointer;
      this.#build();
      if (focused) this.focusPointer(focused);
      return;
    }
    this.tables.sync(c.report, c.source);
    for (const el of this.root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      "[data-field]",
    )) {
      const pointer = el.dataset.pointer!;
      if (pointer === c.source) continue;
      // A value the author is still fixing (not saved because invalid) stays until undo or a load.
      if (c.reason === "edit" && el.classList.contains("invalid")) continue;
      const v = resolvePointer(c.report, pointer);
      const text = v === undefined ? "" : String(v);
      if (el.value !== text) el.value = text;
      el.classList.remove("invalid");
    }
    if (c.source !== PUBLISHED && !(c.reason === "edit" && this.#date?.invalid)) {
      this.#date?.set(c.report.meta.published);
    }
    this.#level?.set(c.report);
  }

  #build(): void {
    const report = this.#store.report;
    this.#shape = shapeOf(report);
    this.tables.reset();
    const layout = layoutOf(report.edition);
    this.root.replaceChildren(
      h(
        "section",
        { className: "meta", "aria-label": "报告信息" },
        h("h2", {}, "报告信息"),
        h("p", { className: "edition-note" }, `格式：${layout.name}（${layout.issuedBy}）`),
        h(
          "div",
          { className: "meta-grid" },
          this.#field("发布机关", "/meta/organ", { required: true }),
          this.#field("报告年度", "/meta/year", { type: "number", min: 2008, max: 2100, required: true }),
          this.#field("标题", "/meta/title", { required: true, wide: true }),
          this.#dateField(report),
          this.#levelField(report),
        ),
        h("h3", {}, "前言（第一部分之前的文字）"),
        this.#blocks("/preamble", report.preamble, false),
      ),
      ...SECTIONS.map((s) => this.#section(report, s)),
    );
  }

  #field(
    label: string,
    pointer: string,
    opts: { type?: string; min?: number; max?: number; required?: boolean; wide?: boolean },
  ): HTMLElement {
    const v = resolvePointer(this.#store.report, pointer);
    const input = h("input", {
      type: opts.type ?? "text",
      min: opts.min,
      max: opts.max,
      required: opts.required,
      "data-field": true,
      "data-pointer": pointer,
      value: v === undefined ? "" : String(v),
    });
    const key = parsePointer(pointer).at(-1) as keyof typeof metaSchema.shape;
    input.addEventListener("input", () => {
      const raw = input.value;
      const value = opts.type === "number" ? (raw.trim() === "" ? Number.NaN : Number(raw)) : raw;
      const optional = !opts.required && raw === "";
      const ok = optional || metaSchema.shape[key].safeParse(value).success;
      input.classList.toggle("invalid", !ok);
      input.title = ok ? "" : `「${label}」的值无效，未保存此项修改`;
      if (!ok) return;
      this.#store.update(
        withField(this.#store.report, pointer, optional ? undefined : value),
        "edit",
        pointer,
      );
    });
    return h("label", { className: opts.wide ? "wide" : undefined }, h("span", {}, label), input);
  }

  #dateField(report: Report): HTMLElement {
    this.#date = new DateField((value) => {
      this.#store.update(withField(this.#store.report, PUBLISHED, value), "edit", PUBLISHED);
    });
    this.#date.set(report.meta.published);
    return h("label", {}, h("span", {}, "公布日期"), this.#date.root);
  }

  #levelField(report: Report): HTMLElement {
    this.#level = new LevelField((level) =>
      this.#store.update(withLevel(this.#store.report, level), "edit", LEVEL),
    );
    this.#level.set(report);
    // The note sits under the field it explains.
    return h(
      "div",
      { className: "level-field" },
      h("label", {}, h("span", {}, "报告层级"), this.#level.select),
      this.#level.note,
    );
  }

  /**
   * Shows the level the checks took (core-model's `levelOf`, from the validation worker) and what the
   * organ's name and the text give on their own, for the report they were worked out for.
   */
  showLevel(report: Report, level: LevelInference, inferred: LevelInference): void {
    if (report === this.#store.report) this.#level?.show(report, level, inferred);
  }

  #section(report: Report, s: SectionDef): HTMLElement {
    const base = `/sections/${s.key}`;
    const heading = h("input", {
      className: "section-heading",
      "data-field": true,
      "data-pointer": `${base}/heading`,
      "aria-label": `${s.label} 标题`,
      placeholder: s.label,
      value: report.sections[s.key].heading,
    });
    heading.addEventListener("input", () =>
      this.#store.update(
        withField(this.#store.report, `${base}/heading`, heading.value),
        "edit",
        `${base}/heading`,
      ),
    );
    return h(
      "section",
      { className: `report-section section-${s.key}`, id: `section-${s.key}`, "data-pointer": base },
      h("h2", {}, heading),
      this.#blocks(`${base}/blocks`, report.sections[s.key].blocks, s.key === "overview"),
      s.table ? this.tables.render(s.table) : null,
    );
  }

  #blocks(pointer: string, blocks: readonly Block[], topics: boolean): HTMLElement {
    const list = h("div", { className: "blocks", "data-pointer": pointer });
    blocks.forEach((b, i) => {
      const at = `${pointer}/${i}`;
      const type = h(
        "select",
        { "data-field": true, "data-pointer": `${at}/type`, "aria-label": "段落类型" },
        h("option", { value: "paragraph" }, "段落"),
        h("option", { value: "heading" }, "小标题"),
      );
      type.value = b.type;
      type.addEventListener("change", () =>
        this.#store.update(withField(this.#store.report, `${at}/type`, type.value), "edit"),
      );
      const text = h("textarea", {
        "data-field": true,
        "data-pointer": `${at}/text`,
        className: b.type,
        rows: b.type === "heading" ? 1 : 3,
        "aria-label": b.type === "heading" ? "小标题" : "段落",
        value: b.text,
      });
      text.addEventListener("input", () =>
        this.#store.update(withField(this.#store.report, `${at}/text`, text.value), "edit", `${at}/text`),
      );
      const remove = h(
        "button",
        { type: "button", className: "icon", title: "删除此段", "aria-label": "删除此段" },
        "×",
      );
      remove.addEventListener("click", () => this.#editBlocks(pointer, (bs) => bs.toSpliced(i, 1)));
      list.append(h("div", { className: `block block-${b.type}` }, type, text, remove));
    });
    const add = (block: Block) => () => {
      this.#editBlocks(pointer, (bs) => [...bs, block]);
      this.focusPointer(`${pointer}/${blocks.length}/text`);
    };
    list.append(
      h(
        "div",
        { className: "block-actions" },
        h("button", { type: "button", onclick: add({ type: "paragraph", text: "" }) }, "＋ 段落"),
        h("button", { type: "button", onclick: add({ type: "heading", text: "" }) }, "＋ 小标题"),
        topics
          ? OVERVIEW_TOPICS.map((t) =>
              h(
                "button",
                { type: "button", className: "topic", onclick: add({ type: "heading", text: t }) },
                t,
              ),
            )
          : null,
      ),
    );
    return list;
  }

  #editBlocks(pointer: string, fn: (bs: readonly Block[]) => Block[]): void {
    const report = this.#store.report;
    const blocks = resolvePointer(report, pointer) as Block[];
    this.#store.update(withField(report, pointer, fn(blocks)), "edit");
  }

  /** Brings the field at a JSON pointer (or the nearest enclosing part) into view and focuses it. */
  focusPointer(pointer: string): boolean {
    const cell = layoutOf(this.#store.report.edition).byPointer.get(pointer);
    if (cell) return this.tables.focus(cell.key);
    let p = pointer;
    for (;;) {
      const el = this.root.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(p)}"]`);
      if (el) {
        el.scrollIntoView({ block: "center" });
        const target = el.matches("input, textarea, select")
          ? el
          : el.querySelector<HTMLElement>("input, textarea");
        target?.focus();
        return true;
      }
      if (p === "") return false;
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }
}
