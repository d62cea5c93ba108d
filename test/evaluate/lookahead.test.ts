import { describe, expect, it } from "vitest";
import { ALL_GRADES, backtest, forecast, fitModel, parseDataset, plain, truncateDataset, type DatasetInput } from "../../src/index.js";
import { deepFreeze } from "../helpers/expect.js";
import { toySystem } from "../helpers/toySystem.js";

// Toy system: G1 (age 5, from births), G2 (age 6), G3 (age 7, stage "upper"). History 2010–2020;
// births vary so that entry from births and entry as a level give different forecasts.
const FIRST = 2010;
const LAST = 2020;
const B = (y: number): number => 400 + 50 * ((y * 3) % 4);

/** Area "x" teaches G2 and G3 all along; with `opensG1`, it also lists G1, which is 0 until `opensG1` and then B(y − 5). */
function input(opensG1?: number, extra: Partial<DatasetInput> = {}): DatasetInput {
  const enrolment = [];
  const births = [];
  for (let y = FIRST - 8; y <= LAST; y++) births.push({ area: "x", year: y, births: B(y) });
  for (let y = FIRST; y <= LAST; y++) {
    if (opensG1 !== undefined) enrolment.push({ area: "x", year: y, grade: "G1", pupils: y >= opensG1 ? B(y - 5) : 0 });
    enrolment.push({ area: "x", year: y, grade: "G2", pupils: B(y - 6) + (y % 3) }, { area: "x", year: y, grade: "G3", pupils: B(y - 7) - (y % 2) });
  }
  return { areas: [{ id: "x", grades: opensG1 !== undefined ? ["G1", "G2", "G3"] : ["G2", "G3"] }], enrolment, births, ...extra };
}

describe("backtests know only what was known at the origin", () => {
  const without = parseDataset(deepFreeze(input()), toySystem);
  const withLater = parseDataset(deepFreeze(input(2018)), toySystem);

  it("a grade opened after the origin does not change the forecast made at the origin", () => {
    const plan = { origins: [2014, 2015, 2016], horizon: 3, level: "grade" as const };
    const a = backtest(without, {}, plan);
    const b = backtest(withLater, {}, plan);
    const key = (c: { origin: number; year: number; grade?: string }): string => `${c.origin} ${c.year} ${c.grade}`;
    const fa = new Map(a.cells.map((c) => [key(c), c.forecast]));
    const g23 = b.cells.filter((c) => c.grade !== "G1");
    expect(g23.length).toBe(a.cells.length);
    for (const c of g23) expect(c.forecast).toBe(fa.get(key(c)));
    // G1 opened in 2018: forecast 0 at every origin (not known), scored against its actual.
    const g1 = b.cells.filter((c) => c.grade === "G1");
    expect(g1.every((c) => c.forecast === 0)).toBe(true);
    expect(g1.filter((c) => c.actual > 0).map((c) => c.year).sort()).toEqual([2018, 2018, 2019]);
  });

  it("truncateDataset drops the grade, its records and reports it; the dataset after it opens keeps it", () => {
    const cut = truncateDataset(withLater, 2016);
    expect(cut.notYetTaught).toEqual([{ area: "x", grades: ["G1"] }]);
    expect(cut.dataset.areas[0]!.grades).toEqual(["G2", "G3"]);
    expect(cut.dataset.enrolment.some((r) => r.grade === "G1")).toBe(false);
    // the forecast at the origin equals the forecast of the dataset that never listed G1
    expect(forecast(fitModel(cut.dataset), { to: 2019 }).pupils).toEqual(forecast(fitModel(truncateDataset(without, 2016).dataset), { to: 2019 }).pupils);
    expect(truncateDataset(withLater, 2018).notYetTaught).toEqual([]);
  });

  it("areas recorded only after the origin, later housing, capacity and planned places are left out", () => {
    const late = input(undefined, {
      housing: [{ area: "x", year: 2015, dwellings: 10 }, { area: "x", year: 2018, dwellings: 20 }],
      capacity: [{ area: "x", stage: "lower", year: 2014, places: 900 }, { area: "x", stage: "lower", year: 2019, places: 950 }],
      plannedPlaces: [{ area: "x", stage: "lower", year: 2015, places: 30 }, { area: "x", stage: "lower", year: 2019, places: 60 }],
    });
    const y = { id: "y", grades: ["G2", "G3"] };
    const enrolment = [...late.enrolment];
    for (let yr = 2017; yr <= LAST; yr++) enrolment.push({ area: "y", year: yr, grade: "G2", pupils: 50 }, { area: "y", year: yr, grade: "G3", pupils: 50 });
    const ds = parseDataset({ ...late, areas: [...late.areas, y], enrolment }, toySystem);
    const cut = truncateDataset(ds, 2016);
    expect(cut.notYetRecorded).toEqual(["y"]);
    expect(cut.dataset.areas.map((a) => a.id)).toEqual(["x"]);
    expect(cut.dataset.housing!.map((r) => r.year)).toEqual([2015]);
    expect(cut.dataset.capacity!.map((r) => r.year)).toEqual([2014]);
    expect(cut.dataset.plannedPlaces!.map((r) => r.year)).toEqual([2015]);
    expect(truncateDataset(ds, 2016, { housingKnownTo: 5, plannedPlacesKnownTo: 5 }).dataset.housing!.map((r) => r.year)).toEqual([2015, 2018]);
    expect(() => truncateDataset(ds, 2016, { housingKnownTo: 0.5 })).toThrow(RangeError);
  });
});

describe("backtest options: level, areas, floor", () => {
  const two = (() => {
    const i = input();
    const enrolment = [...i.enrolment, ...i.enrolment.map((r) => ({ ...(r as object), area: "z" }))];
    const births = [...(i.births ?? []), ...(i.births ?? []).map((r) => ({ ...(r as object), area: "z" }))];
    return parseDataset({ areas: [...i.areas, { id: "z", grades: ["G2", "G3"] }], enrolment, births }, toySystem);
  })();

  it("level all: one cell per area and year, the sum of the stage cells", () => {
    const plan = { origins: [2015], horizon: 2 };
    const all = backtest(two, plain, { ...plan, level: "all" });
    const st = backtest(two, plain, plan);
    expect(all.cells.length).toBe(4); // 2 areas × 2 years
    expect(all.cells.every((c) => c.stage === ALL_GRADES)).toBe(true);
    for (const c of all.cells) {
      const parts = st.cells.filter((s) => s.area === c.area && s.year === c.year);
      expect(c.forecast).toBeCloseTo(parts.reduce((s, p) => s + p.forecast, 0), 9);
      expect(c.actual).toBe(parts.reduce((s, p) => s + p.actual, 0));
    }
    expect(all.byHorizonStage.map((r) => r.stage)).toEqual([ALL_GRADES, ALL_GRADES]);
  });

  it("areas: scores only the chosen areas; unknown ids are refused", () => {
    const bt = backtest(two, {}, { origins: [2015], horizon: 2, areas: ["z"] });
    expect(new Set(bt.cells.map((c) => c.area))).toEqual(new Set(["z"]));
    expect(() => backtest(two, {}, { origins: [2015], horizon: 2, areas: ["nowhere"] })).toThrow(/nowhere/);
  });

  it("minActual 0 is allowed; a negative floor or an unknown level is refused", () => {
    expect(backtest(two, {}, { origins: [2015], horizon: 2, minActual: 0 }).overall.small).toBe(0);
    expect(() => backtest(two, {}, { origins: [2015], horizon: 2, minActual: -1 })).toThrow(RangeError);
    expect(() => backtest(two, {}, { origins: [2015], horizon: 2, level: "school" as never })).toThrow(RangeError);
  });
});
