import { describe, expect, it } from "vitest";
import { loadAtlantaSchools } from "../fixtures/atlanta-schools/load.js";
import { fitModel, forecast, forecastSchools, groupInterval, parseDataset, schoolTotalRecords, simulateSchools, usK12SchoolSystem } from "../helpers/internal.js";

const ds = parseDataset(loadAtlantaSchools().input, usK12SchoolSystem);
const sf = forecastSchools(ds, forecast(fitModel(ds), { to: 2020 }));

describe("simulateSchools", () => {
  it("is reproducible from its seed and differs between seeds", () => {
    const a = simulateSchools(sf, { draws: 50, seed: 7 });
    const b = simulateSchools(sf, { draws: 50, seed: 7 });
    const c = simulateSchools(sf, { draws: 50, seed: 8 });
    expect(a.totals).toEqual(b.totals);
    expect(a.totals).not.toEqual(c.totals);
  });

  it("each school's path quantiles match its 80% interval (same errors, one uniform per path)", () => {
    const paths = simulateSchools(sf, { draws: 4000, seed: 1 });
    const rows = schoolTotalRecords(sf).filter((r) => r.year === 2019 && r.pupils > 300);
    const S = paths.schools.length;
    for (const r of rows.slice(0, 10)) {
      const i = paths.schools.indexOf(r.school);
      const g = groupInterval(paths, [r.school], 0.8)[1]!;
      expect(g.year).toBe(2019);
      // Sampling error of a 10% quantile from 4,000 draws: a few tenths of a percent of the quantile's spread.
      expect(Math.abs(g.lower - r.lower!) / r.lower!).toBeLessThan(0.02);
      expect(Math.abs(g.upper - r.upper!) / r.upper!).toBeLessThan(0.02);
      expect(paths.totals[(0 * S + i) * 3 + 1]).toBeGreaterThan(0);
    }
  });

  it("a group's interval is narrower, relative to its total, than its schools' own", () => {
    const paths = simulateSchools(sf, { draws: 2000, seed: 3 });
    const rows = schoolTotalRecords(sf).filter((r) => r.year === 2020 && r.pupils > 0);
    const g = groupInterval(paths, rows.map((r) => r.school), 0.8)[2]!;
    const total = rows.reduce((s, r) => s + r.pupils, 0);
    const own = rows.reduce((s, r) => s + (r.upper! - r.lower!), 0);
    expect(g.upper - g.lower).toBeLessThan(own);
    expect(g.lower).toBeLessThan(total * 1.05);
  });
});
