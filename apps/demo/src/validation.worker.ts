// The validation worker: every rule and the diagnosis run here, off the page's thread, so typing stays
// responsive while a long paragraph is checked (issue 23: an 8,000-character paragraph froze the tab for
// 23.5 s on the main thread). One worker runs both validation and diagnosis.
import { check } from "./checks.js";
import type { CheckReply, CheckRequest } from "./validation.js";

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<CheckRequest>) => void) | null;
  postMessage(reply: CheckReply): void;
};

scope.onmessage = (ev) => {
  const { id, report, previous } = ev.data;
  try {
    scope.postMessage({ id, ok: true, checked: check(report, previous) });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
