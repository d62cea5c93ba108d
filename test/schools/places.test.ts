import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessSchools, chinaSchoolSystem, fitModel, forecast, forecastSchools, parseDataset, renderNote } from "../helpers/internal.js";

// One 学区 with an urban school of 120 pupils per grade in 2 classes each (60 per class) and a
// rural school of 20 per grade, each with 600 places, steady in 2019–2020. With no births, the
// area's P1 is a level (140) and its ratios are 1, so the 2021 forecast is 140 per grade and each
// school keeps its share (120 and 20): worked by hand below.
const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
/** The 学区 above; `closes` gives the village school a closing year, `villagePlaces` its places. */
const twoSchools = (closes?: number, villagePlaces = 600) =>
  parseDataset(
    {
      areas: [{ id: "county" }, { id: "xq", parent: "county", grades }],
      enrolment: [2019, 2020].flatMap((year) => grades.map((grade) => ({ area: "xq", year, grade, pupils: 140 }))),
      schools: [
        { id: "town", area: "xq", grades: [{ first: "P1", last: "P6" }], urbanRural: "urban" },
        { id: "village", area: "xq", grades: [{ first: "P1", last: "P6" }], urbanRural: "rural", ...(closes === undefined ? {} : { closes }) },
      ],
      schoolEnrolment: [2019, 2020].flatMap((year) =>
        grades.flatMap((grade) => [
          { school: "town", year, grade, pupils: 120, classes: 2 },
          { school: "village", year, grade, pupils: 20, classes: 1 },
        ]),
      ),
      schoolPlaces: [
        { school: "town", year: 2015, places: 600 },
        { school: "village", year: 2015, places: villagePlaces },
      ],
    },
    chinaSchoolSystem,
  );
const ds = twoSchools();

describe("assessSchools", () => {
  const sf = forecastSchools(ds, forecast(fitModel(ds), { to: 2021 }));
  const a = assessSchools(sf, ds);
  const row = (school: string) => a.rows.find((r) => r.school === school && r.year === 2021)!;

  it("holds each school against its places and organises its reported classes", () => {
    expect(row("town").pupils).toBeCloseTo(720, 9);
    expect(row("town").surplus).toBeCloseTo(-120, 9);
    expect(row("town").classes).toBe(12);
    expect(row("town").largestClass).toBe(60);
    // 60-pupil classes are 大班额 (56–65): 2 per grade.
    expect(row("town").bands).toEqual({ oversized: 0, large: 12, "super-large": 0 });
    expect(row("town").pupilsOverStandard).toBe(720);
    expect(row("village").utilisation).toBeCloseTo(120 / 600, 9);
    expect(row("village").largestClass).toBe(20);
  });

  it("flags the area from its schools without netting", () => {
    const f = a.areas.find((x) => x.year === 2021)!;
    expect(f).toMatchObject({ schools: 2, schoolsShort: 1, schoolsUnderUsed: 1 });
    expect(f.shortBy).toBeCloseTo(120, 9);
    expect(f.spareInUnderUsed).toBeCloseTo(480, 9);
    expect(f.netSurplus).toBeCloseTo(360, 9);
    expect(f.shareOverStandard).toBeCloseTo(720 / 840, 9);
    const n = a.notes.find((x) => x.code === "schools.mismatch" && x.params.year === 2021)!;
    expect(renderNote(n, "en")).toBe("area xq, 2021: 1 school short by 120 places while 1 is under 80% used (480 spare places); the area's net surplus of 360 hides both");
    expect(renderNote(n, "zh-CN")).toBe("片区 xq，2021 年：1 所学校缺学位 120 个，同时 1 所学校使用率低于 80%（空余学位 480 个）；片区净余 360 个学位掩盖了两者");
  });

  it("uses the standard size where no classes are reported, and places from a planned project naming the school", () => {
    const ds2 = parseDataset(
      {
        areas: [{ id: "xq", grades }],
        enrolment: [2019, 2020].flatMap((year) => grades.map((grade) => ({ area: "xq", year, grade, pupils: 100 }))),
        schools: [{ id: "only", area: "xq", grades: [{ first: "P1", last: "P6" }] }],
        schoolEnrolment: [2019, 2020].flatMap((year) => grades.map((grade) => ({ school: "only", year, grade, pupils: 100 }))),
        capacity: [{ area: "xq", stage: "primary", year: 2020, places: 540 }],
        plannedPlaces: [{ area: "xq", stage: "primary", year: 2021, places: 180, school: "only", kind: "extension" }],
      },
      chinaSchoolSystem,
    );
    const r = assessSchools(forecastSchools(ds2, forecast(fitModel(ds2), { to: 2021 })), ds2).rows.find((x) => x.year === 2021)!;
    // ⌈100 / 45⌉ = 3 classes per grade, the largest 34; places 0 + 180 from the extension.
    expect(r.classes).toBe(18);
    expect(r.largestClass).toBe(34);
    expect(r.pupilsOverStandard).toBe(0);
    expect(r.places).toBe(180);
  });

  it("reports school records outside the areas' history years instead of dropping them silently", () => {
    const ds3 = parseDataset(
      {
        areas: [{ id: "xq", grades }],
        enrolment: grades.map((grade) => ({ area: "xq", year: 2020, grade, pupils: 100 })),
        schools: [{ id: "only", area: "xq", grades: [{ first: "P1", last: "P6" }] }],
        schoolEnrolment: [2019, 2020].flatMap((year) => grades.map((grade) => ({ school: "only", year, grade, pupils: 100 }))),
      },
      chinaSchoolSystem,
    );
    const n = forecastSchools(ds3, forecast(fitModel(ds3), { to: 2021 }), { level: null }).notes.find((x) => x.code === "schools.outside-history")!;
    expect(renderNote(n, "en")).toBe("6 school enrolment records fall outside the areas' history 2020–2020 and are not used; give the areas' enrolment for those years to use them");
  });

  // The village closes mid-horizon (first year without pupils `closes`) but its places record
  // stays: its places count while it teaches and not after (issue 16).
  const withClosing = (closes: number, villagePlaces: number) => twoSchools(closes, villagePlaces);

  it("counts a closing school's places while it teaches and not from the year it closes", () => {
    const d = withClosing(2023, 600);
    const r = assessSchools(forecastSchools(d, forecast(fitModel(d), { to: 2024 }), { level: null }), d);
    const v = (year: number) => r.rows.find((x) => x.school === "village" && x.year === year)!;
    const f = (year: number) => r.areas.find((x) => x.year === year)!;
    // 2022: still open, 120 pupils (its share, as in 2021 above) in 600 places: under-used, 480 spare.
    expect(v(2022).places).toBe(600);
    expect(f(2022)).toMatchObject({ schools: 2, schoolsUnderUsed: 1 });
    expect(f(2022).spareInUnderUsed).toBeCloseTo(480, 9);
    // 2023–2024: closed, no pupils; its 600 places are not counted (before the fix: under-used, 600 spare).
    for (const year of [2023, 2024]) {
      expect(v(year)).toMatchObject({ pupils: 0, places: 0, surplus: 0, utilisation: null });
      expect(f(year)).toMatchObject({ schools: 1, schoolsUnderUsed: 0, spareInUnderUsed: 0 });
      // the town school alone: 600 places, all 840 pupils of the area.
      expect(f(year).netSurplus).toBeCloseTo(600 - 840, 9);
    }
    const n = r.notes.find((x) => x.code === "schools.closed-places")!;
    expect(n.params).toEqual({ school: "village", years: [2023, 2024] });
    expect(renderNote(n, "en")).toBe("school village: teaches no grade in 2023, 2024 (not yet open or closed), so its places are not counted in those years (no surplus, not under-used)");
    expect(renderNote(n, "zh-CN")).toBe("学校 village：2023、2024 年未开设任何年级（尚未开办或已停办），这些年份不计其学位（不计余缺，不计为使用不足）");
  });

  it("law: an area's counts and net surplus take only the schools teaching that year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2021, max: 2024 }), fc.integer({ min: 0, max: 2000 }), (closes, villagePlaces) => {
        const d = withClosing(closes, villagePlaces);
        const r = assessSchools(forecastSchools(d, forecast(fitModel(d), { to: 2023 }), { level: null }), d);
        for (const f of r.areas) {
          const open = r.rows.filter((x) => x.year === f.year && (x.year < closes || x.school === "town"));
          const closed = r.rows.filter((x) => x.year === f.year && !open.includes(x));
          for (const x of closed) expect(x).toMatchObject({ pupils: 0, places: 0, surplus: 0, utilisation: null });
          expect(f.netSurplus).toBeCloseTo(open.reduce((t, x) => t + x.surplus!, 0), 6);
          expect(f.schoolsUnderUsed).toBe(open.filter((x) => x.surplus! >= 0 && x.utilisation !== null && x.utilisation < 0.8).length);
          expect(f.schoolsUnderUsed + f.schoolsShort).toBeLessThanOrEqual(open.length);
        }
        expect(r.notes.some((x) => x.code === "schools.closed-places")).toBe(closes <= 2023 && villagePlaces > 0);
      }),
      { numRuns: 15, seed: 16 },
    );
  });
});

describe("forecastSchools on a forecast of some areas", () => {
  // Two 学区 with one school each; the forecast leaves out xq2 (`forecast(model, { areas })`),
  // whose pupils are then NaN in the forecast.
  const d = parseDataset(
    {
      areas: [{ id: "county" }, { id: "xq1", parent: "county", grades }, { id: "xq2", parent: "county", grades }],
      enrolment: [2019, 2020].flatMap((year) => grades.flatMap((grade) => [{ area: "xq1", year, grade, pupils: 100 }, { area: "xq2", year, grade, pupils: 50 }])),
      schools: [
        { id: "a", area: "xq1", grades: [{ first: "P1", last: "P6" }] },
        { id: "b", area: "xq2", grades: [{ first: "P1", last: "P6" }] },
      ],
      schoolEnrolment: [2019, 2020].flatMap((year) => grades.flatMap((grade) => [{ school: "a", year, grade, pupils: 100 }, { school: "b", year, grade, pupils: 50 }])),
      schoolPlaces: [{ school: "b", year: 2015, places: 400 }],
    },
    chinaSchoolSystem,
  );
  const model = fitModel(d);

  it("leaves out the schools of an area the forecast does not cover, with a note, never NaN", () => {
    const sf = forecastSchools(d, forecast(model, { to: 2022, areas: ["xq1"] }));
    expect(sf.panel.schools).toEqual(["a"]);
    expect([...sf.pupils].every(Number.isFinite)).toBe(true);
    // The one school of xq1 holds all its area's pupils: 100 per grade (ratios 1, level entry).
    const p6 = sf.panel.grades.indexOf("P6");
    expect(sf.pupils[p6 * sf.years.length + 2]).toBeCloseTo(100, 9);
    const n = sf.notes.find((x) => x.code === "schools.area-not-forecast")!;
    expect(n.params).toEqual({ area: "xq2", schools: ["b"] });
    expect(renderNote(n, "en")).toBe("area xq2 has no pupils in the area forecast (left out of its areas), so its schools (b) are not forecast; forecast the area to include them");
    expect(renderNote(n, "zh-CN")).toBe("片区 xq2 在片区预测中没有学生数（未列入预测片区），其学校（b）未作分校预测；如需包含，请预测该片区");
    const a = assessSchools(sf, d);
    expect(a.rows.every((r) => r.school === "a" && Number.isFinite(r.pupils))).toBe(true);
    // Same figures for school a as a forecast of every area.
    const all = forecastSchools(d, forecast(model, { to: 2022 }));
    expect([...sf.pupils]).toEqual([...all.pupils.subarray(0, sf.pupils.length)]);
  });

  it("refuses, with the areas, a forecast that covers none of the schools' areas", () => {
    const d1 = { ...d, schools: d.schools!.filter((s) => s.area === "xq2"), schoolEnrolment: d.schoolEnrolment!.filter((r) => r.school === "b") };
    expect(() => forecastSchools(d1, forecast(fitModel(d1), { to: 2022, areas: ["xq1"] }))).toThrow(/leaves out the areas of every school \(xq2\)/);
  });
});
