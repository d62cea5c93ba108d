import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessAtPlanningLevel } from "../../src/capacity/planningLevel.js";
import { assessCapacity, chinaSchoolSystem, sumAssessments, type AreaRecord, type CapacityRecord, type StageRecord } from "../../src/index.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";

const areas: AreaRecord[] = deepFreeze([{ id: "city" }, { id: "a", parent: "city" }, { id: "b", parent: "city" }, { id: "a1", parent: "a" }]);
const row = (area: string, stage: string, year: number, pupils: number): StageRecord => ({ area, stage, year, pupils, kind: "forecast", basis: "reported" });
const cap = (area: string, stage: string, places: number, classes?: number): CapacityRecord => ({ area, stage, year: 2020, places, ...(classes !== undefined ? { classes } : {}) });
const SENIOR_CITY = [{ stages: ["senior"], level: "root" as const, source: "plan line 387: 以市为主" }];

describe("assessAtPlanningLevel", () => {
  // Senior: a has 1,100 pupils for 1,000 places (20 classes), b has 700 for 1,000 (20 classes).
  const supply = deepFreeze({ system: chinaSchoolSystem, capacity: [cap("a", "senior", 1000, 20), cap("b", "senior", 1000, 20), cap("a", "primary", 900, 20), cap("b", "primary", 900, 20)] });
  const leaf = assessCapacity([row("a", "senior", 2020, 1100), row("b", "senior", 2020, 700), row("a", "primary", 2020, 1000), row("b", "primary", 2020, 800)], supply);
  const planned = assessAtPlanningLevel(deepFreeze(leaf), areas, SENIOR_CITY, chinaSchoolSystem);

  it("assesses senior once for the city, from its own sums, and keeps primary per county", () => {
    const senior = planned.filter((r) => r.stage === "senior");
    expect(senior).toHaveLength(1);
    expect(senior[0]).toMatchObject({ area: "city", pupils: 1800, places: 2000, surplus: 200, classesAvailable: 40, parts: ["a", "b"], level: "root" });
    // 1,800 pupils in 40 classes: all 45 → no class above 50, no shortfall
    expect(senior[0]!.flags.map((f) => f.code)).toEqual([]);
    expect(planned.filter((r) => r.stage === "primary").map((r) => [r.area, r.level])).toEqual([["a", "area"], ["b", "area"]]);
  });

  it("differs from sumAssessments, which flags the city short because a part is", () => {
    const summed = sumAssessments(leaf.filter((r) => r.stage === "senior"), "city");
    expect(summed[0]!.surplus).toBe(200);
    expect(summed[0]!.flags.some((f) => f.code === "shortfall")).toBe(true);
  });

  it("finds the parent level and the root through the hierarchy", () => {
    const rs = assessCapacity([row("a1", "junior", 2020, 100)], { system: chinaSchoolSystem, capacity: [cap("a1", "junior", 100)] });
    expect(assessAtPlanningLevel(rs, areas, [{ stages: ["junior"], level: "parent", source: "t" }], chinaSchoolSystem)[0]!.area).toBe("a");
    expect(assessAtPlanningLevel(rs, areas, [{ stages: ["junior"], level: "root", source: "t" }], chinaSchoolSystem)[0]!.area).toBe("city");
  });

  it("refuses a stage given two levels", () => {
    expect(() => assessAtPlanningLevel(leaf, areas, [...SENIOR_CITY, { stages: ["senior"], level: "area", source: "t" }], chinaSchoolSystem)).toThrow(/two planning levels/);
  });

  it("properties: pupils and places are the sums of the parts; a row flagged short has surplus < 0, and one with surplus < 0 is flagged", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ pupils: fc.double({ min: 0, max: 5000, noNaN: true }), places: fc.integer({ min: 0, max: 5000 }), classes: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }) }), { minLength: 1, maxLength: 5 }),
        (parts) => {
          const ids = parts.map((_, i) => `c${i}`);
          const as: AreaRecord[] = [{ id: "city" }, ...ids.map((id) => ({ id, parent: "city" }))];
          const capacity = parts.map((p, i) => cap(ids[i]!, "senior", p.places, p.places > 0 ? p.classes : undefined));
          const rows = assessCapacity(parts.map((p, i) => row(ids[i]!, "senior", 2020, p.pupils)), { system: chinaSchoolSystem, capacity });
          const out = assessAtPlanningLevel(rows, as, SENIOR_CITY, chinaSchoolSystem);
          expect(out).toHaveLength(1);
          const r = out[0]!;
          expectClose(r.pupils, parts.reduce((s, p) => s + p.pupils, 0));
          expect(r.places).toBe(parts.reduce((s, p) => s + p.places, 0));
          expectClose(r.surplus, r.places - r.pupils);
          expect(r.flags.some((f) => f.code === "shortfall")).toBe(r.surplus < 0);
        },
      ),
    );
  });
});
