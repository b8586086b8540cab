import "./style.css";
import {
  createReport,
  EDITIONS,
  editionForYear,
  layoutOf,
  parseReport,
  type Report,
  stringifyReport,
} from "@xxgk/core-model";
import seedDocument from "@xxgk/core-model/examples/wulin-2020.json" with { type: "json" };
import { AUTOSAVE_KEY, autosave, restore } from "./autosave.js";
import { proposeTotals } from "./checks.js";
import { download, fileNameOf, h } from "./dom.js";
import { Editor } from "./editor.js";
import { FindingsPanel, placeOf, SEVERITY_ZH } from "./findings.js";
import { decode, type ImportResult, importText } from "./io.js";
import { Store } from "./store.js";
import { Validation } from "./validation.js";

function seed(): Report {
  const parsed = parseReport(seedDocument);
  if (!parsed.ok) throw new Error(`the built-in example does not parse: ${parsed.issues[0]?.message}`);
  return parsed.report;
}

const app = document.getElementById("app")!;
const restored = restore();
const store = new Store(restored.kind === "report" ? restored.report : seed());

// ── notices ────────────────────────────────────────────────────────────────────────────────────────
const toast = h("div", { className: "toast", role: "status", "aria-live": "polite" });
let toastTimer: ReturnType<typeof setTimeout> | undefined;
function notify(message: string, kind: "info" | "error" = "info"): void {
  toast.textContent = message;
  toast.className = `toast show ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toast.classList.remove("show"), kind === "error" ? 8000 : 3500);
}

// ── editor, findings, preview ──────────────────────────────────────────────────────────────────────
const editor = new Editor(store, notify);
const findings = new FindingsPanel(editor.root, (pointer) => {
  showTab("edit");
  if (!editor.focusPointer(pointer)) notify(`无法定位：${pointer || "整份报告"}`);
});
const importNotes = h("section", { className: "import-notes", hidden: true, "aria-label": "导入诊断" });
const preview = h("iframe", {
  className: "preview",
  title: "HTML 预览",
  // No scripts, no same-origin access: the preview is only looked at.
  sandbox: "",
});
const previewPane = h("div", { className: "pane pane-preview", hidden: true }, preview);
const editPane = h("div", { className: "pane pane-edit" }, editor.root);

// Validation and the diagnosis run on a worker: the page stays responsive however long the text.
const validation = new Validation(
  ({ report, checked, waited }) => {
    try {
      const t0 = performance.now();
      findings.show(report, checked);
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
function scheduleCheck(): void {
  validation.request(store.report);
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
async function renderPreview(): Promise<void> {
  const report = store.report;
  const [{ renderDocument }, { checked }] = await Promise.all([
    import("@xxgk/render-html"),
    validation.resultFor(report),
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

// ── toolbar ────────────────────────────────────────────────────────────────────────────────────────
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

const saveStatus = h("span", { className: "save-status", role: "status" });
const button = (label: string, onclick: () => void, title?: string) =>
  h("button", { type: "button", onclick, title }, label);

function load(report: Report, message: string): void {
  store.update(report, "load");
  importNotes.hidden = true;
  notify(`${message}（可按 Ctrl+Z 撤销）`);
}

// New report / examples
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
const newDialog = h(
  "dialog",
  { className: "dialog-new", "aria-label": "新建报告" },
  h(
    "form",
    { method: "dialog" },
    h("h2", {}, "新建报告"),
    h("label", {}, h("span", {}, "发布机关"), newOrgan),
    h("label", {}, h("span", {}, "报告年度"), newYear),
    h("label", {}, h("span", {}, "格式版本（按年度预选）"), newEdition),
    h(
      "menu",
      {},
      h("button", { value: "create", className: "primary" }, "创建空白报告"),
      h("button", { value: "cancel", formnovalidate: true }, "取消"),
    ),
    h("h3", {}, "或从示例开始"),
    h(
      "menu",
      {},
      h("button", { value: "seed", formnovalidate: true }, "武林街道 2020 年报告（2019 版格式）"),
      h("button", { value: "example2021", formnovalidate: true }, "2021 版格式示例"),
    ),
  ),
);
newDialog.addEventListener("close", async () => {
  const choice = newDialog.returnValue;
  if (choice === "create") {
    const report = createReport({
      organ: newOrgan.value.trim(),
      year: Number(newYear.value),
      edition: newEdition.value as Report["edition"],
    });
    load(report, `已新建 ${report.meta.title}`);
  } else if (choice === "seed") {
    load(seed(), "已载入武林街道 2020 年示例");
  } else if (choice === "example2021") {
    const doc = await import("@xxgk/core-model/examples/example-2021.json", { with: { type: "json" } });
    const parsed = parseReport(doc.default);
    if (parsed.ok) load(parsed.report, "已载入 2021 版格式示例");
  }
});

// Import
const importFile = h("input", {
  type: "file",
  accept: ".json,.html,.htm,.txt,application/json,text/html,text/plain",
});
const importPaste = h("textarea", { rows: 8, placeholder: "也可以把网页上复制的报告全文粘贴到这里" });
const importDialog = h(
  "dialog",
  { className: "dialog-import", "aria-label": "导入" },
  h(
    "form",
    { method: "dialog" },
    h("h2", {}, "导入报告"),
    h("p", {}, "支持本工具导出的 JSON、已发布报告的 HTML 网页（另存为的 .html）或网页文字的复制件。"),
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
  await runImport(decode(new Uint8Array(await file.arrayBuffer())), file.name);
  importFile.value = "";
});
importDialog.addEventListener("close", async () => {
  if (importDialog.returnValue === "paste" && importPaste.value.trim() !== "") {
    await runImport(importPaste.value, undefined);
  }
});

async function runImport(text: string, fileName: string | undefined): Promise<void> {
  let result: ImportResult;
  try {
    result = await importText(text, fileName);
  } catch (err) {
    notify(`导入失败：${(err as Error).message}`, "error");
    return;
  }
  showImportNotes(result, fileName);
  if (result.report) {
    store.update(result.report, "load");
    notify(`已导入${fileName ? ` ${fileName}` : ""}（可按 Ctrl+Z 撤销）`);
  } else {
    notify("导入失败，当前报告未改变；原因见右侧“导入诊断”。", "error");
  }
}

function showImportNotes(result: ImportResult, fileName: string | undefined): void {
  const kinds = { json: "JSON", html: "HTML 网页", text: "文字" } as const;
  const s = result.stats;
  importNotes.replaceChildren(
    h(
      "header",
      {},
      h("h2", {}, `导入诊断（${result.notes.length}）`),
      h(
        "button",
        {
          type: "button",
          className: "icon",
          "aria-label": "关闭",
          onclick: () => {
            importNotes.hidden = true;
          },
        },
        "×",
      ),
    ),
    h(
      "p",
      {},
      fileName === undefined ? "粘贴的文字" : `${fileName} · ${kinds[result.kind]}`,
      s ? ` · 已放入 ${s.placed} / ${s.total} 个单元格，存疑 ${s.unsure}，缺失 ${s.missing}` : null,
    ),
    h(
      "ol",
      { className: "finding-list" },
      result.notes.map((n) =>
        h(
          "li",
          { className: `finding ${n.severity}` },
          h(
            "button",
            {
              type: "button",
              onclick: () => {
                if (n.pointer !== undefined && result.report) editor.focusPointer(n.pointer);
              },
            },
            h("span", { className: `sev ${n.severity}` }, SEVERITY_ZH[n.severity]),
            h("code", {}, n.code),
            h("span", { className: "msg" }, n.message),
            n.excerpt ? h("q", {}, n.excerpt) : null,
            h(
              "span",
              { className: "where" },
              [
                n.line !== undefined ? `第 ${n.line} 行` : "",
                n.pointer !== undefined
                  ? result.report
                    ? placeOf(result.report, n.pointer)
                    : n.pointer
                  : "",
              ]
                .filter(Boolean)
                .join(" · "),
            ),
          ),
        ),
      ),
    ),
  );
  importNotes.hidden = false;
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
let pendingTotals: Report | undefined;
function computeTotals(): void {
  const { changes, next } = proposeTotals(store.report);
  if (changes.length === 0) {
    notify("合计均与明细一致，无需修改。");
    return;
  }
  pendingTotals = next;
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
  if (totalsDialog.returnValue === "apply" && pendingTotals) {
    const n = totalsList.children.length;
    store.update(pendingTotals, "totals");
    notify(`已改写 ${n} 个合计单元格（可按 Ctrl+Z 撤销）`);
  }
  pendingTotals = undefined;
});

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
  if (pdfBusy) return;
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

const undoButton = button("撤销", () => store.undo(), "Ctrl+Z");
const redoButton = button("重做", () => store.redo(), "Ctrl+Shift+Z");
function updateUndoButtons(): void {
  undoButton.disabled = !store.canUndo;
  redoButton.disabled = !store.canRedo;
}
updateUndoButtons();

const toolbar = h(
  "header",
  { className: "bar" },
  h("h1", {}, h("span", { className: "logo" }, "xxgk"), " 政府信息公开工作年度报告"),
  h("div", { className: "tabs", role: "tablist" }, tabEdit, tabPreview),
  h(
    "div",
    { className: "actions" },
    button("新建…", () => newDialog.showModal(), "新建空白报告或载入示例"),
    button("导入…", () => importDialog.showModal(), "导入 JSON、HTML 网页或文字"),
    button("导出 JSON", () =>
      download(
        fileNameOf(store.report.meta.title, "json"),
        stringifyReport(store.report),
        "application/json",
      ),
    ),
    button("下载 HTML", () => void downloadHtml()),
    button("下载 PDF", () => void downloadPdf()),
    button("计算合计", computeTotals, "按勾稽关系计算合计，确认后改写"),
    undoButton,
    redoButton,
  ),
  saveStatus,
);

app.replaceChildren(
  toolbar,
  h(
    "main",
    { className: "layout" },
    editPane,
    previewPane,
    h("aside", { className: "side" }, importNotes, findings.root),
  ),
  toast,
  newDialog,
  importDialog,
  totalsDialog,
  pdfDialog,
);
app.removeAttribute("aria-busy");

// ── wiring ─────────────────────────────────────────────────────────────────────────────────────────
store.subscribe(() => {
  updateUndoButtons();
  scheduleCheck();
  if (!previewPane.hidden) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void renderPreview(), 400);
  }
});
addEventListener("storage", (ev) => {
  if (ev.key === AUTOSAVE_KEY && ev.newValue !== null) {
    notify(
      "这份报告在另一个标签页中也被修改了；本页的修改会覆盖那里的自动保存。请只在一个标签页中编辑。",
      "error",
    );
  }
});
autosave(store, (ok, at) => {
  saveStatus.textContent = ok
    ? `已自动保存 ${at.toLocaleTimeString("zh-CN", { hour12: false })}`
    : "自动保存失败（浏览器存储已满或被禁用）";
  saveStatus.classList.toggle("error", !ok);
});
document.addEventListener("keydown", (ev) => {
  if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
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
scheduleCheck();
if (restored.kind === "unreadable") {
  notify(
    `上次自动保存的内容无法读取（${restored.reason}），已另存于浏览器存储 xxgk-demo:unreadable，现显示示例。`,
    "error",
  );
}

if ("serviceWorker" in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register("./sw.js").catch(() => {
    // Offline support is a bonus; the app works without it.
  });
}
