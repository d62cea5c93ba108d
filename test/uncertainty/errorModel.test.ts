import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backtest, chinaSchoolSystem, fitModel, forecast, parseDataset, simulate, stageTotals, usK12SchoolSystem } from "../helpers/internal.js";
import { addSeriesMoments, estimateWeights, fitWalk, meanSquareScaled, NO_GROWTH_WEIGHTS, ONE_STEP_WEIGHTS, weightsOf, WALK_FIT_HORIZONS, type ErrorMoments } from "../../src/uncertainty/simulate/errorModel.js";
import { resolveRatioOptions } from "../../src/cohort/methods.js";
import { expectClose } from "../helpers/expect.js";
import { datasetInputArb } from "../helpers/arbitraries.js";
import { loadUsStates } from "../fixtures/load.js";

const K = WALK_FIT_HORIZONS;

/** Moments of E[e_h e_k] = L + q min(h, k) + ε [h = k] exactly, each cell seen `n(h, k)` times. */
function exactMoments(L: number, q: number, eps: number, n: (h: number, k: number) => number): ErrorMoments {
  const m: ErrorMoments = { K, sum: new Float64Array(K * K), count: new Float64Array(K * K) };
  for (let h = 1; h <= K; h++)
    for (let k = 1; k <= h; k++) {
      const c = n(h, k);
      m.count[(h - 1) * K + k - 1] = c;
      m.sum[(h - 1) * K + k - 1] = c * (L + q * k + (h === k ? eps : 0));
    }
  return m;
}

describe("ratio error growth: fitting the level, walk and fresh parts", () => {
  it("recovers the components of exact moments, whatever the counts (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.array(fc.integer({ min: 30, max: 5000 }), { minLength: K * K, maxLength: K * K }),
        (L, q, eps, counts) => {
          fc.pre(L + q + eps > 1e-6);
          const fit = fitWalk(exactMoments(L, q, eps, (h, k) => counts[(h - 1) * K + k - 1]!))!;
          expectClose(fit.L, L, { abs: 1e-9 });
          expectClose(fit.q, q, { abs: 1e-9 });
          expectClose(fit.eps, eps, { abs: 1e-9 });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("any moments give parts ≥ 0, so the error variance 1 + (h − 1) ρ² never falls with the horizon; the weights' squares sum to 1 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: K * K, maxLength: K * K }),
        fc.array(fc.integer({ min: 30, max: 500 }), { minLength: K * K, maxLength: K * K }),
        (means, counts) => {
          const m: ErrorMoments = { K, sum: Float64Array.from(means, (v, i) => v * counts[i]!), count: Float64Array.from(counts) };
          const fit = fitWalk(m);
          if (!fit) return;
          expect(fit.L).toBeGreaterThanOrEqual(0);
          expect(fit.q).toBeGreaterThanOrEqual(0);
          expect(fit.eps).toBeGreaterThanOrEqual(0);
          const w = weightsOf(fit);
          expectClose(w.level ** 2 + w.walk ** 2 + w.fresh ** 2, 1, { abs: 1e-12 });
          const variance = (h: number): number => w.level ** 2 + h * w.walk ** 2 + w.fresh ** 2;
          for (let h = 1; h < 15; h++) expect(variance(h + 1)).toBeGreaterThanOrEqual(variance(h));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("without enough pairs of one- and two-year-ahead errors the growth is not fitted: no walk, the one-step model's equal shares, squares summing to 1", () => {
    expect(fitWalk(exactMoments(0.01, 0.01, 0.01, (h, k) => (h === 2 && k === 1 ? 29 : 100)))).toBeUndefined();
    expect(weightsOf(undefined)).toEqual(NO_GROWTH_WEIGHTS);
    const w = NO_GROWTH_WEIGHTS;
    expect(w.walk).toBe(0);
    expect(w.level).toBe(w.fresh);
    expectClose(w.level ** 2 + w.walk ** 2 + w.fresh ** 2, 1, { abs: 1e-15 });
    // The one-step model counts a one-step error twice (level and fresh): twice the variance.
    expect(ONE_STEP_WEIGHTS.level ** 2 + ONE_STEP_WEIGHTS.fresh ** 2).toBe(2);
  });

  it("a history too short to measure the growth (two ratios per series: one error each) gets the no-growth weights for every fill", () => {
    // Vermont 1986–1988: each progression ratio has two years (1987, 1988), so one one-step error
    // and no pair of a one- and a two-year-ahead error.
    const input = loadUsStates({ states: ["Vermont"] }).input;
    const model = fitModel(parseDataset({ ...input, enrolment: input.enrolment.filter((r) => r.year <= 1988), births: input.births.filter((b) => b.year <= 1988) }, usK12SchoolSystem));
    for (const w of estimateWeights(model).filter((x) => x !== undefined)) expect(w).toEqual(NO_GROWTH_WEIGHTS);
  });

  it("in-sample errors of a short series, by hand", () => {
    // ses, α = 0.5, ratios 1, 1.1, 1.2: from the first ratio (level 1) the errors 1 and 2 years
    // ahead are ln 1.1 and ln 1.2; from the first two (level 0.5 · 1.1 + 0.5 · 1 = 1.05) the
    // error 1 year ahead is ln(1.2 / 1.05).
    const m: ErrorMoments = { K, sum: new Float64Array(K * K), count: new Float64Array(K * K) };
    addSeriesMoments([1, 1.1, 1.2], resolveRatioOptions(), m);
    const e11 = Math.log(1.1);
    const e12 = Math.log(1.2 / 1.05);
    const e2 = Math.log(1.2);
    expect(Array.from(m.count.slice(0, 2 * K))).toEqual([2, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
    expectClose(m.sum[0]!, e11 * e11 + e12 * e12, { rel: 1e-12 });
    expectClose(m.sum[K]!, e2 * e11, { rel: 1e-12 });
    expectClose(m.sum[K + 1]!, e2 * e2, { rel: 1e-12 });
  });
});

describe("the spread resampled by the walk model (meanSquareScaled)", () => {
  const errs = fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 2, maxLength: 40 });
  it("centred, order kept, mean square equal to the raw errors' (bias included), so at least their centred spread (property)", () => {
    fc.assert(
      fc.property(errs, (raw) => {
        const frozen = Object.freeze([...raw]);
        const out = meanSquareScaled(frozen);
        const n = raw.length;
        const mean = raw.reduce((a, v) => a + v, 0) / n;
        const cs = raw.reduce((a, v) => a + (v - mean) ** 2, 0);
        const ss = raw.reduce((a, v) => a + v * v, 0);
        expect(out).toHaveLength(n);
        expect(Math.abs(out.reduce((a, v) => a + v, 0))).toBeLessThanOrEqual(1e-9 * (1 + Math.sqrt(ss)));
        if (!(cs > 1e-24)) return;
        const ms = out.reduce((a, v) => a + v * v, 0) / n;
        expectClose(ms, ss / n, { rel: 1e-9 });
        for (let i = 0; i < n; i++) {
          // the same list, centred, times k = √(Σe² / Σ(e − ē)²) ≥ 1
          expect(Math.abs(out[i]!)).toBeGreaterThanOrEqual(Math.abs(raw[i]! - mean) * (1 - 1e-12));
          for (let j = 0; j < n; j++) if (raw[i]! < raw[j]!) expect(out[i]!).toBeLessThanOrEqual(out[j]!);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("unbiased errors keep their spread; a constant bias of each error adds to it, by hand", () => {
    // [-0.02, 0, 0.02]: mean 0, nothing to add. [0.08, 0.1, 0.12]: centred the same, raw mean
    // square (0.0064 + 0.01 + 0.0144) / 3 = 0.010267, so k = √(0.0308 / 0.0008) = √38.5.
    expect(Array.from(meanSquareScaled([-0.02, 0, 0.02]))).toEqual([-0.02, 0, 0.02]);
    const b = meanSquareScaled([0.08, 0.1, 0.12]);
    expectClose(b[0]!, -0.02 * Math.sqrt(38.5), { rel: 1e-12 });
    expectClose(b[2]!, 0.02 * Math.sqrt(38.5), { rel: 1e-12 });
    expect(Array.from(meanSquareScaled([0.05]))).toEqual([0]);
    expect(Array.from(meanSquareScaled([0.05, 0.05]))).toEqual([0, 0]);
  });
});

describe("simulate: ratio error models", () => {
  it("with every source off, each model's quantiles equal the deterministic forecast (property)", () => {
    const off = { ratios: false, births: false, housing: false, places: false } as const;
    fc.assert(
      fc.property(datasetInputArb(chinaSchoolSystem), fc.constantFrom("walk" as const, "one-step" as const), (input, ratioErrors) => {
        const model = fitModel(parseDataset(input, chinaSchoolSystem));
        const to = model.baseYear + 4;
        const sim = simulate(model, { draws: 7, seed: 3, to, sources: off, ratioErrors });
        const det = stageTotals(forecast(model, { to })).filter((r) => r.kind === "forecast");
        for (const r of sim.rows) {
          const d = det.find((x) => x.area === r.area && x.stage === r.stage && x.year === r.year)!;
          for (const q of r.pupils) expect(q).toBe(d.pupils);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("refuses an unknown ratio error model", () => {
    const model = fitModel(parseDataset(loadUsStates({ states: ["Vermont"] }).input, usK12SchoolSystem));
    expect(() => simulate(model, { draws: 5, seed: 1, to: model.baseYear + 1, ratioErrors: "gaussian" as never })).toThrow(RangeError);
  });
});

describe("simulate: calibration on a slice of the US states", () => {
  it("the 80% and 95% intervals hold about 80% and 95% of the actual stage totals at every horizon 1–5, where the one-step model drifts", () => {
    // Rolling-origin backtest as `npm run accuracy` (bench/accuracy.ts), on 7 of its 23 origins
    // (1998–2004) and 200 draws instead of 400. Measured at this commit: "walk" 82.1, 82.3, 83.2,
    // 85.2, 85.7% (80%) and 90.1, 91.8, 92.9, 93.7, 94.3% (95%) at h = 1–5; "one-step" 87.4 →
    // 76.5% and 94.2 → 88.9%. The bands: issue 14's goal (75–85%, 90–97%), widened by 2 points
    // (80% up to 87%, 95% down to 87%) for the sampling spread of 7 origins (1,071 cells per
    // horizon, correlated within an origin); the full run of 23 origins holds 81.6–84.9% and
    // 91.4–94.5% (docs/accuracy.md).
    const ds = parseDataset(loadUsStates().input, usK12SchoolSystem);
    const plan = { origins: [1998, 1999, 2000, 2001, 2002, 2003, 2004], horizon: 5 };
    const walk = backtest(ds, {}, { ...plan, simulation: { draws: 200, seed: 20240501 } }).byHorizon;
    const oneStep = backtest(ds, {}, { ...plan, simulation: { draws: 200, seed: 20240501, ratioErrors: "one-step" } }).byHorizon;
    for (const h of walk) {
      expect(h.coverage80!).toBeGreaterThanOrEqual(0.75);
      expect(h.coverage80!).toBeLessThanOrEqual(0.87);
      expect(h.coverage95!).toBeGreaterThanOrEqual(0.87);
      expect(h.coverage95!).toBeLessThanOrEqual(0.97);
    }
    const drift = (b: typeof walk): number => Math.abs(b[4]!.coverage80! - b[0]!.coverage80!);
    expect(drift(walk)).toBeLessThan(0.05);
    expect(drift(oneStep)).toBeGreaterThan(0.05);
  }, 60_000);
});
