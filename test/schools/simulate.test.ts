import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadAtlantaSchools } from "../fixtures/atlanta-schools/load.js";
import { fitModel, forecast, forecastSchools, groupInterval, parseDataset, reconcileSchoolDraws, schoolTotalRecords, simulate, simulateSchools, usK12SchoolSystem } from "../helpers/internal.js";

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

describe("simulateSchools reconciled to the area's simulated paths", () => {
  const model = fitModel(ds);
  const sf5 = forecastSchools(ds, forecast(model, { to: 2022 }));
  const simulation = simulate(model, { draws: 200, seed: 11, to: 2022, paths: true });
  const paths = simulateSchools(sf5, { seed: 5, area: { simulation, system: ds.system } });

  it("the district's schools sum to the district's path in every draw, stage and year", () => {
    // Atlanta's schools hold all the district's pupils (the fixture's district is their sum), so the coverage is 1.
    const S = paths.schools.length;
    const NS = paths.stages!.length;
    const H = paths.years.length;
    let checked = 0;
    for (const cell of simulation.paths!.cells) {
      const st = paths.stages!.indexOf(cell.stage);
      expect(st).toBeGreaterThanOrEqual(0);
      for (let d = 0; d < paths.draws; d++) {
        for (let h = 0; h < H; h++) {
          let sum = 0;
          for (let s = 0; s < S; s++) sum += paths.byStage![((d * S + s) * NS + st) * H + h]!;
          expect(Math.abs(sum - cell.pupils[d * H + h]!)).toBeLessThan(1e-9 * cell.pupils[d * H + h]!);
          checked++;
        }
      }
    }
    expect(checked).toBe(3 * 200 * 5);
    // totals are the sum of the stages.
    for (let s = 0; s < S; s += 17) {
      let v = 0;
      for (let st = 0; st < NS; st++) v += paths.byStage![((3 * S + s) * NS + st) * H + 2]!;
      expect(paths.totals[(3 * S + s) * H + 2]).toBeCloseTo(v, 9);
    }
  });

  it("is reproducible from its seed; a school's paths spread around its forecast", () => {
    const again = simulateSchools(sf5, { seed: 5, area: { simulation, system: ds.system } });
    expect(again.totals).toEqual(paths.totals);
    expect(simulateSchools(sf5, { seed: 6, area: { simulation, system: ds.system } }).totals).not.toEqual(paths.totals);
    const rows = schoolTotalRecords(sf5).filter((r) => r.year === 2020 && r.pupils > 600);
    for (const r of rows.slice(0, 5)) {
      const g = groupInterval(paths, [r.school], 0.8)[2]!;
      expect(g.lower).toBeLessThan(r.pupils);
      expect(g.upper).toBeGreaterThan(r.pupils);
    }
  });

  it("refuses a simulation without paths, other draws, or too few years, with the reason", () => {
    const noPaths = simulate(model, { draws: 20, seed: 1, to: 2022 });
    expect(() => simulateSchools(sf5, { seed: 1, area: { simulation: noPaths, system: ds.system } })).toThrow(/kept no paths/);
    expect(() => simulateSchools(sf5, { seed: 1, draws: 100, area: { simulation, system: ds.system } })).toThrow(/draws 100 differ/);
    const short = simulate(model, { draws: 20, seed: 1, to: 2020, paths: true });
    expect(() => simulateSchools(sf5, { seed: 1, area: { simulation: short, system: ds.system } })).toThrow(/no year 2021/);
    // A simulation from another base year (the model fitted on data to 2016).
    const cut = { ...ds, enrolment: ds.enrolment.filter((r) => r.year <= 2016), schoolEnrolment: ds.schoolEnrolment!.filter((r) => r.year <= 2016), baseYear: 2016 };
    const earlier = simulate(fitModel(cut), { draws: 20, seed: 1, to: 2022, paths: true });
    expect(() => simulateSchools(sf5, { seed: 1, area: { simulation: earlier, system: ds.system } })).toThrow(/starts in 2017, the school forecast in 2018/);
  });
});

describe("reconcileSchoolDraws (the kernel)", () => {
  // Random areas, stages, schools, draws; forecasts ≥ 0 (some 0), path ratios > 0, log noise in ±1.
  const arb = fc
    .record({
      A: fc.integer({ min: 1, max: 3 }),
      S: fc.integer({ min: 1, max: 7 }),
      NS: fc.integer({ min: 1, max: 3 }),
      H: fc.integer({ min: 1, max: 4 }),
      D: fc.integer({ min: 1, max: 5 }),
      seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 50, maxLength: 50 }),
    })
    .map(({ A, S, NS, H, D, seed }) => {
      let k = 0;
      const next = (): number => seed[k++ % seed.length]!;
      const areaOf = Int32Array.from({ length: S }, (_, s) => s % A);
      const F = Float64Array.from({ length: S * NS * H }, () => (next() % 5 === 0 ? 0 : next()));
      const ratio = Float64Array.from({ length: A * NS * D * H }, () => 0.5 + next() / 1000);
      const noise = Float64Array.from({ length: D * S * H }, () => next() / 500 - 1);
      return { A, S, NS, H, D, areaOf, F, ratio, noise };
    });

  it("the schools of an area sum to the area's forecast times its path ratio in every draw, stage and year; non-negative", () => {
    fc.assert(
      fc.property(arb, ({ A, S, NS, H, D, areaOf, F, ratio, noise }) => {
        const X = reconcileSchoolDraws(F, areaOf, A, NS, H, D, ratio, noise);
        for (const v of X) expect(v >= 0 && Number.isFinite(v)).toBe(true);
        for (let d = 0; d < D; d++) {
          for (let a = 0; a < A; a++) {
            for (let st = 0; st < NS; st++) {
              for (let h = 0; h < H; h++) {
                let f = 0;
                let x = 0;
                for (let s = 0; s < S; s++) {
                  if (areaOf[s] !== a) continue;
                  f += F[(s * NS + st) * H + h]!;
                  x += X[((d * S + s) * NS + st) * H + h]!;
                }
                expect(Math.abs(x - f * ratio[((a * NS + st) * D + d) * H + h]!)).toBeLessThanOrEqual(1e-9 * (1 + f));
              }
            }
          }
        }
      }),
    );
  });

  it("without noise each school is its forecast times its area's path ratio", () => {
    fc.assert(
      fc.property(arb, ({ A, S, NS, H, D, areaOf, F, ratio }) => {
        const X = reconcileSchoolDraws(F, areaOf, A, NS, H, D, ratio, new Float64Array(D * S * H));
        for (let d = 0; d < D; d++)
          for (let s = 0; s < S; s++)
            for (let st = 0; st < NS; st++)
              for (let h = 0; h < H; h++) {
                const want = F[(s * NS + st) * H + h]! * ratio[((areaOf[s]! * NS + st) * D + d) * H + h]!;
                expect(Math.abs(X[((d * S + s) * NS + st) * H + h]! - want)).toBeLessThanOrEqual(1e-9 * (1 + want));
              }
      }),
    );
  });
});
