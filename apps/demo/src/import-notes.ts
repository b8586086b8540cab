import type { Report } from "@xxgk/core-model";
import { h } from "./dom.js";
import { placeOf, SEVERITY_ZH } from "./findings.js";
import { FORMAT_NAMES, type ImportNote, type ImportResult } from "./io.js";

/** Where in the source file a note points, as the author looks for it. */
function placeInSource(n: ImportNote): string {
  if (n.line !== undefined) return `第 ${n.line} 行`;
  if (n.page !== undefined) return `第 ${n.page} 页`;
  if (n.cell !== undefined) return `表 ${n.cell.table} 第 ${n.cell.row} 行第 ${n.cell.cell} 格`;
  return n.paragraph !== undefined ? `第 ${n.paragraph} 段` : "";
}

/** The importer's diagnostics beside the editor: where (line, cell) and what, each clicking to its cell. */
export class ImportNotes {
  readonly root = h("section", { className: "import-notes", hidden: true, "aria-label": "导入诊断" });

  /**
   * Shows an import's notes. `goto` focuses a cell of the imported report; without it (the file was
   * last year's report, not the one on screen) the notes only name their cells.
   */
  show(
    result: ImportResult,
    fileName: string | undefined,
    opts: { title?: string; goto?: (pointer: string) => void } = {},
  ): void {
    const s = result.stats;
    const report: Report | null = result.report;
    this.root.replaceChildren(
      h(
        "header",
        {},
        h("h2", {}, `${opts.title ?? "导入诊断"}（${result.notes.length}）`),
        h(
          "button",
          { type: "button", className: "icon", "aria-label": "关闭", onclick: () => this.hide() },
          "×",
        ),
      ),
      h(
        "p",
        {},
        fileName === undefined ? "粘贴的文字" : `${fileName} · ${FORMAT_NAMES[result.format]}`,
        s.total > 0
          ? ` · 已放入 ${s.placed} / ${s.total} 个单元格，存疑 ${s.unsure}，缺失 ${s.missing}`
          : null,
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
                  if (n.pointer !== undefined && report && opts.goto) opts.goto(n.pointer);
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
                  placeInSource(n),
                  n.pointer !== undefined ? (report ? placeOf(report, n.pointer) : n.pointer) : "",
                ]
                  .filter(Boolean)
                  .join(" · "),
              ),
            ),
          ),
        ),
      ),
    );
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
