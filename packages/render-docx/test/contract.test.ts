// The renderer contract every xxgk renderer passes, run on the text mammoth (a DOCX reader) gets from our DOCX.
import { describeRendererContract } from "@xxgk/render-contract";
import mammoth from "mammoth";
import { renderDocx } from "../src/index.js";

describeRendererContract("@xxgk/render-docx (mammoth)", async (report) => {
  const { docx } = await renderDocx(report);
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
  return value;
});
