import type { Report } from "@xxgk/core-model";
import type { Checked, Task, TaskResult } from "./checks.js";

/** A request to the validation worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly task: Task;
}

/** The worker's answer to request `id`. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: TaskResult[Task["kind"]] }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** A finished validation: the report it was about (and last year's), and what it found. */
export interface Validated {
  readonly report: Report;
  readonly previous: Report | undefined;
  readonly checked: Checked;
  /** From the request to the result: what the author waits for (queueing and copying included). */
  readonly waited: number;
}

/** The tasks other than the live check, asked for one at a time and answered each. */
export type OneOff = Exclude<Task, { kind: "check" }>;

interface Pending {
  readonly task: Task;
  readonly done: (reply: WorkerReply, fromWorker: boolean) => void;
}

/**
 * Every call of the validators runs on one worker: the live check and the diagnosis, the list's counts,
 * 计算合计's proposal and the carry-over to next year. The live check is latest-wins: while the worker
 * checks one report, edits only replace the report waiting to go next, so a long paragraph never queues
 * up stale runs; results come back in order through `onResult`. The other tasks are answered each, in
 * the order asked. Where workers are unavailable, the same code runs on the page's thread, loaded on
 * first use.
 */
export class Validation {
  readonly #onResult: (v: Validated) => void;
  readonly #onError: (message: string) => void;
  #worker: Worker | undefined;
  #local: Promise<typeof import("./tasks.js")> | undefined;
  #id = 0;
  readonly #pending = new Map<number, Pending>();
  #inFlight: { id: number; report: Report; previous: Report | undefined; sent: number } | undefined;
  #next: { report: Report; previous: Report | undefined; asked: number } | undefined;
  #last: Validated | undefined;
  #waiting: { report: Report; previous: Report | undefined; resolve: (v: Validated) => void }[] = [];

  constructor(onResult: (v: Validated) => void, onError: (message: string) => void) {
    this.#onResult = onResult;
    this.#onError = onError;
    try {
      this.#worker = new Worker(new URL("./validation.worker.ts", import.meta.url), { type: "module" });
      this.#worker.onmessage = (ev: MessageEvent<WorkerReply>) => this.#receive(ev.data, true);
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

  /** Runs one task on the worker; rejects with the worker's message if it fails. */
  run<T extends OneOff>(task: T): Promise<TaskResult[T["kind"]]> {
    return new Promise((resolve, reject) => {
      this.#send(task, (reply) => {
        if (reply.ok) resolve(reply.value as TaskResult[T["kind"]]);
        else reject(new Error(reply.message));
      });
    });
  }

  #send(task: Task, done: Pending["done"]): number {
    const id = ++this.#id;
    this.#pending.set(id, { task, done });
    this.#post(id, task);
    return id;
  }

  #post(id: number, task: Task): void {
    if (this.#worker !== undefined) {
      this.#worker.postMessage({ id, task } satisfies WorkerRequest);
      return;
    }
    this.#local ??= import("./tasks.js");
    // After the current event, so the caller's edit is painted first.
    void this.#local.then(
      (tasks) =>
        setTimeout(() => {
          let reply: WorkerReply;
          try {
            reply = { id, ok: true, value: tasks.run(task) };
          } catch (err) {
            reply = { id, ok: false, message: (err as Error).message };
          }
          this.#receive(reply, false);
        }, 0),
      (err: unknown) => this.#receive({ id, ok: false, message: (err as Error).message }, false),
    );
  }

  #pump(): void {
    if (this.#inFlight !== undefined || this.#next === undefined) return;
    const { report, previous, asked } = this.#next;
    this.#next = undefined;
    const task: Task =
      previous === undefined ? { kind: "check", report } : { kind: "check", report, previous };
    const id = this.#send(task, (reply, fromWorker) => this.#checked(reply, fromWorker));
    this.#inFlight = { id, report, previous, sent: asked };
  }

  #receive(reply: WorkerReply, fromWorker: boolean): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    pending.done(reply, fromWorker);
  }

  #checked(reply: WorkerReply, fromWorker: boolean): void {
    const sent = this.#inFlight;
    if (sent === undefined || sent.id !== reply.id) return;
    this.#inFlight = undefined;
    if (reply.ok) {
      const checked = reply.value as Checked;
      // The worker timed validation on its own clock; record it on the page's, for the benchmark.
      const now = performance.now();
      if (fromWorker) {
        performance.measure("xxgk:validate", { start: now - checked.ms, duration: checked.ms });
      }
      const v: Validated = { report: sent.report, previous: sent.previous, checked, waited: now - sent.sent };
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
    // Whatever the worker had not answered is asked again here, in the order it was asked.
    for (const [id, { task }] of this.#pending) this.#post(id, task);
  }
}
