import type { Report } from "@xxgk/core-model";
import { type Checked, check } from "./checks.js";

/** A request to the validation worker. */
export interface CheckRequest {
  readonly id: number;
  readonly report: Report;
  readonly previous?: Report;
}

/** The worker's answer to request `id`. */
export type CheckReply =
  | { readonly id: number; readonly ok: true; readonly checked: Checked }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** A finished validation: the report it was about (and last year's), and what it found. */
export interface Validated {
  readonly report: Report;
  readonly previous: Report | undefined;
  readonly checked: Checked;
  /** From the request to the result: what the author waits for (queueing and copying included). */
  readonly waited: number;
}

/**
 * Validation on one worker, latest report wins: while the worker checks one report, edits only replace
 * the report waiting to go next, so a long paragraph never queues up stale runs. Results come back in
 * order through `onResult`. Where workers are unavailable it checks on the page's thread instead.
 */
export class Validation {
  readonly #onResult: (v: Validated) => void;
  readonly #onError: (message: string) => void;
  #worker: Worker | undefined;
  #id = 0;
  #inFlight: { id: number; report: Report; previous: Report | undefined; sent: number } | undefined;
  #next: { report: Report; previous: Report | undefined; asked: number } | undefined;
  #last: Validated | undefined;
  #waiting: { report: Report; previous: Report | undefined; resolve: (v: Validated) => void }[] = [];

  constructor(onResult: (v: Validated) => void, onError: (message: string) => void) {
    this.#onResult = onResult;
    this.#onError = onError;
    try {
      this.#worker = new Worker(new URL("./validation.worker.ts", import.meta.url), { type: "module" });
      this.#worker.onmessage = (ev: MessageEvent<CheckReply>) => this.#receive(ev.data);
      this.#worker.onerror = (ev) => {
        ev.preventDefault();
        this.#fallBack(`检查程序无法运行（${ev.message || "worker error"}），改在页面中检查`);
      };
    } catch {
      this.#worker = undefined;
    }
  }

  /** Asks for `report` to be checked (with last year's report, if known). */
  request(report: Report, previous?: Report): void {
    this.#next = { report, previous, asked: performance.now() };
    this.#pump();
  }

  /** The result for exactly this report (and last year's): the last one if it matches, or once checked. */
  resultFor(report: Report, previous?: Report): Promise<Validated> {
    const last = this.#last;
    if (last?.report === report && last.previous === previous) return Promise.resolve(last);
    return new Promise((resolve) => {
      this.#waiting.push({ report, previous, resolve });
      const same = (x: { report: Report; previous: Report | undefined } | undefined) =>
        x?.report === report && x.previous === previous;
      if (!same(this.#inFlight) && !same(this.#next)) this.request(report, previous);
    });
  }

  #pump(): void {
    if (this.#inFlight !== undefined || this.#next === undefined) return;
    const { report, previous, asked } = this.#next;
    this.#next = undefined;
    const id = ++this.#id;
    this.#inFlight = { id, report, previous, sent: asked };
    if (this.#worker === undefined) {
      // No worker: check here, but after the current event so the caller's edit is painted first.
      setTimeout(() => {
        try {
          this.#receive({ id, ok: true, checked: check(report, previous) }, false);
        } catch (err) {
          this.#receive({ id, ok: false, message: (err as Error).message }, false);
        }
      }, 0);
      return;
    }
    const request: CheckRequest = previous === undefined ? { id, report } : { id, report, previous };
    this.#worker.postMessage(request);
  }

  #receive(reply: CheckReply, fromWorker = true): void {
    const sent = this.#inFlight;
    if (sent === undefined || sent.id !== reply.id) return;
    this.#inFlight = undefined;
    if (reply.ok) {
      // The worker timed validation on its own clock; record it on the page's, for the benchmark.
      const now = performance.now();
      if (fromWorker) {
        performance.measure("xxgk:validate", { start: now - reply.checked.ms, duration: reply.checked.ms });
      }
      const v: Validated = {
        report: sent.report,
        previous: sent.previous,
        checked: reply.checked,
        waited: now - sent.sent,
      };
      this.#last = v;
      this.#onResult(v);
      this.#waiting = this.#waiting.filter((w) => {
        if (w.report !== sent.report || w.previous !== sent.previous) return true;
        w.resolve(v);
        return false;
      });
    } else {
      this.#onError(reply.message);
    }
    this.#pump();
  }

  #fallBack(message: string): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#onError(message);
    const lost = this.#inFlight;
    this.#inFlight = undefined;
    if (lost && this.#next === undefined) {
      this.#next = { report: lost.report, previous: lost.previous, asked: lost.sent };
    }
    this.#pump();
  }
}
