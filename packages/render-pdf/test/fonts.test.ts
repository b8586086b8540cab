// The office's own fonts: found by their names in a font folder (Debian's AR PL UKai / UMing and
// WenQuanYi Zen Hei stand in for 楷体, 宋体 and 黑体), embedded as subsets, said in the result, with
// characters they lack drawn by the next face instead of a box.
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPdf } from "../src/index.js";
import { findOfficeFonts, loadNodeFonts, systemFontDirs } from "../src/node.js";
import { example } from "./_fixtures.js";
import { pdfFonts, pdfText } from "./_poppler.js";

const STAND_INS = {
  kai: "/usr/share/fonts/truetype/arphic/ukai.ttc",
  ming: "/usr/share/fonts/truetype/arphic/uming.ttc",
  hei: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
};

/** A folder holding the three stand-ins (as links) and a file that is no font. */
function fontDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "xxgk-fonts-"));
  for (const [name, path] of Object.entries(STAND_INS)) symlinkSync(path, join(dir, `${name}.ttc`));
  writeFileSync(join(dir, "notes.ttf"), "not a font");
  return dir;
}

describe("office fonts from a folder", () => {
  it("maps the roles by the fonts' own names: 楷 → 二级标题, 黑 → 一级标题, 宋/明 → title; no 仿宋, so the body stays bundled", async () => {
    const found = await findOfficeFonts([fontDir()]);
    expect(found.heading2).toMatchObject({ face: "UKaiCN" });
    expect(found.heading1).toMatchObject({ face: "WenQuanYiZenHei" });
    expect(found.title).toMatchObject({ face: "UMingCN" });
    expect(found.body).toBeUndefined();
  });

  it("embeds them as subsets, says which file served each role, and falls back per character", async () => {
    const dir = fontDir();
    const fonts = await loadNodeFonts({ fontDirs: [dir] });
    const r = example("example-2021");
    // 𠀀 is in no face (reported); ① is in Noto but not in AR PL UKai (drawn by the next face).
    const blocks = [{ type: "heading" as const, text: "（一）关于①项工作" }, ...r.sections.problems.blocks];
    const report = { ...r, sections: { ...r.sections, problems: { ...r.sections.problems, blocks } } };
    const { pdf, fonts: used, warnings } = await renderPdf(report, { fonts });
    expect(used.map((u) => [u.role, u.file.replace(dir, "DIR"), u.face])).toEqual([
      ["title", "DIR/ming.ttc", "UMingCN"],
      ["body", "Noto Serif SC Regular (bundled)", "NotoSerifSC-Regular"],
      ["heading1", "DIR/hei.ttc", "WenQuanYiZenHei"],
      ["heading2", "DIR/kai.ttc", "UKaiCN"],
    ]);
    expect(warnings).toEqual([]);
    const embedded = pdfFonts(pdf);
    const names = embedded.map((f) => f.name.replace(/^[A-Z]{6}\+/, ""));
    for (const face of ["UMingCN", "WenQuanYiZenHei", "UKaiCN", "NotoSerifSC-Regular"])
      expect(names).toContain(face);
    for (const f of embedded) expect(f.emb && f.sub, f.name).toBe(true);
    expect(pdfText(pdf).replace(/\s+/g, "")).toContain("（一）关于①项工作");
  });

  it("searches the system's font folders (here Debian's, where the three stand-ins are installed)", async () => {
    expect(systemFontDirs()).toContain("/usr/share/fonts");
    const found = await findOfficeFonts(systemFontDirs());
    expect(found.heading2).toEqual({ file: STAND_INS.kai, face: "UKaiCN" });
    expect(found.heading1).toEqual({ file: STAND_INS.hei, face: "WenQuanYiZenHei" });
    const { fonts: used } = await renderPdf(example("wulin-2020"), {
      fonts: await loadNodeFonts({ systemFonts: true }),
    });
    expect(used.find((u) => u.role === "heading2")).toMatchObject({ file: STAND_INS.kai, face: "UKaiCN" });
  });

  it("takes a file per role, with the face of a collection after #", async () => {
    const fonts = await loadNodeFonts({ roles: { body: `${STAND_INS.ming}#AR PL UMing CN` } });
    const { fonts: used } = await renderPdf(example("wulin-2020"), { fonts });
    expect(used.find((u) => u.role === "body")).toMatchObject({ file: STAND_INS.ming, face: "UMingCN" });
  });
});
