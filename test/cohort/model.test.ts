import { fraction, multiply, add, number as toNumber, type Fraction } from "mathjs";
import { describe, expect, it } from "vitest";
import { DatasetError, fitModel, forecast, parseDataset, pupilRecords, renderNote, stageTotals, sumOverAreas } from "../../src/index.js";
import { expectClose } from "../helpers/expect.js";
import { toySystem } from "../helpers/toySystem.js";

// Hand-worked case. Births 2013–2016: 100, 110, 120, 130. G1 enters at age 5 (births of t − 5).
// 2019: G1 90, G2 80, G3 70.   2020: G1 99, G2 88, G3 76.
// Entry ratios: 2019: 90/110, 2020: 99/120; progression G1→G2: 88/90; G2→G3: 76/80.
const input = {
  areas: [{ id: "x" }],
  enrolment: [
    { area: "x", year: 2019, grade: "G1", pupils: 90 },
    { area: "x", year: 2019, grade: "G2", pupils: 80 },
    { area: "x", year: 2019, grade: "G3", pupils: 70 },
    { area: "x", year: 2020, grade: "G1", pupils: 99 },
    { area: "x", year: 2020, grade: "G2", pupils: 88 },
    { area: "x", year: 2020, grade: "G3", pupils: 76 },
  ],
  births: [100, 110, 120, 130].map((births, i) => ({ area: "x", year: 2013 + i, births })),
};

const f = (n: number, d = 1): Fraction => fraction(n, d) as Fraction;

describe("fitModel + forecast, hand-worked with exact fractions (mathjs)", () => {
  const ds = parseDataset(input, toySystem);
  const fc = forecast(fitModel(ds), { to: 2022 });
  const rows = pupilRecords(fc);
  const at = (g: string, y: number) => rows.find((r) => r.grade === g && r.year === y)!;
  const entry = multiply(add(f(90, 110), f(99, 120)), f(1, 2)) as Fraction; // mean of the two entry ratios

  it("2021: entry = mean entry ratio × births 2016; progression = ratio × last year's grade below", () => {
    expectClose(at("G1", 2021).pupils, toNumber(multiply(entry, f(130)) as Fraction));
    expectClose(at("G2", 2021).pupils, toNumber(multiply(f(88, 90), f(99)) as Fraction)); // 96.8
    expectClose(at("G3", 2021).pupils, toNumber(multiply(f(76, 80), f(88)) as Fraction)); // 83.6
  });

  it("2022: births of 2017 are projected with the last known value (130)", () => {
    expectClose(at("G1", 2022).pupils, toNumber(multiply(entry, f(130)) as Fraction));
    expectClose(at("G2", 2022).pupils, toNumber(multiply(f(88, 90), multiply(entry, f(130))) as Fraction));
    expectClose(at("G3", 2022).pupils, toNumber(multiply(f(76, 80), f(968, 10)) as Fraction)); // 91.96
    expect(at("G1", 2022).via).toMatchObject({ from: "births", birthYear: 2017, birthsStatus: "projected", births: 130 });
    expect(at("G1", 2021).via).toMatchObject({ from: "births", birthYear: 2016, birthsStatus: "known" });
  });

  it("traces each value to its ratio and prior cohort", () => {
    expect(at("G3", 2021).via).toEqual({ from: "progression", ratio: 76 / 80, fromGrade: "G2", fromYear: 2020, fromPupils: 88 });
    expect(at("G1", 2020)).toMatchObject({ kind: "actual", pupils: 99, basis: "reported" });
  });

  it("stage totals add the grades; sums over areas add the areas", () => {
    const st = stageTotals(fc);
    const lower2021 = st.find((r) => r.stage === "lower" && r.year === 2021)!;
    expectClose(lower2021.pupils, at("G1", 2021).pupils + at("G2", 2021).pupils);
    expect(sumOverAreas(st, "all").find((r) => r.stage === "upper" && r.year === 2021)!.pupils).toBe(at("G3", 2021).pupils);
  });

  it("a births scenario replaces projected births for the years it covers", () => {
    const m = fitModel(ds, { birthsScenario: [{ area: "x", year: 2017, births: 65 }] });
    const r = pupilRecords(forecast(m, { to: 2022 })).find((q) => q.grade === "G1" && q.year === 2022)!;
    expectClose(r.pupils, toNumber(multiply(entry, f(65)) as Fraction));
    expect(r.via).toMatchObject({ birthsStatus: "scenario" });
    expect(() => forecast(fitModel(ds, { birthsScenario: [{ area: "nowhere", year: 2017, births: 1 }] }), { to: 2022 })).toThrow(DatasetError);
  });

  it("estimates are labelled per value: what rests on estimated births, not the reported actuals", () => {
    // Every births figure an estimate: G1's forecasts (births × an entry ratio fitted on births)
    // are estimates; the 2020 actuals are reported counts; G2 and G3 in 2021 rest on reported
    // 2020 pupils and ratios fitted on reported enrolment (test/cohort/basis.test.ts has the rule).
    const est = parseDataset({ ...input, births: input.births.map((b) => ({ ...b, provenance: "estimate" })) }, toySystem);
    const rows = pupilRecords(forecast(fitModel(est), { to: 2021 }));
    expect(rows.filter((r) => r.basis === "estimate").map((r) => `${r.grade} ${r.year}`)).toEqual(["G1 2021"]);
  });
});

describe("parents, levels and fallbacks", () => {
  it("an area without births is indexed to its parent's births", () => {
    const ds = parseDataset({ ...input, areas: [{ id: "city" }, { id: "x", parent: "city" }], births: input.births.map((b) => ({ ...b, area: "city" })) }, toySystem);
    const r = pupilRecords(forecast(fitModel(ds), { to: 2021 })).find((q) => q.grade === "G1" && q.year === 2021)!;
    expect(r.via).toMatchObject({ from: "births", birthsArea: "city" });
  });

  it("with no births anywhere, entry is a level (mean of the last entry counts)", () => {
    const ds = parseDataset({ areas: input.areas, enrolment: input.enrolment }, toySystem);
    const r = pupilRecords(forecast(fitModel(ds), { to: 2021 })).find((q) => q.grade === "G1" && q.year === 2021)!;
    expect(r.via).toEqual({ from: "level", level: (90 + 99) / 2 });
    expect(r.pupils).toBe(94.5);
  });

  it("births that do not reach back to the history's birth years give a level, not a ratio to unrelated births", () => {
    const late = { ...input, births: [{ area: "x", year: 2016, births: 130 }] };
    const r = pupilRecords(forecast(fitModel(parseDataset(late, toySystem)), { to: 2021 })).find((q) => q.grade === "G1" && q.year === 2021)!;
    expect(r.via).toEqual({ from: "level", level: 94.5 });
  });

  it("a grade span: the first taught grade is an entry grade", () => {
    const enrol = input.enrolment.filter((r) => r.grade !== "G1");
    const ds = parseDataset({ areas: [{ id: "x", grades: ["G2", "G3"] }], enrolment: enrol, births: input.births }, toySystem);
    const rows = pupilRecords(forecast(fitModel(ds), { to: 2021 }));
    expect(rows.some((r) => r.grade === "G1")).toBe(false);
    // G2 (age 6) from births of 2015 (120) in 2021: ratios 80/110 (2019, births 2013? no: 2019 − 6 = 2013 → 100) …
    // 2019: 80 / births 2013 (100) = 0.8; 2020: 88 / births 2014 (110) = 0.8 → 2021: 0.8 × births 2015 (120) = 96
    expectClose(rows.find((r) => r.grade === "G2" && r.year === 2021)!.pupils, 96);
  });

  it("a zero cohort gives no ratio; the pooled ratio of other areas is used and noted", () => {
    const two = {
      areas: [{ id: "x" }, { id: "y" }],
      // y's G2 is 0 in 2019, the denominator of its only G2 → G3 ratio (2020); not 0 in every year (that would make
      // G3 an entry level: see emptyBelow.test.ts).
      enrolment: [...input.enrolment, ...input.enrolment.map((r) => ({ ...r, area: "y", pupils: r.grade === "G2" && r.year === 2019 ? 0 : r.pupils }))],
      births: [...input.births, ...input.births.map((b) => ({ ...b, area: "y" }))],
    };
    const m = fitModel(parseDataset(two, toySystem));
    expect(m.notes).toHaveLength(1);
    expect(m.notes[0]).toMatchObject({ area: "y", grade: "G3" });
    // pooled over x only (y's denominators are zero): 76 / 80
    const r = pupilRecords(forecast(m, { to: 2021 })).find((q) => q.area === "y" && q.grade === "G3" && q.year === 2021)!;
    expect(r.via).toMatchObject({ ratio: 76 / 80 });
  });

  it("a missing base-year figure is imputed from the model and noted, never silently", () => {
    const miss = { ...input, enrolment: input.enrolment.map((r) => (r.grade === "G2" && r.year === 2020 ? { ...r, pupils: null } : r)) };
    const m = fitModel(parseDataset(miss, toySystem));
    // only 2019 gives a G1→G2 ratio: 80 / G1 of 2018 is unknown, so the ratio series is empty for x → pooled over
    // areas, also empty → assumed 1; imputed base = 1 × G1 of 2019 (90)
    expect(m.base[1]).toBe(90);
    expect(m.notes.find((n) => n.code === "fit.base-imputed")).toMatchObject({ area: "x", grade: "G2", params: { year: 2020, value: 90, method: "progression", from: "G1", fromYear: 2019 } });
    expect(m.notes.map((n) => renderNote(n, "en")).join("\n")).toMatch(/the 2020 figure of G2 in x is missing; the forecast starts from 90.0/);
  });

  it("forecast refuses a horizon before the base year", () => {
    expect(() => forecast(fitModel(parseDataset(input, toySystem)), { to: 2019 })).toThrow(RangeError);
  });
});
