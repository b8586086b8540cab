// Chromium for tests: Debian's /usr/bin/chromium driven by playwright-core, a fresh profile per launch.
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Where tests write screenshots and PDFs for people to look at (git-ignored). */
export const OUTPUT = new URL("../test-output/", import.meta.url);
