import { describe, expect, it } from "vitest";
import { fitModel, forecast, forecastFor, parseDataset, persistence, plain, plainOptions, plainWithBirths, pupilRecords, simulate, stageTotals, withoutBirths } from "../../src/index.js";
import { deepFreeze } from "../helpers/expect.js";
import { twoAreasInput } from "../helpers/synthetic.js";
import { chinaSchoolSystem } from "../../src/index.js";

const ds = parseDataset(deepFreeze(twoAreasInput()), chinaSchoolSystem);
const TO = 2025;

describe("baselines are forecasts", () => {
  it("persistence: every taught grade keeps its base-year figure, and the result is a Forecast", () => {
    const fc = persistence(ds, TO);
    const north = forecastFor(fc, "north");
    for (const r of ds.enrolment.filter((e) => e.area === "north" && e.year === ds.baseYear)) {
      for (let y = ds.baseYear; y <= TO; y++) expect(north.get(r.grade, y)).toBe(r.pupils);
    }
    // stage rows, pupil rows with their trace, and a simulation of the persistence model
    expect(stageTotals(fc).filter((r) => r.area === "north" && r.stage === "primary").map((r) => r.pupils)).toEqual(Array(TO - ds.baseYear + 1).fill(north.get(["P1", "P2", "P3", "P4", "P5", "P6"], ds.baseYear)));
    expect(pupilRecords(fc).find((r) => r.kind === "forecast")!.via!.from).toBe("level");
    const sim = simulate(fc.model, { to: TO, draws: 50, seed: 7 });
    const row = sim.rows.find((r) => r.area === "north" && r.stage === "primary" && r.year === TO)!;
    expect(row.forecast).toBeCloseTo(north.get(["P1", "P2", "P3", "P4", "P5", "P6"], TO), 9);
  });

  it("plain without births is the default; plain with births is fitModel(ds, plainOptions)", () => {
    expect(plain(ds, TO).pupils).toEqual(forecast(fitModel(withoutBirths(ds), plainOptions), { to: TO }).pupils);
    expect(plain(ds, TO, { births: true }).pupils).toEqual(forecast(fitModel(ds, plainOptions), { to: TO }).pupils);
    expect(plainWithBirths(ds, TO).pupils).toEqual(plain(ds, TO, { births: true }).pupils);
    expect(plainWithBirths(ds, TO).pupils).not.toEqual(plain(ds, TO).pupils);
    expect(stageTotals(plain(ds, TO)).length).toBeGreaterThan(0);
  });
});

describe("forecastFor", () => {
  const fc = forecast(fitModel(ds), { to: TO });
  it("reads one area's pupils by grade and year, as the flat layout holds them", () => {
    const G = fc.grades.length;
    const W = TO - ds.baseYear + 1;
    const s = forecastFor(fc, "south");
    expect(s.index).toBe(1);
    expect(s.get("J2", 2023)).toBe(fc.pupils[(1 * G + fc.grades.indexOf("J2")) * W + 3]);
    expect(s.get(["J1", "J2"], 2023)).toBe(s.get("J1", 2023) + s.get("J2", 2023));
    // a copy: changing it does not change the forecast
    s.pupils[0] = -1;
    expect(fc.pupils[G * W]).not.toBe(-1);
  });
  it("names what is wrong", () => {
    expect(() => forecastFor(fc, "east")).toThrow(/no area "east".*north, south/);
    expect(() => forecastFor(fc, "north").get("Q9", 2021)).toThrow(/unknown grade "Q9"/);
    expect(() => forecastFor(fc, "north").get("P1", 2040)).toThrow(/outside 2020–2025/);
  });
});
