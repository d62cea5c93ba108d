import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  componentRecords,
  componentStageTotals,
  developmentStageTotals,
  fitModel,
  forecast,
  forecastWithHousing,
  parseDataset,
  type DoubleCountRemedy,
  type YieldTable,
  renderNote,
  DatasetError,
} from "../../src/index.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";
import { syntheticInput } from "../helpers/synthetic.js";
import { toySystem } from "../helpers/toySystem.js";

// Toy system: G1 (age 5, from births), G2 (stage "lower"), G3 (stage "upper"). History 2018–2020
// with 100 pupils in every grade and 100 births a year: every ratio is 1, so the baseline stays
// at 100 per grade.
const base = syntheticInput({ system: toySystem, areas: ["a", "b"], firstYear: 2018, lastYear: 2020, pupils: () => 100, births: () => 100, birthsFrom: 2005 });
const yields: YieldTable = deepFreeze({
  id: "toy",
  source: "test fixture",
  perDwelling: { lower: 0.4, upper: 0.1 },
  phasing: { weights: [0.5, 0.5], source: "test fixture" },
});

function model(housing: unknown[]) {
  return fitModel(parseDataset(deepFreeze({ ...base, housing }), toySystem));
}
const W = 5; // 2020..2024
const cell = (data: Float64Array, a: number, g: number, h: number): number => data[(a * 3 + g) * W + h]!;

describe("forecastWithHousing, worked examples", () => {
  it("above-trend: counts only the completions above the fitting window's average", () => {
    // a: 30 dwellings a year in 2018–2020 (the 3-year fitting window) → average 30; 130 in 2021 → 100 above trend.
    // 100 dwellings × (G1 0.2, G2 0.2, G3 0.1) × phasing 0.5 in 2021 and 2022, then plain ageing:
    //   2021: G1 10, G2 10, G3 5
    //   2022: G1 10, G2 10 + 10 = 20, G3 5 + 10 = 15
    //   2023: G1 0,  G2 0 + 10 = 10,  G3 0 + 20 = 20
    //   2024: G1 0,  G2 0,            G3 0 + 10 = 10
    const m = model([2018, 2019, 2020].map((year) => ({ area: "a", year, dwellings: 30 })).concat([{ area: "a", year: 2021, dwellings: 130 }]));
    const hf = forecastWithHousing(m, { to: 2024, yields, remedy: "above-trend" });
    expect(hf.remedy).toBe("above-trend");
    expect(hf.trend.find((t) => t.area === "a")).toEqual({ area: "a", from: 2018, to: 2020, averageDwellings: 30 });
    expect(hf.counted.map((c) => c.counted)).toEqual([0, 0, 0, 100]);
    expect([0, 1, 2, 3, 4].map((h) => cell(hf.housing, 0, 0, h))).toEqual([0, 10, 10, 0, 0]);
    expect([0, 1, 2, 3, 4].map((h) => cell(hf.housing, 0, 1, h))).toEqual([0, 10, 20, 10, 0]);
    expect([0, 1, 2, 3, 4].map((h) => cell(hf.housing, 0, 2, h))).toEqual([0, 5, 15, 20, 10]);
    // area b has no housing
    expect([0, 1, 2].every((g) => [0, 1, 2, 3, 4].every((h) => cell(hf.housing, 1, g, h) === 0))).toBe(true);
    // total = baseline (100) + housing
    expect(cell(hf.total, 0, 2, 3)).toBe(120);
    expectClose(cell(hf.baseline.pupils, 0, 2, 3), 100);
  });

  it("above-trend shares a year's excess among its developments in proportion to dwellings", () => {
    // window average 30; 2021: x 100 + y 30 = 130 → 100 above trend: x 100 × 100/130, y 30 × 100/130
    const m = model([
      ...[2018, 2019, 2020].map((year) => ({ area: "a", year, dwellings: 30 })),
      { area: "a", year: 2021, dwellings: 100, development: "x", developmentName: "Riverside" },
      { area: "a", year: 2021, dwellings: 30, development: "y" },
    ]);
    const hf = forecastWithHousing(m, { to: 2024, yields, remedy: "above-trend" });
    expectClose(hf.counted[3]!.counted, 10000 / 130);
    expectClose(hf.counted[4]!.counted, 3000 / 130);
    const x = hf.developments.find((d) => d.development === "x")!;
    expect(x.name).toBe("Riverside");
    expectClose(x.pupils[2 * W + 3]!, (20 * 100) / 130); // G3 in 2023: 20 pupils per 100 counted dwellings
    const rows = developmentStageTotals(hf).filter((r) => r.development === "y" && r.stage === "upper" && r.year === 2023);
    expectClose(rows[0]!.pupils, (20 * 30) / 130);
  });

  it("subtract: takes housing pupils off the history, refits, and adds them all back", () => {
    // 100 dwellings first occupied in 2019: housing 2019 = (10, 10, 5), 2020 = (10, 20, 15).
    // Enrolment fitted: 2019 (90, 90, 95), 2020 (90, 80, 85); base-year total = 100 per grade.
    const m = model([{ area: "a", year: 2019, dwellings: 100 }]);
    const hf = forecastWithHousing(m, { to: 2024, yields, remedy: "subtract" });
    const fitted = hf.baseline.model.dataset.enrolment.filter((r) => r.area === "a" && r.year >= 2019).map((r) => `${r.year} ${r.grade} ${r.pupils}`);
    expect(fitted).toEqual(["2019 G1 90", "2019 G2 90", "2019 G3 95", "2020 G1 90", "2020 G2 80", "2020 G3 85"]);
    expect([0, 1, 2].map((g) => cell(hf.housing, 0, g, 0))).toEqual([10, 20, 15]);
    expect([0, 1, 2].map((g) => cell(hf.total, 0, g, 0))).toEqual([100, 100, 100]);
    // 2021: housing G2 = 0 + G1 2020 (10) = 10, G3 = 0 + G2 2020 (20) = 20; 2022: G3 = 10; 2023: 0
    expect([1, 2, 3].map((h) => cell(hf.housing, 0, 2, h))).toEqual([20, 10, 0]);
    // the original model is untouched
    expect(m.dataset.enrolment.find((r) => r.area === "a" && r.year === 2020 && r.grade === "G2")?.pupils).toBe(100);
  });

  it("future: counts every future completion in full and none of the past", () => {
    const m = model([{ area: "a", year: 2019, dwellings: 100 }, { area: "a", year: 2021, dwellings: 100 }]);
    const hf = forecastWithHousing(m, { to: 2024, yields, remedy: "future" });
    expect(hf.counted.map((c) => c.counted)).toEqual([0, 100]);
    expect([0, 1, 2, 3, 4].map((h) => cell(hf.housing, 0, 2, h))).toEqual([0, 5, 15, 20, 10]);
  });

  it("notes an area with future housing but no completions in the fitting window", () => {
    const hf = forecastWithHousing(model([{ area: "b", year: 2022, dwellings: 50 }]), { to: 2024, yields, remedy: "above-trend" });
    expect(hf.notes).toContainEqual(expect.objectContaining({ code: "housing.no-past-completions", params: { area: "b", from: 2018, to: 2020 } }));
    expect(hf.notes.some((n) => renderNote(n, "en").startsWith("area b: no completions recorded in 2018–2020"))).toBe(true);
    expect(hf.counted[0]!.counted).toBe(50);
  });

  it("component records and stage totals keep the parts apart and add up", () => {
    const hf = forecastWithHousing(model([{ area: "a", year: 2022, dwellings: 40, provenance: "estimate" }]), { to: 2024, yields, remedy: "future" });
    const rows = componentRecords(hf).filter((r) => r.area === "a" && r.grade === "G2" && r.year === 2023);
    expect(rows.map((r) => r.component)).toEqual(["baseline", "housing", "total"]);
    // 40 dwellings in 2022: G1 40 × 0.2 × 0.5 = 4 in 2022 and 2023; G2 2023 = 4 + 4 = 8
    expectClose(rows[1]!.pupils, 8);
    expect(rows[1]!.basis).toBe("estimate");
    expect(rows[0]!.basis).toBe("reported");
    const st = componentStageTotals(hf).filter((r) => r.area === "a" && r.stage === "lower" && r.year === 2023);
    expectClose(st[2]!.pupils, st[0]!.pupils + st[1]!.pupils);
    expectClose(st[1]!.pupils, 4 + 8);
  });

  it("refuses a bad horizon and a missing yield table for a system without a default", () => {
    const m = model([]);
    expect(() => forecastWithHousing(m, { to: 2019, yields })).toThrow(RangeError);
    expect(() => forecastWithHousing(m, { to: 2024 })).toThrow(DatasetError);
    expect(() => forecastWithHousing(m, { to: 2024 })).toThrow(/the toy system has no default pupil yield table.*give a yield table/);
    expect(() => forecastWithHousing(m, { to: 2024, yields, trendYears: 0 })).toThrow(/trendYears/);
  });
});

// ---------------------------------------------------------------------------------------------
// Laws over random housing pipelines, yields and remedies.

const recordArb = fc.record({
  area: fc.constantFrom("a", "b"),
  year: fc.integer({ min: 2012, max: 2026 }),
  dwellings: fc.integer({ min: 0, max: 400 }),
  dwellingType: fc.constantFrom(undefined, "flat", "house"),
  development: fc.constantFrom(undefined, "d1", "d2"),
});
const yieldArb = fc.record({
  lower: fc.double({ min: 0, max: 1, noNaN: true }),
  upper: fc.double({ min: 0, max: 1, noNaN: true }),
  house: fc.double({ min: 0, max: 2, noNaN: true }),
  weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }).filter((w) => w.some((v) => v > 1e-6)),
});
const remedyArb = fc.constantFrom<DoubleCountRemedy>("above-trend", "subtract", "future");

function table(y: { lower: number; upper: number; house: number; weights: number[] }): YieldTable {
  return { id: "arb", source: "test", perDwelling: { lower: y.lower, upper: y.upper }, byType: { house: { lower: y.house } }, phasing: { weights: y.weights, source: "test" } };
}
function clean(records: { area: string; year: number; dwellings: number; dwellingType: string | undefined; development: string | undefined }[]) {
  return records.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}
function run(records: ReturnType<typeof clean>, y: Parameters<typeof table>[0], remedy: DoubleCountRemedy) {
  return forecastWithHousing(model(records), { to: 2024, yields: table(y), remedy });
}

describe("housing laws", () => {
  it("zero dwellings add zero pupils", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 8 }), yieldArb, remedyArb, (recs, y, remedy) => {
        const hf = run(clean(recs.map((r) => ({ ...r, dwellings: 0 }))), y, remedy);
        expect(hf.housing.every((v) => v === 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("doubling all dwellings doubles the housing component (every remedy)", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 8 }), yieldArb, remedyArb, (recs, y, remedy) => {
        const one = run(clean(recs), y, remedy).housing;
        const two = run(clean(recs.map((r) => ({ ...r, dwellings: 2 * r.dwellings }))), y, remedy).housing;
        one.forEach((v, k) => expectClose(two[k]!, 2 * v, { rel: 1e-9, abs: 1e-9 }));
      }),
      { numRuns: 40 },
    );
  });

  it("housing pupils are monotone in future dwellings and in yield", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), yieldArb, remedyArb, fc.nat(), fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (recs, y, remedy, pick, more, dy) => {
        const i = pick % recs.length;
        const future = recs.map((r, k) => (k === i ? { ...r, year: Math.max(r.year, 2021) } : r));
        const before = run(clean(future), y, remedy).housing;
        const moreD = run(clean(future.map((r, k) => (k === i ? { ...r, dwellings: r.dwellings + more } : r))), y, remedy).housing;
        const moreY = run(clean(future), { ...y, upper: y.upper + dy, lower: y.lower + dy, house: y.house + dy }, remedy).housing;
        before.forEach((v, k) => {
          expect(moreD[k]!).toBeGreaterThanOrEqual(v - 1e-9);
          expect(moreY[k]!).toBeGreaterThanOrEqual(v - 1e-9);
        });
      }),
      { numRuns: 40 },
    );
  });

  it("components add up: total = baseline + housing; housing = Σ developments; stage totals agree", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 8 }), yieldArb, remedyArb, (recs, y, remedy) => {
        const hf = run(clean(recs), y, remedy);
        hf.total.forEach((v, k) => expect(v).toBe(hf.baseline.pupils[k]! + hf.housing[k]!));
        const G = hf.grades.length;
        const sum = new Float64Array(hf.housing.length);
        for (const d of hf.developments) {
          const a = hf.areas.indexOf(d.area);
          d.pupils.forEach((v, j) => (sum[a * G * W + j] = sum[a * G * W + j]! + v));
        }
        sum.forEach((v, k) => expectClose(v, hf.housing[k]!, { abs: 1e-9 }));
        const st = componentStageTotals(hf);
        for (let j = 0; j < st.length; j += 3) expectClose(st[j + 2]!.pupils, st[j]!.pupils + st[j + 1]!.pupils, { abs: 1e-9 });
      }),
      { numRuns: 40 },
    );
  });

  it("above-trend without housing in the window equals future; the baseline is the plain cohort forecast", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 8 }), yieldArb, (recs, y) => {
        const futureOnly = clean(recs.map((r) => ({ ...r, year: Math.max(r.year, 2021) })));
        const at = run(futureOnly, y, "above-trend");
        const fu = run(futureOnly, y, "future");
        at.housing.forEach((v, k) => expectClose(v, fu.housing[k]!, { abs: 1e-12 }));
        const plain = forecast(model(futureOnly), { to: 2024 });
        expect([...at.baseline.pupils]).toEqual([...plain.pupils]);
      }),
      { numRuns: 25 },
    );
  });

  it("does not mutate the model, its dataset or the options", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 6 }), yieldArb, remedyArb, (recs, y, remedy) => {
        const m = model(clean(recs));
        const snap = { fits: JSON.stringify(m.fits), cube: [...m.cube.data], fill: [...m.fill], ds: JSON.stringify(m.dataset) };
        const options = deepFreeze({ to: 2024, yields: table(y), remedy });
        forecastWithHousing(m, options);
        expect(JSON.stringify(m.fits)).toBe(snap.fits);
        expect([...m.cube.data]).toEqual(snap.cube);
        expect([...m.fill]).toEqual(snap.fill);
        expect(JSON.stringify(m.dataset)).toBe(snap.ds);
      }),
      { numRuns: 20 },
    );
  });
});

describe("progression options", () => {
  it("ratios: steps into progression grades use the fitted ratio (here G2 → G3 = 0.5)", () => {
    // History: G3 has 50 pupils against 100 in G2 a year earlier → fitted ratio 0.5.
    // 100 future dwellings in 2021 (no history housing): arrivals as in the first example.
    // 2022: G3 = 5 + 0.5 × G2 2021 (10) = 10; 2023: 0 + 0.5 × 20 = 10; 2024: 0.5 × 10 = 5.
    const input = syntheticInput({ system: toySystem, areas: ["a"], firstYear: 2018, lastYear: 2020, pupils: (_a, g) => (g === 2 ? 50 : 100), births: () => 100, birthsFrom: 2005 });
    const m = fitModel(parseDataset({ ...input, housing: [{ area: "a", year: 2021, dwellings: 100 }] }, toySystem));
    const hf = forecastWithHousing(m, { to: 2024, yields, remedy: "future", progression: "ratios" });
    expect([1, 2, 3, 4].map((h) => cell(hf.housing, 0, 2, h))).toEqual([5, 10, 10, 5]);
    const plain = forecastWithHousing(m, { to: 2024, yields, remedy: "future", progression: "ageing" });
    expect([1, 2, 3, 4].map((h) => cell(plain.housing, 0, 2, h))).toEqual([5, 15, 20, 10]);
  });
});
