import type { Lang } from "../domain/sourced.js";
import type { ChartSpec } from "./spec.js";
import { reportLabels } from "./labels.js";
import { displayWidth, type Align } from "./textTable.js";

/** One block of a report: the same content renders to Markdown and to HTML. Text is plain (no markup). */
export type ReportBlock =
  | { readonly kind: "heading"; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | {
      readonly kind: "table";
      readonly caption?: string;
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Per column; default left for the first column, right for the others. */
      readonly align?: readonly Align[];
    }
  | {
      readonly kind: "chart";
      /** File-name-safe id, unique in the report (`charts/<id>.svg`). */
      readonly id: string;
      readonly title: string;
      readonly caption?: string;
      readonly spec: ChartSpec;
    };

/** A report as a list of blocks, ready for `reportMarkdown` and `reportHtml`. */
export interface ReportDocument {
  readonly lang: Lang;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

/** The chart blocks of a report, in order. */
export function reportCharts(doc: ReportDocument): Extract<ReportBlock, { kind: "chart" }>[] {
  return doc.blocks.filter((b): b is Extract<ReportBlock, { kind: "chart" }> => b.kind === "chart");
}

/**
 * Text as inline Markdown that renders as the text itself: line breaks become spaces; `<`, `>`
 * become entities; `\`, `[`, `]`, `*`, `_`, `` ` ``, `~` and `&` are backslash-escaped, so that
 * no HTML, link, image, emphasis, code or entity comes from the data (CommonMark 0.31 §2.4:
 * any ASCII punctuation may be backslash-escaped).
 */
function inlineText(s: string): string {
  return s
    .replace(/\r\n|[\r\n\u2028\u2029]/g, " ")
    .replace(/[\\[\]*_`~&]/g, (c) => `\\${c}`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * Text as a Markdown block (heading text, paragraph, list item) that renders as the text itself,
 * like `escapeHtml` for HTML: inline escapes (see above), and a leading `#`, `-`, `+`, `=` or
 * `1.` / `1)` escaped so that it starts no heading or list.
 *
 * @example
 * ```ts
 * markdownText("<img src=x> [a](b)\n# c") // "&lt;img src=x&gt; \\[a\\](b) # c"
 * markdownText("1. one") // "1\\. one"
 * ```
 */
export function markdownText(s: string): string {
  return inlineText(s.trimStart())
    .replace(/^[#=+-]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A chart link as a Markdown link target: spaces, parentheses and other unsafe characters percent-encoded. */
function linkTarget(link: string): string {
  return encodeURI(link).replace(/\(/g, "%28").replace(/\)/g, "%29");
}

const mdCell = (s: string): string => inlineText(s).replace(/\|/g, "\\|");

/**
 * A GitHub-flavoured Markdown table with columns padded to equal display width (CJK-aware) so
 * that the source reads as a table too.
 *
 * @example
 * ```ts
 * markdownTable(["area", "pupils"], [["江城区", "1,234"]])
 * // "| area   | pupils |\n| :----- | -----: |\n| 江城区 |  1,234 |"
 * ```
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const cols = header.length;
  const cells = [header, ...rows].map((r) => Array.from({ length: cols }, (_, i) => mdCell(r[i] ?? "")));
  const al = (i: number): Align => align?.[i] ?? (i === 0 ? "left" : "right");
  const widths = Array.from({ length: cols }, (_, i) => Math.max(3, ...cells.map((r) => displayWidth(r[i]!))));
  const pad = (s: string, i: number): string => {
    const gap = " ".repeat(widths[i]! - displayWidth(s));
    return al(i) === "left" ? s + gap : gap + s;
  };
  const line = (r: readonly string[]): string => `| ${r.map(pad).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (al(i) === "left" ? `:${"-".repeat(w - 1)}` : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

/** Options of `reportMarkdown`. */
export interface MarkdownOptions {
  /** Link of a chart's image. @defaultValue `charts/<id>.png` */
  readonly chartLink?: (id: string) => string;
}

/**
 * The report as Markdown: headings, paragraphs, lists, tables (`markdownTable`) and charts as
 * image links (the Node side writes the images next to it). All text is escaped
 * (`markdownText`): text from the data renders as itself, never as HTML, links or structure.
 *
 * @example
 * ```ts
 * await writeFile("report.md", reportMarkdown(buildReport({ dataset: ds, forecast: fc })));
 * ```
 */
export function reportMarkdown(doc: ReportDocument, options: MarkdownOptions = {}): string {
  const link = options.chartLink ?? ((id: string) => `charts/${id}.png`);
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        out.push(`${"#".repeat(b.level)} ${markdownText(b.text)}`);
        break;
      case "paragraph":
        out.push(markdownText(b.text));
        break;
      case "list":
        out.push(b.items.map((i) => `- ${markdownText(i)}`).join("\n"));
        break;
      case "table":
        out.push([...(b.caption ? [`**${inlineText(b.caption)}**`, ""] : []), markdownTable(b.header, b.rows, b.align)].join("\n"));
        break;
      case "chart":
        out.push([`![${inlineText(b.title)}](${linkTarget(link(b.id))})`, ...(b.caption ? ["", `*${inlineText(b.caption)}*`] : [])].join("\n"));
        break;
    }
  }
  return `${out.join("\n\n")}\n`;
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<a & "b">') // "&lt;a &amp; &quot;b&quot;&gt;"
 * ```
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Options of `reportHtml`. */
export interface HtmlOptions {
  /** Rendered SVG per chart id, inlined in the page; charts without one show a placeholder. */
  readonly svgs?: Readonly<Record<string, string>>;
}

const CSS = `body{font-family:"DejaVu Sans","Noto Sans CJK SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}h3{margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.9em}caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #ccc;padding:.25em .6em}th{background:#f3f3f3}td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0 2em}figure svg{max-width:100%;height:auto}figcaption{font-size:.85em;color:#555}`;

/**
 * The report as one self-contained HTML page: inline CSS, tables, and each chart's SVG inlined
 * (no scripts, no external files).
 *
 * @example
 * ```ts
 * const svgs = Object.fromEntries(await Promise.all(reportCharts(doc).map(async (c) => [c.id, await renderSvg(c.spec)])));
 * await writeFile("report.html", reportHtml(doc, { svgs }));
 * ```
 */
export function reportHtml(doc: ReportDocument, options: HtmlOptions = {}): string {
  const svgs = options.svgs ?? {};
  const body: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        body.push(`<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`);
        break;
      case "paragraph":
        body.push(`<p>${escapeHtml(b.text)}</p>`);
        break;
      case "list":
        body.push(`<ul>\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("\n")}\n</ul>`);
        break;
      case "table": {
        const al = (i: number): Align => b.align?.[i] ?? (i === 0 ? "left" : "right");
        const cls = (i: number): string => (al(i) === "right" ? ' class="r"' : "");
        const head = `<tr>${b.header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr>`;
        const rows = b.rows.map((r) => `<tr>${b.header.map((_, i) => `<td${cls(i)}>${escapeHtml(r[i] ?? "")}</td>`).join("")}</tr>`);
        body.push(`<table>${b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : ""}\n${head}\n${rows.join("\n")}\n</table>`);
        break;
      }
      case "chart": {
        const svg = Object.prototype.hasOwnProperty.call(svgs, b.id) ? svgs[b.id] : undefined;
        const inner = svg ? svg.replace(/^<\?xml[^>]*>\s*/, "") : `<p>${escapeHtml(b.title)} ${escapeHtml(reportLabels[doc.lang].chartMissing)}</p>`;
        body.push(`<figure id="${escapeHtml(b.id)}">\n${inner}\n${b.caption ? `<figcaption>${escapeHtml(b.caption)}</figcaption>\n` : ""}</figure>`);
        break;
      }
    }
  }
  return `<!DOCTYPE html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
