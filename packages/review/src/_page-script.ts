// The script of index.html: sorting by any column and filtering by name and by status. It is inlined in
// the page (allowed by its hash in the page's Content-Security-Policy), so it is kept as source text here:
// the page's bytes must not depend on which compiler built this package. test/page.test.ts runs it in
// Chromium.

/** Makes index.html's tables sortable and filterable. */
export const PAGE_SCRIPT = `(() => {
  "use strict";
  const filter = document.getElementById("filter");
  const show = document.getElementById("show");
  const shown = document.getElementById("shown");
  const tables = Array.from(document.querySelectorAll("table.sortable"));
  const apply = () => {
    const query = filter ? filter.value.trim().toLowerCase() : "";
    const flag = show ? show.value : "";
    let visible = 0;
    let total = 0;
    tables.forEach((table, t) => {
      for (const row of Array.from(table.tBodies[0] ? table.tBodies[0].rows : [])) {
        const name = (row.dataset.organ || "").toLowerCase();
        const flags = (row.dataset.flags || "").split(" ");
        const ok = (query === "" || name.includes(query)) && (flag === "" || flags.includes(flag));
        row.hidden = !ok;
        if (t === 0) {
          total++;
          if (ok) visible++;
        }
      }
    });
    if (shown) shown.textContent = "显示 " + visible + " / " + total + " 个机关";
  };
  if (filter) filter.addEventListener("input", apply);
  if (show) show.addEventListener("change", apply);
  for (const table of tables) {
    const heads = Array.from(table.tHead && table.tHead.rows[0] ? table.tHead.rows[0].cells : []);
    heads.forEach((th, column) => {
      const button = th.querySelector("button");
      if (button === null) return;
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        for (const h of heads) h.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const numeric = th.dataset.sort === "num";
        const body = table.tBodies[0];
        if (!body) return;
        const value = (row) => {
          const cell = row.cells[column];
          if (!cell) return "";
          return cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
        };
        const rows = Array.from(body.rows).map((row, index) => ({ row, index, v: value(row) }));
        rows.sort((a, b) => {
          // Cells without a value go last whichever the direction; ties keep the page's order.
          if (a.v === "" || b.v === "") return (a.v === "" ? 1 : 0) - (b.v === "" ? 1 : 0) || a.index - b.index;
          const order = numeric ? Number(a.v) - Number(b.v) : a.v.localeCompare(b.v, "zh-CN");
          return (ascending ? order : -order) || a.index - b.index;
        });
        body.append(...rows.map((r) => r.row));
      });
    });
  }
  apply();
})();
`;
