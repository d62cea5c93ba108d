import { describe, expect, it } from "vitest";
import { indexSystem, safeParseDataset, usK12SchoolSystem, type Dataset, type EnrolmentRecord } from "../src/index.js";
import {
  CT_STATE_AREA,
  ctDistrictKind,
  ctDistrictsFromCsv,
  ctDistrictTownMatch,
  fixtureText,
  loadCtDistricts,
  loadCtHousingPermits,
  loadUsStates,
  parseCsv,
  US_K12_GRADES,
  type FixtureInput,
} from "./fixtures/load.js";

function parseOk(input: FixtureInput): Dataset {
  const r = safeParseDataset(input, usK12SchoolSystem);
  if (!r.success) throw new Error(r.issues.slice(0, 5).map((i) => i.message).join("\n"));
  expect(r.warnings).toEqual([]);
  return r.data;
}

function cell(records: readonly EnrolmentRecord[], area: string, year: number, grade: string): EnrolmentRecord | undefined {
  return records.find((r) => r.area === area && r.year === year && r.grade === grade);
}

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and CRLF line ends", () => {
    const t = parseCsv('a,b,c\r\n"x, y",2,"say ""hi"""\r\nz,,3\r\n');
    expect(t.header).toEqual(["a", "b", "c"]);
    expect(t.rows).toEqual([
      { a: "x, y", b: "2", c: 'say "hi"' },
      { a: "z", b: "", c: "3" },
    ]);
  });

  it("refuses a row with the wrong number of fields, naming the line", () => {
    expect(() => parseCsv("a,b\n1,2,3\n", "t.csv")).toThrow("t.csv, line 2: 3 fields, but the header has 2");
  });

  it("keeps the quoted CT district name whole", () => {
    const t = parseCsv(fixtureText("ctEnrolment"));
    // ct_district_enrollment_by_grade_2007_2015.csv: "New Beginnings Inc., Family Academy District",2800013,2007,…,0,40,43,…
    const row = t.rows.find((r) => r.district_code === "2800013" && r.school_year_start === "2007");
    expect(row?.district).toBe("New Beginnings Inc., Family Academy District");
    expect(row?.K).toBe("40");
  });
});

describe("loadUsStates", () => {
  const us = loadUsStates();

  it("uses the us-k12 grade ids K, G1 … G12", () => {
    expect(US_K12_GRADES).toEqual(indexSystem(usK12SchoolSystem).gradeIds);
    expect(US_K12_GRADES).toEqual(["K", ...Array.from({ length: 12 }, (_, i) => `G${i + 1}`)]);
  });

  it("parses with no issues: 51 areas (50 states and DC), school years 1986–2011", () => {
    const ds = parseOk(us.input);
    expect(ds.areas).toHaveLength(51);
    expect(ds.firstYear).toBe(1986);
    expect(ds.baseYear).toBe(2011);
    // 51 areas × 26 years × 13 grades, none missing.
    expect(ds.enrolment).toHaveLength(51 * 26 * 13);
    expect(us.input.enrolment.filter((r) => r.pupils === null)).toEqual([]);
    // Births: 51 areas × cohort years 2003–2024.
    expect(ds.births).toHaveLength(51 * 22);
    expect(ds.areas.map((a) => a.id)).toContain("District of Columbia");
    expect(ds.areas.find((a) => a.id === "New York")?.name).toEqual({ en: "New York" });
  });

  it("carries figures across unchanged", () => {
    // us-states-enrollment/README.md: "Connecticut: K 2007 = 39,889".
    expect(cell(us.input.enrolment, "Connecticut", 2007, "K")?.pupils).toBe(39889);
    // us_state_enrollment_by_grade_1986_2011.csv, first data row: ALABAMA,1992,8224,55460,58168,…
    expect(cell(us.input.enrolment, "Alabama", 1992, "K")?.pupils).toBe(55460);
    expect(cell(us.input.enrolment, "Alabama", 1992, "G1")?.pupils).toBe(58168);
    // Same CSV, CONNECTICUT 2007 row: G12 = 40927.
    expect(cell(us.input.enrolment, "Connecticut", 2007, "G12")?.pupils).toBe(40927);
  });

  it("drops PK and says so", () => {
    expect(us.input.enrolment.some((r) => r.grade === "PK")).toBe(false);
    expect(us.dropped.some((d) => d.startsWith("PK:") && d.includes("87 of them blank"))).toBe(true);
    expect(us.dropped.some((d) => d.startsWith("total_all_grades"))).toBe(true);
  });

  it("uses September–August births for the cohort, calendar-year births for 2003 as an estimate", () => {
    const ct = us.input.births.filter((b) => b.area === "Connecticut");
    // us_state_births_annual_2003_2024.csv: Connecticut,09,2004,42095,42476,12 (calendar 42095, Sep 2003–Aug 2004 42476).
    expect(ct.find((b) => b.year === 2004)).toEqual({ area: "Connecticut", year: 2004, births: 42476 });
    // Same file: Connecticut,09,2003,42873,,12 — the Sep–Aug column is empty.
    const y2003 = ct.find((b) => b.year === 2003);
    expect(y2003?.births).toBe(42873);
    expect(y2003?.provenance).toBe("estimate");
    // Same file: Alabama,01,2005,60453,60344,12.
    expect(us.input.births.find((b) => b.area === "Alabama" && b.year === 2005)?.births).toBe(60344);
    expect(us.notes.some((n) => n.startsWith("births 2003:"))).toBe(true);
  });

  it("filters states (either spelling) and years", () => {
    const sub = loadUsStates({ states: ["Connecticut", "NEW_YORK"], fromYear: 2000, toYear: 2011, birthsToYear: 2011 });
    const ds = parseOk(sub.input);
    expect(ds.areas.map((a) => a.id)).toEqual(["Connecticut", "New York"]);
    expect([ds.firstYear, ds.baseYear]).toEqual([2000, 2011]);
    expect(ds.enrolment).toHaveLength(2 * 12 * 13);
    expect(Math.max(...ds.births.map((b) => b.year))).toBe(2011);
    expect(() => loadUsStates({ states: ["Atlantis"] })).toThrow(/unknown state\(s\) ATLANTIS/);
  });
});

describe("loadCtDistricts", () => {
  const ct = loadCtDistricts();
  const REGIONAL_08 = "2080012";
  const ANDOVER = "0010011";
  const UNION = "1450011";

  it("parses with no issues: 108 districts kept (110 in the file, 2 incomplete series excluded), 2007–2015", () => {
    const ds = parseOk(ct.input);
    expect(ds.areas).toHaveLength(1 + 108);
    expect(ct.districts).toHaveLength(108);
    expect([ds.firstYear, ds.baseYear]).toEqual([2007, 2015]);
    // One record per kept district, offered grade and year.
    expect(ds.enrolment).toHaveLength(ct.districts.reduce((n, d) => n + d.grades.length * 9, 0));
    expect(ds.enrolment).toHaveLength(10602);
    const excluded = ct.dropped.filter((d) => d.includes("excluded"));
    expect(excluded).toEqual([
      "Elm City College Preparatory School (2810013): excluded, not a complete series for 2007–2015: no row for 2009–2015 (rows only for 2007–2008)",
      "Charter School for Young Children on Asylum Hill District (2870013): excluded, not a complete series for 2007–2015: no row for 2007, 2011–2015 (rows only for 2008–2010)",
    ]);
    const kinds = new Map<string, number>();
    for (const d of ct.districts) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({ town: 75, regional: 10, charter: 11, resc: 5, "state-agency": 3, technical: 1, "endowed-academy": 3 });
  });

  it("puts the districts under CT, which holds Connecticut births", () => {
    const [state, ...districts] = ct.input.areas;
    expect(state).toEqual({ id: CT_STATE_AREA, name: { en: "Connecticut" } });
    expect(districts.every((a) => a.parent === CT_STATE_AREA)).toBe(true);
    expect(new Set(ct.input.births.map((b) => b.area))).toEqual(new Set([CT_STATE_AREA]));
    // us_state_births_annual_2003_2024.csv: Connecticut,09,2005,41718,41782,12.
    expect(ct.input.births.find((b) => b.year === 2005)?.births).toBe(41782);
    expect(ct.input.births).toHaveLength(22);
  });

  it("carries figures across unchanged", () => {
    // ct_district_enrollment_by_grade_2007_2015.csv: Andover School District,0010011,2007,2007-2008,32,43,… → K = 43.
    expect(cell(ct.input.enrolment, ANDOVER, 2007, "K")?.pupils).toBe(43);
    // Same file: Regional School District 08,2080012,2007,2007-2008,0,0,0,0,0,0,0,0,325,… → G7 = 325.
    expect(cell(ct.input.enrolment, REGIONAL_08, 2007, "G7")?.pupils).toBe(325);
    expect(ct.input.areas.find((a) => a.id === ANDOVER)?.name).toEqual({ en: "Andover School District" });
  });

  it("turns * into null and keeps a reported 0 as 0", () => {
    // Same file: Union School District,1450011,2007,2007-2008,0,11,10,10,7,9,8,*,*,7,… → G6 and G7 suppressed.
    const g6 = cell(ct.input.enrolment, UNION, 2007, "G6");
    expect(g6?.pupils).toBeNull();
    expect(g6?.note).toMatch(/suppressed/);
    expect(cell(ct.input.enrolment, UNION, 2007, "G8")?.pupils).toBe(7);
    // Same file: Union School District,1450011,2011,2011-2012,0,0,*,… → K = 0 in a grade Union teaches.
    expect(cell(ct.input.enrolment, UNION, 2011, "K")?.pupils).toBe(0);
    expect(ct.input.enrolment.filter((r) => r.pupils === null)).toHaveLength(123);
  });

  it("gives districts a grade span from the data: 0 every year means not offered", () => {
    const grades = (id: string) => ct.districts.find((d) => d.id === id)?.grades;
    expect(grades(REGIONAL_08)).toEqual(["G7", "G8", "G9", "G10", "G11", "G12"]);
    expect(grades("2090012")).toEqual(["G9", "G10", "G11", "G12"]); // Regional School District 09
    expect(grades(ANDOVER)).toEqual(["K", "G1", "G2", "G3", "G4", "G5", "G6"]);
    expect(ct.input.areas.find((a) => a.id === REGIONAL_08)?.grades).toEqual(grades(REGIONAL_08));
    expect(cell(ct.input.enrolment, REGIONAL_08, 2007, "K")).toBeUndefined();
    const regional = ct.districts.filter((d) => d.kind === "regional");
    expect(regional).toHaveLength(10);
    // Regional districts 08 and 11 teach 7–12, 09 teaches 9–12; 10 and 12–17 teach K–12.
    const span = (d: { grades: readonly string[] }) => `${d.grades[0]}–${d.grades[d.grades.length - 1]}`;
    expect(Object.fromEntries(regional.map((d) => [d.name.replace("Regional School District ", "RSD "), span(d)]))).toEqual({
      "RSD 08": "G7–G12",
      "RSD 09": "G9–G12",
      "RSD 10": "K–G12",
      "RSD 11": "G7–G12",
      "RSD 12": "K–G12",
      "RSD 13": "K–G12",
      "RSD 14": "K–G12",
      "RSD 15": "K–G12",
      "RSD 16": "K–G12",
      "RSD 17": "K–G12",
    });
  });

  it("reports * cells in grades a district does not offer instead of dropping them silently", () => {
    // Brooklyn School District (K–8) has * in G9–G12 in every year of the file and no reported count there.
    expect(ct.districts.find((d) => d.id === "0190011")?.grades).toEqual(US_K12_GRADES.slice(0, 9));
    expect(ct.dropped).toContain(
      "Brooklyn School District (0190011) G9–G12: 28 * cell(s) (suppressed small counts) in grades with no reported count in any year of 2007–2015; these grades are treated as not offered and the cells are dropped",
    );
    expect(ct.dropped.some((d) => d.startsWith("PK:"))).toBe(true);
    expect(ct.input.enrolment.some((r) => r.grade === "PK")).toBe(false);
  });

  it("judges complete series within the requested years", () => {
    // Elm City College Preparatory School has rows for 2007 and 2008 only.
    const early = loadCtDistricts({ fromYear: 2007, toYear: 2008 });
    parseOk(early.input);
    expect(early.districts.some((d) => d.id === "2810013")).toBe(true);
    expect(early.districts).toHaveLength(109);
  });

  it("filters by district and kind", () => {
    const two = loadCtDistricts({ districts: [ANDOVER, "Regional School District 08"] });
    expect(parseOk(two.input).areas.map((a) => a.id)).toEqual([CT_STATE_AREA, ANDOVER, REGIONAL_08]);
    const local = loadCtDistricts({ kinds: ["town", "regional"] });
    parseOk(local.input);
    expect(local.districts).toHaveLength(85);
    expect(() => loadCtDistricts({ districts: ["9999999"] })).toThrow(/unknown district/);
  });

  it("drops a Total row and excludes a district whose row is all *", () => {
    const header = "district,district_code,school_year_start,school_year,PK,K,G1,G2,G3,G4,G5,G6,G7,G8,G9,G10,G11,G12,total";
    const text = [
      header,
      "A School District,0000011,2007,2007-2008,1,2,3,4,5,6,7,8,9,10,11,12,13,14,105",
      "A School District,0000011,2008,2008-2009,1,2,3,4,5,6,7,8,9,10,11,12,13,14,105",
      "B School District,0000111,2007,2007-2008,1,2,3,4,5,6,7,8,9,10,11,12,13,14,105",
      "B School District,0000111,2008,2008-2009,*,*,*,*,*,*,*,*,*,*,*,*,*,*,*",
      "Total,,2007,2007-2008,2,4,6,8,10,12,14,16,18,20,22,24,26,28,210",
    ].join("\n");
    const r = ctDistrictsFromCsv(text);
    expect(r.districts.map((d) => d.id)).toEqual(["0000011"]);
    expect(r.dropped).toContain("B School District (0000111): excluded, not a complete series for 2007–2008: every grade is * (did not report) in 2008");
    expect(r.dropped.some((d) => d.startsWith("Total: 1 state-total row"))).toBe(true);
  });
});

describe("loadCtHousingPermits and ctDistrictTownMatch", () => {
  const permits = loadCtHousingPermits();

  it("gives 169 towns × 28 years and the state total apart", () => {
    expect(new Set(permits.rows.map((r) => r.town)).size).toBe(169);
    expect(permits.rows).toHaveLength(169 * 28);
    expect(permits.stateTotal).toHaveLength(28);
    // ct_town_housing_permits_1990_2017.csv: Avon,0900302060,2007,24 and Connecticut,09,2007,7746.
    expect(permits.rows.find((r) => r.town === "Avon" && r.year === 2007)).toEqual({ town: "Avon", year: 2007, permits: 24 });
    expect(permits.stateTotal.find((r) => r.year === 2007)?.permits).toBe(7746);
    // Same file, first data row: Andover,0901301080,1990,20.
    expect(permits.rows[0]).toEqual({ town: "Andover", year: 1990, permits: 20 });
  });

  it("maps a town's own district to the town, and nothing else", () => {
    expect(ctDistrictTownMatch("Avon School District")).toBe("Avon");
    expect(ctDistrictTownMatch("North Canaan School District")).toBe("North Canaan");
    expect(ctDistrictTownMatch("Regional School District 08")).toBeUndefined();
    expect(ctDistrictTownMatch("Odyssey Community School District")).toBeUndefined(); // a charter school
    expect(ctDistrictTownMatch("Unified School District #2")).toBeUndefined();
    expect(ctDistrictTownMatch("Learn")).toBeUndefined();
  });

  it("finds a town for every town district kept, and for no other kind", () => {
    const ct = loadCtDistricts();
    for (const d of ct.districts) {
      expect(d.town !== undefined, d.name).toBe(d.kind === "town");
    }
    expect(ctDistrictKind("2080012")).toBe("regional");
    expect(ctDistrictKind("0010011")).toBe("town");
  });
});
