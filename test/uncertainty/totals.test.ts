import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, fitModel, forecast, parseDataset, quantileSorted, simulate, stageTotals, type SimulatedCellPaths, type SimulationRow } from "../helpers/internal.js";
import { expectClose } from "../helpers/expect.js";
import { twoAreasInput } from "../helpers/synthetic.js";

// The two synthetic areas of the simulation tests inside a city with no places of its own:
// places for primary and junior in both areas (so "all" has places only where every taught
// stage has them: never, preschool and senior have none), and a compulsory group that has.
const TO = 2025;
const H = TO - 2020;
const input = twoAreasInput();
const ds = parseDataset(
  {
    ...input,
    areas: [{ id: "city" }, { id: "north", parent: "city" }, { id: "south", parent: "city" }],
    capacity: [
      { area: "north", stage: "primary", year: 2020, places: 2500 },
      { area: "south", stage: "primary", year: 2020, places: 2900 },
      { area: "north", stage: "junior", year: 2020, places: 1200 },
      { area: "south", stage: "junior", year: 2020, places: 1300 },
    ],
    plannedPlaces: [{ area: "south", stage: "primary", year: 2023, places: 200, project: "south school" }],
  },
  chinaSchoolSystem,
);
const model = fitModel(ds);
const STAGES = ["preschool", "primary", "junior", "senior"];
const off = { ratios: false, births: false, housing: false, places: false } as const;
const rowOf = (rows: readonly SimulationRow[], area: string, stage: string, year: number) => rows.find((r) => r.area === area && r.stage === stage && r.year === year);
const cellOf = (cells: readonly SimulatedCellPaths[], area: string, stage: string) => cells.find((c) => c.area === area && c.stage === stage)!;

/** Draw d's value of a sum of cells in year index y. */
const sumAt = (cells: readonly SimulatedCellPaths[], field: "pupils" | "places", d: number, y: number) => cells.reduce((s, c) => s + c[field][d * H + y]!, 0);

describe("simulate: totals per path", () => {
  it("without the option, no sum rows and no containing area without places (the rows of before)", () => {
    const sim = simulate(model, { draws: 20, seed: 1, to: TO, supply: ds });
    expect(new Set(sim.rows.map((r) => r.area))).toEqual(new Set(["north", "south"]));
    expect(new Set(sim.rows.map((r) => r.stage))).toEqual(new Set(STAGES));
  });

  it("rows: each area's stage rows, then \"all\", then the groups; the city after its parts", () => {
    const sim = simulate(model, { draws: 20, seed: 1, to: TO, supply: ds, totals: { allGrades: true, groups: { compulsory: ["primary", "junior"] }, containingAreas: true } });
    const order = [...new Set(sim.rows.map((r) => `${r.area}/${r.stage}`))];
    expect(order).toEqual(["north", "south", "city"].flatMap((a) => [...STAGES, "all", "compulsory"].map((s) => `${a}/${s}`)));
    expect(sim.rows).toHaveLength(3 * 6 * H);
    // Places: the compulsory group has them (both stages placed), "all" has none (preschool has none).
    expect(rowOf(sim.rows, "north", "compulsory", 2022)!.places).toBe(3700);
    expect(rowOf(sim.rows, "city", "compulsory", 2022)!.places).toBe(3700 + 4200);
    expect(rowOf(sim.rows, "city", "primary", 2022)!.places).toBe(5400);
    expect(rowOf(sim.rows, "city", "primary", 2022)!.pBands).toBeUndefined();
    expect(rowOf(sim.rows, "city", "all", 2022)!.places).toBeUndefined();
    expect(rowOf(sim.rows, "city", "senior", 2022)!.places).toBeUndefined();
  });

  it("rejects a group that reuses a stage id or \"all\", is empty, or names a stage not in the system", () => {
    const base = { draws: 2, seed: 1, to: TO };
    expect(() => simulate(model, { ...base, totals: { groups: { primary: ["primary"] } } })).toThrow(/stage id/);
    expect(() => simulate(model, { ...base, totals: { groups: { all: ["primary"] } } })).toThrow(/all-grades/);
    expect(() => simulate(model, { ...base, totals: { groups: { none: [] } } })).toThrow(/at least one/);
    expect(() => simulate(model, { ...base, totals: { groups: { k12: ["primary", "high"] } } })).toThrow(/"high" is not a stage/);
  });

  it("with every source off, sum rows equal the sums of the parts' deterministic rows (stageTotals)", () => {
    fc.assert(
      fc.property(fc.subarray(STAGES, { minLength: 1 }), fc.integer({ min: 1, max: 8 }), fc.integer(), (group, draws, seed) => {
        const sim = simulate(model, { draws, seed, to: TO, sources: off, supply: ds, totals: { allGrades: true, groups: { g: group }, containingAreas: true } });
        const det = stageTotals(forecast(model, { to: TO })).filter((r) => r.kind === "forecast");
        for (let year = 2021; year <= TO; year++) {
          for (const [area, parts] of [["north", ["north"]], ["south", ["south"]], ["city", ["north", "south"]]] as const) {
            const of = (stages: readonly string[]) => det.filter((r) => (parts as readonly string[]).includes(r.area) && stages.includes(r.stage) && r.year === year).reduce((s, r) => s + r.pupils, 0);
            for (const [stage, stages] of [["all", STAGES], ["g", group], ...STAGES.map((s) => [s, [s]] as const)] as const) {
              const r = rowOf(sim.rows, area, stage, year)!;
              expectClose(r.forecast, of(stages), { rel: 1e-12 });
              for (const q of r.pupils) expectClose(q, r.forecast, { rel: 1e-12 });
            }
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it("with noise, a sum's quantiles and P(shortfall) are those of the summed draws (recomputed from the parts' paths), within Σ min and Σ max of the parts", () => {
    fc.assert(
      fc.property(fc.subarray(["primary", "junior"], { minLength: 1 }), fc.integer({ min: 2, max: 120 }), fc.integer(), (group, draws, seed) => {
        const sim = simulate(model, { draws, seed, to: TO, supply: ds, paths: true, totals: { allGrades: true, groups: { g: group }, containingAreas: true } });
        const cells = sim.paths!.cells;
        for (const [area, parts] of [["north", ["north"]], ["city", ["north", "south"]]] as const) {
          for (const [stage, stages] of [["all", STAGES], ["g", group]] as const) {
            const members = parts.flatMap((a) => stages.map((s) => cellOf(cells, a, s)));
            for (let y = 0; y < H; y++) {
              const r = rowOf(sim.rows, area, stage, 2021 + y)!;
              const col = Float64Array.from({ length: draws }, (_, d) => sumAt(members, "pupils", d, y));
              const sorted = Float64Array.from(col).sort();
              sim.quantiles.forEach((p, i) => expectClose(r.pupils[i]!, quantileSorted(sorted, p), { rel: 1e-12 }));
              const lo = members.reduce((s, c) => s + Math.min(...Array.from({ length: draws }, (_, d) => c.pupils[d * H + y]!)), 0);
              const hi = members.reduce((s, c) => s + Math.max(...Array.from({ length: draws }, (_, d) => c.pupils[d * H + y]!)), 0);
              for (const q of r.pupils) {
                expect(q).toBeGreaterThanOrEqual(lo * (1 - 1e-12));
                expect(q).toBeLessThanOrEqual(hi * (1 + 1e-12));
              }
              // The kept path of the sum is the sum of the parts' paths.
              const kept = cellOf(cells, area, stage);
              for (let d = 0; d < draws; d++) expectClose(kept.pupils[d * H + y]!, col[d]!, { rel: 1e-12 });
              if (stage === "g") {
                const short = Array.from({ length: draws }, (_, d) => col[d]! > sumAt(members, "places", d, y)).filter(Boolean).length;
                expect(r.pShortfall).toBe(short / draws);
              } else expect(r.pShortfall).toBeUndefined();
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it("the city's band is not the sum of its parts' bands (quantiles of the sum, not sums of quantiles)", () => {
    const sim = simulate(model, { draws: 2000, seed: 9, to: TO, supply: ds, totals: { containingAreas: true } });
    let differ = 0;
    for (const stage of STAGES)
      for (let year = 2022; year <= TO; year++) {
        const c = rowOf(sim.rows, "city", stage, year)!;
        const n = rowOf(sim.rows, "north", stage, year)!;
        const s = rowOf(sim.rows, "south", stage, year)!;
        const width = (r: SimulationRow) => r.pupils[2]! - r.pupils[0]!;
        if (Math.abs(width(c) - (width(n) + width(s))) > 1e-6 * width(c)) differ++;
      }
    // Measured: every one of the 16 cells differs (the areas' errors are resampled per area).
    expect(differ).toBe(STAGES.length * (TO - 2021));
  });
});
