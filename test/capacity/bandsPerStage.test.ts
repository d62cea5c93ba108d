import { describe, expect, it } from "vitest";
import { assessCapacity, bandsForStage, chinaSchoolSystem, fitModel, forecast, organiseClasses, stageTotals, yangjiangDataset } from "../../src/index.js";

// Bands follow each stage's standard size (DESIGN.md "Rules and their sources"; GB 50099-2011
// §3.0.1: primary 45, junior and senior 50): oversized is the standard + 1 up to 55.
describe("China's oversized band follows each stage's standard", () => {
  const junior = bandsForStage(chinaSchoolSystem, "junior");
  const primary = bandsForStage(chinaSchoolSystem, "primary");
  const organise = (pupils: number, classes: number, stage: "primary" | "junior") =>
    organiseClasses({ pupils, classes, standardClassSize: stage === "primary" ? 45 : 50, bands: stage === "primary" ? primary : junior, eliminateFrom: 56 }).bandCounts;

  it("junior: 100 pupils in 2 classes of 50 are at the standard; 102 make 2 classes of 51, oversized", () => {
    expect(organise(100, 2, "junior")).toEqual({ oversized: 0, large: 0, "super-large": 0 });
    expect(organise(102, 2, "junior")).toEqual({ oversized: 2, large: 0, "super-large": 0 });
    // 46–50 per class breaks primary's standard of 45 but not junior's of 50.
    expect(organise(92, 2, "junior").oversized).toBe(0);
    expect(organise(92, 2, "primary").oversized).toBe(2);
  });

  it("阳春市 junior 2021 (issue 13: 1,049 classes averaging 46 were flagged oversized) is no longer flagged", () => {
    const ds = yangjiangDataset();
    const fc = forecast(fitModel(ds), { to: 2022 });
    const rows = assessCapacity(stageTotals(fc), ds);
    const r = rows.find((x) => x.area === "yangchun" && x.stage === "junior" && x.year === 2021)!;
    // The seed's classes give an average near 46 (capacity.json C1: 994 classes in 2020 for 46,755 pupils).
    expect(r.averageClassSize).toBeGreaterThan(45);
    expect(r.averageClassSize).toBeLessThan(51);
    expect(r.bandCounts.oversized).toBe(0);
    expect(r.flags.map((f) => f.code)).not.toContain("oversized");
    // The same average in primary (standard 45) is oversized: the band is per stage, not per system.
    const p = organiseClasses({ pupils: r.pupilsOrganised, classes: r.classesAvailable, standardClassSize: 45, bands: primary });
    expect(p.bandCounts.oversized).toBe(r.classesAvailable);
  });
});
