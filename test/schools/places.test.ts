import { describe, expect, it } from "vitest";
import { assessSchools, chinaSchoolSystem, fitModel, forecast, forecastSchools, parseDataset, renderNote } from "../helpers/internal.js";

// One 学区 with an urban school of 120 pupils per grade in 2 classes each (60 per class) and a
// rural school of 20 per grade, each with 600 places, steady in 2019–2020. With no births, the
// area's P1 is a level (140) and its ratios are 1, so the 2021 forecast is 140 per grade and each
// school keeps its share (120 and 20): worked by hand below.
const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
const ds = parseDataset(
  {
    areas: [{ id: "county" }, { id: "xq", parent: "county", grades }],
    enrolment: [2019, 2020].flatMap((year) => grades.map((grade) => ({ area: "xq", year, grade, pupils: 140 }))),
    schools: [
      { id: "town", area: "xq", grades: [{ first: "P1", last: "P6" }], urbanRural: "urban" },
      { id: "village", area: "xq", grades: [{ first: "P1", last: "P6" }], urbanRural: "rural" },
    ],
    schoolEnrolment: [2019, 2020].flatMap((year) =>
      grades.flatMap((grade) => [
        { school: "town", year, grade, pupils: 120, classes: 2 },
        { school: "village", year, grade, pupils: 20, classes: 1 },
      ]),
    ),
    schoolPlaces: [
      { school: "town", year: 2015, places: 600 },
      { school: "village", year: 2015, places: 600 },
    ],
  },
  chinaSchoolSystem,
);

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
});
