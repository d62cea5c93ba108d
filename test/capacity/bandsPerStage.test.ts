import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { assessCapacity, bandsForStage, chinaSchoolSystem, defineSchoolSystem, evenSpread, fitModel, forecast, organiseClasses, stageTotals, yangjiangDataset } from "../helpers/internal.js";

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
    const fcast = forecast(fitModel(ds), { to: 2022 });
    const rows = assessCapacity(stageTotals(fcast), ds);
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

describe("laws of bands above the standard (fast-check)", () => {
  it("for any standard s < 55, the oversized band is s + 1 … 55 and counts exactly the evenly spread classes of that size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 54 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 120 }), (s, pupils, classes) => {
        const stages = chinaSchoolSystem.stages.map((st) => (st.id === "junior" ? { ...st, standardClassSize: { value: s, source: "test: a standard given" } } : st));
        const sys = defineSchoolSystem({ ...chinaSchoolSystem, id: `china-junior-${s}`, stages });
        const bands = bandsForStage(sys, "junior");
        const over = bands.find((b) => b.id === "oversized")!;
        expect([over.min, over.max]).toEqual([s + 1, 55]);
        // The same band through an explicit standard: the same range.
        expect(bandsForStage(chinaSchoolSystem, "junior", s)[0]!.min).toBe(s + 1);
        const o = organiseClasses({ pupils, classes, standardClassSize: s, bands });
        const sp = evenSpread(pupils, classes);
        const inBand = (x: number): boolean => x > s && x <= 55;
        expect(o.bandCounts.oversized).toBe((inBand(sp.smallSize) ? sp.smallClasses : 0) + (sp.largeClasses && inBand(sp.largeSize) ? sp.largeClasses : 0));
      }),
    );
  });

  it("China's bands tile every stage from its standard + 1 upwards with no gap or overlap", () => {
    for (const st of chinaSchoolSystem.stages) {
      const bands = bandsForStage(chinaSchoolSystem, st.id);
      expect(bands[0]!.min).toBe(st.standardClassSize.value + 1);
      for (let i = 1; i < bands.length; i++) expect(bands[i]!.min).toBe(bands[i - 1]!.max! + 1);
      expect(bands[bands.length - 1]!.max).toBeUndefined();
    }
  });
});
