import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessCapacity, backtest, fitModel, forecast, safeParseDataset, stageTotals } from "../../src/index.js";
import { forecastWithHousing } from "../../src/housing/forecast.js";
import { defineYieldTable } from "../../src/housing/yield.js";
import { usK12SchoolSystem } from "../../src/index.js";
import { componentStageTotals } from "../../src/housing/records.js";
import { deepFreeze, validCase } from "./arbitraries.js";
import { fuzzSimulate } from "./simulate.js";

// The fuzz suite of issue 20: valid fuzzed datasets through fit, forecast, housing, assessment,
// simulation and backtest. Seeded by test/setup.ts (FC_SEED, printed); runs are few and datasets
// small so that the suite stays around a minute on two cores. FUZZ_RUNS scales it up locally.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

// The US system has no default yield table: an arbitrary one for the fuzz runs (not a norm).
const usYields = defineYieldTable(
  { id: "fuzz-us", source: "fuzz test: arbitrary yields, not a norm", perDwelling: { elementary: 0.3, middle: 0.12, high: 0.1 }, phasing: { weights: [1, 2, 1], source: "fuzz test" } },
  usK12SchoolSystem,
);

function finiteNonNegative(label: string, values: Iterable<number>): void {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) throw new Error(`${label}: ${v}`);
  }
}

describe("fuzz: valid datasets through the whole pipeline", () => {
  it("parse, fit, forecast, housing and assessment: finite, non-negative numbers; surplus = places − pupils; inputs untouched", () => {
    fc.assert(
      fc.property(validCase, ({ system, input }) => {
        const snapshot = structuredClone(input);
        const frozen = deepFreeze(structuredClone(input));
        const r = safeParseDataset(frozen, system);
        if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
        const ds = deepFreeze(r.data);
        const model = fitModel(ds);
        const to = ds.baseYear + 8;
        const fcast = forecast(model, { to });
        const G = fcast.grades.length;
        const W = fcast.years.length;
        fcast.areas.forEach((_, a) => {
          for (let g = 0; g < G; g++) if (model.fill[a * G + g]) finiteNonNegative(`pupils ${fcast.areas[a]} ${fcast.grades[g]}`, fcast.pupils.subarray((a * G + g) * W, (a * G + g + 1) * W));
        });
        const stages = stageTotals(fcast);
        finiteNonNegative("stage totals", stages.map((s) => s.pupils));
        if (ds.housing?.length) finiteNonNegative("housing", componentStageTotals(forecastWithHousing(model, { to, ...(system === usK12SchoolSystem ? { yields: usYields } : {}) })).map((s) => s.pupils));
        if (ds.capacity?.length) {
          for (const row of assessCapacity(stages, ds, { missingPlaces: "skip" })) {
            finiteNonNegative(`assessment ${row.area} ${row.stage} ${row.year}`, [row.pupils, row.places]);
            expect(row.surplus).toBeCloseTo(row.places - row.pupils, 6);
          }
        }
        expect(input).toEqual(snapshot);
      }),
      { numRuns: RUNS },
    );
  });

  it("simulation: finite, non-negative quantiles; the same seed gives the same numbers", () => {
    fc.assert(
      fc.property(validCase, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ system, input }, seed) => {
        const r = safeParseDataset(deepFreeze(structuredClone(input)), system);
        if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
        const model = fitModel(r.data);
        const o = { draws: 20, seed, to: r.data.baseYear + 5 };
        const a = fuzzSimulate(model, r.data, o);
        for (const row of a.rows) finiteNonNegative(`simulation ${row.area} ${row.stage} ${row.year}`, [row.mean, ...row.pupils]);
        expect(fuzzSimulate(model, r.data, o).rows).toEqual(a.rows);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("backtest (three or more years of history): finite, non-negative forecasts", () => {
    fc.assert(
      fc.property(
        validCase.filter((c) => new Set(c.input.enrolment.map((e) => (e as { year: number }).year)).size >= 3),
        ({ system, input }) => {
          const r = safeParseDataset(deepFreeze(structuredClone(input)), system);
          if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
          const ds = r.data;
          const bt = backtest(ds, {}, { origins: [ds.baseYear - 2, ds.baseYear - 1], horizon: 2 });
          finiteNonNegative("backtest forecasts", bt.cells.map((c) => c.forecast));
          finiteNonNegative("backtest actuals", bt.cells.map((c) => c.actual));
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
