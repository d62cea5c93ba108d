import { describe, expect, it } from "vitest";
import {
  bandsForStage,
  birthCohort,
  chinaSchoolSystem,
  defineSchoolSystem,
  englandSchoolSystem,
  entrySchoolYear,
  firstSchoolYearOccupied,
  indexSystem,
  schoolYear,
  schoolYearLabel,
  usK12SchoolSystem,
} from "../../src/index.js";

describe("school systems as data", () => {
  it("China: 15 grades, ages from the stage entry ages (DESIGN.md: K1 from 3, P1 from 6)", () => {
    const ix = indexSystem(chinaSchoolSystem);
    expect(ix.gradeIds).toEqual(["K1", "K2", "K3", "P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3", "S1", "S2", "S3"]);
    expect(ix.gradeById.get("K1")?.age).toBe(3);
    expect(ix.gradeById.get("P1")?.age).toBe(6);
    expect(ix.gradeById.get("J1")?.age).toBe(12);
    expect(ix.gradeById.get("S3")?.age).toBe(17);
    expect(ix.gradeById.get("J1")?.stage.entry).toBe("previous-grade");
  });

  it("every standard class size and band carries a source", () => {
    for (const sys of [chinaSchoolSystem, usK12SchoolSystem, englandSchoolSystem]) {
      for (const g of indexSystem(sys).grades) {
        expect(g.standardClassSize.value).toBeGreaterThan(0);
        expect(g.standardClassSize.source.length).toBeGreaterThan(10);
      }
      for (const b of sys.classSizeBands) expect(b.source.length).toBeGreaterThan(10);
      expect(sys.cutoff.source.length).toBeGreaterThan(10);
    }
  });

  it("China standard sizes: preschool 25/30/35, primary 45, secondary 50 (DESIGN.md)", () => {
    const ix = indexSystem(chinaSchoolSystem);
    expect(["K1", "K2", "K3", "P1", "J1", "S1"].map((g) => ix.gradeById.get(g)?.standardClassSize.value)).toEqual([25, 30, 35, 45, 50, 50]);
    expect(bandsForStage(chinaSchoolSystem, "primary").map((b) => [b.min, b.max])).toEqual([[46, 55], [56, 65], [66, undefined]]);
    // Bands follow each stage's standard (DESIGN.md "Rules and their sources"): oversized is the
    // standard + 1 to 55, so 46–55 in primary (45), 51–55 in junior and senior (50), 31–55 in
    // preschool (stage standard 30); 大班额 56–65 and 超大班额 66+ everywhere.
    expect(bandsForStage(chinaSchoolSystem, "junior").map((b) => [b.id, b.min, b.max])).toEqual([["oversized", 51, 55], ["large", 56, 65], ["super-large", 66, undefined]]);
    expect(bandsForStage(chinaSchoolSystem, "senior").map((b) => [b.min, b.max])).toEqual([[51, 55], [56, 65], [66, undefined]]);
    expect(bandsForStage(chinaSchoolSystem, "preschool").map((b) => [b.min, b.max])).toEqual([[31, 55], [56, 65], [66, undefined]]);
    // A standard given for the stage (a provincial override) moves the band with it.
    expect(bandsForStage(chinaSchoolSystem, "junior", 45)[0]!.min).toBe(46);
    expect(bandsForStage(chinaSchoolSystem, "junior")[0]!.source).toMatch(/\[junior: 50 \+ 1 = 51; GB 50099-2011/);
    expect(chinaSchoolSystem.eliminateBand?.value).toBe("large");
  });

  it("the US and England bands start above each stage's standard (Florida: 22 K-8 stages, 25 high; England: 30)", () => {
    expect(["elementary", "middle", "high"].map((s) => bandsForStage(usK12SchoolSystem, s).map((b) => [b.id, b.min]))).toEqual([[["over-cap", 23]], [["over-cap", 23]], [["over-cap", 26]]]);
    expect(bandsForStage(englandSchoolSystem, "secondary").map((b) => [b.id, b.min])).toEqual([["over-30", 31]]);
    expect(usK12SchoolSystem.eliminateBand).toBeUndefined();
    expect(englandSchoolSystem.eliminateBand).toBeUndefined();
  });

  it("defineSchoolSystem checks bands: unique ids, min within max in every stage, a known eliminateBand", () => {
    const band = chinaSchoolSystem.classSizeBands[1]!;
    expect(() => defineSchoolSystem({ ...chinaSchoolSystem, id: "x", classSizeBands: [band, band] })).toThrow(/band id "large" is empty or repeated/);
    // Above a standard of 50, a band ending at 50 is empty in junior.
    expect(() => defineSchoolSystem({ ...chinaSchoolSystem, id: "x", classSizeBands: [{ id: "o", label: { en: "o" }, min: "above-standard", max: 50, source: "test" }] })).toThrow(/band o: max 50 is below its min 51 in stage junior/);
    expect(() => defineSchoolSystem({ ...chinaSchoolSystem, id: "x", eliminateBand: { value: "huge", source: "test" } })).toThrow(/eliminateBand "huge" is not a band/);
    expect(() => bandsForStage(chinaSchoolSystem, "middle")).toThrow(/not a stage of the china system/);
  });

  it("US K-12 and England are configured, not coded: 13 grades each, entry ages 5 and 4", () => {
    expect(indexSystem(usK12SchoolSystem).gradeIds).toHaveLength(13);
    expect(indexSystem(usK12SchoolSystem).gradeById.get("K")?.age).toBe(5);
    expect(indexSystem(englandSchoolSystem).gradeIds).toHaveLength(14);
    expect(indexSystem(englandSchoolSystem).gradeById.get("Y7")?.age).toBe(11);
  });

  it("defineSchoolSystem rejects malformed systems and freezes good ones", () => {
    expect(() => defineSchoolSystem({ ...chinaSchoolSystem, stages: [] })).toThrow(/at least one stage/);
    const dup = { ...chinaSchoolSystem, id: "dup", stages: [chinaSchoolSystem.stages[0]!, chinaSchoolSystem.stages[0]!] };
    expect(() => defineSchoolSystem(dup)).toThrow(/repeated/);
    const badCut = { ...chinaSchoolSystem, id: "bad", cutoff: { value: { month: 13, day: 1 }, source: "test" } };
    expect(() => defineSchoolSystem(badCut)).toThrow(/cutoff/);
    expect(Object.isFrozen(chinaSchoolSystem.stages[0])).toBe(true);
  });
});

describe("school years (date-fns, cut-off 31 August for China)", () => {
  const cutoff = chinaSchoolSystem.cutoff.value;
  it("a child born on the cut-off day enters P1 six years later; one born the day after waits a year", () => {
    expect(birthCohort(new Date(2014, 7, 31), cutoff)).toBe(2014);
    expect(entrySchoolYear(new Date(2014, 7, 31), 6, cutoff)).toBe(2020);
    expect(entrySchoolYear(new Date(2014, 8, 1), 6, cutoff)).toBe(2021);
  });
  it("completions after the cut-off count from the next school year", () => {
    expect(firstSchoolYearOccupied(new Date(2023, 5, 30), cutoff)).toBe(2023);
    expect(firstSchoolYearOccupied(new Date(2023, 9, 1), cutoff)).toBe(2024);
    expect(() => firstSchoolYearOccupied(new Date("not a date"), cutoff)).toThrow(/invalid date/);
  });
  it("labels and brands", () => {
    expect(schoolYearLabel(schoolYear(2020))).toBe("2020/21");
    expect(schoolYearLabel(schoolYear(2099))).toBe("2099/00");
    expect(() => schoolYear(2020.5)).toThrow(RangeError);
  });
});
