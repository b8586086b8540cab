// Chromium for tests: Debian's /usr/bin/chromium driven by playwright-core, a fresh profile per launch.

import { chromiumLaunchOptions } from "@xxgk/render-contract/chromium";
import { type Browser, chromium } from "playwright-core";

export function launch(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** Where tests write screenshots and PDFs for people to look at (git-ignored). */
export const OUTPUT = new URL("../test-output/", import.meta.url);
