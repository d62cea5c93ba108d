import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, fitModel, forecast, parseDataset, simulate } from "../src/index.js";
import { MODEL_OPTIONS } from "../bench/config.js";
import { naiveDifference, naiveForecast } from "../bench/naive.js";
import { syntheticNational } from "../bench/synthetic.js";

// The benchmark's naive reference must compute the same forecast as the typed kernels, or its
// speed-up ratio means nothing. Small sizes: this is a smoke test, not the benchmark.
describe("benchmark reference", () => {
  const input = syntheticNational({ areas: 5, seed: 11 });
  const ds = parseDataset(input, chinaSchoolSystem);

  it("the synthetic generator is seeded: the same seed gives the same records", () => {
    expect(syntheticNational({ areas: 5, seed: 11 })).toEqual(input);
    expect(syntheticNational({ areas: 5, seed: 12 }).enrolment).not.toEqual(input.enrolment);
    expect(ds.housing?.length).toBeGreaterThan(0);
    expect(ds.capacity?.length).toBeGreaterThan(0);
  });

  it("the naive record-by-record forecast equals fitModel + forecast with the benchmark options", () => {
    const to = ds.baseYear + 15;
    const fc = forecast(fitModel(ds, MODEL_OPTIONS), { to });
    const naive = naiveForecast(input.enrolment as never, input.births as never, to, MODEL_OPTIONS.progression.years);
    expect(naive.size).toBe(5 * 15 * 15);
    const d = naiveDifference(naive, fc);
    expect(d.compared).toBe(naive.size);
    // simple-statistics' mean uses compensated summation; the naive sum does not.
    expect(d.maxRel).toBeLessThan(1e-12);
  });

  it("simulate over disjoint area subsets, concatenated in area order, equals the full run", () => {
    const model = fitModel(ds, MODEL_OPTIONS);
    const places = ds.capacity ?? [];
    const opts = { draws: 40, seed: 3, to: ds.baseYear + 6, places, planned: ds.plannedPlaces ?? [] };
    const full = simulate(model, opts);
    const areas = model.cube.areas;
    const parts = [areas.slice(0, 2), areas.slice(2)].map((share) => simulate(model, { ...opts, areas: share }));
    expect(parts[0]!.rows.every((r) => areas.slice(0, 2).includes(r.area))).toBe(true);
    expect([...parts[0]!.rows, ...parts[1]!.rows]).toEqual(full.rows);
    expect(simulate(model, { ...opts, areas: ["no-such-area"] }).rows).toEqual([]);
  });
});
