import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, fitModel, forecast, parseDataset, quantileSorted, simulate, stageTotals, type SimulatedCellPaths } from "../helpers/internal.js";
import { twoAreasInput } from "../helpers/synthetic.js";

// The two synthetic areas of the simulation tests (test/helpers/synthetic.ts) inside a city with
// places of its own for primary only, and places for north's primary with a planned opening.
const TO = 2026;
const input = twoAreasInput();
const ds = parseDataset(
  {
    ...input,
    areas: [{ id: "city" }, { id: "north", parent: "city" }, { id: "south", parent: "city" }],
    capacity: [
      { area: "city", stage: "primary", year: 2020, places: 5000 },
      { area: "north", stage: "primary", year: 2020, places: 2600 },
    ],
    plannedPlaces: [{ area: "north", stage: "primary", year: 2023, places: 300, project: "north school" }],
  },
  chinaSchoolSystem,
);
const model = fitModel(ds);
const off = { ratios: false, births: false, housing: false, places: false } as const;
const H = TO - 2020;
const cell = (cells: readonly SimulatedCellPaths[], area: string, stage: string) => cells.find((c) => c.area === area && c.stage === stage)!;

describe("simulate: paths kept per cell", () => {
  it("with every source off, each draw of each cell equals the deterministic forecast (stageTotals)", () => {
    const D = 5;
    const sim = simulate(model, { draws: D, seed: 3, to: TO, sources: off, supply: ds, paths: true });
    const det = stageTotals(forecast(model, { to: TO })).filter((r) => r.kind === "forecast");
    expect(sim.paths!.draws).toBe(D);
    // One cell per row's area and stage: two areas × four stages, and the city's four stages.
    expect(sim.paths!.cells.map((c) => `${c.area}/${c.stage}`)).toEqual(["north", "south", "city"].flatMap((a) => ["preschool", "primary", "junior", "senior"].map((s) => `${a}/${s}`)));
    for (const r of det) {
      const c = cell(sim.paths!.cells, r.area, r.stage);
      expect(c.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
      expect(c.pupils).toHaveLength(D * H);
      const y = c.years.indexOf(r.year);
      for (let d = 0; d < D; d++) expect(c.pupils[d * H + y]).toBe(r.pupils);
    }
  });

  it("places: the schedule's per draw (slipping openings included), 0 where the area-stage has no supply", () => {
    const D = 400;
    const sim = simulate(model, { draws: D, seed: 11, to: TO, supply: ds, paths: true, placesSlip: { probability: 0.5, maxYears: 2 } });
    const north = cell(sim.paths!.cells, "north", "primary");
    const at = (y: number) => Array.from({ length: D }, (_, d) => north.places[d * H + y - 2021]!);
    expect(new Set(at(2022))).toEqual(new Set([2600]));
    // The opening of 2023 slips by 0, 1 or 2 years: 2,600 or 2,900 places in 2023–2024, 2,900 from 2025.
    expect(new Set(at(2023))).toEqual(new Set([2600, 2900]));
    expect(new Set(at(2025))).toEqual(new Set([2900]));
    // P(shortfall) of the row is the share of draws whose pupils exceed that draw's places.
    for (const year of [2023, 2024]) {
      const row = sim.rows.find((r) => r.area === "north" && r.stage === "primary" && r.year === year)!;
      const y = year - 2021;
      const short = Array.from({ length: D }, (_, d) => north.pupils[d * H + y]! > north.places[d * H + y]!).filter(Boolean).length;
      expect(row.pShortfall).toBe(short / D);
    }
    expect(cell(sim.paths!.cells, "south", "primary").places.every((p) => p === 0)).toBe(true);
    expect(cell(sim.paths!.cells, "city", "junior").places.every((p) => p === 0)).toBe(true);
    expect(cell(sim.paths!.cells, "city", "primary").places.every((p) => p === 5000)).toBe(true);
  });

  it("with noise, the city's paths are the sum of its parts' paths, draw by draw, and each row's quantiles are those of its cell", () => {
    const D = 300;
    const sim = simulate(model, { draws: D, seed: 7, to: TO, supply: ds, paths: true });
    const cells = sim.paths!.cells;
    for (const stage of ["preschool", "primary", "junior", "senior"]) {
      const [n, s, c] = ["north", "south", "city"].map((a) => cell(cells, a, stage));
      for (let i = 0; i < D * H; i++) expect(c!.pupils[i]).toBe(n!.pupils[i]! + s!.pupils[i]!);
      for (const a of ["north", "city"]) {
        const k = cell(cells, a, stage);
        for (let y = 0; y < H; y++) {
          const col = Float64Array.from({ length: D }, (_, d) => k.pupils[d * H + y]!).sort();
          const row = sim.rows.find((r) => r.area === a && r.stage === stage && r.year === 2021 + y)!;
          expect(row.pupils).toEqual(sim.quantiles.map((p) => quantileSorted(col, p)));
        }
      }
    }
    // Noise is on: the draws differ.
    const n = cell(cells, "north", "primary");
    expect(new Set(Array.from({ length: D }, (_, d) => n.pupils[d * H + H - 1])).size).toBeGreaterThan(D / 2);
  });

  it("keeping paths changes no row, and without the option there are none", () => {
    const opts = { draws: 64, seed: 5, to: TO, supply: ds } as const;
    const without = simulate(model, opts);
    const withPaths = simulate(model, { ...opts, paths: true });
    expect(without.paths).toBeUndefined();
    expect(withPaths.rows).toEqual(without.rows);
  });
});
