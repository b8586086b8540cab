// The packages are not on the npm registry yet: a README that tells a newcomer to `pnpm add` or
// `npm i -g` them sends them into a 404. Each publishable package's Install section must say how to use
// it today (from this repository, or packed tarballs) and keep the registry line for after the release.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packages = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "packages");
const publishable = readdirSync(packages).filter((name) => {
  const manifest = JSON.parse(readFileSync(join(packages, name, "package.json"), "utf8"));
  return manifest.private !== true;
});

describe("package READMEs", () => {
  it("there are publishable packages to check", () => {
    expect(publishable.length).toBeGreaterThanOrEqual(6);
  });

  it.each(publishable)("%s says how to install it before it is on the registry", (name) => {
    const readme = readFileSync(join(packages, name, "README.md"), "utf8");
    const install = /## Install\n([\s\S]*?)(?=\n## )/.exec(readme)?.[1] ?? "";
    expect(install).toContain("Not on the npm registry yet");
    expect(install).toMatch(/pnpm -r .*pack --pack-destination/);
    for (const line of readme
      .split("\n")
      .filter((l) => /(?:pnpm add|npm i(?:nstall)?(?: -g)?) @xxgk\//.test(l))) {
      expect(line).toMatch(/^After the first release/);
    }
  });
});
