import { describe, expect, it } from "vitest";
import { classSizeChart, surplusHeatmap } from "../../src/report/charts.js";
import { chinaSchoolSystem } from "../../src/index.js";

// Issue 20 item 14: two areas with the same display name shared one heat-map row (Vega-Lite
// groups the y axis by the label), so one area's cells were drawn over the other's.
describe("areas with the same display name (issue 20 item 14)", () => {
  const areas = [
    { id: "north-a", name: { en: "North" } },
    { id: "north-b", name: { en: "North" } },
    { id: "south", name: { en: "South" } },
  ];
  const rows = areas.map((a, i) => ({ area: a.id, stage: "primary", year: 2021, surplus: 100 * (i + 1), places: 1000, pupils: 900, basis: "reported" as const }));

  it("get one heat-map row each, labelled apart by their ids; unique names stay as they are", () => {
    const spec = surplusHeatmap(rows, { system: chinaSchoolSystem, areas }) as unknown as { data: { values: { areaLabel: string }[] }; spec?: { encoding: { y: { sort: string[] } } }; encoding?: { y: { sort: string[] } } };
    const labels = spec.data.values.map((v) => v.areaLabel);
    expect(labels).toEqual(["North (north-a)", "North (north-b)", "South"]);
    expect(new Set(labels).size).toBe(3);
    expect(JSON.stringify(spec)).toContain('"sort":["North (north-a)","North (north-b)","South"]');
  });

  it("the class-size grid too", () => {
    const cls = areas.map((a) => ({ area: a.id, stage: "primary", year: 2021, largestClassSize: 57, atOrAbove: { large: 1 }, basis: "reported" as const }));
    const spec = JSON.stringify(classSizeChart(cls as never, { system: chinaSchoolSystem, areas }));
    expect(spec).toContain("North (north-a)");
    expect(spec).toContain("North (north-b)");
  });
});
