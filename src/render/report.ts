import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { reportCharts, reportHtml, reportMarkdown, type ReportDocument } from "../report/document.js";
import { renderPng, type RenderPngOptions } from "./png.js";
import { renderSvg } from "./svg.js";

/** Options of `writeReport`. */
export interface WriteReportOptions {
  /** Base name of the report files. @defaultValue "report" */
  readonly name?: string;
  /** Write a PNG of every chart too (the Markdown links to them). @defaultValue true */
  readonly png?: boolean;
  /** PNG options (scale, fonts). */
  readonly pngOptions?: RenderPngOptions;
}

/** The files `writeReport` wrote, as paths. */
export interface WrittenReport {
  readonly html: string;
  readonly markdown: string;
  /** Chart files (SVG, and PNG unless switched off), in the report's order. */
  readonly charts: readonly string[];
}

/**
 * Writes a report into a folder: `<name>.html` (self-contained, every chart inlined as SVG),
 * `<name>.md` (charts linked as `charts/<id>.png`, or `.svg` when PNGs are switched off) and the
 * chart files under `charts/`. Creates the folders as needed; overwrites files of the same name.
 *
 * @throws Error when a chart cannot be rendered or a file cannot be written
 * @example
 * ```ts
 * await writeReport(buildReport({ dataset: ds, forecast: fc }, { lang: "zh-CN" }), "out/report-zh");
 * ```
 */
export async function writeReport(doc: ReportDocument, dir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const name = options.name ?? "report";
  const png = options.png ?? true;
  const chartDir = join(dir, "charts");
  await mkdir(chartDir, { recursive: true });
  const svgs: Record<string, string> = {};
  const charts: string[] = [];
  for (const chart of reportCharts(doc)) {
    const svg = await renderSvg(chart.spec);
    svgs[chart.id] = svg;
    const svgPath = join(chartDir, `${chart.id}.svg`);
    await writeFile(svgPath, svg);
    charts.push(svgPath);
    if (png) {
      const pngPath = join(chartDir, `${chart.id}.png`);
      await writeFile(pngPath, await renderPng(svg, options.pngOptions));
      charts.push(pngPath);
    }
  }
  const html = join(dir, `${name}.html`);
  const markdown = join(dir, `${name}.md`);
  await writeFile(html, reportHtml(doc, { svgs }));
  await writeFile(markdown, reportMarkdown(doc, { chartLink: (id) => `charts/${id}.${png ? "png" : "svg"}` }));
  return { html, markdown, charts };
}
