import "./style.css";
import {
  createReport,
  EDITIONS,
  editionForYear,
  layoutOf,
  parseReport,
  type Report,
  SECTIONS,
  stringifyReport,
  type TableId,
} from "@xxgk/core-model";
import seedDocument from "@xxgk/core-model/examples/wulin-2020.json" with { type: "json" };
import { Banners } from "./banners.js";
import {
  applySuggestions,
  blankCells,
  fillBlanks,
  REPORT_TEXT_LIMIT,
  type TaskResult,
  textSize,
} from "./checks.js";
import {
  type Backend,
  classify,
  type EntryRecord,
  memoryBackend,
  openIndexedDb,
  type StorageError,
} from "./db.js";
import { ask } from "./dialogs.js";
import { download, fileNameOf, h } from "./dom.js";
import { Editor } from "./editor.js";
import { FindingsPanel, FindingTip } from "./findings.js";
import { ImportNotes } from "./import-notes.js";
import { IMPORT_ACCEPT, type ImportResult, importSource } from "./io.js";
import { type CreateOptions, Library } from "./library.js";
import { formatTime, ListView, nameOf } from "./list-view.js";
import { recoverUnsaved, type SaveState, Session, Sync } from "./session.js";
import { Store } from "./store.js";
import { Validation } from "./validation.js";

function seed(): Report {
  const parsed = parseReport(seedDocument);
  if (!parsed.ok) throw new Error(`the built-in example does not parse: ${parsed.issues[0]?.message}`);
  return parsed.report;
}

async function example2021(): Promise<Report> {
  const doc = await import("@xxgk/core-model/examples/example-2021.json", { with: { type: "json" } });
  const parsed = parseReport(doc.default);
  if (!parsed.ok) throw new Error("the 2021 example does not parse");
  return parsed.report;
}

const app = document.getElementById("app")!;
// Nothing is open until the list or a report is: an empty report keeps the editor's fields defined.
const store = new Store(createReport({ organ: "—", year: new Date().getFullYear() - 1 }));
store.guard = (next) => {
  const size = textSize(next);
  if (size <= REPORT_TEXT_LIMIT) return undefined;
  const wan = (n: number) => `${Math.round(n / 10_000)} 万`;
  return `这次修改后报告将有约 ${wan(size)}字，超过单份报告 ${wan(REPORT_TEXT_LIMIT)}字的上限，修改未被接受，原文保持不变。请精简后再粘贴。`;
};

// ── notices ────────────────────────────────────────────────────────────────────────────────────────
const toast = h("div", { className: "toast", role: "status", "aria-live": "polite" });
let toastTimer: ReturnType<typeof setTimeout> | undefined;
function notify(message: string, kind: "info" | "error" = "info"): void {
  toast.textContent = message;
  toast.className = `toast show ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toast.classList.remove("show"), kind === "error" ? 8000 : 3500);
}
const banners = new Banners();

// ── editor, findings, preview ──────────────────────────────────────────────────────────────────────
const editor = new Editor(store, notify);
/** Last year's report of the open one, when linked: the cross-year rules run against it. */
let previous: { entry: EntryRecord; report: Report } | undefined;
const findings = new FindingsPanel(editor.root, {
  goto: (pointer) => {
    showTab("edit");
    if (!editor.focusPointer(pointer)) notify(`无法定位：${pointer || "整份报告"}`);
  },
  gotoPrevious: (pointer) => {
    if (previous) location.hash = `#/r/${previous.entry.id}@${encodeURIComponent(pointer)}`;
  },
  fix: (cells) => {
    const next = applySuggestions(store.report, cells);
    if (next === undefined) {
      return notify("这些单元格在检查之后又改动过，未改写；请按更新后的检查结果操作。", "error");
    }
    store.update(next, "fix");
    showTab("edit");
    // The author sees the cell that changed, and goes on from there (Ctrl+Z is one keystroke away).
    editor.focusPointer(cells[0]!.pointer);
    notify(`已把${cells.map((c) => `“${c.label}”改为 ${c.suggested}`).join("、")}（可按 Ctrl+Z 撤销）`);
  },
});
const tip = new FindingTip(editor.root);
const importNotes = new ImportNotes();
const preview = h("iframe", {
  className: "preview",
  title: "HTML 预览",
  // No scripts, no same-origin access: the preview is only looked at.
  sandbox: "",
});
const previewPane = h("div", { className: "pane pane-preview", hidden: true }, preview);
const previousSelect = h("select", { "aria-label": "上年报告" });
const previousOpen = h("button", { type: "button" }, "打开上年报告");
const previousBar = h(
  "div",
  { className: "previous-bar" },
  h("span", {}, "上年报告（跨年度核对上年结转、现行有效件数）："),
  previousSelect,
  previousOpen,
);
const editPane = h("div", { className: "pane pane-edit" }, previousBar, editor.root);

// Validation and the diagnosis run on a worker: the page stays responsive however long the text.
const validation = new Validation(
  ({ report, previous, checked, waited }) => {
    try {
      const t0 = performance.now();
      findings.show(report, checked, previous);
      editor.showLevel(report, checked.level, checked.inferredLevel);
      tip.refresh();
      const t1 = performance.now();
      // The page's own work: redrawing the findings and the marks (the only part that blocks typing).
      performance.measure("xxgk:redraw", { start: t0, end: t1 });
      // From the edit to the redrawn findings and marks: what the author waits for to see the result.
      performance.measure("xxgk:update", { start: t0 - waited, end: t1 });
    } catch (err) {
      notify(`检查出错：${(err as Error).message}`, "error");
    }
  },
  // A rule failing must not stop the author from writing; say so and keep going.
  (message) => notify(`检查出错：${message}`, "error"),
);
let scheduled = false;
function scheduleCheck(): void {
  // Once per frame, with the report and last year's as they are then (several edits of one frame, or
  // an opening report whose last year is still being read, make one request).
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    validation.request(store.report, usablePrevious());
  });
}

/** Last year's report, if linked and (still) the year before the open one. */
function usablePrevious(): Report | undefined {
  return previous && previous.report.meta.year === store.report.meta.year - 1 ? previous.report : undefined;
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
async function renderPreview(): Promise<void> {
  const report = store.report;
  const [{ renderDocument }, { checked }] = await Promise.all([
    import("@xxgk/render-html"),
    validation.resultFor(report, usablePrevious()),
  ]);
  preview.srcdoc = renderDocument(report, {
    findings: checked.findings
      .filter((f) => f.severity !== "info")
      .map((f) => ({
        pointer: f.pointer,
        severity: f.severity,
        message: f.message.zh,
        code: f.code,
        ...(f.cells === undefined ? {} : { cells: f.cells }),
      })),
  });
}

// ── storage ────────────────────────────────────────────────────────────────────────────────────────
const sync = new Sync();
let library: Library;
let session: Session;
/** Set once boot has opened the storage and the session exists. */
let ready = false;

/** Runs a storage operation; a failure is shown (quota, unavailable, …), never swallowed. */
async function attempt<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    showStorageError(what, classify(err));
    return undefined;
  }
}

function showStorageError(what: string, e: StorageError): void {
  if (e.code === "QUOTA") {
    banners.show(
      "quota",
      "error",
      `${what}失败：浏览器存储空间已满。已有的报告没有受影响；请先“备份全部报告”，再删除不需要的报告（并在“最近删除”中永久删除）以腾出空间。（${e.message}）`,
      [{ label: "备份全部报告", run: () => void backupAll() }],
    );
  } else {
    notify(`${what}失败：${e.message}`, "error");
  }
}

function onSaveState(s: SaveState): void {
  saveStatus.classList.toggle("error", s.kind === "error" || s.kind === "conflict");
  if (s.kind === "saved") {
    saveStatus.textContent = library.persistent
      ? `已保存 ${s.at.toLocaleTimeString("zh-CN", { hour12: false })}`
      : "仅在本页中（浏览器存储不可用）";
    banners.clear("save");
    banners.clear("quota");
  } else if (s.kind === "pending") {
    saveStatus.textContent = "正在保存…";
  } else if (s.kind === "idle") {
    saveStatus.textContent = "";
    banners.clear("save");
  } else if (s.kind === "error") {
    saveStatus.textContent = "未保存";
    const why =
      s.error.code === "QUOTA"
        ? "浏览器存储空间已满"
        : s.error.code === "UNAVAILABLE"
          ? "浏览器不允许使用本地存储"
          : s.error.message;
    banners.show(
      "save",
      "error",
      `无法保存（${why}）。本页中的修改还在，没有丢失，但尚未存入浏览器：请先“导出 JSON”或“备份全部报告”留一份，腾出空间后点“重试保存”。`,
      [
        { label: "重试保存", run: () => void session.retry(), primary: true },
        { label: "导出 JSON", run: exportJson },
        { label: "备份全部报告", run: () => void backupAll() },
      ],
    );
  } else {
    saveStatus.textContent = "未保存：与另一个标签页冲突";
    const actions = s.deleted
      ? [
          { label: "恢复此报告并保存本页版本", run: () => void session.overwrite(), primary: true },
          { label: "本页版本另存为新报告", run: () => void saveAsNew() },
        ]
      : [
          { label: "载入另一标签页的版本", run: () => void theirs(), primary: true },
          { label: "本页版本另存为新报告", run: () => void saveAsNew() },
          { label: "用本页版本覆盖", run: () => void session.overwrite() },
        ];
    banners.show(
      "save",
      "warning",
      `${s.message}。本页的修改尚未保存，也没有覆盖那边的版本。请选择：`,
      actions,
    );
  }
}

async function theirs(): Promise<void> {
  if (await session.takeTheirs()) notify("已载入另一个标签页保存的版本；本页的修改可按 Ctrl+Z 找回。");
}

async function saveAsNew(): Promise<void> {
  const entry = session.entry;
  const report = store.report;
  const created = await attempt("另存为新报告", () =>
    library.create(report, {
      name: `${entry ? nameOf(entry) : report.meta.title}（本页版本）`,
      origin: "与另一个标签页冲突时另存",
      ...(entry?.previousId ? { previousId: entry.previousId } : {}),
    }),
  );
  if (!created) return;
  void refreshCount();
  session.clearConflict();
  session.close();
  sync.post({ type: "list" });
  await navigate(created.id);
  notify(`本页版本已另存为“${nameOf(created)}”`);
}

// ── views and routing ──────────────────────────────────────────────────────────────────────────────
const listView = new ListView(
  {
    open: (e) => void navigate(e.id),
    nextYear: (e) => void startFromEntry(e),
    duplicate: (e) =>
      void attempt("复制", async () => {
        const copy = await library.duplicate(e.id);
        sync.post({ type: "list" });
        await refreshList();
        notify(`已复制为“${nameOf(copy)}”`);
      }),
    rename: (e) => void rename(e),
    remove: (e) => void remove(e),
    untrash: (e) =>
      void attempt("恢复", async () => {
        await library.untrash(e.id);
        sync.post({ type: "list" });
        await refreshList();
        notify(`已恢复“${nameOf(e)}”`);
      }),
    purge: (e) => void purge(e),
    downloadUnreadable: (u) => download(`${fileNameOf(u.name, "txt")}`, u.text, "text/plain;charset=utf-8"),
    importUnreadable: (u) => void runImport(u.text, undefined, `另存内容：${u.name}`),
    removeUnreadable: (u) => void removeUnreadable(u),
    newReport: () => void openNewDialog(),
    backup: () => void backupAll(),
    restoreBackup: () => backupFile.click(),
    example: (which) => void createExample(which),
  },
  true,
);

type View = "list" | "editor";
let view: View = "list";
function setView(v: View): void {
  view = v;
  document.body.dataset.view = v;
  listView.root.hidden = v !== "list";
  layout.hidden = v !== "editor";
  tip.hide();
}

async function refreshList(): Promise<void> {
  const t0 = performance.now();
  const [entries, unreadable] = await Promise.all([library.list(), library.unreadable()]);
  listView.show(entries, unreadable, t0);
  showCount(entries);
}

function showCount(entries: readonly EntryRecord[]): void {
  listCount.textContent = String(entries.filter((e) => e.deletedAt === undefined).length);
}

/** The toolbar's count of reports, after the list changed while another view is shown. */
async function refreshCount(): Promise<void> {
  const entries = await attempt("读取报告列表", () => library.list());
  if (entries) showCount(entries);
}

/** Leaves the open report: everything saved first, or the author agrees to stay. */
async function leaveCurrent(): Promise<boolean> {
  if (!session.entry) return true;
  // An edit made while a save was under way is the next save's: only a save that failed (an error or
  // another tab's version) makes leaving a question.
  for (let round = 0; round < 3; round++) {
    if (await session.flush()) return true;
    if (session.state.kind !== "pending") break;
  }
  const { choice } = await ask({
    title: "修改尚未保存",
    body: ["这份报告的修改还没能存入浏览器（见页面上方的提示）。离开后这些修改会丢失。"],
    choices: [
      { value: "stay", label: "留在此报告", primary: true },
      { value: "export", label: "先导出 JSON" },
      { value: "leave", label: "放弃修改并离开", danger: true },
    ],
  });
  if (choice === "export") exportJson();
  return choice === "leave";
}

let routing = Promise.resolve();
/** Follows the address: `#/` the list, `#/r/<id>` a report, `#/r/<id>@<pointer>` a report at a cell. */
function route(): Promise<void> {
  routing = routing.then(routeNow, routeNow);
  return routing;
}

async function routeNow(): Promise<void> {
  const m = /^#\/r\/([^@]+)(?:@(.*))?$/.exec(location.hash);
  if (!m) {
    if (!(await leaveCurrent())) {
      history.back();
      return;
    }
    session.close();
    previous = undefined;
    delete layout.dataset.report;
    setView("list");
    await attempt("读取报告列表", refreshList);
    return;
  }
  const id = decodeURIComponent(m[1]!);
  const focus = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  if (session.entry?.id !== id) {
    if (!(await leaveCurrent())) {
      history.back();
      return;
    }
    const loaded = await attempt("打开报告", () => library.load(id));
    if (!loaded || loaded.kind !== "report") {
      if (loaded?.kind === "unreadable") {
        notify(`这份报告已无法读取（${loaded.reason}），原文已另存到“无法读取的内容”。`, "error");
      } else if (loaded?.kind === "missing") {
        notify("这份报告已不存在（可能已在另一个标签页中永久删除）。", "error");
      }
      location.replace("#/");
      return;
    }
    importNotes.hide();
    banners.clear("recovered");
    session.open(loaded.entry, loaded.report);
    await loadPrevious();
    void attempt("记住打开的报告", () => library.setSetting("lastOpened", id));
    if (loaded.recovered !== undefined) {
      banners.show(
        "recovered",
        "warning",
        `这份报告最后保存的内容已无法读取，原文已另存到“我的报告 → 无法读取的内容”；现在显示的是 ${formatTime(loaded.recovered)} 的版本。`,
        [{ label: "知道了", run: () => banners.clear("recovered") }],
      );
    }
  }
  setView("editor");
  // Which report the editor shows: the address changes first, the report is on screen only from here.
  layout.dataset.report = id;
  showTab("edit");
  updateHeader();
  scheduleCheck();
  if (focus !== undefined) {
    // After the check has marked the cells, so the focused cell shows its finding.
    requestAnimationFrame(() => requestAnimationFrame(() => editor.focusPointer(focus)));
  } else {
    scrollTo(0, 0);
  }
}

/** Opens a report by id (and waits until it is on screen). */
function navigate(id: string, focus?: string): Promise<void> {
  const hash = `#/r/${id}${focus === undefined ? "" : `@${encodeURIComponent(focus)}`}`;
  if (location.hash === hash) return route();
  return new Promise((resolve) => {
    // The router's own hashchange listener, added first, has started routing by the time this runs.
    const routed = () => {
      removeEventListener("hashchange", routed);
      resolve(routing);
    };
    addEventListener("hashchange", routed);
    location.hash = hash;
  });
}
addEventListener("hashchange", () => {
  // Before boot has opened the storage, boot itself routes to whatever the address is then.
  if (ready) void route();
});

async function loadPrevious(): Promise<void> {
  const id = session.entry?.previousId;
  previous = id ? await attempt("读取上年报告", () => library.peek(id)) : undefined;
  await fillPreviousSelect();
}

async function fillPreviousSelect(): Promise<void> {
  const year = store.report.meta.year;
  const entries = (await attempt("读取报告列表", () => library.list())) ?? [];
  const candidates = entries.filter(
    (e) => e.deletedAt === undefined && e.year === year - 1 && e.id !== session.entry?.id,
  );
  previousSelect.replaceChildren(
    h(
      "option",
      { value: "" },
      candidates.length === 0 ? `（列表中没有 ${year - 1} 年的报告）` : "（不核对）",
    ),
    ...candidates.map((e) => h("option", { value: e.id }, `${nameOf(e)} · ${e.organ}`)),
  );
  previousSelect.value =
    previous && candidates.some((c) => c.id === previous!.entry.id) ? previous.entry.id : "";
  previousOpen.disabled = previousSelect.value === "";
}
previousSelect.addEventListener(
  "change",
  () =>
    void attempt("关联上年报告", async () => {
      const id = session.entry?.id;
      if (!id) return;
      const entry = await library.update(id, { previousId: previousSelect.value || null });
      session.refreshEntry(entry);
      await loadPrevious();
      scheduleCheck();
    }),
);
previousOpen.addEventListener("click", () => {
  if (previousSelect.value) void navigate(previousSelect.value);
});

// ── tabs ───────────────────────────────────────────────────────────────────────────────────────────
const tabEdit = h(
  "button",
  { type: "button", role: "tab", "aria-selected": "true", "data-tab": "edit" },
  "编辑",
);
const tabPreview = h(
  "button",
  { type: "button", role: "tab", "aria-selected": "false", "data-tab": "preview" },
  "预览",
);
function showTab(tab: "edit" | "preview"): void {
  const isPreview = tab === "preview";
  tabEdit.setAttribute("aria-selected", String(!isPreview));
  tabPreview.setAttribute("aria-selected", String(isPreview));
  editPane.hidden = isPreview;
  previewPane.hidden = !isPreview;
  if (isPreview) void renderPreview().catch((err) => notify(`预览失败：${(err as Error).message}`, "error"));
}
tabEdit.addEventListener("click", () => showTab("edit"));
tabPreview.addEventListener("click", () => showTab("preview"));

const saveStatus = h("span", { className: "save-status editor-only", role: "status" });
const button = (label: string, onclick: () => void, title?: string, className?: string) =>
  h("button", { type: "button", onclick, title, className }, label);

// ── creating reports: always a new entry ───────────────────────────────────────────────────────────
async function createAndOpen(
  report: Report,
  opts: CreateOptions,
  message: string,
): Promise<EntryRecord | undefined> {
  const entry = await attempt("新建报告", () => library.create(report, opts));
  if (!entry) return undefined;
  sync.post({ type: "list" });
  void refreshCount();
  await navigate(entry.id);
  notify(message);
  return entry;
}

async function createExample(which: "seed" | "example2021"): Promise<void> {
  if (which === "seed") await createAndOpen(seed(), { origin: "示例" }, "已新建武林街道 2020 年示例报告");
  else await createAndOpen(await example2021(), { origin: "示例" }, "已新建 2021 版格式示例报告");
}

/** Next year's report from a report in the list, linked to it for the cross-year rules. */
async function startFromEntry(entry: EntryRecord): Promise<void> {
  if (!(await session.flush())) return notify("当前报告尚未保存，请先处理页面上方的提示。", "error");
  const found = await attempt("读取上年报告", () => library.peek(entry.id));
  if (!found) return notify("无法读取所选的报告。", "error");
  await startFrom(found.entry, found.report);
}

async function startFrom(entry: EntryRecord, last: Report): Promise<void> {
  let carried: TaskResult["carryOver"];
  try {
    carried = await validation.run({ kind: "carryOver", report: last });
  } catch (err) {
    return notify(`无法由上年报告生成新报告：${(err as Error).message}`, "error");
  }
  const { report, cells } = carried;
  const lost = cells.filter((c) => !c.carried);
  const created = await createAndOpen(
    report,
    { origin: `由 ${last.meta.year} 年报告“${nameOf(entry)}”结转`, previousId: entry.id },
    `已由 ${last.meta.year} 年报告生成 ${report.meta.year} 年报告（${layoutOf(report.edition).issuedBy}格式）；“二、上年结转”等 ${cells.length - lost.length} 个单元格已按上年报告填入（上年空白的仍为空白）。`,
  );
  if (created && lost.length > 0) {
    banners.show(
      "carry",
      "warning",
      `上年报告中有 ${lost.length} 个单元格无法读取，对应的单元格留空未结转，请核对后手工填写。`,
      [{ label: "知道了", run: () => banners.clear("carry") }],
    );
  }
}

// New report / from last year / examples
const newOrgan = h("input", {
  name: "organ",
  required: true,
  // Not only spaces: the organ names the report.
  pattern: ".*\\S.*",
  placeholder: "例如：某某市某某区人民政府办公室",
});
const newYear = h("input", {
  name: "year",
  type: "number",
  min: 2019,
  max: 2100,
  required: true,
  value: new Date().getFullYear() - 1,
});
const newEdition = h(
  "select",
  { name: "edition" },
  EDITIONS.map((e) => h("option", { value: e }, `${layoutOf(e).name}（${layoutOf(e).issuedBy}）`)),
);
newEdition.value = editionForYear(Number(newYear.value));
newYear.addEventListener("input", () => {
  const y = Number(newYear.value);
  if (Number.isInteger(y) && y > 2000) newEdition.value = editionForYear(y);
});
const lastYearSelect = h("select", { name: "last-year", "aria-label": "上年报告" });
const lastYearFile = h("input", {
  type: "file",
  name: "last-year-file",
  accept: IMPORT_ACCEPT,
  "aria-label": "上年报告文件",
});
const newDialog = h(
  "dialog",
  { className: "dialog-new", "aria-label": "新建报告" },
  h(
    "form",
    { method: "dialog" },
    h("h2", {}, "新建报告"),
    h("p", { className: "hint" }, "新建的报告会加入“我的报告”列表，不会替换任何已有报告。"),
    h("label", {}, h("span", {}, "发布机关"), newOrgan),
    h("label", {}, h("span", {}, "报告年度"), newYear),
    h("label", {}, h("span", {}, "格式版本（按年度预选）"), newEdition),
    h(
      "menu",
      {},
      h("button", { value: "create", className: "primary" }, "创建空白报告"),
      h("button", { value: "cancel", formnovalidate: true }, "取消"),
    ),
    h("h3", {}, "从上年报告开始"),
    h(
      "p",
      { className: "hint" },
      "新报告为下一年度：格式版本按年度确定，沿用发布机关和各部分标题，“二、上年结转”按列取自上年“四、结转下年度继续办理”，并对照上年报告进行跨年度核对。",
    ),
    h("label", {}, h("span", {}, "列表中的上年报告"), lastYearSelect),
    h("menu", {}, h("button", { value: "from-list", formnovalidate: true }, "生成下一年度报告")),
    h("label", {}, h("span", {}, "或选择上年报告文件（JSON、HTML 网页、Word 文档、文字）"), lastYearFile),
    h("h3", {}, "或从示例开始"),
    h(
      "menu",
      {},
      h("button", { value: "seed", formnovalidate: true }, "武林街道 2020 年报告（2019 版格式）"),
      h("button", { value: "example2021", formnovalidate: true }, "2021 版格式示例"),
    ),
  ),
);
async function openNewDialog(): Promise<void> {
  const entries = ((await attempt("读取报告列表", () => library.list())) ?? []).filter(
    (e) => e.deletedAt === undefined,
  );
  entries.sort((a, b) => b.year - a.year || b.updatedAt - a.updatedAt);
  lastYearSelect.replaceChildren(
    ...(entries.length === 0
      ? [h("option", { value: "" }, "（列表中还没有报告）")]
      : entries.map((e) => h("option", { value: e.id }, `${e.year} 年 · ${nameOf(e)} · ${e.organ}`))),
  );
  if (view === "editor" && session.entry) lastYearSelect.value = session.entry.id;
  newDialog.showModal();
}
newDialog.addEventListener("close", async () => {
  const choice = newDialog.returnValue;
  if (choice === "create") {
    const report = createReport({
      organ: newOrgan.value.trim(),
      year: Number(newYear.value),
      edition: newEdition.value as Report["edition"],
    });
    await createAndOpen(report, {}, `已新建 ${report.meta.title}`);
  } else if (choice === "from-list" && lastYearSelect.value) {
    const found = await attempt("读取上年报告", () => library.peek(lastYearSelect.value));
    if (found) await startFrom(found.entry, found.report);
  } else if (choice === "seed" || choice === "example2021") {
    await createExample(choice);
  }
});
lastYearFile.addEventListener("change", async () => {
  const file = lastYearFile.files?.[0];
  if (!file) return;
  newDialog.close("file");
  lastYearFile.value = "";
  const result = await readImport(new Uint8Array(await file.arrayBuffer()), file.name);
  if (!result?.report) {
    if (result) importNotes.show(result, file.name, { title: "上年报告导入诊断" });
    return notify("无法读取这份上年报告，未新建报告；原因见“上年报告导入诊断”。", "error");
  }
  const last = await attempt("保存上年报告", () =>
    library.create(result.report!, { origin: `导入 ${file.name}（作为上年报告）` }),
  );
  if (!last) return;
  await startFrom(last, result.report);
  if (result.notes.length > 0) importNotes.show(result, file.name, { title: "上年报告导入诊断" });
});

// Import: always a new entry
const importFile = h("input", {
  type: "file",
  accept: IMPORT_ACCEPT,
});
const importPaste = h("textarea", { rows: 8, placeholder: "也可以把网页上复制的报告全文粘贴到这里" });
const importDialog = h(
  "dialog",
  { className: "dialog-import", "aria-label": "导入" },
  h(
    "form",
    { method: "dialog" },
    h("h2", {}, "导入报告"),
    h(
      "p",
      {},
      "支持本工具导出的 JSON、已发布报告的 HTML 网页（另存为的 .html）、Word 文档（.docx，带修订的稿件按接受全部修订读取）或网页文字的复制件。导入的报告会作为新报告加入列表，不会替换已有报告。",
    ),
    h("label", {}, h("span", {}, "选择文件"), importFile),
    h("label", {}, h("span", {}, "或粘贴文字"), importPaste),
    h(
      "menu",
      {},
      h("button", { value: "paste", className: "primary" }, "导入粘贴的文字"),
      h("button", { value: "cancel" }, "取消"),
    ),
  ),
);
importFile.addEventListener("change", async () => {
  const file = importFile.files?.[0];
  if (!file) return;
  importDialog.close("file");
  await runImport(new Uint8Array(await file.arrayBuffer()), file.name);
  importFile.value = "";
});
importDialog.addEventListener("close", async () => {
  if (importDialog.returnValue === "paste" && importPaste.value.trim() !== "") {
    await runImport(importPaste.value, undefined);
  }
});

/** A file's bytes or pasted text through the importer, which recognises what it is (JSON, HTML, text…). */
async function readImport(
  input: Uint8Array | string,
  fileName: string | undefined,
): Promise<ImportResult | undefined> {
  try {
    return await importSource(input, fileName);
  } catch (err) {
    notify(`导入失败：${(err as Error).message}`, "error");
    return undefined;
  }
}

async function runImport(
  input: Uint8Array | string,
  fileName: string | undefined,
  origin?: string,
): Promise<void> {
  const result = await readImport(input, fileName);
  if (!result) return;
  if (!result.report) {
    notify("导入失败，没有新建报告；原因见“导入诊断”。", "error");
    if (view === "editor") importNotes.show(result, fileName);
    else showNotesDialog(result, fileName);
    return;
  }
  const label = origin ?? `导入 ${fileName ?? "粘贴的文字"}`;
  const created = await createAndOpen(
    result.report,
    { origin: label },
    `已导入为新报告${fileName ? `（${fileName}）` : ""}`,
  );
  if (created) importNotes.show(result, fileName, { goto: (p) => editor.focusPointer(p) });
}

/** The notes of a failed import while the list is shown (there is no side panel there). */
function showNotesDialog(result: ImportResult, fileName: string | undefined): void {
  const notes = new ImportNotes();
  notes.show(result, fileName);
  void ask({
    title: "导入失败",
    body: [notes.root],
    choices: [{ value: "ok", label: "关闭", primary: true }],
  });
}

// 计算合计
const totalsList = h("tbody");
const totalsDialog = h(
  "dialog",
  { className: "dialog-totals", "aria-label": "计算合计" },
  h(
    "form",
    { method: "dialog" },
    h("h2", {}, "计算合计"),
    h("p", {}, "以下合计单元格将按勾稽关系改写。确认后可按 Ctrl+Z 撤销。"),
    h(
      "table",
      { className: "changes" },
      h("thead", {}, h("tr", {}, h("th", {}, "单元格"), h("th", {}, "原值"), h("th", {}, "新值"))),
      totalsList,
    ),
    h(
      "menu",
      {},
      h("button", { value: "apply", className: "primary" }, "应用"),
      h("button", { value: "cancel" }, "取消"),
    ),
  ),
);
/** The proposal on screen: the report it was made for, and the report it gives. */
let pendingTotals: { base: Report; next: Report } | undefined;
async function computeTotals(): Promise<void> {
  let report: Report;
  let proposal: TaskResult["totals"];
  // Proposed for the report as it is when the answer comes (an edit may land while the worker works).
  do {
    report = store.report;
    try {
      proposal = await validation.run({ kind: "totals", report });
    } catch (err) {
      return notify(`计算合计失败：${(err as Error).message}`, "error");
    }
  } while (store.report !== report);
  const { changes, next } = proposal;
  if (changes.length === 0) {
    notify("合计均与明细一致，无需修改。");
    return;
  }
  pendingTotals = { base: report, next };
  totalsList.replaceChildren(
    ...changes.map((c) =>
      h(
        "tr",
        { "data-pointer": c.pointer },
        h("td", {}, c.label),
        h("td", { className: "from" }, c.from === "" ? "（空白）" : c.from),
        h("td", { className: "to" }, c.to),
      ),
    ),
  );
  totalsDialog.showModal();
}
totalsDialog.addEventListener("close", () => {
  // Another tab's save may have replaced the report meanwhile: the proposal was for the one before.
  if (totalsDialog.returnValue === "apply" && pendingTotals?.base === store.report) {
    const n = totalsList.children.length;
    store.update(pendingTotals.next, "totals");
    notify(`已改写 ${n} 个合计单元格（可按 Ctrl+Z 撤销）`);
  } else if (totalsDialog.returnValue === "apply") {
    notify("报告在此期间已改动（另一个标签页保存了新版本），未改写合计；请再点“计算合计”。", "error");
  }
  pendingTotals = undefined;
});

// 空白填 0
editor.tables.onFillBlanks = async (table: TableId) => {
  const report = store.report;
  const blanks = blankCells(report, table);
  const numeral = SECTIONS.find((s) => s.table === table)!.numeral;
  if (blanks.length === 0) return notify(`表${numeral}中没有空白单元格。`);
  const { choice } = await ask({
    title: `把表${numeral}的空白单元格填为 0？`,
    body: [
      `表${numeral}中有 ${blanks.length} 个空白单元格，将全部填为 0。写着“-”等“不适用”的单元格和已有数字不变。`,
      "空白与 0 含义不同：只有确实为零时才应填 0。确认后可按 Ctrl+Z 撤销。",
    ],
    choices: [
      { value: "fill", label: `填入 ${blanks.length} 个 0`, primary: true },
      { value: "cancel", label: "取消" },
    ],
  });
  if (choice !== "fill" || store.report !== report) return;
  store.update(fillBlanks(report, table), "fill");
  notify(`已把表${numeral}的 ${blanks.length} 个空白单元格填为 0（可按 Ctrl+Z 撤销）`);
};

// Downloads: a report with errors asks first
async function confirmDownload(what: string): Promise<boolean> {
  // The worker's result for the report as it is now (at once when the last edit is already checked).
  const { checked } = await validation.resultFor(store.report, usablePrevious());
  const { findings: list, counts } = checked;
  if (counts.error === 0) return true;
  const { choice } = await ask({
    title: `这份报告还有 ${counts.error} 处错误`,
    body: [
      `错误（例如勾稽关系不符、单元格无法识别）应在公开发布前改正。仍要下载${what}吗？警告和提示不影响下载。`,
    ],
    choices: [
      { value: "goto", label: "转到第一处错误", primary: true },
      { value: "download", label: `仍然下载${what}` },
      { value: "cancel", label: "取消" },
    ],
    className: "dialog-errors",
  });
  if (choice === "goto") {
    const first = list.find((f) => f.severity === "error")!;
    showTab("edit");
    if (!editor.focusPointer(first.pointer)) notify(`无法定位：${first.pointer}`);
  }
  return choice === "download";
}

// PDF
const pdfProgress = h("progress", { max: 1, value: 0 });
const pdfText = h("p", {}, "");
const pdfDialog = h(
  "dialog",
  { className: "dialog-pdf", "aria-label": "生成 PDF" },
  h("h2", {}, "生成 PDF"),
  pdfText,
  pdfProgress,
);
let pdfBusy = false;
async function downloadPdf(): Promise<void> {
  if (pdfBusy || !(await confirmDownload(" PDF"))) return;
  pdfBusy = true;
  const report = store.report;
  pdfText.textContent = "正在准备……";
  pdfProgress.removeAttribute("value");
  const opened = setTimeout(() => pdfDialog.showModal(), 150);
  try {
    const { makePdf } = await import("./pdf.js");
    const mb = (n: number) => (n / 1048576).toFixed(1);
    const result = await makePdf(
      report,
      (loaded, total) => {
        pdfText.textContent =
          total > 0
            ? `首次生成需下载字体：${mb(loaded)} / ${mb(total)} MB`
            : `正在下载字体：${mb(loaded)} MB`;
        if (total > 0) pdfProgress.value = loaded / total;
        if (!pdfDialog.open) pdfDialog.showModal();
      },
      () => {
        pdfText.textContent = "正在排版……";
        pdfProgress.removeAttribute("value");
      },
    );
    download(fileNameOf(report.meta.title, "pdf"), result.pdf as BlobPart, "application/pdf");
    const missing = [...new Set(result.warnings.map((w) => w.char))];
    notify(
      missing.length > 0
        ? `PDF 已生成；字体缺少 ${missing.join(" ")}，这些字在 PDF 中无法显示。`
        : "PDF 已生成。",
      missing.length > 0 ? "error" : "info",
    );
  } catch (err) {
    notify(`PDF 生成失败：${(err as Error).message}`, "error");
  } finally {
    clearTimeout(opened);
    if (pdfDialog.open) pdfDialog.close();
    pdfBusy = false;
  }
}

async function downloadHtml(): Promise<void> {
  if (!(await confirmDownload(" HTML"))) return;
  try {
    const { renderDocument } = await import("@xxgk/render-html");
    const report = store.report;
    download(
      fileNameOf(report.meta.title, "html"),
      renderDocument(report, { embedJson: true }),
      "text/html;charset=utf-8",
    );
  } catch (err) {
    notify(`HTML 生成失败：${(err as Error).message}`, "error");
  }
}

/** A Word document of the report, made in the browser; the docx library is loaded on the first one only. */
async function downloadDocx(): Promise<void> {
  if (!(await confirmDownload(" Word 文档"))) return;
  try {
    const { renderDocx } = await import("@xxgk/render-docx");
    const report = store.report;
    const { docx, warnings } = await renderDocx(report);
    download(
      fileNameOf(report.meta.title, "docx"),
      docx as BlobPart,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    notify(
      warnings.length > 0
        ? `Word 文档已生成；略去了 Word 无法保存的字符：${warnings.map((w) => `${w.codePoint}（${w.pointer}）`).join("、")}。`
        : "Word 文档已生成（使用公文字体名，请在装有公文字体的电脑上打开）。",
      warnings.length > 0 ? "error" : "info",
    );
  } catch (err) {
    notify(`Word 文档生成失败：${(err as Error).message}`, "error");
  }
}

function exportJson(): void {
  download(fileNameOf(store.report.meta.title, "json"), stringifyReport(store.report), "application/json");
}

// History
async function showHistory(): Promise<void> {
  const entry = session.entry;
  if (!entry) return;
  await session.flush();
  const snaps = (await attempt("读取历史版本", () => library.history(entry.id))) ?? [];
  const rows = snaps.map((s) =>
    h(
      "tr",
      { "data-at": String(s.at) },
      h("td", {}, formatTime(s.savedAt)),
      h("td", {}, s.errors > 0 ? `错误 ${s.errors}` : "无错误"),
      h(
        "td",
        {},
        h("button", { value: `restore:${s.at}` }, "恢复到此版本"),
        " ",
        h("button", { value: `copy:${s.at}` }, "另存为新报告"),
      ),
    ),
  );
  const { choice } = await ask({
    title: `历史版本：${nameOf(entry)}`,
    body: [
      "每天编辑时都会保留带日期的版本（最近 7 天的每次编辑，更早的每天最后一版）。恢复后可按 Ctrl+Z 撤销；当前内容也会保留在历史中。",
      h(
        "table",
        { className: "changes history" },
        h("thead", {}, h("tr", {}, h("th", {}, "保存时间"), h("th", {}, "检查"), h("th", {}, ""))),
        h("tbody", {}, rows),
      ),
    ],
    choices: [{ value: "cancel", label: "关闭" }],
    className: "dialog-history",
  });
  const [action, at] = choice.split(":");
  const snap = snaps.find((s) => String(s.at) === at);
  if (!snap) return;
  const parsed = parseReport(snap.doc);
  if (!parsed.ok) return notify("这个版本已无法读取。", "error");
  if (action === "restore") {
    session.newSitting();
    store.update(parsed.report, "load");
    session.newSitting();
    notify(`已恢复到 ${formatTime(snap.savedAt)} 的版本（可按 Ctrl+Z 撤销）`);
  } else if (action === "copy") {
    await createAndOpen(
      parsed.report,
      { name: `${nameOf(entry)}（${formatTime(snap.savedAt)} 版）`, origin: `“${nameOf(entry)}”的历史版本` },
      "已把该历史版本另存为新报告",
    );
  }
}

// List actions that ask first
async function rename(e: EntryRecord): Promise<void> {
  const { choice, text } = await ask({
    title: "重命名",
    body: [`列表中“${nameOf(e)}”显示的名称（不改变报告标题；留空则显示标题）：`],
    input: { label: "名称", value: nameOf(e) },
    choices: [
      { value: "ok", label: "确定", primary: true },
      { value: "cancel", label: "取消" },
    ],
  });
  if (choice !== "ok") return;
  await attempt("重命名", async () => {
    const next = await library.update(e.id, { name: text === e.title ? "" : text });
    session.refreshEntry(next);
    sync.post({ type: "list" });
    await refreshList();
  });
}

async function remove(e: EntryRecord): Promise<void> {
  const { choice } = await ask({
    title: `删除“${nameOf(e)}”？`,
    body: [`${e.organ} ${e.year} 年的这份报告将移到“最近删除”，${30} 天内可以恢复，之后永久删除。`],
    choices: [
      { value: "delete", label: `删除“${nameOf(e)}”`, danger: true },
      { value: "cancel", label: "取消", primary: true },
    ],
    className: "dialog-delete",
  });
  if (choice !== "delete") return;
  await attempt("删除", async () => {
    await library.trash(e.id);
    sync.post({ type: "list" });
    await refreshList();
    notify(`已删除“${nameOf(e)}”，可在“最近删除”中恢复`);
  });
}

async function purge(e: EntryRecord): Promise<void> {
  const { choice } = await ask({
    title: `永久删除“${nameOf(e)}”？`,
    body: ["永久删除后无法恢复，历史版本也一并删除。"],
    choices: [
      { value: "purge", label: "永久删除", danger: true },
      { value: "cancel", label: "取消", primary: true },
    ],
  });
  if (choice !== "purge") return;
  await attempt("永久删除", async () => {
    await library.purge(e.id);
    sync.post({ type: "list" });
    await refreshList();
  });
}

async function removeUnreadable(u: { key?: number; name: string }): Promise<void> {
  const { choice } = await ask({
    title: `删除“${u.name}”？`,
    body: ["这段无法读取的内容将被永久删除。如需保留，请先“下载原文”。"],
    choices: [
      { value: "delete", label: "永久删除", danger: true },
      { value: "cancel", label: "取消", primary: true },
    ],
  });
  if (choice !== "delete" || u.key === undefined) return;
  await attempt("删除", async () => {
    await library.removeUnreadable(u.key!);
    await refreshList();
  });
}

// Backup
const backupFile = h("input", { type: "file", accept: ".json,application/json", hidden: true });
async function backupAll(): Promise<void> {
  await session.flush();
  const backup = await attempt("备份", () => library.backup());
  if (!backup) return;
  const d = new Date();
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  download(`xxgk-报告备份-${day}.json`, `${JSON.stringify(backup)}\n`, "application/json");
  const live = backup.reports.filter((r) => r.entry.deletedAt === undefined).length;
  notify(
    `已下载备份：${live} 份报告${backup.reports.length > live ? `（另有 ${backup.reports.length - live} 份在最近删除中）` : ""}及其历史版本。`,
  );
}
backupFile.addEventListener("change", async () => {
  const file = backupFile.files?.[0];
  backupFile.value = "";
  if (!file) return;
  let json: unknown;
  try {
    // The importer's decoding (UTF-8, or UTF-16 if an editor re-saved the backup); loaded on demand.
    const { decodeText } = await import("@xxgk/importer");
    json = JSON.parse(decodeText(new Uint8Array(await file.arrayBuffer())).text);
  } catch (err) {
    return notify(`${file.name} 不是有效的备份文件：${(err as Error).message}`, "error");
  }
  try {
    const r = await library.restore(json);
    sync.post({ type: "list" });
    if (view === "list") await refreshList();
    else await refreshCount();
    notify(
      `已从备份恢复 ${r.added} 份报告${r.unchanged > 0 ? `，${r.unchanged} 份已存在且内容相同` : ""}${r.setAside > 0 ? `，${r.setAside} 份无法读取已另存` : ""}。`,
    );
  } catch (err) {
    const e = classify(err);
    if (e.code === "FAILED" && !(err instanceof DOMException))
      notify(`${file.name}：${(err as Error).message}`, "error");
    else showStorageError("从备份恢复", e);
  }
});

// ── toolbar ────────────────────────────────────────────────────────────────────────────────────────
const undoButton = button("撤销", () => store.undo(), "Ctrl+Z", "editor-only");
const redoButton = button("重做", () => store.redo(), "Ctrl+Shift+Z", "editor-only");
function updateUndoButtons(): void {
  undoButton.disabled = !store.canUndo;
  redoButton.disabled = !store.canRedo;
}
updateUndoButtons();

const listCount = h("span", { className: "badge" }, "");
const currentName = h("span", { className: "current-name editor-only" });
function updateHeader(): void {
  const e = session.entry;
  currentName.textContent = e ? nameOf(e) : "";
  document.title = e ? `${nameOf(e)} · xxgk` : "我的报告 · xxgk";
}

const toolbar = h(
  "header",
  { className: "bar" },
  h(
    "h1",
    {},
    h("span", { className: "logo" }, "xxgk"),
    h("span", { className: "app-name" }, " 政府信息公开工作年度报告"),
  ),
  h(
    "button",
    {
      type: "button",
      className: "to-list",
      onclick: () => {
        location.hash = "#/";
      },
    },
    "我的报告 ",
    listCount,
  ),
  currentName,
  h("div", { className: "tabs editor-only", role: "tablist" }, tabEdit, tabPreview),
  h(
    "div",
    { className: "actions" },
    button("新建…", () => void openNewDialog(), "新建空白报告、从上年报告开始或载入示例"),
    button("导入…", () => importDialog.showModal(), "导入 JSON、HTML 网页、Word 文档或文字，作为新报告"),
    button("历史版本…", () => void showHistory(), "按日期恢复以前的版本", "editor-only"),
    button("导出 JSON", exportJson, undefined, "editor-only"),
    button("下载 HTML", () => void downloadHtml(), undefined, "editor-only"),
    button("下载 PDF", () => void downloadPdf(), undefined, "editor-only"),
    button("下载 Word", () => void downloadDocx(), "Word 文档（DOCX），公文格式", "editor-only"),
    button("计算合计", () => void computeTotals(), "按勾稽关系计算合计，确认后改写", "editor-only"),
    undoButton,
    redoButton,
  ),
  saveStatus,
);

// The findings panel: beside the grid down to 1024 px, a bottom sheet below; collapsible.
const side = h("aside", { className: "side" }, importNotes.root, findings.root);
const collapse = h("button", { type: "button", className: "collapse", "aria-expanded": "true" }, "收起");
findings.root.querySelector("header")!.append(collapse);
const layout = h("main", { className: "layout", hidden: true }, editPane, previewPane, side);
function setCollapsed(collapsed: boolean): void {
  layout.classList.toggle("side-collapsed", collapsed);
  collapse.textContent = collapsed ? "展开" : "收起";
  collapse.setAttribute("aria-expanded", String(!collapsed));
  try {
    localStorage.setItem("xxgk-demo:panel", collapsed ? "collapsed" : "open");
  } catch {
    // Only a preference.
  }
}
collapse.addEventListener("click", () => setCollapsed(!layout.classList.contains("side-collapsed")));
try {
  if (localStorage.getItem("xxgk-demo:panel") === "collapsed") setCollapsed(true);
} catch {
  // Only a preference.
}

app.replaceChildren(
  toolbar,
  banners.root,
  listView.root,
  layout,
  toast,
  tip.root,
  newDialog,
  importDialog,
  totalsDialog,
  pdfDialog,
  backupFile,
);
// The panel sticks below the toolbar, whose height depends on how its buttons wrap.
new ResizeObserver(() => {
  document.documentElement.style.setProperty("--bar-h", `${toolbar.offsetHeight}px`);
}).observe(toolbar);

// ── wiring ─────────────────────────────────────────────────────────────────────────────────────────
let lastYear = store.report.meta.year;
store.subscribe((c) => {
  updateUndoButtons();
  if (c.reason === "refused") {
    notify(c.refusal ?? "修改未被接受。", "error");
    return;
  }
  scheduleCheck();
  if (store.report.meta.year !== lastYear) {
    lastYear = store.report.meta.year;
    if (session?.entry) void fillPreviousSelect();
  }
  if (!previewPane.hidden) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void renderPreview(), 400);
  }
});
document.addEventListener("keydown", (ev) => {
  if (view !== "editor" || !(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
  // Inside a dialog (the import text box, the new-report form) Ctrl+Z is the field's own undo.
  if (ev.target instanceof Element && ev.target.closest("dialog")) return;
  const k = ev.key.toLowerCase();
  if (k === "z" && !ev.shiftKey) {
    ev.preventDefault();
    store.undo();
  } else if ((k === "z" && ev.shiftKey) || k === "y") {
    ev.preventDefault();
    store.redo();
  }
});

sync.listen((m) => {
  // Another tab's message while this one is still opening its storage: boot reads the latest anyway.
  if (!ready) return;
  void (async () => {
    if (m.type === "saved" && m.id === session.entry?.id) {
      const r = await session.remoteSaved(m.id, m.version);
      if (r === "loaded") notify("已载入另一个标签页保存的修改（可按 Ctrl+Z 撤销）。");
    }
    if (m.type === "saved" && m.id === previous?.entry.id) {
      await loadPrevious();
      scheduleCheck();
    }
    if (view === "list") await attempt("读取报告列表", refreshList);
    else await refreshCount();
  })();
});

async function boot(): Promise<void> {
  let backend: Backend;
  try {
    backend = await openIndexedDb(() =>
      banners.show("blocked", "error", "浏览器存储已被另一个页面清除或升级，本页无法再保存。请刷新页面。", [
        { label: "刷新", run: () => location.reload(), primary: true },
      ]),
    );
  } catch (err) {
    backend = memoryBackend();
    banners.show(
      "unavailable",
      "error",
      `此浏览器不允许本工具使用本地存储（${classify(err).message}；可能是隐私 / 无痕模式）。报告只在这个页面里，关闭或刷新就会丢失——请用“导出 JSON”或“备份全部报告”保存。`,
    );
  }
  // The list's counts come from the validation worker, like every other call of the validators.
  library = new Library(backend, (report) => validation.run({ kind: "summarize", report }));
  session = new Session(library, store, sync, onSaveState);
  const migrated = await attempt("迁移旧版自动保存", () => library.migrateLegacy(localStorage));
  for (const message of (await attempt("找回未保存的修改", () => recoverUnsaved(library))) ?? []) {
    notify(message);
  }
  await attempt("清理最近删除", () => library.purgeExpired());
  if (backend.persistent) void navigator.storage?.persist?.().catch(() => undefined);
  if (!/^#\/r\//.test(location.hash)) {
    const last = migrated?.id ?? (await attempt("读取设置", () => library.getSetting<string>("lastOpened")));
    const entry = last ? await attempt("读取报告", () => library.entry(last)) : undefined;
    if (entry && entry.deletedAt === undefined && location.hash === "") location.replace(`#/r/${entry.id}`);
  }
  ready = true;
  await route();
  if (view === "editor") void refreshCount();
  app.removeAttribute("aria-busy");
  if (migrated) notify(`旧版自动保存的报告已移入“我的报告”：${nameOf(migrated)}`);
}
void boot();

if ("serviceWorker" in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register("./sw.js").catch(() => {
    // Offline support is a bonus; the app works without it.
  });
}
