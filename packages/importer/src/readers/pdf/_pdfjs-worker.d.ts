// pdf.js's worker module ships without types; it is imported only for its side effect (registering
// itself as globalThis.pdfjsWorker, so that pdf.js runs its worker side in this thread).
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
