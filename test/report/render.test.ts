import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReport, fitModel, forecast, forecastChart, stageTotals, type ChartSpec } from "../../src/index.js";
import { fontSetup, renderPng, renderSvg, writeReport } from "../../src/node.js";
import { reportFixture } from "./fixture.js";
import { textWidth } from "../../src/render/textWidth.js";

const ds = reportFixture();
const fc = forecast(fitModel(ds), { to: 2024 });
const spec = (lang: "en" | "zh-CN"): ChartSpec => forecastChart({ area: "north", pupils: stageTotals(fc), stages: ["primary"] }, { system: ds.system, areas: ds.areas, lang });
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const tmp = mkdtempSync(join(tmpdir(), "placecast-render-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("renderSvg", () => {
  it("draws a standalone SVG with the title, axis titles and the Chinese labels as text", async () => {
    const svg = await renderSvg(spec("zh-CN"));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("北区：在校生（估算）");
    expect(svg).toContain("学年");
    expect(svg).toContain("在校生（预测）");
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });
  it("does not change the spec", async () => {
    const s = spec("en");
    const before = JSON.stringify(s);
    await renderSvg(Object.freeze(s));
    expect(JSON.stringify(s)).toBe(before);
  });
  it("reports an invalid spec", async () => {
    await expect(renderSvg({ $schema: "https://vega.github.io/schema/vega-lite/v6.json", title: "bad", mark: "nonsense" })).rejects.toThrow(/^renderSvg: vega-lite could not compile the spec "bad": /);
  });
});

describe("renderPng", () => {
  it("returns PNG bytes (signature, non-trivial size)", async () => {
    const png = await renderPng(await renderSvg(spec("en")));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(5_000);
  });
  it.skipIf(!fontSetup().cjk)("draws Chinese glyphs with the CJK font (the image differs from one drawn without it)", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="28" font-size="24" font-family="sans-serif">阳江市</text></svg>';
    const withCjk = await renderPng(svg);
    const latinOnly = await renderPng(svg, { fontFiles: fontSetup().fontFiles.filter((f) => /DejaVu/.test(f)), loadSystemFonts: false });
    expect(Buffer.from(withCjk).equals(Buffer.from(latinOnly))).toBe(false);
    expect(withCjk.length).toBeGreaterThan(latinOnly.length);
  });
});

describe("textWidth", () => {
  it("counts CJK characters as 1 em and Latin by DejaVu Sans widths", () => {
    expect(textWidth("阳江市", 10)).toBe(30);
    expect(textWidth("ii", 10)).toBeCloseTo(5.6, 5);
    expect(textWidth("M", 10, true)).toBeCloseTo(9.89, 5);
  });
});

describe("writeReport", () => {
  it("writes HTML with inline SVG charts, Markdown linking PNG charts, and the chart files", async () => {
    const doc = buildReport({ dataset: ds, forecast: fc }, { lang: "zh-CN", birthsPerArea: false });
    const out = await writeReport(doc, join(tmp, "report"));
    const html = readFileSync(out.html, "utf8");
    const md = readFileSync(out.markdown, "utf8");
    expect((html.match(/<figure id="[^"]+">\n<svg/g) ?? []).length).toBe(out.charts.length / 2);
    expect(md).toContain("](charts/forecast-north.png)");
    for (const f of out.charts.filter((c) => c.endsWith(".png"))) expect([...readFileSync(f).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });
});
