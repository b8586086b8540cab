/**
 * How every xxgk browser test and benchmark starts Chromium: Debian's `/usr/bin/chromium` (or
 * `CHROMIUM_PATH`) driven by playwright-core, with the flags this machine needs — no sandbox as root, no
 * GPU, and no background networking (the network is closed; without these flags Chromium keeps trying).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The Chromium executable: `CHROMIUM_PATH` or Debian's `/usr/bin/chromium`. */
export function chromiumExecutable(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Launch options for playwright-core's `chromium.launch` / `launchPersistentContext`. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return { executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] };
}
