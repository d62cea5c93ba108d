import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assessCapacity, buildReport, fitModel, forecast, markdownTable, reportCharts, reportHtml, reportMarkdown, stageTotals, type ReportBlock, type ReportDocument } from "../../src/index.js";
import { reportFixture } from "./fixture.js";
import { escapeHtml } from "../../src/report/document.js";
import { yearRanges } from "../../src/report/report.js";

const here = dirname(fileURLToPath(import.meta.url));
const ds = reportFixture();
const fc = forecast(fitModel(ds), { to: 2030 });
const assessment = assessCapacity(stageTotals(fc), ds);

/** The report's tables (with their captions) as Markdown, in order. */
function tablesMarkdown(doc: ReportDocument): string {
  return reportMarkdown({ ...doc, blocks: doc.blocks.filter((b) => b.kind === "table") });
}

/**
 * Compares with a golden file under test/report/golden/. Set UPDATE_GOLDEN=1 to rewrite the
 * files after an intended change, and review the diff.
 */
function golden(name: string, actual: string): void {
  const path = join(here, "golden", name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== "1") throw new Error(`golden file ${name} was missing and has been written; review it and run again`);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("buildReport with a capacity assessment", () => {
  const en = buildReport({ dataset: ds, forecast: fc, assessment }, { lang: "en" });
  const zh = buildReport({ dataset: ds, forecast: fc, assessment }, { lang: "zh-CN" });

  it("matches the golden Markdown tables (en and zh-CN)", () => {
    golden("fixture-tables.en.md", tablesMarkdown(en));
    golden("fixture-tables.zh-CN.md", tablesMarkdown(zh));
  });

  it("puts the flags first, then the areas (total first), then method and provenance", () => {
    const headings = en.blocks.filter((b): b is Extract<ReportBlock, { kind: "heading" }> => b.kind === "heading").map((b) => b.text);
    expect(headings).toEqual([
      "Example City: school places forecast 2020–2030 (estimate)",
      "1. Summary of flags",
      "2. By area",
      "Example City (total)",
      "North District",
      "South County",
      "3. Method and data provenance",
      "Rules and thresholds",
      "Data provenance",
    ]);
    const flagsAt = en.blocks.findIndex((b) => b.kind === "table");
    expect(en.blocks.findIndex((b) => b.kind === "heading" && b.text === "2. By area")).toBeGreaterThan(flagsAt);
  });

  it("summarises each flag once with its worst case", () => {
    const list = en.blocks.find((b) => b.kind === "list");
    expect(list?.kind === "list" && list.items[0]).toMatch(/^Places run short: .* in \d+ of 8 area–stage series; worst: /);
    const all = list?.kind === "list" ? list.items.join("\n") : "";
    expect(all).toContain("large class (56–65)");
    expect(all).toContain("Places may stand empty");
  });

  it("has the heat map, the class-size chart and per-area charts, each with a unique id", () => {
    const ids = reportCharts(en).map((c) => c.id);
    expect(ids).toEqual(["surplus-heatmap", "class-sizes", "forecast-city", "births-city", "forecast-north", "births-north", "forecast-south", "births-south"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("states the estimates: provenance counts and the estimate methods", () => {
    const md = reportMarkdown(en);
    expect(md).toContain("E9: test estimate of north (records: 75)");
    expect(md).toContain("Planned places: P9: test school (records: 1)");
    expect(md).toMatch(/Areas whose forecast rests on estimates: North District\./);
  });
});

describe("buildReport without places", () => {
  const doc = buildReport({ dataset: ds, forecast: fc }, { lang: "en" });
  it("says that places were not assessed and compares with the base year", () => {
    const md = reportMarkdown(doc);
    expect(md).toContain("No places data were given, so there is no capacity assessment");
    expect(md).toContain("Class sizes: not assessed without places and classes data.");
    expect(md).toMatch(/Pupils above base by more than 5\.0% \| North District/);
    expect(reportCharts(doc).map((c) => c.id)).not.toContain("class-sizes");
    expect(reportCharts(doc)[0]!.spec.title.text).toBe("Change in pupils against 2020 (no places data) (estimate)");
  });
});

describe("reportHtml", () => {
  const doc = buildReport({ dataset: ds, forecast: fc, assessment }, { lang: "zh-CN" });
  const svgs = Object.fromEntries(reportCharts(doc).map((c) => [c.id, `<svg xmlns="http://www.w3.org/2000/svg"><text>${c.id}</text></svg>`]));
  const html = reportHtml(doc, { svgs });
  it("is one self-contained page: charts inline, no scripts or outside resources", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    for (const c of reportCharts(doc)) expect(html).toContain(`<figure id="${c.id}">\n<svg`);
    expect(html).toContain("<caption>分学段在校生、学位与余缺（估算）</caption>");
  });
  it("marks charts that were not rendered", () => {
    expect(reportHtml(doc)).toContain("（图表未生成）");
  });
});

describe("helpers", () => {
  it("markdownTable pads by display width, escapes pipes and aligns", () => {
    expect(markdownTable(["area", "n"], [["江城区", "1|2"]])).toBe("| area   |    n |\n| :----- | ---: |\n| 江城区 | 1\\|2 |");
  });
  it("escapeHtml escapes the five special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
  it("yearRanges joins consecutive years", () => {
    expect(yearRanges([2024, 2020, 2021, 2022, 2027, 2021])).toBe("2020–2022, 2024, 2027");
  });
  it("does not change its inputs", () => {
    const before = JSON.stringify(assessment);
    buildReport({ dataset: ds, forecast: fc, assessment: Object.freeze([...assessment]) }, { lang: "en" });
    expect(JSON.stringify(assessment)).toBe(before);
  });
});

describe("buildReport on many areas without a common parent", () => {
  it("names the number of areas instead of listing them", async () => {
    const { loadUsStates } = await import("../fixtures/load.js");
    const { parseDataset, usK12SchoolSystem } = await import("../../src/index.js");
    const us = parseDataset(loadUsStates({ states: ["Texas", "Ohio", "New York", "Utah"], fromYear: 2005 }).input, usK12SchoolSystem);
    const doc = buildReport({ dataset: us, forecast: forecast(fitModel(us), { to: 2014 }) }, { lang: "en", birthsPerArea: false });
    expect(doc.title).toBe("4 areas: school places forecast 2011–2014 (estimate)");
    expect(reportCharts(doc).map((c) => c.id).sort()).toEqual(["forecast-New-York", "forecast-Ohio", "forecast-Texas", "forecast-Utah", "surplus-heatmap"]);
  });
});
