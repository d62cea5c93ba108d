import { describe, expect, it } from "vitest";
import { assessCapacity, fitModel, forecast, pupilRecords, stageTotals } from "../../src/index.js";
import { yangjiangDataset } from "../../src/seeds.js";

// issue 17: `forecast(model, { areas })` left NaN rows for the other areas, and
// `assessCapacity(stageTotals(fc), ds)` threw on them.
describe("forecast of some areas", () => {
  const ds = yangjiangDataset();
  const model = fitModel(ds);
  const one = ds.areas.find((a) => a.parent !== undefined)!.id;
  const part = forecast(model, { to: ds.baseYear + 5, areas: [one] });
  const all = forecast(model, { to: ds.baseYear + 5 });

  it("stage rows and pupil rows hold only the areas forecast, all finite", () => {
    const rows = stageTotals(part);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.area))).toEqual(new Set([one]));
    expect(rows.every((r) => Number.isFinite(r.pupils))).toBe(true);
    const pupils = pupilRecords(part);
    expect(new Set(pupils.map((r) => r.area))).toEqual(new Set([one]));
    expect(pupils.every((r) => Number.isFinite(r.pupils))).toBe(true);
  });

  it("equal the rows of a forecast of every area, and assessCapacity takes them", () => {
    expect(stageTotals(part)).toEqual(stageTotals(all).filter((r) => r.area === one));
    const assessed = assessCapacity(stageTotals(part), ds, { missingPlaces: "skip" });
    expect(assessed.length).toBeGreaterThan(0);
    expect(new Set(assessed.map((r) => r.area))).toEqual(new Set([one]));
  });
});
