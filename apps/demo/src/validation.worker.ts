// The validation worker: every rule and the diagnosis run here, off the page's thread, so typing stays
// responsive while a long paragraph is checked (issue 23: an 8,000-character paragraph froze the tab for
// 23.5 s on the main thread). One worker runs every call of the validators the app makes (tasks.ts).
import { run } from "./tasks.js";
import type { WorkerReply, WorkerRequest } from "./validation.js";

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
};

scope.onmessage = (ev) => {
  const { id, task } = ev.data;
  try {
    scope.postMessage({ id, ok: true, value: run(task) });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
