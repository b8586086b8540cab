// Entry of the browser bundle the CSP test builds with Vite: render the (already parsed) report on the
// page into #out with the same code the Node tests run. It takes a parsed report rather than calling
// core-model's parseReport so the bundle holds render-html and what it uses, nothing else.
import type { Report } from "@xxgk/core-model";
import { renderFragment } from "../src/index.js";

const report = JSON.parse(document.getElementById("input")!.textContent!) as Report;
document.getElementById("out")!.innerHTML = renderFragment(report, { embedJson: true });
document.body.dataset.rendered = "yes";
