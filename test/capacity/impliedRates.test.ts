import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { impliedRates } from "../../src/capacity/impliedRates.js";
import { chinaSchoolSystem, yangjiangDataset, type BirthRecord, type PopulationRecord, type StageRecord } from "../helpers/internal.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";

describe("impliedRates on the Yangjiang seed (city births, seeds/yangjiang/README.md 'City births')", () => {
  const ds = yangjiangDataset();
  const births = deepFreeze(ds.births.filter((b) => b.area === "yangjiang"));
  const targets = deepFreeze([
    // plan lines 258, 261, 266: 2020 and 2025 columns
    { id: "preschool", stages: ["preschool"], year: 2025, pupils: 110000, baseline: { year: 2020, pupils: 107000 } },
    { id: "compulsory", stages: ["primary", "junior"], year: 2025, pupils: 404000, baseline: { year: 2020, pupils: 365000 } },
    { id: "senior", stages: ["senior"], year: 2025, pupils: 60000, baseline: { year: 2020, pupils: 49000 } },
  ]);
  const [pre, comp, sen] = impliedRates(targets, chinaSchoolSystem, { area: "yangjiang", births });

  it("preschool: 110,000 / births 2020–22 against 107,000 / births 2015–17", () => {
    // births 2020 22,500 + 2021 19,300 + 2022 17,590 (estimate) = 59,390; 2015 35,472 + 2016 37,321 + 2017 35,080 = 107,873
    expect(pre!.ages).toEqual([3, 4, 5]);
    expect(pre!.target.of.persons).toBe(59390);
    expect(pre!.observed!.of.persons).toBe(107873);
    expectClose(pre!.target.ratio!, 110000 / 59390);
    expectClose(pre!.observed!.ratio!, 107000 / 107873);
    expectClose(pre!.gap!, 110000 - (107000 / 107873) * 59390);
    expectClose(pre!.gapPerYear!, pre!.gap! / 5);
    expect(pre!.target.of.estimated).toEqual([2022]);
    expect(pre!.basis).toBe("estimate");
  });

  it("compulsory: 404,000 / births 2011–19 against 365,000 / births 2006–14", () => {
    // Σ births 2011–2019 = 315,791; Σ births 2006–2014 = 338,297 (README table)
    expect(comp!.ages).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(comp!.target.of.persons).toBe(315791);
    expect(comp!.observed!.of.persons).toBe(338297);
    expectClose(comp!.target.ratio!, 1.27933, { rel: 1e-5 });
    expectClose(comp!.observed!.ratio!, 1.07894, { rel: 1e-5 });
    expectClose(comp!.gap!, 404000 - (365000 / 338297) * 315791);
  });

  it("senior: ages 15–17; the 2020 cohorts born 2003–2004 are not in the seed's births, so no observed ratio", () => {
    // births 2008–2010 = 40,102 + 39,248 + 38,393; the seed's births start in 2005 (README, A11)
    expect(sen!.target.of.persons).toBe(117743);
    expectClose(sen!.target.ratio!, 60000 / 117743);
    expect(sen!.observed!.of).toMatchObject({ persons: null, missing: [2003, 2004] });
    expect(sen!.observed!.ratio).toBeNull();
    expect(sen!.gap).toBeNull();
  });
});

describe("impliedRates: rules", () => {
  const births: BirthRecord[] = [2000, 2001, 2002, 2003, 2004, 2005].map((year) => ({ area: "a", year, births: 100 }));

  it("takes the baseline from the pupils when the target has none, and the forecast ratio from the target year", () => {
    const pupils: StageRecord[] = [
      { area: "a", year: 2006, stage: "preschool", pupils: 240, kind: "actual", basis: "reported" },
      { area: "a", year: 2008, stage: "preschool", pupils: 270, kind: "forecast", basis: "reported" },
    ];
    const [r] = impliedRates([{ id: "x", stages: ["preschool"], year: 2008, pupils: 300 }], chinaSchoolSystem, { area: "a", births, pupils });
    // 2006: born 2001–2003 = 300 → 0.8; 2008: born 2003–2005 = 300 → required 1.0, forecast 0.9
    expect(r!.observed).toMatchObject({ year: 2006, pupils: 240, source: "pupils", ratio: 0.8 });
    expect(r!.target.ratio).toBe(1);
    expect(r!.forecast).toEqual({ pupils: 270, ratio: 0.9 });
    expectClose(r!.gap!, 60);
    expectClose(r!.gapPerYear!, 30);
  });

  it("names missing birth years instead of guessing, and uses population when it covers the ages", () => {
    const [r] = impliedRates([{ id: "x", stages: ["preschool"], year: 2010, pupils: 300, baseline: { year: 2006, pupils: 240 } }], chinaSchoolSystem, { area: "a", births });
    expect(r!.target.of).toMatchObject({ persons: null, missing: [2006, 2007] });
    expect(r!.target.ratio).toBeNull();
    expect(r!.gap).toBeNull();
    const population: PopulationRecord[] = [2006, 2010].flatMap((year) => [3, 4, 5].map((age) => ({ area: "a", year, age, persons: 120 })));
    const [p] = impliedRates([{ id: "x", stages: ["preschool"], year: 2010, pupils: 300, baseline: { year: 2006, pupils: 240 } }], chinaSchoolSystem, { area: "a", births, population });
    expect(p!.denominator).toBe("population");
    expectClose(p!.target.ratio!, 300 / 360);
    expectClose(p!.gap!, 300 - (240 / 360) * 360);
  });

  it("refuses a stage the system does not have", () => {
    expect(() => impliedRates([{ id: "x", stages: ["college"], year: 2008, pupils: 1 }], chinaSchoolSystem, { area: "a", births })).toThrow(/college/);
  });

  it("properties: the gap closes at the observed ratio; scaling births scales ratios, not the gap", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50000 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 200000 }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.integer({ min: 2, max: 9 }),
        (bs, base, k, scale) => {
          const b: BirthRecord[] = bs.map((n, i) => ({ area: "a", year: 2000 + i, births: n }));
          const d = (y: number) => [3, 4, 5].reduce((s, a) => s + bs[y - a - 2000]!, 0);
          const target = k * (base / d(2005)) * d(2010);
          const t = { id: "x", stages: ["preschool"], year: 2010, pupils: target, baseline: { year: 2005, pupils: base } };
          const [r] = impliedRates([t], chinaSchoolSystem, { area: "a", births: b });
          expectClose(r!.gap!, target - target / k, { rel: 1e-9, abs: 1e-6 });
          expectClose(r!.gapPerYear! * 5, r!.gap!, { rel: 1e-9, abs: 1e-6 });
          const [s] = impliedRates([t], chinaSchoolSystem, { area: "a", births: b.map((x) => ({ ...x, births: x.births * scale })) });
          expectClose(s!.target.ratio! * scale, r!.target.ratio!);
          expectClose(s!.gap!, r!.gap!, { rel: 1e-9, abs: 1e-6 });
        },
      ),
    );
  });
});
