import { describe, expect, it } from "vitest";
import { markdownText, reportHtml, reportMarkdown, type ReportDocument } from "../../src/report/document.js";

// Issue 20 item 6: text from the data (area names, notes) was written raw into report.md, so a
// name could inject HTML (<img onerror>), links (javascript:), remote images, headings or list
// items; a line break in a name broke the chart's image link.
const EVIL = [
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "![x](http://evil.example/t.png)",
  "<http://evil.example>",
  "x\n# injected heading\n- injected item",
  "*bold* _em_ `code` ~~strike~~ \\ &amp; &#60;",
  "| a | b |",
];

const doc: ReportDocument = {
  lang: "en",
  title: "t",
  blocks: [
    ...EVIL.map((t) => ({ kind: "heading" as const, level: 2 as const, text: t })),
    ...EVIL.map((t) => ({ kind: "paragraph" as const, text: t })),
    { kind: "paragraph", text: "# not a heading" },
    { kind: "paragraph", text: "1. not a list" },
    { kind: "list", items: EVIL },
    { kind: "table", caption: EVIL[0], header: ["area", "n"], rows: EVIL.map((t) => [t, "1"]) },
    { kind: "chart", id: "c1", title: "江城\n区 ](x) [y", caption: EVIL[1], spec: { $schema: "s" } as never },
  ],
};

describe("Markdown escaped like HTML (issue 20 item 6)", () => {
  const md = reportMarkdown(doc, { chartLink: (id) => `charts/${id} (1).png` });
  const lines = md.split("\n");

  it("no raw HTML, no link or image but the chart's, no emphasis or code from the data", () => {
    expect(md).not.toMatch(/<(?!\/?br)/);
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // Every [ ] ( ) * _ ` ~ from the text is backslash-escaped; the one image is the chart's.
    expect(md.match(/(?<!\\)!?\[/g)).toEqual(["!["]);
    const text = lines.map((l) => l.replace(/^\*\*(.*)\*\*$/, "$1").replace(/^\*(.*)\*$/, "$1")).join("\n");
    expect(text).not.toMatch(/(?<!\\)[*_`~]/);
    expect(md).toContain("\\[click\\](javascript:alert(1))");
    expect(md).toContain("\\&amp; \\&#60;");
  });

  it("line breaks in text do not make headings, list items or paragraphs", () => {
    expect(lines.filter((l) => l.startsWith("#"))).toEqual(EVIL.map((t) => `## ${markdownText(t)}`));
    expect(lines.filter((l) => /^[-+*] /.test(l))).toHaveLength(EVIL.length);
    expect(lines).toContain("\\# not a heading");
    expect(lines).toContain("1\\. not a list");
  });

  it("a line break in a chart title keeps the image link whole; the link target is encoded", () => {
    expect(lines).toContain("![江城 区 \\](x) \\[y](charts/c1%20%281%29.png)");
  });

  it("report.html stays escaped", () => {
    const html = reportHtml(doc);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
