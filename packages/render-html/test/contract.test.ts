import { describeRendererContract, htmlToText } from "@xxgk/render-contract";
import { renderDocument, renderFragment } from "../src/index.js";

// The text a reader gets (tags → spaces, <style>/<script> dropped: the embedded JSON must not count).
describeRendererContract("render-html document", (report) => htmlToText(renderDocument(report)));
describeRendererContract("render-html fragment", (report) =>
  htmlToText(renderFragment(report, { embedJson: true })),
);
