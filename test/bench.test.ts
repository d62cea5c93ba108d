import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, fitModel, forecast, parseDataset, safeParseDataset, simulate } from "../src/index.js";
import { MEAN_OPTIONS, MODEL_OPTIONS } from "../bench/config.js";
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

  it.each([
    ["the benchmark options (ses)", MODEL_OPTIONS],
    ["mean of the last 3", MEAN_OPTIONS],
  ] as const)("the naive record-by-record forecast equals fitModel + forecast with %s", (_, options) => {
    const to = ds.baseYear + 15;
    const fc = forecast(fitModel(ds, options), { to });
    const naive = naiveForecast(input.enrolment as never, input.births as never, to, options.progression);
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
    expect(simulate(model, { ...opts, areas: [] }).rows).toEqual([]);
    expect(() => simulate(model, { ...opts, areas: [areas[0]!, "no-such-area"] })).toThrow(/simulate: areas: "no-such-area" is not an area of the model/);
  });

  it("bad records at benchmark scale still give the same located issues (duplicates, unknown area, grade not taught, bad values)", () => {
    const enrolment = [...(input.enrolment as Record<string, unknown>[])];
    const births = [...(input.births as Record<string, unknown>[])];
    const e5 = enrolment[5]!;
    const b3 = births[3]!;
    enrolment.push({ ...e5 }, { ...e5, area: "nowhere" }, { ...e5, pupils: -4 }, { ...e5, grade: "X1" });
    births.push({ ...b3 }, { ...b3, area: "zz" });
    const areas = [...input.areas, { id: "p", grades: ["P1"] }];
    enrolment.push({ area: "p", year: 2020, grade: "K1", pupils: 3 });
    const r = safeParseDataset({ ...input, areas, enrolment, births }, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (r.success) return;
    const n = input.enrolment.length;
    const nb = births.length - 2;
    const where = `(area ${e5.area}, grade ${e5.grade}, year ${e5.year})`;
    const byPath = new Map(r.issues.map((i) => [JSON.stringify(i.path), i]));
    expect(byPath.get(JSON.stringify(["enrolment", n + 2, "pupils"]))?.message).toBe(`enrolment[${n + 2}] ${where}: pupils must be a non-negative integer, or null when the figure is missing, got -4`);
    expect(byPath.get(JSON.stringify(["enrolment", n]))).toMatchObject({ code: "duplicate", message: `enrolment[${n}] ${where}: duplicates enrolment[5]; give one record per area, year and grade` });
    expect(byPath.get(JSON.stringify(["enrolment", n + 1, "area"]))).toMatchObject({ code: "unknown_area", message: `enrolment[${n + 1}] (area nowhere, grade ${e5.grade}, year ${e5.year}): area "nowhere" is not in areas; add it there or correct the id` });
    expect(byPath.get(JSON.stringify(["enrolment", n + 3, "grade"]))?.code).toBe("unknown_grade");
    expect(byPath.get(JSON.stringify(["enrolment", n + 4, "grade"]))).toMatchObject({ code: "grade_not_offered", message: `enrolment[${n + 4}] (area p, grade K1, year 2020): area p does not teach K1 (its grades are P1); add K1 to the area's grades or drop the record` });
    expect(byPath.get(JSON.stringify(["births", nb]))).toMatchObject({ code: "duplicate", message: `births[${nb}] (area ${b3.area}, year ${b3.year}): duplicates births[3]; give one record per area and year` });
    expect(byPath.get(JSON.stringify(["births", nb + 1, "area"]))?.code).toBe("unknown_area");
  });
});

// The accuracy report's oracle: entry grades as they happened, the grades above by the plain ratios.
describe("accuracy report oracle", () => {
  it("puts the actual entrants in and projects the next grade from them by the plain method's ratios", async () => {
    const { loadCtDistricts } = await import("./fixtures/load.js");
    const { oracleEntrants } = await import("../bench/ct-entry.js");
    const { enrolmentCube, plainOptions, truncateDataset, usK12SchoolSystem, withoutBirths } = await import("../src/index.js");
    const full = parseDataset(loadCtDistricts({ districts: ["Andover School District", "Ansonia School District"] }).input, usK12SchoolSystem);
    const train = truncateDataset(full, 2011, {}).dataset;
    const paths = oracleEntrants(full)(train, 2014);
    const plainFc = forecast(fitModel(withoutBirths(train), plainOptions), { to: 2014 });
    const cube = enrolmentCube(full);
    const G = paths.grades.length;
    const W = 4;
    const Y = cube.years.length;
    for (const area of ["0010011", "0020011"]) {
      const a = paths.areas.indexOf(area);
      const fa = cube.areas.indexOf(area);
      for (let h = 1; h < W; h++) {
        // K (grade 0): as it happened in 2011 + h.
        expect(paths.pupils[a * G * W + h]).toBe(cube.data[fa * G * Y + (2011 + h - cube.years[0]!)]);
      }
      // G1 of 2012 comes from the known K of 2011, so it is the plain forecast's.
      expect(paths.pupils[(a * G + 1) * W + 1]).toBe(plainFc.pupils[(a * G + 1) * W + 1]);
      // G1 of 2013 = actual K of 2012 × the plain G1 ratio for 2013.
      const k2012 = cube.data[fa * G * Y + (2012 - cube.years[0]!)]!;
      expect(paths.pupils[(a * G + 1) * W + 2]).toBe(k2012 * plainFc.ratios[(a * G + 1) * (W - 1) + 1]!);
    }
  });
});
