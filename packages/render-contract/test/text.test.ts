import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText, squash, tokens } from "../src/index.js";

describe("htmlToText", () => {
  it("turns tags into spaces so adjacent cells stay separate tokens", () => {
    expect(tokens(htmlToText("<tr><td>0</td><td>12</td><td></td><td>-</td></tr>"))).toEqual(["0", "12", "-"]);
  });

  it("drops script, style and comments, so an embedded JSON copy cannot satisfy a check", () => {
    const html =
      '<style>td{x:"规章"}</style><script type="application/json">{"a":"规章"}</script><!-- 规章 --><p>正文</p>';
    expect(squash(htmlToText(html))).toBe("正文");
  });

  it("decodes the entities escaping produces", () => {
    expect(htmlToText("A&amp;B &lt;类别&gt; &quot;x&quot; &#39;y&#x27; &#x4E00;&nbsp;")).toBe(
      "A&B <类别> \"x\" 'y' 一\u00a0",
    );
  });

  it("leaves unknown or out-of-range entities as written", () => {
    expect(htmlToText("&bogus; &#x110000;")).toBe("&bogus; &#x110000;");
  });

  it("recovers any text escaped the usual way", () => {
    const esc = (s: string) =>
      s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => htmlToText(`<p>${esc(s)}</p>`) === ` ${s} `),
    );
  });
});

describe("squash and tokens", () => {
  it("ignore every kind of whitespace, including full-width and no-break spaces", () => {
    expect(squash(" 一、\n总体\u3000情况\u00a0")).toBe("一、总体情况");
    expect(tokens("\u30000\t12\n\n-\u00a0")).toEqual(["0", "12", "-"]);
  });
});
