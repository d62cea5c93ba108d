import { defineSchoolSystem, type SchoolSystem } from "../../src/index.js";

/** A three-grade system for hand-worked cases: G1 (entry from births at age 5), G2, then G3 in a second stage. */
export const toySystem: SchoolSystem = defineSchoolSystem({
  id: "toy",
  label: { en: "toy system for tests" },
  cutoff: { value: { month: 8, day: 31 }, source: "test fixture" },
  stages: [
    { id: "lower", label: { en: "Lower" }, entryAge: 5, entry: "births", standardClassSize: { value: 30, source: "test fixture" }, grades: [{ id: "G1", label: { en: "G1" } }, { id: "G2", label: { en: "G2" } }] },
    { id: "upper", label: { en: "Upper" }, entryAge: 7, entry: "previous-grade", standardClassSize: { value: 30, source: "test fixture" }, grades: [{ id: "G3", label: { en: "G3" } }] },
  ],
  classSizeBands: [],
});
