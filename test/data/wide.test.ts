import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, DatasetError, fromWide, indexSystem, isMissingMark, parseDataset, readDate, readNumber, readYear, renderNote, usK12SchoolSystem, validLabels, type WideRow } from "../../src/index.js";
import { parseCsv, fixtureText, US_K12_GRADES } from "../fixtures/load.js";
import { deepFreeze } from "../helpers/expect.js";

describe("lenient cell rules", () => {
  it("numbers: plain, thousands, units, full-width; anything else undefined", () => {
    expect(readNumber("1234")).toEqual({ value: 1234 });
    expect(readNumber("1,234")).toEqual({ value: 1234, rule: "thousands" });
    expect(readNumber("1 234 567")).toEqual({ value: 1234567, rule: "thousands" });
    expect(readNumber("1,234人")).toEqual({ value: 1234, rule: "unit" });
    expect(readNumber("12 所")).toEqual({ value: 12, rule: "unit" });
    expect(readNumber("１２３４")).toEqual({ value: 1234, rule: "full-width" });
    for (const bad of ["12 34", "1.234.567", "约1200", "1,23", "abc", "", "1234 pupils"]) expect(readNumber(bad), bad).toBeUndefined();
  });

  it("a number written with separators or a unit reads as itself (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.constantFrom(",", " ", "\u00a0"), fc.constantFrom("", "人", "套", "个学位"), (n, sep, unit) => {
        const grouped = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(readNumber(grouped + unit)?.value).toBe(n);
      }),
    );
  });

  it("years: 2016年, 2016学年, school-year ranges; a range of two years is refused", () => {
    expect(readYear("2016")).toEqual({ value: 2016 });
    expect(readYear("2016年")).toEqual({ value: 2016, rule: "year-suffix" });
    expect(readYear("2016学年")).toEqual({ value: 2016, rule: "year-suffix" });
    expect(readYear("2016-17")).toEqual({ value: 2016, rule: "school-year-range" });
    expect(readYear("2016/2017")).toEqual({ value: 2016, rule: "school-year-range" });
    expect(readYear("2016—2017学年")).toEqual({ value: 2016, rule: "school-year-range" });
    expect(readYear("1999-00")).toEqual({ value: 1999, rule: "school-year-range" });
    for (const bad of ["2016-18", "2016-2018", "16", "二〇一六年", "2016.5"]) expect(readYear(bad), bad).toBeUndefined();
  });

  it("dates: slashes, Chinese, month only as its last day; impossible or ambiguous dates refused", () => {
    expect(readDate("2026-09-30")).toEqual({ value: "2026-09-30" });
    expect(readDate("2026/9/30")).toEqual({ value: "2026-09-30", rule: "date-slash" });
    expect(readDate("2026.9.3")).toEqual({ value: "2026-09-03", rule: "date-slash" });
    expect(readDate("2026年9月30日")).toEqual({ value: "2026-09-30", rule: "date-chinese" });
    expect(readDate("2026年9月")).toEqual({ value: "2026-09-30", rule: "month-end" });
    expect(readDate("2028/2")).toEqual({ value: "2028-02-29", rule: "month-end" });
    for (const bad of ["2026/2/30", "9/30/2026", "30/9/2026", "2026年13月", "2026-02-30"]) expect(readDate(bad), bad).toBeUndefined();
  });

  it("dashes mark a missing figure; zero does not", () => {
    for (const d of ["-", "—", "–", "--", "——", "－"]) expect(isMissingMark(d), d).toBe(true);
    for (const v of ["0", "", "*", "n/a"]) expect(isMissingMark(v), v).toBe(false);
  });

  it("valid labels list the accepted names per grade and stage (for templates)", () => {
    const v = validLabels(chinaSchoolSystem);
    expect(v.grades.map((g) => g.id)).toEqual(indexSystem(chinaSchoolSystem).gradeIds);
    expect(v.grades.find((g) => g.id === "P1")!.names).toEqual(["P1", "Primary 1", "小学一年级", "一年级", "1年级", "小学1年级"]);
    expect(v.grades.find((g) => g.id === "J1")!.names).toContain("七年级");
    expect(v.grades.find((g) => g.id === "K1")!.names).toContain("小班");
    expect(v.stages.find((s) => s.id === "preschool")!.names).toContain("幼儿园");
    expect(v.stages.find((s) => s.id === "senior")!.names).toContain("普通高中");
    // Every listed name is unique to its grade across the system (no name maps to two grades).
    const all = v.grades.flatMap((g) => g.names.map((n) => n.normalize("NFKC").toLowerCase().replace(/[\s_.-]+/g, "")));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("fromWide", () => {
  const rows: WideRow[] = deepFreeze([
    { area: "a", year: "2019", PK: "5", K: "100", G1: "98", total: "203" },
    { area: "a", year: "2020-21", PK: "6", K: "1,010", G1: "*", total: "*" },
    { area: "Total", year: "2020", PK: "6", K: "1010", G1: "0", total: "1016" },
  ]);

  it("one record per area, year and grade; dropped columns, totals and missing figures as notes", () => {
    const r = fromWide(rows, { system: usK12SchoolSystem, area: "area", year: "year", drop: ["PK", "total"], missing: ["*"] });
    expect(r.enrolment).toEqual([
      { area: "a", year: 2019, grade: "K", pupils: 100 },
      { area: "a", year: 2019, grade: "G1", pupils: 98 },
      { area: "a", year: 2020, grade: "K", pupils: 1010 },
      { area: "a", year: 2020, grade: "G1", pupils: null },
    ]);
    expect(r.areas).toEqual([{ id: "a" }]);
    const codes = r.notes.map((n) => n.code);
    expect(codes).toEqual(expect.arrayContaining(["wide.column-dropped", "wide.total-rows", "wide.missing-kept", "wide.read-as"]));
    expect(r.notes.filter((n) => n.code === "wide.column-dropped").map((n) => n.params.column)).toEqual(["PK", "total"]);
    for (const n of r.notes) {
      expect(renderNote(n, "en")).not.toMatch(/undefined|NaN/);
      expect(renderNote(n, "zh-CN")).not.toMatch(/undefined|NaN/);
    }
  });

  it("refuses columns it was not told about, and figures it cannot read, with every problem listed", () => {
    expect(() => fromWide(rows, { system: usK12SchoolSystem, area: "area", year: "year", missing: ["*"] })).toThrow(DatasetError);
    try {
      fromWide(rows, { system: usK12SchoolSystem, area: "area", year: "year", missing: ["*"] });
    } catch (e) {
      const msgs = (e as DatasetError).issues.map((i) => i.message);
      expect(msgs).toHaveLength(2);
      expect(msgs[0]).toMatch(/column "PK" is not the area, the year, the name or a grade/);
      expect(msgs[1]).toMatch(/column "total"/);
    }
    expect(() => fromWide(rows, { system: usK12SchoolSystem, area: "area", year: "year", drop: ["PK", "total"] })).toThrow(/rows\[1\] \(area a, year 2020\): column "G1": "\*" is not a count of pupils/);
  });

  it("grades taught from the reported figures; incomplete series dropped; a parent area for births", () => {
    const w: WideRow[] = [
      { code: "d1", year: 2019, K: 0, G1: 0, G9: 40, G10: "*" },
      { code: "d1", year: 2020, K: 0, G1: "*", G9: 42, G10: 39 },
      { code: "d2", year: 2019, K: 10, G1: 11, G9: 0, G10: 0 },
      { code: "d3", year: 2019, K: 10, G1: 11, G9: 0, G10: 0 },
      { code: "d3", year: 2020, K: "*", G1: "*", G9: "*", G10: "*" },
      { code: "d2", year: 2020, K: 12, G1: 10, G9: 0, G10: "" },
    ];
    const r = fromWide(w, { system: usK12SchoolSystem, area: "code", year: "year", missing: ["*"], offered: "reported", incomplete: "drop", parent: { id: "ST", name: "State" } });
    expect(r.areas).toEqual([
      { id: "ST", name: { en: "State" } },
      { id: "d1", parent: "ST", grades: ["G9", "G10"] },
      { id: "d2", parent: "ST", grades: ["K", "G1"] },
    ]);
    const note = (code: string) => r.notes.filter((n) => n.code === code).map((n) => n.params);
    expect(note("wide.area-incomplete")).toEqual([{ area: "d3", from: 2019, to: 2020, absent: [], blank: [2020] }]);
    // d1's G1 "*" is in a grade it does not teach (only 0 and * there): dropped with a note.
    expect(note("wide.not-offered-missing")).toEqual([{ area: "d1", grades: ["G1"], cells: 1 }]);
    expect(r.enrolment.filter((e) => e.area === "d1")).toHaveLength(4);
    expect(r.enrolment.find((e) => e.area === "d1" && e.year === 2019 && e.grade === "G10")!.pupils).toBeNull();
    // The records make a valid dataset.
    expect(() => parseDataset({ areas: r.areas, enrolment: r.enrolment }, usK12SchoolSystem)).not.toThrow();
  });

  it("reads grade columns by their Chinese names (教育事业统计 layout)", () => {
    const r = fromWide([{ 县区: "qingshan", 年份: "2020年", 一年级: "1,200人", 二年级: "—", 三年级: 1100, 四年级: 1000, 五年级: 990, 六年级: 980 }], { system: chinaSchoolSystem, area: "县区", year: "年份" });
    expect(r.enrolment.map((e) => [e.grade, e.pupils])).toEqual([
      ["P1", 1200],
      ["P2", null],
      ["P3", 1100],
      ["P4", 1000],
      ["P5", 990],
      ["P6", 980],
    ]);
  });

  it("on the GaDOE (Atlanta) layout: TOTAL rows dropped after a check against the schools' sum", () => {
    // The first two rows of atlanta_school_enrollment_by_grade_2007_2017.csv (GaDOE FTE report,
    // see ../shared/data/atlanta-schools/README.md), and a TOTAL row built as their sum with G1
    // made one too large, to see both verdicts. On the whole file (11 TOTAL rows × 13 grades),
    // all 143 grade figures equal the sum of the schools (measured when this test was written).
    const text = [
      "school_id,school_name,school_year_start,school_year,fiscal_year,PK,K,G1,G2,G3,G4,G5,G6,G7,G8,G9,G10,G11,G12,total",
      "2050,Adamsville Elementary School,2007,2007-2008,2008,0,74,71,79,69,55,65,0,0,0,0,0,0,0,413",
      "0505,Atlanta Neighborhood Charter - Elementary,2007,2007-2008,2008,0,60,60,60,60,58,37,0,0,0,0,0,0,0,335",
      "TOTAL,System total,2007,2007-2008,2008,0,134,132,139,129,113,102,0,0,0,0,0,0,0,749",
    ].join("\n");
    const r = fromWide(parseCsv(text).rows, { system: usK12SchoolSystem, area: "school_id", name: "school_name", year: "school_year_start", drop: ["PK", "total", "school_year", "fiscal_year"], offered: "reported" });
    expect(r.areas.map((a) => [a.id, a.grades])).toEqual([
      ["2050", ["K", "G1", "G2", "G3", "G4", "G5"]],
      ["0505", ["K", "G1", "G2", "G3", "G4", "G5"]],
    ]);
    const total = r.notes.find((n) => n.code === "wide.total-rows")!;
    // 13 grades: 12 equal (K, G2–G12), G1 132 against 71 + 60 = 131.
    expect(total.params).toEqual({ rows: 1, labels: ["TOTAL"], equal: 12, differ: ["2007 G1: 132 against 131"], unchecked: 0 });
    expect(renderNote(total, "en")).toMatch(/differing: 2007 G1: 132 against 131/);
  });

  it("on the NCES state file: 26 years × 51 areas × 13 grades, PK and total_all_grades dropped", () => {
    const t = parseCsv(fixtureText("usEnrolment"));
    const r = fromWide(t.rows, { system: usK12SchoolSystem, area: "state", year: "year", drop: ["PK", "total_all_grades"] });
    // Source: us_state_enrollment_by_grade_1986_2011.csv, 51 states and DC × 1986–2011 (see its README).
    expect(r.areas).toHaveLength(51);
    expect(r.enrolment).toHaveLength(51 * 26 * US_K12_GRADES.length);
    const ds = parseDataset({ areas: r.areas, enrolment: r.enrolment }, usK12SchoolSystem);
    expect(ds.baseYear).toBe(2011);
    // Each record equals its cell in the file.
    const row = t.rows.find((x) => x.state === "VERMONT" || x.state === "Vermont")!;
    const rec = r.enrolment.find((e) => e.area === row.state && e.year === Number(row.year) && e.grade === "G5")!;
    expect(rec.pupils).toBe(row.G5 === "" ? null : Number(row.G5));
  });

  it("sum of the grades read equals the file's grade cells, row by row (property over row subsets)", () => {
    const t = parseCsv(fixtureText("usEnrolment"));
    fc.assert(
      fc.property(fc.subarray(t.rows.slice(0, 200), { minLength: 1, maxLength: 20 }), (sub) => {
        const r = fromWide(sub, { system: usK12SchoolSystem, area: "state", year: "year", drop: ["PK", "total_all_grades"] });
        const want = sub.reduce((s, x) => s + US_K12_GRADES.reduce((a, g) => a + (x[g] === "" ? 0 : Number(x[g])), 0), 0);
        expect(r.enrolment.reduce((s, e) => s + (e.pupils ?? 0), 0)).toBe(want);
        expect(r.enrolment).toHaveLength(sub.length * US_K12_GRADES.length);
      }),
      { numRuns: 30 },
    );
  });
});
