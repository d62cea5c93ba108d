import { describe, expect, it } from "vitest";
import { fitModel, forecast, parseDataset, stageTotals, usK12SchoolSystem, type DatasetInput } from "../../src/index.js";
import { loadCtDistricts, loadUsStates } from "../fixtures/load.js";

/**
 * One-year-ahead check on real data, end to end: fit on the years up to `origin`, forecast one
 * year, compare each area's total K–12 pupils with what happened. Returns the mean and the
 * median absolute percentage error over areas and origins.
 */
function oneYearAhead(input: DatasetInput, origins: number[]): { mape: number; mdape: number; n: number } {
  const errs: number[] = [];
  for (const origin of origins) {
    const truncated = {
      areas: input.areas,
      enrolment: input.enrolment.filter((r) => (r as { year: number }).year <= origin),
      births: (input.births ?? []).filter((r) => (r as { year: number }).year <= origin),
    };
    const fc = forecast(fitModel(parseDataset(truncated, usK12SchoolSystem)), { to: origin + 1 });
    const predicted = new Map<string, number>();
    for (const r of stageTotals(fc)) if (r.year === origin + 1) predicted.set(r.area, (predicted.get(r.area) ?? 0) + r.pupils);
    const actual = new Map<string, number>();
    for (const r of input.enrolment as { area: string; year: number; pupils: number | null }[]) {
      if (r.year === origin + 1 && r.pupils !== null) actual.set(r.area, (actual.get(r.area) ?? 0) + r.pupils);
    }
    for (const [area, p] of predicted) {
      const a = actual.get(area);
      if (a !== undefined && a >= 100) errs.push(Math.abs(p - a) / a);
    }
  }
  const sorted = [...errs].sort((x, y) => x - y);
  return { mape: errs.reduce((s, v) => s + v, 0) / errs.length, mdape: sorted[Math.floor(sorted.length / 2)]!, n: errs.length };
}

describe("real data, end to end (one year ahead, total K–12 per area)", () => {
  it("US states 2006–2010 origins: runs on all 51 and errs little", () => {
    const { input } = loadUsStates();
    const r = oneYearAhead(input, [2006, 2007, 2008, 2009, 2010]);
    console.log(`US states, 1 year ahead: MAPE ${(100 * r.mape).toFixed(2)}%, MdAPE ${(100 * r.mdape).toFixed(2)}% over ${r.n} state-years`);
    expect(r.n).toBe(51 * 5);
    // bound from the measured run (MAPE about 1%), with room; a broken kernel gives errors of tens of percent
    expect(r.mape).toBeLessThan(0.03);
  });

  it("Connecticut districts 2010–2014 origins: runs on every kept district", () => {
    const { input } = loadCtDistricts();
    const r = oneYearAhead(input, [2010, 2011, 2012, 2013, 2014]);
    console.log(`CT districts, 1 year ahead: MAPE ${(100 * r.mape).toFixed(2)}%, MdAPE ${(100 * r.mdape).toFixed(2)}% over ${r.n} district-years`);
    expect(r.n).toBeGreaterThan(500);
    // bounds from the measured run (MAPE about 3%, MdAPE about 1.3%), with room; an entry grade tied to
    // births it has no history with once gave a MAPE of over 1000%
    expect(r.mdape).toBeLessThan(0.05);
    expect(r.mape).toBeLessThan(0.1);
  });
});
