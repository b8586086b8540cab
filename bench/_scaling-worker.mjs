// A worker of bench/_scaling.mjs: runs `units` units of one kernel and exits. Each unit is fixed work,
// so 1 worker doing 2n units and 2 workers doing n each do the same work.
import { parentPort, workerData } from "node:worker_threads";

const { kernel, units } = workerData;

/** Integer arithmetic in registers: no memory traffic, no garbage. */
function arithmetic() {
  let x = 0;
  for (let i = 0; i < 4e8; i++) x = (x + (i & 7)) | 0;
  return x;
}

/**
 * Short-lived objects, arrays and strings with a window that survives a while, as a layout engine makes
 * them: most of the cost is allocating, scavenging and promoting.
 */
function allocation() {
  let window = [];
  let n = 0;
  for (let i = 0; i < 2e6; i++) {
    const node = { i, text: `t${i & 1023}`, box: [i, i + 1, i + 2], next: null };
    if ((i & 15) === 0) window.push(node);
    if (window.length > 20000) window = [];
    n += node.box.length;
  }
  return n;
}

const run = kernel === "arithmetic" ? arithmetic : allocation;
let sink = 0;
for (let u = 0; u < units; u++) sink += run();
parentPort.postMessage(sink);
