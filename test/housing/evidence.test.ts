import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addArrivals, ageHousing, fitModel, forecast, forecastWithHousing, housingEvidence, defineYieldTable, parseDataset, ratioAt, yangjiangDataset, type YieldTable } from "../helpers/internal.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";
import { toySystem } from "../helpers/toySystem.js";

// Toy system: G1 (age 5, from births), G2 (age 6), G3 (age 7, stage "upper").
const AGES = [5, 6, 7];
const yields: YieldTable = deepFreeze({
  id: "toy",
  source: "test fixture",
  perDwelling: { lower: 0.4, upper: 0.1 },
  phasing: { weights: [0.5, 0.5], source: "test fixture" },
});

/**
 * A history with no housing effect: P[g][y] = k_g · B(y − age_g), so every ratio is the same
 * exact number in every year (k_g / k_{g−1}, entry k_0), whatever the births.
 */
function cohortInput(areas: readonly { births: readonly number[]; k: readonly number[] }[], firstYear: number, lastYear: number, birthsFrom: number) {
  const enrolment: { area: string; year: number; grade: string; pupils: number }[] = [];
  const births: { area: string; year: number; births: number }[] = [];
  for (let a = 0; a < areas.length; a++) {
    const { births: b, k } = areas[a]!;
    for (let y = firstYear; y <= lastYear; y++) for (let g = 0; g < 3; g++) enrolment.push({ area: `a${a}`, year: y, grade: `G${g + 1}`, pupils: k[g]! * b[y - AGES[g]! - birthsFrom]! });
    b.forEach((v, i) => births.push({ area: `a${a}`, year: birthsFrom + i, births: v }));
  }
  return { areas: areas.map((_, a) => ({ id: `a${a}` })), enrolment, births };
}

describe("housingEvidence and the evidence remedy", () => {
  it("property: a history with no housing effect fits the same ratios with and without housing records (past and future)", () => {
    const Y0 = 2014;
    const arbArea = (nYears: number) =>
      fc.record({
        births: fc.array(fc.integer({ min: 50, max: 3000 }), { minLength: nYears, maxLength: nYears }),
        k: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
      });
    const arb = fc.integer({ min: 3, max: 8 }).chain((histYears) => {
      const last = Y0 + histYears - 1;
      const birthsFrom = Y0 - 7;
      const nBirths = last - 5 - birthsFrom + 1;
      return fc.record({
        last: fc.constant(last),
        birthsFrom: fc.constant(birthsFrom),
        areas: fc.array(arbArea(nBirths), { minLength: 1, maxLength: 3 }),
        housing: fc.array(fc.record({ area: fc.integer({ min: 0, max: 2 }), year: fc.integer({ min: Y0 - 4, max: last + 6 }), dwellings: fc.integer({ min: 0, max: 2000 }) }), { minLength: 1, maxLength: 12 }),
      });
    });
    fc.assert(
      fc.property(arb, ({ last, birthsFrom, areas, housing }) => {
        const input = cohortInput(areas, Y0, last, birthsFrom);
        const recs = housing.filter((h) => h.area < areas.length).map((h) => ({ area: `a${h.area}`, year: h.year, dwellings: h.dwellings }));
        const without = fitModel(parseDataset(input, toySystem));
        const withHousing = fitModel(parseDataset({ ...input, housing: recs }, toySystem));
        const hf = forecastWithHousing(withHousing, { to: last + 5, yields });
        expect(hf.remedy).toBe("evidence");
        expect(hf.areaRemedies).not.toContain("subtract");
        expect(hf.baseline.model.fits).toEqual(without.fits);
        expect(hf.baseline.pupils).toEqual(forecast(without, { to: last + 5 }).pupils);
      }),
    );
  });

  it("finds the pupils where the history holds them, and subtracts them there only", () => {
    // Area a0: cohort flow B(y − age) plus the pupils of its completions (20-dwelling multiples,
    // so arrivals are whole pupils), aged plainly. Area a1: the cohort flow alone.
    const Y0 = 2012;
    const LAST = 2020;
    const birthsFrom = Y0 - 7;
    const B = Array.from({ length: LAST - 5 - birthsFrom + 1 }, (_, i) => 1000 + 37 * ((i * 7) % 5));
    const dwellings = new Map([[2011, 400], [2013, 1200], [2014, 200], [2016, 2000], [2017, 0], [2019, 800], [2021, 600]]);
    const T = LAST - 2011 + 1;
    const dw = new Float64Array(T);
    for (const [y, d] of dwellings) if (y <= LAST) dw[y - 2011] = d;
    const checked = defineYieldTable(yields, toySystem);
    const arrivals = addArrivals(3, T, dw, new Float64Array([0.2, 0.2, 0.1]), Float64Array.from(checked.phasing.weights), new Float64Array(3 * T));
    const aged = ageHousing(3, T, arrivals, new Uint8Array([1, 1, 1]), undefined, new Float64Array(3 * T));
    const base = cohortInput([{ births: B, k: [1, 1, 1] }, { births: B, k: [1, 1, 1] }], Y0, LAST, birthsFrom);
    const enrolment = base.enrolment.map((r) => {
      if (r.area !== "a0") return r;
      const g = Number(r.grade.slice(1)) - 1;
      return { ...r, pupils: r.pupils + aged[g * T + r.year - 2011]! };
    });
    const housing = [...dwellings].flatMap(([year, d]) => [{ area: "a0", year, dwellings: d }, { area: "a1", year, dwellings: d }]);
    const model = fitModel(parseDataset({ ...base, enrolment, housing }, toySystem));
    const ev = housingEvidence(model, model.dataset.housing ?? [], checked);
    expect(ev[0]!.finding).toBe("seen");
    expect(Math.abs(ev[0]!.share - 1)).toBeLessThan(0.25);
    // a1 has the same completions but its history shows none of their pupils.
    expect(ev[1]!.finding).toBe("not-seen");
    expect(Math.abs(ev[1]!.share)).toBeLessThan(1e-9);
    const hf = forecastWithHousing(model, { to: 2024, yields, progression: "ageing" });
    expect(hf.areaRemedies).toEqual(["subtract", "above-trend"]);
    // Subtracting plainly aged pupils gives back the clean cohort flow of a0: every ratio 1.
    for (let g = 0; g < 3; g++) expectClose(ratioAt(hf.baseline.model.fits[g]!, 1), 1, { abs: 1e-12 });
    // a1 keeps its own (clean) ratios; its past completions are not counted, its 2021 completion
    // counts above a1's rate in the fitting window (ses: the whole history 2012–2020, 9 years):
    // 600 − (1200 + 200 + 2000 + 0 + 800) / 9.
    expect(hf.baseline.model.fits.slice(3)).toEqual(model.fits.slice(3));
    const a1 = hf.counted.filter((c) => c.area === "a1" && c.counted > 0);
    expect(a1.map((c) => c.year)).toEqual([2021]);
    expectClose(a1[0]!.counted, 600 - 4200 / 9);
  });

  it("has nothing to test without a past completion, and then counts above the trend (here: all future dwellings)", () => {
    const input = cohortInput([{ births: Array.from({ length: 10 }, (_, i) => 500 + 13 * i), k: [1, 1, 1] }], 2014, 2018, 2007);
    const model = fitModel(parseDataset({ ...input, housing: [{ area: "a0", year: 2020, dwellings: 100 }] }, toySystem));
    const hf = forecastWithHousing(model, { to: 2022, yields });
    expect(hf.evidence.map((e) => e.finding)).toEqual(["not-identified"]);
    expect(hf.areaRemedies).toEqual(["above-trend"]);
    expect(hf.counted[0]!.counted).toBe(100);
  });

  it("Yangjiang: the seed's history (built without a housing effect) keeps its ratios; subtract would lower them", () => {
    // Issue 14: under subtract, 阳江高新区 P2 fell to 0.923 and 江城区 P2 to 0.960 (ratioAt h = 1).
    const model = fitModel(yangjiangDataset());
    const G = model.cube.grades.length;
    const ratio = (m: typeof model, area: string, grade: string): number => ratioAt(m.fits[m.cube.areas.indexOf(area) * G + m.cube.grades.indexOf(grade)]!, 1);
    const hf = forecastWithHousing(model, { to: 2035 });
    expect(hf.evidence.every((e) => e.finding === "not-seen")).toBe(true);
    expect(hf.baseline.model.fits).toEqual(model.fits);
    const sub = forecastWithHousing(model, { to: 2035, remedy: "subtract" }).baseline.model;
    expect(ratio(sub, "gaoxin", "P2")).toBeLessThan(ratio(model, "gaoxin", "P2") - 0.05);
    expect(ratio(sub, "jiangcheng", "P2")).toBeLessThan(ratio(model, "jiangcheng", "P2") - 0.03);
  });
});
