import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, DatasetError, formatIssues, parseDataset, safeParseDataset, type DataIssue } from "../../src/index.js";
import { deepFreeze } from "../helpers/expect.js";
import { syntheticInput } from "../helpers/synthetic.js";
import { birthTable } from "../../src/data/cube.js";

const good = () => syntheticInput({ areas: ["jiangcheng", "yangdong"], firstYear: 2018, lastYear: 2020, pupils: (a, g) => 100 + a + g, births: () => 500, birthsFrom: 2000 });

function issuesOf(input: unknown): DataIssue[] {
  const r = safeParseDataset(input, chinaSchoolSystem);
  if (r.success) throw new Error("expected the input to be refused");
  return [...r.issues];
}

describe("parseDataset", () => {
  it("accepts a complete dataset and reports its years", () => {
    const ds = parseDataset(good(), chinaSchoolSystem);
    expect([ds.firstYear, ds.baseYear]).toEqual([2018, 2020]);
    expect(ds.enrolment).toHaveLength(2 * 3 * 15);
    expect(ds.warnings).toEqual([]);
  });

  it("does not mutate its input (deep-frozen input parses)", () => {
    expect(() => parseDataset(deepFreeze(good()), chinaSchoolSystem)).not.toThrow();
  });

  it("locates a negative count with area, grade and year, as in DESIGN.md", () => {
    const input = good();
    const i = input.enrolment.findIndex((r) => (r as { grade: string; year: number }).grade === "P3" && (r as { year: number }).year === 2018);
    (input.enrolment as { pupils: number }[])[i]!.pupils = -4;
    const iss = issuesOf(input);
    expect(iss).toHaveLength(1);
    expect(iss[0]!.code).toBe("invalid_value");
    expect(iss[0]!.path).toEqual(["enrolment", i, "pupils"]);
    expect(iss[0]!.message).toBe(`enrolment[${i}] (area jiangcheng, grade P3, year 2018): pupils must be a non-negative integer, or null when the figure is missing, got -4`);
  });

  it("reports every problem at once: fraction, NaN, Infinity, numeric string, unknown field", () => {
    const input = good();
    const rows = input.enrolment as Record<string, unknown>[];
    rows[0]!.pupils = 1.5;
    rows[1]!.pupils = NaN;
    rows[2]!.pupils = Infinity;
    rows[3]!.pupils = "12";
    rows[4]!.extra = true;
    const iss = issuesOf(input);
    expect(iss.map((i) => i.path.slice(0, 2))).toEqual([["enrolment", 0], ["enrolment", 1], ["enrolment", 2], ["enrolment", 3], ["enrolment", 4]]);
    expect(iss[1]!.message).toMatch(/got NaN/);
    expect(iss[3]!.message).toMatch(/got "12" \(numbers must not be given as text\)/);
    expect(iss[4]!.code).toBe("unknown_field");
  });

  it("refuses hostile ids (__proto__, constructor) and reports records that use them", () => {
    const input = { areas: [{ id: "__proto__" }, { id: "constructor" }], enrolment: [{ area: "constructor", year: 2020, grade: "P1", pupils: 1 }] };
    const iss = issuesOf(JSON.parse(JSON.stringify(input)));
    expect(iss.filter((i) => i.code === "reserved_id")).toHaveLength(2);
    expect(iss.filter((i) => i.code === "unknown_area")).toHaveLength(1);
  });

  it("keeps missing, zero and not offered distinct", () => {
    const input = good();
    const rows = input.enrolment as { area: string; grade: string; year: number; pupils: number | null }[];
    rows.find((r) => r.grade === "P2" && r.year === 2019)!.pupils = null; // missing: accepted
    rows.find((r) => r.grade === "P3" && r.year === 2019)!.pupils = 0; // zero: accepted
    expect(safeParseDataset(input, chinaSchoolSystem).success).toBe(true);
    // not offered: an area that teaches only primary must not have senior records
    const span = { areas: [{ id: "x", grades: ["P1", "P2"] }], enrolment: [{ area: "x", year: 2020, grade: "P1", pupils: 5 }, { area: "x", year: 2020, grade: "P2", pupils: 5 }, { area: "x", year: 2020, grade: "S1", pupils: 0 }] };
    expect(issuesOf(span).map((i) => i.code)).toEqual(["grade_not_offered"]);
  });

  it("reports duplicates, unknown grades and areas, gaps and missing records", () => {
    const input = good();
    const rows = input.enrolment as Record<string, unknown>[];
    rows.push({ ...rows[0]! });
    rows.push({ area: "jiangcheng", year: 2020, grade: "Grade 1", pupils: 3 });
    rows.push({ area: "nowhere", year: 2020, grade: "P1", pupils: 3 });
    const codes = issuesOf(input).map((i) => i.code);
    expect(codes).toEqual(["duplicate", "unknown_grade", "unknown_area"]);

    const gap = good();
    (gap as { enrolment: readonly unknown[] }).enrolment = gap.enrolment.filter((r) => (r as { year: number }).year !== 2019);
    const gi = issuesOf(gap);
    expect(gi.map((i) => i.code)).toEqual(["year_gap", "year_gap"]);
    expect(gi[0]!.message).toMatch(/area jiangcheng: no enrolment for 2019, between 2018 and 2020/);

    const hole = good();
    (hole as { enrolment: readonly unknown[] }).enrolment = hole.enrolment.filter((r) => !((r as { grade: string; year: number; area: string }).grade === "J2" && (r as { year: number }).year === 2019 && (r as { area: string }).area === "yangdong"));
    expect(issuesOf(hole)[0]!.message).toMatch(/area yangdong, grade J2, year 2019: no record/);
  });

  it("checks births, parents and cycles", () => {
    const input = good();
    (input.births as Record<string, unknown>[]).push({ area: "jiangcheng", year: 2000, births: 10 });
    (input.births as Record<string, unknown>[]).push({ area: "jiangcheng", year: 2030, births: 10 });
    const codes = issuesOf(input).map((i) => i.code);
    expect(codes).toContain("duplicate");
    expect(codes).toContain("year_gap");
    const cyc = { areas: [{ id: "a", parent: "b" }, { id: "b", parent: "a" }, { id: "c", parent: "zz" }], enrolment: [{ area: "c", year: 2020, grade: "K1", pupils: 1 }] };
    const ci = issuesOf({ ...cyc, areas: cyc.areas });
    expect(ci.map((i) => i.code)).toEqual(expect.arrayContaining(["parent_cycle", "unknown_parent"]));
  });

  it("throws DatasetError with all issues and a readable summary", () => {
    try {
      parseDataset({ areas: "nope", enrolment: [], extra: 1 }, chinaSchoolSystem);
      expect.fail("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(DatasetError);
      const err = e as DatasetError;
      expect(err.issues.map((i) => i.code)).toEqual(["unknown_field", "invalid_type", "no_enrolment"]);
      expect(formatIssues(err.issues)).toMatch(/✗ areas must be a list of records/);
    }
  });

  it("warns about an area with no enrolment instead of dropping it silently", () => {
    const input = good();
    (input.areas as { id: string }[]).push({ id: "empty" });
    const r = safeParseDataset(input, chinaSchoolSystem);
    expect(r.success && r.warnings.map((w) => w.code)).toEqual(["no_enrolment"]);
  });
});

describe("birthTable", () => {
  it("is built once per (areas, births) records and rebuilt when either changes", () => {
    const ds = parseDataset(syntheticInput({ areas: ["a", "b"], pupils: () => 100, births: (a, y) => 300 + a + (y % 7) }), chinaSchoolSystem);
    const t = birthTable(ds);
    expect(birthTable({ ...ds })).toBe(t); // the same records: the same (read-only) table
    const fewer = ds.births.filter((r) => r.year !== 2020);
    const t2 = birthTable({ ...ds, births: fewer });
    expect(t2).not.toBe(t);
    expect(t.firstYear + t.years - 1).toBe(2020);
    expect(t2.firstYear + t2.years - 1).toBe(2019); // 2020 is not in the new records
    expect(t.data[t.years - 1]).toBe(300 + (2020 % 7)); // area a, 2020, from the generator
    const moreAreas = [...ds.areas, { id: "c" }];
    expect(birthTable({ ...ds, areas: moreAreas }).areas).toEqual(["a", "b", "c"]);
  });
});
