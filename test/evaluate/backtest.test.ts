import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backtest,
  errorSummary,
  parseDataset,
  persistence,
  plain,
  ratioMethods,
  selectMethods,
  truncateDataset,
  withoutBirths,
  type DatasetInput,
} from "../../src/index.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";
import { toySystem } from "../helpers/toySystem.js";

/**
 * A toy-system series that follows its ratios exactly: G1 = s · births 5 years earlier,
 * G2 = r1 · G1 a year earlier, G3 = r2 · G2 a year earlier (integer ratios keep counts whole).
 */
function exactInput(p: { s: number; r1: number; r2: number; births: readonly number[]; areas?: number }): DatasetInput {
  const first = 2010;
  const last = 2020;
  const b0 = first - 7; // births needed back to G3's cohort in the first year
  const areas = Array.from({ length: p.areas ?? 1 }, (_, a) => ({ id: `a${a}` }));
  const B = (a: number, y: number): number => p.births[(y - b0 + a) % p.births.length]! * (a + 1);
  const enrolment = [];
  const births = [];
  for (let a = 0; a < areas.length; a++) {
    for (let y = b0; y <= last; y++) births.push({ area: `a${a}`, year: y, births: B(a, y) });
    for (let y = first; y <= last; y++) {
      const g1 = p.s * B(a, y - 5);
      const g2 = p.r1 * p.s * B(a, y - 6);
      const g3 = p.r2 * p.r1 * p.s * B(a, y - 7);
      enrolment.push({ area: `a${a}`, year: y, grade: "G1", pupils: g1 }, { area: `a${a}`, year: y, grade: "G2", pupils: g2 }, { area: `a${a}`, year: y, grade: "G3", pupils: g3 });
    }
  }
  return { areas, enrolment, births };
}

describe("errorSummary", () => {
  it("hand-worked: two cells ±10% give MAPE 10, bias 0, WAPE 10", () => {
    const s = errorSummary([
      { forecast: 110, actual: 100 },
      { forecast: 90, actual: 100 },
    ]);
    expect(s).toEqual({ cells: 2, small: 0, zeros: 0, mape: 10, mdape: 10, bias: 0, wape: 10 });
  });

  it("actuals below the floor are left out of the percentage errors but kept in WAPE", () => {
    // (0 → 3): APE would be infinite. WAPE = (|3 − 0| + |105 − 100|) / 100 = 8%.
    const s = errorSummary([
      { forecast: 3, actual: 0 },
      { forecast: 105, actual: 100 },
    ]);
    expect(s.small).toBe(1);
    expect(s.mape).toBe(5);
    expect(s.wape).toBe(8);
    expect(Number.isNaN(errorSummary([{ forecast: 1, actual: 0 }]).mape)).toBe(true);
  });

  it("floor 0: no floor, but an actual of 0 has no percentage error and is counted in zeros", () => {
    // (0 → 3) left out; (4 → 5) +25%; (100 → 90) −10%: MAPE (25 + 10) / 2 = 17.5, bias (25 − 10) / 2 = 7.5.
    // WAPE = (3 + 1 + 10) / 104 × 100.
    const s = errorSummary(
      [
        { forecast: 3, actual: 0 },
        { forecast: 5, actual: 4 },
        { forecast: 90, actual: 100 },
      ],
      0,
    );
    expect(s).toEqual({ cells: 3, small: 1, zeros: 1, mape: 17.5, mdape: 17.5, bias: 7.5, wape: (14 / 104) * 100 });
    // with the default floor of 20 the 4-pupil cell is small too, but not a zero
    expect(errorSummary([{ forecast: 5, actual: 4 }]).small).toBe(1);
    expect(errorSummary([{ forecast: 5, actual: 4 }]).zeros).toBe(0);
  });

  it("coverage is the share of actuals inside the interval", () => {
    const s = errorSummary([
      { forecast: 100, actual: 100, lower80: 95, upper80: 105, lower95: 90, upper95: 110 },
      { forecast: 100, actual: 107, lower80: 95, upper80: 105, lower95: 90, upper95: 110 },
    ]);
    expect(s.coverage80).toBe(0.5);
    expect(s.coverage95).toBe(1);
    expect(() => errorSummary([], -1)).toThrow(RangeError);
    expect(() => errorSummary([], NaN)).toThrow(RangeError);
  });
});

describe("truncateDataset", () => {
  const ds = parseDataset(exactInput({ s: 1, r1: 1, r2: 1, births: [100, 120, 90] }), toySystem);

  it("keeps enrolment up to the origin and births up to origin + birthsKnownTo", () => {
    const t = truncateDataset(ds, 2014).dataset;
    expect(t.baseYear).toBe(2014);
    expect(Math.max(...t.enrolment.map((r) => r.year))).toBe(2014);
    expect(Math.max(...t.births.map((r) => r.year))).toBe(2014);
    expect(Math.max(...truncateDataset(ds, 2014, { birthsKnownTo: -2 }).dataset.births.map((r) => r.year))).toBe(2012);
    expect(() => truncateDataset(ds, 2021)).toThrow(RangeError);
  });

  it("leaves out areas with a missing figure at the origin, and says so", () => {
    const input = exactInput({ s: 1, r1: 1, r2: 1, births: [100, 120, 90], areas: 2 });
    const enrolment = input.enrolment.map((r) => {
      const e = r as { area: string; year: number; grade: string };
      return e.area === "a1" && e.year === 2014 && e.grade === "G2" ? { ...e, pupils: null } : r;
    });
    const cut = truncateDataset(parseDataset({ ...input, enrolment }, toySystem), 2014);
    expect(cut.excluded).toEqual(["a1"]);
    expect(cut.dataset.enrolment.some((r) => r.area === "a1")).toBe(false);
  });
});

describe("backtest", () => {
  it("a series that follows its ratios exactly has zero error, for every ratio method (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          s: fc.integer({ min: 1, max: 3 }),
          r1: fc.integer({ min: 1, max: 2 }),
          r2: fc.integer({ min: 1, max: 2 }),
          births: fc.array(fc.integer({ min: 20, max: 2000 }), { minLength: 1, maxLength: 6 }),
          method: fc.constantFrom(...ratioMethods),
        }),
        ({ method, ...p }) => {
          const ds = parseDataset(exactInput(p), toySystem);
          const bt = backtest(ds, { progression: { method }, entry: { method } }, { origins: [2012, 2014, 2016], horizon: 4 });
          expect(bt.cells.length).toBeGreaterThan(0);
          for (const c of bt.cells) expectClose(c.forecast, c.actual, { rel: 1e-9 });
          expect(bt.overall.mape).toBeLessThan(1e-7);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("persistence is exact on a flat series; plain ignores births", () => {
    const ds = parseDataset(exactInput({ s: 1, r1: 1, r2: 1, births: [500] }), toySystem);
    expect(backtest(ds, persistence, { origins: [2012, 2015], horizon: 3 }).overall.mape).toBe(0);
    expect(withoutBirths(ds).births).toEqual([]);
    // with varying births, plain (entry as a level) errs where the births-driven default does not
    const wavy = parseDataset(exactInput({ s: 1, r1: 1, r2: 1, births: [500, 700, 300] }), toySystem);
    expect(backtest(wavy, plain, { origins: [2014], horizon: 3 }).overall.mape).toBeGreaterThan(1);
    expect(backtest(wavy, {}, { origins: [2014], horizon: 3 }).overall.mape).toBeLessThan(1e-9);
  });

  it("reports per horizon, stage and area; cells stop at the last actual year", () => {
    const ds = parseDataset(exactInput({ s: 2, r1: 1, r2: 2, births: [100, 130], areas: 2 }), toySystem);
    const bt = backtest(ds, {}, { origins: [2018, 2019], horizon: 3 });
    expect(bt.byHorizon.map((h) => h.horizon)).toEqual([1, 2, 3]);
    expect(bt.byHorizon.map((h) => h.cells)).toEqual([8, 4, 0]); // 2 areas × 2 stages × origins that reach the horizon
    expect(bt.byArea.map((a) => a.area).sort()).toEqual(["a0", "a1"]);
    expect(new Set(bt.byHorizonStage.map((r) => r.stage))).toEqual(new Set(["lower", "upper"]));
    const grades = backtest(ds, {}, { origins: [2019], horizon: 1, level: "grade" });
    expect(grades.cells.map((c) => c.grade).sort()).toEqual(["G1", "G1", "G2", "G2", "G3", "G3"]);
  });

  it("with simulation, intervals are scored and bracket the forecasts", () => {
    const noisy = exactInput({ s: 1, r1: 1, r2: 1, births: [400, 430, 380, 450, 410] });
    const enrolment = noisy.enrolment.map((r, i) => ({ ...(r as object), pupils: (r as { pupils: number }).pupils + ((i * 7) % 11) - 5 }));
    const ds = parseDataset({ ...noisy, enrolment }, toySystem);
    const bt = backtest(ds, {}, { origins: [2016, 2017], horizon: 2, simulation: { draws: 200, seed: 3 } });
    for (const c of bt.cells) {
      expect(c.lower95!).toBeLessThanOrEqual(c.lower80!);
      expect(c.lower80!).toBeLessThanOrEqual(c.upper80!);
      expect(c.upper80!).toBeLessThanOrEqual(c.upper95!);
    }
    expect(bt.overall.coverage80).toBeGreaterThanOrEqual(0);
    expect(bt.overall.coverage80).toBeLessThanOrEqual(1);
  });

  it("refuses bad plans", () => {
    const ds = parseDataset(exactInput({ s: 1, r1: 1, r2: 1, births: [100] }), toySystem);
    expect(() => backtest(ds, {}, { origins: [], horizon: 1 })).toThrow(RangeError);
    expect(() => backtest(ds, {}, { origins: [2020], horizon: 1 })).toThrow(RangeError);
    expect(() => backtest(ds, {}, { origins: [2015], horizon: 0 })).toThrow(RangeError);
    expect(() => backtest(ds, persistence, { origins: [2015], horizon: 1, simulation: { draws: 10, seed: 1 } })).toThrow(RangeError);
  });

  it("does not mutate its inputs", () => {
    const ds = deepFreeze(parseDataset(exactInput({ s: 1, r1: 2, r2: 1, births: [100, 150] }), toySystem));
    const opts = deepFreeze({ progression: { method: "mean" as const, years: 3 } });
    const plan = deepFreeze({ origins: [2016, 2013], horizon: 2 });
    expect(() => backtest(ds, opts, plan)).not.toThrow();
    expect(plan.origins).toEqual([2016, 2013]);
  });
});

describe("selectMethods", () => {
  it("scores every candidate per stage and keeps the first on ties", () => {
    const ds = parseDataset(exactInput({ s: 1, r1: 2, r2: 1, births: [100, 150, 120] }), toySystem);
    const sel = selectMethods(ds, {}, { origins: [2014, 2016], horizon: 2, candidates: [{ method: "ses" }, { method: "mean", years: 3 }] });
    expect(sel.choices).toHaveLength(4); // 2 stages × progression and entry
    for (const c of sel.choices) {
      expect(c.chosen).toEqual({ method: "ses" });
      expect(c.scores).toHaveLength(2);
    }
    expect(sel.options.stages?.lower?.entry).toEqual({ method: "ses" });
  });

  it("picks the better method where one is better, and can choose per area", () => {
    // G2 / G1 ratios trend upwards, so the last value (ses with alpha 1) beats a 3-year mean.
    const input = exactInput({ s: 1, r1: 1, r2: 1, births: [200] });
    const enrolment = input.enrolment.map((r) => {
      const e = r as { area: string; year: number; grade: string; pupils: number };
      return e.grade === "G2" ? { ...e, pupils: 200 + 10 * (e.year - 2010) } : e;
    });
    const ds = parseDataset({ ...input, enrolment }, toySystem);
    const sel = selectMethods(ds, {}, { origins: [2015, 2016, 2017], horizon: 1, by: "area", candidates: [{ method: "mean", years: 3 }, { method: "ses", alpha: 1 }] });
    const lower = sel.choices.find((c) => c.stage === "lower" && c.kind === "progression")!;
    expect(lower.area).toBe("a0");
    expect(lower.chosen).toEqual({ method: "ses", alpha: 1 });
    expect(lower.scores[1]!.score).toBeLessThan(lower.scores[0]!.score);
    expect(sel.options.areas?.a0?.stages?.lower?.progression).toEqual({ method: "ses", alpha: 1 });
  });
});
