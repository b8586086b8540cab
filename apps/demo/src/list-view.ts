// 我的报告: every report of this browser with organ, year, edition, last change and error count; what
// was deleted (recoverable) and what could not be read (offered back).
import { layoutOf } from "@xxgk/core-model";
import type { EntryRecord, UnreadableRecord } from "./db.js";
import { h } from "./dom.js";
import { TRASH_DAYS } from "./library.js";

/** What the list asks the app to do. */
export interface ListActions {
  open(entry: EntryRecord): void;
  nextYear(entry: EntryRecord): void;
  duplicate(entry: EntryRecord): void;
  rename(entry: EntryRecord): void;
  remove(entry: EntryRecord): void;
  untrash(entry: EntryRecord): void;
  purge(entry: EntryRecord): void;
  downloadUnreadable(u: UnreadableRecord): void;
  importUnreadable(u: UnreadableRecord): void;
  removeUnreadable(u: UnreadableRecord): void;
  newReport(): void;
  backup(): void;
  restoreBackup(): void;
  example(which: "seed" | "example2021"): void;
}

/** `2025年1月20日 14:03`, whatever the browser's locale. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const hh = String(d.getHours()).padStart(2, "0");
  const mm = String(d.getMinutes()).padStart(2, "0");
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hh}:${mm}`;
}

/** The name an entry goes by in the list and in questions about it. */
export const nameOf = (e: EntryRecord): string => e.name ?? e.title;

const issuedBy = (e: EntryRecord) =>
  e.edition === "2019" || e.edition === "2021" ? layoutOf(e.edition).issuedBy : undefined;

export class ListView {
  readonly root = h("main", { className: "list-view", "aria-label": "我的报告", hidden: true });
  readonly #actions: ListActions;
  readonly #filter = h("input", {
    type: "search",
    className: "list-filter",
    placeholder: "按机关、标题或年度筛选",
    "aria-label": "筛选报告",
  });
  readonly #body = h("div", { className: "list-body" });
  readonly #usage = h("span", { className: "usage" });
  #entries: EntryRecord[] = [];
  #unreadable: UnreadableRecord[] = [];

  constructor(actions: ListActions, persistent: boolean) {
    this.#actions = actions;
    this.#filter.addEventListener("input", () => this.#draw());
    this.root.append(
      h(
        "section",
        { className: "list-head" },
        h("h2", {}, "我的报告"),
        h(
          "p",
          { className: "storage-note" },
          persistent
            ? "这些报告只保存在这台电脑的这个浏览器里，不会上传到任何服务器。清除浏览器数据、换浏览器或换电脑后就找不到了——请定期点“备份全部报告”，把备份文件存到安全的地方。"
            : "此浏览器不允许本工具使用本地存储（可能是隐私 / 无痕模式），报告只在这个页面里，关闭或刷新页面就会丢失。请用“备份全部报告”或“导出 JSON”保存。",
          " ",
          this.#usage,
        ),
        h(
          "div",
          { className: "list-actions" },
          h(
            "button",
            { type: "button", className: "primary", onclick: () => actions.newReport() },
            "新建报告…",
          ),
          h("button", { type: "button", onclick: () => actions.backup() }, "备份全部报告"),
          h("button", { type: "button", onclick: () => actions.restoreBackup() }, "从备份恢复…"),
          this.#filter,
        ),
      ),
      this.#body,
    );
  }

  /** Shows these entries and unreadable items (timed as `xxgk:list`, from `since`). */
  show(entries: EntryRecord[], unreadable: UnreadableRecord[], since: number): void {
    this.#entries = entries;
    this.#unreadable = unreadable;
    this.#draw();
    performance.measure("xxgk:list", { start: since, end: performance.now() });
    void this.#showUsage();
  }

  async #showUsage(): Promise<void> {
    try {
      const est = await navigator.storage?.estimate?.();
      const persisted = await navigator.storage?.persisted?.();
      if (!est?.usage) return;
      const mb = (n: number) => (n / 1048576).toFixed(1);
      this.#usage.textContent = `（已用 ${mb(est.usage)} MB${persisted ? "，浏览器已承诺不自动清除" : ""}）`;
    } catch {
      // The estimate is a courtesy; without it the note still says what matters.
    }
  }

  #draw(): void {
    const q = this.#filter.value.trim();
    const live = this.#entries.filter((e) => e.deletedAt === undefined);
    const shown = q ? live.filter((e) => `${nameOf(e)} ${e.title} ${e.organ} ${e.year}`.includes(q)) : live;
    const trash = this.#entries.filter((e) => e.deletedAt !== undefined);
    const a = this.#actions;
    const btn = (label: string, onclick: () => void, cls?: string) =>
      h("button", { type: "button", className: cls, onclick }, label);
    const rows = shown.map((e) =>
      h(
        "tr",
        { "data-id": e.id },
        h(
          "td",
          { className: "name" },
          h("button", { type: "button", className: "link open", onclick: () => a.open(e) }, nameOf(e)),
          e.name && e.name !== e.title ? h("small", {}, e.title) : null,
          e.origin ? h("small", { className: "origin" }, e.origin) : null,
        ),
        h("td", {}, e.organ),
        h("td", { className: "num" }, String(e.year)),
        h("td", { className: "edition", title: issuedBy(e) }, `${e.edition} 版`),
        h("td", { className: "time" }, formatTime(e.updatedAt)),
        h(
          "td",
          { className: "errors" },
          e.errors > 0 ? h("span", { className: "count error" }, `错误 ${e.errors}`) : null,
          e.warnings > 0 ? h("span", { className: "count warning" }, `警告 ${e.warnings}`) : null,
          e.errors + e.warnings === 0 ? h("span", { className: "ok" }, "通过") : null,
        ),
        h(
          "td",
          { className: "row-actions" },
          btn("打开", () => a.open(e)),
          btn(`开始 ${e.year + 1} 年报告`, () => a.nextYear(e)),
          btn("复制", () => a.duplicate(e)),
          btn("重命名", () => a.rename(e)),
          btn("删除", () => a.remove(e), "danger"),
        ),
      ),
    );
    const table =
      live.length === 0
        ? h(
            "div",
            { className: "empty" },
            h("p", {}, "还没有报告。可以新建空白报告、从上年报告开始，或先看看示例："),
            h(
              "div",
              { className: "list-actions" },
              btn("新建报告…", () => a.newReport(), "primary"),
              btn("武林街道 2020 年报告（示例）", () => a.example("seed")),
              btn("2021 版格式示例", () => a.example("example2021")),
              btn("从备份恢复…", () => a.restoreBackup()),
            ),
          )
        : h(
            "table",
            { className: "reports" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["报告", "发布机关", "年度", "格式", "最后修改", "检查", "操作"].map((t) =>
                  h("th", { scope: "col" }, t),
                ),
              ),
            ),
            h("tbody", {}, rows),
          );
    const parts: (Node | null)[] = [
      h(
        "p",
        { className: "list-count" },
        q ? `显示 ${shown.length} / ${live.length} 份` : `共 ${live.length} 份报告`,
      ),
      table,
      trash.length > 0
        ? h(
            "details",
            { className: "trash" },
            h("summary", {}, `最近删除（${trash.length}）——${TRASH_DAYS} 天后永久删除`),
            h(
              "ul",
              {},
              trash.map((e) =>
                h(
                  "li",
                  { "data-id": e.id },
                  h("span", {}, `${nameOf(e)}（${e.year}年，删除于 ${formatTime(e.deletedAt!)}）`),
                  btn("恢复", () => a.untrash(e)),
                  btn("永久删除…", () => a.purge(e), "danger"),
                ),
              ),
            ),
          )
        : null,
      this.#unreadable.length > 0
        ? h(
            "details",
            { className: "unreadable", open: true },
            h("summary", {}, `无法读取的内容（${this.#unreadable.length}）——已另存，未丢弃`),
            h(
              "p",
              {},
              "以下保存的内容已无法作为报告读取（例如数据损坏或格式不符）。可以下载原文，或尝试导入（会列出具体问题）。",
            ),
            h(
              "ul",
              {},
              this.#unreadable.map((u) =>
                h(
                  "li",
                  {},
                  h("span", {}, `${u.name}（保存于 ${formatTime(u.at)}）`),
                  h("small", {}, u.reason),
                  btn("下载原文", () => a.downloadUnreadable(u)),
                  btn("尝试导入", () => a.importUnreadable(u)),
                  btn("删除…", () => a.removeUnreadable(u), "danger"),
                ),
              ),
            ),
          )
        : null,
    ];
    this.#body.replaceChildren(...parts.filter((p): p is Node => p !== null));
  }
}
