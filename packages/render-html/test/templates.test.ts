import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (dir: string) =>
  readdirSync(`${root}${dir}`).map((f) => [f, readFileSync(`${root}${dir}/${f}`, "utf8")] as const);

// src/_templates.js is generated but committed, so tests, typecheck and the demo run from source without a
// build step; this keeps it honest.
describe("precompiled templates", () => {
  it("src/_templates.js is up to date with templates/", () => {
    const r = spawnSync(process.execPath, ["scripts/build-templates.mjs", "--check"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("the check notices a stale file", () => {
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        `
      const fs = require("node:fs");
      const f = "src/_templates.js";
      const before = fs.readFileSync(f, "utf8");
      fs.writeFileSync(f, before + "// edited\\n");
      const r = require("node:child_process").spawnSync(process.execPath, ["scripts/build-templates.mjs", "--check"]);
      fs.writeFileSync(f, before);
      process.exit(r.status);
    `,
      ],
      { cwd: root },
    );
    expect(r.status).toBe(1);
  });

  it("no template uses triple-stash or a raw block: everything is escaped", () => {
    for (const [name, text] of read("templates").filter(([f]) => f.endsWith(".hbs"))) {
      expect(text, name).not.toMatch(/\{\{\{|\{\{&|\{\{\{\{/);
    }
  });

  it("the package imports only the Handlebars runtime, never the compiler", () => {
    for (const [name, text] of read("src").filter(([f]) => /\.(ts|js)$/.test(f))) {
      for (const m of text.matchAll(/^import (?!type)[^;]*from "(handlebars[^"]*)"/gm)) {
        expect(m[1], name).toBe("handlebars/runtime.js");
      }
    }
    const generated = readFileSync(`${root}src/_templates.js`, "utf8");
    expect(generated).not.toMatch(/\bimport\b|\brequire\(|\beval\(|new Function/);
  });

  it("precompiled with strict mode: a missing field is an error, not an empty string", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `
        import H from "handlebars/runtime.js";
        import { specs } from "./src/_templates.js";
        const hb = H.create();
        try { hb.template(specs.block)({ isHeading: true }); console.log("rendered"); }
        catch (e) { console.log(String(e.message).split(" - ")[0]); }
      `,
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(out.trim()).toBe('"text" not defined in [object Object]');
  });
});
