import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AssessBit, assessCapacity, assessForecast, bandBit, capacitySchedule, chinaSchoolSystem, fitModel, flaggedCells, forecast, indexSystem, parseDataset, placesCube, stageTotals, type Dataset } from "../../src/index.js";
import { datasetInputArb } from "../helpers/arbitraries.js";
import { expectClose } from "../helpers/expect.js";
import { yangjiangDataset } from "../../src/seeds.js";

/** The typed kernel and the row façade must agree on every number and every flag. */
function compare(ds: Dataset, to: number): number {
  const f = forecast(fitModel(ds), { to });
  const schedule = capacitySchedule(ds, { from: f.baseYear, to });
  const rows = assessCapacity(stageTotals(f), schedule, { missingPlaces: "skip" });
  const cube = assessForecast(f, placesCube(schedule, f.areas, f.years));
  const S = cube.stages.length;
  const Y = cube.years.length;
  let checked = 0;
  for (const r of rows) {
    const k = (cube.areas.indexOf(r.area) * S + cube.stages.indexOf(r.stage)) * Y + (r.year - cube.years[0]!);
    expect(cube.assessed[k]).toBe(1);
    expectClose(cube.pupils[k]!, r.pupils, { rel: 1e-12, abs: 1e-9 });
    expect(cube.places[k]).toBe(r.places);
    expectClose(cube.surplus[k]!, r.surplus, { rel: 1e-12, abs: 1e-9 });
    expect(cube.classesNeeded[k]).toBe(r.classesNeeded);
    expect(cube.largestClass[k]).toBe(r.largestClassSize ?? 0);
    const codes = new Set(r.flags.map((x) => x.code));
    expect(Boolean(cube.flags[k]! & AssessBit.shortfall)).toBe(codes.has("shortfall"));
    expect(Boolean(cube.flags[k]! & AssessBit.lowHeadroom)).toBe(codes.has("low-headroom"));
    expect(Boolean(cube.flags[k]! & AssessBit.surplusRisk)).toBe(codes.has("surplus-risk"));
    cube.bands.forEach((id, i) => {
      const applies = ds.system.classSizeBands[i]!.stages?.includes(r.stage) ?? true;
      if (applies) expect(Boolean(cube.flags[k]! & bandBit(i)), `${id} ${r.area} ${r.stage} ${r.year}`).toBe(codes.has(id));
    });
    checked++;
  }
  let assessedCells = 0;
  for (const v of cube.assessed) assessedCells += v;
  expect(assessedCells).toBe(rows.length);
  return checked;
}

describe("assessForecast (typed kernel) against assessCapacity (rows)", () => {
  it("agrees on the Yangjiang seed, cell by cell and flag by flag", () => {
    expect(compare(yangjiangDataset(), 2035)).toBe(6 * 4 * 16);
  });

  it("agrees on random datasets with random places and classes (property)", () => {
    const ix = indexSystem(chinaSchoolSystem);
    fc.assert(
      fc.property(datasetInputArb(), fc.array(fc.record({ places: fc.integer({ min: 0, max: 20000 }), classes: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }) }), { minLength: 12, maxLength: 12 }), (input, caps) => {
        const areas = (input.areas as { id: string }[]).map((a) => a.id);
        const base = Math.max(...(input.enrolment as { year: number }[]).map((r) => r.year));
        const capacity = areas.flatMap((area, ai) =>
          ix.stageIds.map((stage, si) => {
            const c = caps[(ai * 4 + si) % caps.length]!;
            // classes only where places exist (the dataset refuses places in no classes)
            const classes = c.classes === undefined ? undefined : c.places === 0 ? 0 : Math.max(1, c.classes);
            return { area, stage, year: base, places: c.places, ...(classes !== undefined ? { classes } : {}) };
          }),
        );
        const ds = parseDataset({ ...input, capacity }, chinaSchoolSystem);
        expect(compare(ds, base + 6)).toBe(areas.length * 4 * 7);
      }),
      { numRuns: 40 },
    );
  });

  it("lists flagged cells and refuses a places cube on other axes", () => {
    const ds = yangjiangDataset();
    const f = forecast(fitModel(ds), { to: 2030 });
    const cube = assessForecast(f, placesCube(capacitySchedule(ds, { from: 2020, to: 2030 }), f.areas, f.years));
    const short = flaggedCells(cube, AssessBit.shortfall);
    expect(short.length).toBeGreaterThan(0);
    const rows = assessCapacity(stageTotals(f), ds).filter((r) => r.flags.some((x) => x.code === "shortfall"));
    expect(short).toEqual(rows.map((r) => ({ area: r.area, stage: r.stage, year: r.year })));
    expect(() => assessForecast(f, placesCube(capacitySchedule(ds, { from: 2020, to: 2030 }), f.areas, f.years.slice(1)))).toThrow(RangeError);
  });
});

describe("placesCube", () => {
  it("does not depend on the order of the schedule's totals (property)", () => {
    // placesCube reads the totals in runs of one area; shuffled totals make runs of any length.
    const ds = yangjiangDataset();
    const f = forecast(fitModel(ds), { to: 2030 });
    const schedule = capacitySchedule(ds, { from: f.baseYear, to: 2030 });
    const cube = placesCube(schedule, f.areas, f.years);
    fc.assert(
      fc.property(fc.shuffledSubarray([...schedule.totals], { minLength: schedule.totals.length }), (totals) => {
        expect(placesCube({ ...schedule, totals }, f.areas, f.years)).toEqual(cube);
      }),
      { numRuns: 30 },
    );
  });
});

