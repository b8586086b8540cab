import { parseReport, type Report, stringifyReport } from "@xxgk/core-model";
import type { Store } from "./store.js";

/** The `localStorage` key of the autosaved report. */
export const AUTOSAVE_KEY = "xxgk-demo:report";
const KEY = AUTOSAVE_KEY;
/** Where an unreadable saved report is moved, so a failed restore never destroys the author's work. */
const RESCUE_KEY = "xxgk-demo:unreadable";
const DELAY_MS = 300;
const MAX_WAIT_MS = 1000;

/** What restoring found: a report, nothing, or saved text that no longer parses (kept aside). */
export type Restored =
  | { readonly kind: "report"; readonly report: Report }
  | { readonly kind: "none" }
  | { readonly kind: "unreadable"; readonly reason: string };

/** Reads the autosaved report, if any. Never throws. */
export function restore(): Restored {
  let text: string | null;
  try {
    text = localStorage.getItem(KEY);
  } catch {
    return { kind: "none" };
  }
  if (text === null) return { kind: "none" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return rescue(text, `JSON: ${(err as Error).message}`);
  }
  const parsed = parseReport(json);
  if (parsed.ok) return { kind: "report", report: parsed.report };
  const first = parsed.issues[0];
  return rescue(text, first ? `${first.pointer || "/"}: ${first.message}` : "schema");
}

function rescue(text: string, reason: string): Restored {
  try {
    localStorage.setItem(RESCUE_KEY, text);
    localStorage.removeItem(KEY);
  } catch {
    // Storage refused: the text stays under KEY, which is no worse.
  }
  return { kind: "unreadable", reason };
}

/**
 * Saves the report shortly after every change (and at least every second while typing goes on), and at
 * once when the page is hidden or closed, so a reload or a crash loses at most about a second of typing.
 */
export function autosave(store: Store, onStatus: (ok: boolean, at: Date) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    try {
      localStorage.setItem(KEY, stringifyReport(store.report));
      onStatus(true, new Date());
    } catch {
      onStatus(false, new Date());
    }
  };
  let dirtySince = 0;
  store.subscribe(() => {
    const now = performance.now();
    if (!dirty) dirtySince = now;
    dirty = true;
    clearTimeout(timer);
    // Typing without pause must not postpone saving forever: save at least every MAX_WAIT_MS.
    if (now - dirtySince >= MAX_WAIT_MS) flush();
    else timer = setTimeout(flush, DELAY_MS);
  });
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  // A first save, so that the example shown on first visit is what a reload brings back.
  dirty = true;
  flush();
}
