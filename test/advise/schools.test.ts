import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { advise } from "../../src/advise/advise.js";
import type { Levers } from "../../src/advise/levers.js";
import { schoolAdviceInput } from "../../src/advise/schools.js";
import { loadHighsSolver, type Solver } from "../../src/advise/solver.js";
import { chinaSchoolSystem, fitModel, forecast, forecastSchools, parseDataset, simulateSchools } from "../helpers/internal.js";
import { expectClose } from "../helpers/expect.js";
import { testLevers } from "./synthetic.js";

let solver: Solver;
beforeAll(async () => {
  solver = await loadHighsSolver({ mipRelGap: 1e-9 });
});

// One 学区 with a town school of 120 pupils per grade and a village school of 20, 600 places each
// (the case of test/schools/places.test.ts), a 200-place extension of the town school planned for
// 2023, and a nine-year school teaching primary and junior grades.
const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
const ds = parseDataset(
  {
    areas: [{ id: "county" }, { id: "xq", parent: "county", grades }],
    enrolment: [2019, 2020].flatMap((year) => grades.map((grade) => ({ area: "xq", year, grade, pupils: 140 }))),
    schools: [
      { id: "town", area: "xq", grades: [{ first: "P1", last: "P6" }] },
      { id: "village", area: "xq", grades: [{ first: "P1", last: "P6" }] },
      { id: "lonely", area: "xq", grades: [{ first: "P1", last: "P2" }] },
    ],
    schoolEnrolment: [2019, 2020].flatMap((year) =>
      grades.flatMap((grade) => [
        { school: "town", year, grade, pupils: 110, classes: 2 },
        { school: "village", year, grade, pupils: 20, classes: 1 },
        ...(grade === "P1" || grade === "P2" ? [{ school: "lonely", year, grade, pupils: 5 }] : []),
      ]),
    ),
    schoolPlaces: [
      { school: "town", year: 2015, places: 600 },
      { school: "village", year: 2015, places: 600 },
    ],
    plannedPlaces: [{ area: "xq", stage: "primary", year: 2023, places: 200, school: "town", project: "town-extension" }],
  },
  chinaSchoolSystem,
);
const sf = forecastSchools(ds, forecast(fitModel(ds), { to: 2025 }));
const sp = simulateSchools(sf, { draws: 20, seed: 5 });
const input = schoolAdviceInput(sp, sf, ds);
const S = sp.schools.length;
const H = sp.years.length;
/** A school's pupils in year index h of draw d, read from the school paths themselves. */
const total = (school: string, d: number, h: number) => sp.totals[(d * S + sp.schools.indexOf(school)) * H + h]!;

describe("schoolAdviceInput", () => {
  it("gives one cell per school with places, its paths read in the school paths' layout", () => {
    expect(input.paths.cells.map((c) => c.area)).toEqual(["town", "village"]);
    for (const c of input.paths.cells) {
      expect(c.stage).toBe("primary");
      expect(c.years).toEqual(sp.years);
      for (let d = 0; d < sp.draws; d++) for (let h = 0; h < H; h++) expect(c.pupils[d * H + h]).toBe(total(c.area, d, h));
    }
    expect(input.notes).toEqual([{ code: "advise.school-no-places", params: { school: "lonely" } }]);
    expect(input.groups).toEqual([["town", "village"]]);
    expect(input.areaOf.get("town")).toBe("xq");
  });
  it("holds each school's places records as its line and the planned places naming it as its project", () => {
    const town = input.supply.lines.find((l) => l.area === "town")!;
    expect(town.stage).toBe("primary");
    expect(town.changes.map((c) => [c.project, c.year, c.places])).toEqual([["p\u0000town-extension", 2023, 200]]); // the schedule keys named projects "p\0name"
    const row = (area: string, year: number) => input.supply.totals.find((r) => r.area === area && r.year === year)!;
    expect(row("town", 2022).places).toBe(600);
    expect(row("town", 2023).places).toBe(800);
    expect(row("village", 2023).places).toBe(600);
  });
});

describe("advise at school level", () => {
  // No lever but the project and moves can act in time: permanent places too late, no temporary
  // places or closures. A village place moved to town saves a town pupil short (5) and an empty
  // village place (1) for 1 a year: town takes every spare village place it needs.
  const { temporary: _t, closure: _c, ...base } = testLevers({ shortfall: 5, empty: 1, build: 4, lead: 10 });
  const levers = (perYear: number): Levers => ({ ...base, moves: { groups: { value: input.groups, source: "test value" }, costPerPlaceYear: { value: perYear, source: "test value" }, leadTime: { value: 1, source: "test value" }, capShare: { value: 1, source: "test value" } } });
  it("the village lends the town what it lacks, year by year, read from the paths", async () => {
    const a = await advise(input.paths, input.supply, { ...levers(1), projects: { ...base.projects, maxDefer: { value: 0, source: "test value" }, committedYears: { value: 10, source: "test value" } } }, { risk: 1, solver, maxBreakpoints: 100 });
    // the project is committed here (kept): town has 600 places to 2022, 800 from 2023
    for (let h = 0; h < H; h++) {
      // the premise: demand the same in every draw (too little history for errors), town over its places
      for (let d = 1; d < sp.draws; d++) expect(total("town", d, h)).toBe(total("town", 0, h));
      const own = sp.years[h]! >= 2023 ? 800 : 600;
      const want = Math.min(Math.max(0, total("town", 0, h) - own), Math.max(0, 600 - total("village", 0, h)));
      const moved = a.moves.filter((m) => m.year === sp.years[h]).reduce((s, m) => s + m.places, 0);
      expectClose(moved, want, { abs: 1e-6 });
      for (const m of a.moves) expect([m.from, m.to, m.stage]).toEqual(["village", "town", "primary"]);
    }
  });
  it("moves between schools never raise the cost; at a prohibitive move cost the advice is the schools' own", async () => {
    const apart = await advise(input.paths, input.supply, base, { risk: 0.1, solver });
    const cheap = await advise(input.paths, input.supply, levers(0.5), { risk: 0.1, solver });
    const dear = await advise(input.paths, input.supply, levers(1e5), { risk: 0.1, solver });
    const cost = (x: typeof apart) => x.cells.reduce((s, c) => s + c.advised.cost, 0);
    expect(cost(cheap)).toBeLessThanOrEqual(cost(apart) + 1e-6);
    expect(dear.moves).toEqual([]);
    expect(dear.rows).toEqual(apart.rows.map((r) => ({ ...r })));
    expect(dear.projects).toEqual(apart.projects);
  });
});

describe("schoolAdviceInput: a closed school has no places", () => {
  // The case of test/schools/places.test.ts: the village closes (first year without pupils
  // `closes`) while its 600-place record of 2015 stays; a new school opens in 2023 with a record
  // of 2015 (its building finished early) and a planned extension of 2022, before it opens.
  const withClosing = (closes: number, villagePlaces: number) =>
    parseDataset(
      {
        areas: [{ id: "county" }, { id: "xq", parent: "county", grades }],
        enrolment: [2019, 2020].flatMap((year) => grades.map((grade) => ({ area: "xq", year, grade, pupils: 140 }))),
        schools: [
          { id: "town", area: "xq", grades: [{ first: "P1", last: "P6" }] },
          { id: "village", area: "xq", grades: [{ first: "P1", last: "P6" }], closes },
          { id: "new", area: "xq", grades: [{ first: "P1", last: "P6" }], opens: 2023 },
        ],
        schoolEnrolment: [2019, 2020].flatMap((year) => grades.flatMap((grade) => [{ school: "town", year, grade, pupils: 110 }, { school: "village", year, grade, pupils: 20 }])),
        schoolPlaces: [
          { school: "town", year: 2015, places: 600 },
          { school: "village", year: 2015, places: villagePlaces },
          { school: "new", year: 2015, places: 300 },
        ],
        plannedPlaces: [{ area: "xq", stage: "primary", year: 2022, places: 100, school: "new", project: "new-early" }],
      },
      chinaSchoolSystem,
    );
  const inputOf = (d: ReturnType<typeof withClosing>) => {
    const f = forecastSchools(d, forecast(fitModel(d), { to: 2025 }));
    return schoolAdviceInput(simulateSchools(f, { draws: 5, seed: 1 }), f, d);
  };
  it("counts the village's places while it teaches, none from its closing year; the new school's from its opening; planned places before opening left out with a note", () => {
    const inp = inputOf(withClosing(2023, 600));
    const places = (area: string, year: number) => inp.supply.totals.find((r) => r.area === area && r.year === year)?.places;
    expect([2020, 2021, 2022].map((y) => places("village", y))).toEqual([600, 600, 600]);
    expect([2023, 2024, 2025].map((y) => places("village", y))).toEqual([0, 0, 0]);
    expect([2020, 2021, 2022].map((y) => places("new", y))).toEqual([0, 0, 0]);
    expect([2023, 2024, 2025].map((y) => places("new", y))).toEqual([300, 300, 300]);
    expect(inp.supply.lines.find((l) => l.area === "new")!.changes).toEqual([]);
    expect(inp.notes).toContainEqual({ code: "advise.school-closed", params: { school: "village", years: [2023, 2024, 2025], plannedYears: [], plannedPlaces: 0 } });
    expect(inp.notes).toContainEqual({ code: "advise.school-closed", params: { school: "new", years: [2020, 2021, 2022], plannedYears: [2022], plannedPlaces: 100 } });
  });
  it("property: a school has places exactly in the years it teaches (the panel's offered table)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2021, max: 2026 }), fc.integer({ min: 1, max: 2000 }), (closes, villagePlaces) => {
        const d = withClosing(closes, villagePlaces);
        const f = forecastSchools(d, forecast(fitModel(d), { to: 2025 }));
        const inp = schoolAdviceInput(simulateSchools(f, { draws: 2, seed: 1 }), f, d);
        const s = f.panel.schools.indexOf("village");
        const G = f.panel.grades.length;
        const T = f.panel.to - f.panel.firstYear + 1;
        for (const r of inp.supply.totals.filter((x) => x.area === "village" && x.year >= f.panel.baseYear)) {
          let teaches = false;
          for (let g = 0; g < G; g++) if (f.panel.offered[(s * G + g) * T + r.year - f.panel.firstYear]) teaches = true;
          expect(r.places).toBe(teaches ? villagePlaces : 0);
          expect(teaches).toBe(r.year < closes);
        }
      }),
      { numRuns: 12 },
    );
  });
});
