import { describe, expect, it } from "vitest";
import { assessCapacity, buildReport, fitModel, forecast, reportMarkdown, simulate, stageTotals, type ReportBlock } from "../../src/index.js";
import { formatCount } from "../../src/report/textTable.js";
import { reportFixture } from "./fixture.js";

// The report fixture (test/report/fixture.ts): a city with two counties, places in both.
const ds = reportFixture();
const model = fitModel(ds);
const fc = forecast(model, { to: 2030 });
const assessment = assessCapacity(stageTotals(fc), ds);
const sim = simulate(model, { draws: 400, seed: 2, to: 2030, supply: ds, totals: { containingAreas: true } });

/** The table that follows the heading of the area section `label`. */
function tableAfter(blocks: readonly ReportBlock[], label: string): Extract<ReportBlock, { kind: "table" }> {
  const i = blocks.findIndex((b) => b.kind === "heading" && b.level === 3 && b.text === label);
  const t = blocks.slice(i + 1).find((b) => b.kind === "table");
  if (!t || t.kind !== "table") throw new Error(`no table after ${label}`);
  return t;
}

describe("report: the city's rows from the summed paths", () => {
  const doc = buildReport({ dataset: ds, forecast: fc, assessment, simulation: sim }, { lang: "en", years: [2020, 2025, 2030] });

  it("the city table has the band and P(shortfall) of the city's simulated rows", () => {
    const t = tableAfter(doc.blocks, "Example City (total)");
    const primary = t.rows.findIndex((r) => r[0] === "Primary");
    expect(primary).toBeGreaterThanOrEqual(0);
    const band = t.rows[primary + 1]!;
    const p = t.rows[primary + 2]!;
    expect(band[1]).toBe("10–90% range");
    expect(p[1]).toBe("P(shortfall)");
    const row = (y: number) => sim.rows.find((r) => r.area === "city" && r.stage === "primary" && r.year === y)!;
    expect(band[3]).toBe(`${formatCount(row(2025).pupils[0]!)}–${formatCount(row(2025).pupils[2]!)}`);
    expect(p[4]).toBe(`${(Math.round(row(2030).pShortfall! * 1000) / 10).toFixed(1)}%`);
    // The city's places in the simulation are the counties' summed: the assessment's total.
    const places = assessment.filter((r) => r.stage === "primary" && r.year === 2030).reduce((s, r) => s + r.places, 0);
    expect(row(2030).places).toBe(places);
  });

  it("without the city's rows in the simulation, the city has no band; the method says what the bands include", () => {
    const plain = buildReport({ dataset: ds, forecast: fc, assessment, simulation: simulate(model, { draws: 50, seed: 2, to: 2030, supply: ds }) }, { lang: "en", years: [2020, 2025, 2030] });
    const t = tableAfter(plain.blocks, "Example City (total)");
    expect(t.rows.some((r) => r[1] === "P(shortfall)")).toBe(false);
    const md = reportMarkdown(doc);
    expect(md).toContain("The bands include variation of the progression and entry ratios");
    const zh = reportMarkdown(buildReport({ dataset: ds, forecast: fc, assessment, simulation: simulate(model, { draws: 50, seed: 2, to: 2030, sources: { births: false } }) }, { lang: "zh-CN" }));
    expect(zh).toContain("区间包含：升学率与入学率的波动");
    expect(zh).toContain("已关闭：最后已知年份之后的出生人数");
  });
});
