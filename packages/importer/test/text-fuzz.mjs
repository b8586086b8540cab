// Text inputs of any size in the shapes that once cost the importer more than linear work (a 6 KB copy
// in a PDF's reading order ran it out of memory): each `(bytes) => text` makes about that many UTF-8
// bytes, deterministically. Shared by test/work.test.ts (the work counter) and bench/import-text.mjs
// (the time per KB).
import { layoutOf, SECTIONS } from "@xxgk/core-model";

const TITLE = "2023年某某街道办事处政府信息公开工作年度报告";
const LABELS = Object.values(layoutOf("2021").tables.applications.cells)
  .filter((d) => d.path[1] === "naturalPerson")
  .map((d) => d.rowLabels.at(-1));

/** A small deterministic generator of numbers (a linear congruential one). */
function numbers(seed = 7) {
  let x = seed;
  return (max) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % max;
  };
}

/** Repeats `piece(i)` until the text holds about `bytes` UTF-8 bytes. */
function fill(bytes, piece) {
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = piece(i);
    out.push(p);
    size += Buffer.byteLength(p);
  }
  return out;
}

const head = (section) => [TITLE, SECTIONS[0].label, "本年度工作情况。", SECTIONS[section].label];
const tail = (section) => SECTIONS.slice(section + 1).map((s) => s.label);

/** The shapes, by name. */
export const FUZZ_SHAPES = {
  /** A PDF's reading order: table 三's numbers first, one per line, then its row labels. */
  "numbers before labels": (bytes) => {
    const n = numbers();
    return [...head(2), ...fill(bytes, () => String(n(500))), ...LABELS, ...tail(2)].join("\n");
  },
  /** One row label with thousands of numbers after it on one line. */
  "numbers on one line": (bytes) => {
    const n = numbers();
    return [...head(2), `${LABELS[0]} ${fill(bytes, () => String(n(900))).join(" ")}`, ...tail(2)].join("\n");
  },
  /** Lines of numbers and text in table 三's section, no label among them. */
  "no labels": (bytes) => {
    const n = numbers();
    return [
      ...head(2),
      ...fill(bytes, (i) => (i % 3 === 2 ? `第${n(99)}项说明` : String(n(99)))),
      ...tail(2),
    ].join("\n");
  },
  /** A page flattened onto one line, its tables repeated: labels and runs of digits all the way. */
  "flattened page": (bytes) => {
    const n = numbers();
    const rows = LABELS.map((l) => `${l}${n(9)}${n(9)}0${n(9)}0${n(9)}${n(99)}`).join("");
    return `${TITLE}${SECTIONS[0].label}本年度工作情况。${SECTIONS[2].label}${fill(bytes, () => rows).join("")}${tail(2).join("")}`;
  },
  /** One label and one run of digits as long as the input. */
  "one run of digits": (bytes) => {
    const n = numbers();
    return [...head(1), `规章${fill(bytes, () => String(n(10))).join("")}`, ...tail(1)].join("\n");
  },
  /**
   * A layout copy's wrapped labels: a label's first half, its values on a line of their own, its second
   * half — or, every third time, a line that does not finish it — over and over.
   */
  "wrapped labels": (bytes) => {
    const n = numbers();
    return [
      ...head(2),
      ...fill(bytes, (i) => {
        const l = LABELS[i % LABELS.length];
        const half = Math.ceil(l.length / 2);
        const values = Array.from({ length: 7 }, () => n(50)).join("   ");
        return `${l.slice(0, half)}\n      ${values}\n${i % 3 === 2 ? "另有说明" : l.slice(half)}`;
      }),
      ...tail(2),
    ].join("\n");
  },
  /** Markdown `|` rows, label and seven values each, over and over. */
  "pipe rows": (bytes) => {
    const n = numbers();
    return [
      ...head(2),
      "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...fill(
        bytes,
        (i) => `| ${LABELS[i % LABELS.length]} | ${Array.from({ length: 7 }, () => n(50)).join(" | ")} |`,
      ),
      ...tail(2),
    ].join("\n");
  },
  /** Long lines of narrative with every section heading inside each (a flattened narrative). */
  "headings inside lines": (bytes) =>
    [
      TITLE,
      ...fill(bytes, () =>
        SECTIONS.map((s) => `${s.label}本部分内容。`)
          .join("")
          .repeat(3),
      ),
    ].join("\n"),
};
