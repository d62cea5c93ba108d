import { describe, expect, it } from "vitest";
import { loadAtlantaSchools } from "../fixtures/atlanta-schools/load.js";
import { backtestSchools, fitModel, forecast, forecastSchools, parseDataset, schoolTotalRecords, usK12SchoolSystem } from "../helpers/internal.js";

const ds = parseDataset(loadAtlantaSchools().input, usK12SchoolSystem);

describe("Atlanta schools fixture", () => {
  it("loads 142 school codes and validates; the district is the sum of its schools", () => {
    // 142 distinct school codes in the CSV besides TOTAL (counted with Python's csv module); none dropped.
    expect(ds.schools!.length).toBe(142);
    const d2012 = ds.enrolment.filter((r) => r.year === 2012).reduce((s, r) => s + r.pupils!, 0);
    const s2012 = ds.schoolEnrolment!.filter((r) => r.year === 2012).reduce((s, r) => s + r.pupils!, 0);
    expect(d2012).toBe(s2012);
    expect(d2012).toBe(48460);
  });

  it("loads the Midtown cluster's feeder map: 6 links between schools of the data, the unknown code listed as dropped", () => {
    // midtown_cluster_feeders.csv has 7 lines; code 9999 (Virginia Highland Elementary) is not in the enrolment CSV.
    const load = loadAtlantaSchools();
    expect(ds.feeders).toHaveLength(6);
    expect(ds.feeders!.filter((f) => f.school === "1563").map((f) => f.from).sort()).toEqual(["0116", "1664", "2062", "2564"]);
    expect(load.dropped.filter((d) => d.startsWith("feeder link 9999"))).toHaveLength(1);
    // The default intake uses the map: David T Howard Middle School's grade 6 has mapped feeder weights.
    const sf = forecastSchools(ds, forecast(fitModel(ds), { to: 2019 }), { level: null });
    const G = sf.panel.grades.length;
    const i = sf.panel.schools.indexOf("1563") * G + sf.panel.grades.indexOf("G6");
    expect(sf.fit.feeders!.mapped[i]).toBe(1);
    expect(sf.fit.feeders!.start[i + 1]! - sf.fit.feeders!.start[i]!).toBe(4);
  });

  it("forecasts every school to 2022, reconciled: schools sum to the district in every grade and year", () => {
    const fc = forecast(fitModel(ds), { to: 2022 });
    const sf = forecastSchools(ds, fc);
    const rows = schoolTotalRecords(sf);
    const G = fc.grades.length;
    for (const year of [2018, 2022]) {
      const h = year - 2017;
      const area = Array.from({ length: G }, (_, g) => fc.pupils[g * fc.years.length + h]!).reduce((a, b) => a + b, 0);
      const schools = rows.filter((r) => r.year === year).reduce((s, r) => s + r.pupils, 0);
      expect(Math.abs(schools - area)).toBeLessThan(1e-6 * area);
    }
    // Schools closed before 2017 have 0 pupils in every forecast year.
    const closed = new Set(ds.schools!.filter((s) => s.closes !== undefined).map((s) => s.id));
    expect(rows.filter((r) => closed.has(r.school) && r.year > 2017).every((r) => r.pupils === 0)).toBe(true);
    // Every open school's interval surrounds its forecast.
    for (const r of rows.filter((x) => x.year > 2017 && x.pupils > 0)) expect(r.lower! <= r.pupils && r.pupils <= r.upper!).toBe(true);
  });

  it("backtest of a subset of schools scores only those (one origin, one school: one error per method)", () => {
    const r = backtestSchools(ds, { origins: [2015], maxHorizon: 1, scored: ["1563"], schools: { level: null } });
    expect(r.rows.map((x) => `${x.method} ${x.n}`)).toEqual(["default 1", "plain 1", "persistence 1"]);
    // Persistence: Howard's 2015 total against its 2016 total, both from the fixture CSV.
    const total = (y: number) => ds.schoolEnrolment!.filter((e) => e.school === "1563" && e.year === y).reduce((a, e) => a + e.pupils!, 0);
    expect(r.rows[2]!.mape).toBeCloseTo((Math.abs(total(2015) - total(2016)) / total(2016)) * 100, 9);
  });

  it("backtest, origins 2010–2016: the figures printed in docs/schools.md", () => {
    // docs/schools.md's table, measured by bench/schools-accuracy.ts; the test guards them.
    const r = backtestSchools(ds, { origins: [2010, 2011, 2012, 2013, 2014, 2015, 2016], maxHorizon: 5, paths: { draws: 1000, seed: 16 } });
    const at = (h: number, m: string) => r.rows.find((x) => x.horizon === h && x.method === m)!;
    expect(at(1, "default").n).toBe(585);
    expect(at(1, "default").mape).toBeCloseTo(7.9, 1);
    expect(at(1, "persistence").mape).toBeCloseTo(8.0, 1);
    expect(at(1, "plain").mape).toBeCloseTo(9.5, 1);
    expect(at(3, "default").mape).toBeCloseTo(15.5, 1);
    expect(at(5, "default").mape).toBeCloseTo(18.0, 1);
    for (let h = 1; h <= 5; h++) {
      const c = at(h, "default").coverage;
      expect(c).toBeGreaterThanOrEqual(0.75);
      expect(c).toBeLessThanOrEqual(0.85);
      // The paths reconciled to the district's simulated paths hold the same goal (79–83% measured).
      const pc = at(h, "default").pathCoverage;
      expect(pc).toBeGreaterThanOrEqual(0.75);
      expect(pc).toBeLessThanOrEqual(0.85);
      expect(at(h, "default").mape).toBeLessThan(at(h, "plain").mape);
    }
  });
});
