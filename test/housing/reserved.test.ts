import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, DatasetError } from "../../src/index.js";
import { defineYieldTable } from "../../src/housing/yield.js";

// Issue 20 item 12: a "__proto__" key in a JSON yield table vanished (zod's record and object
// spread set the prototype instead of a key), so its yield was silently lost.
describe("reserved keys in yield tables (issue 20 item 12)", () => {
  for (const where of ["perDwelling", "byType", "byTypeStage", "gradeShares"] as const) {
    it(`a __proto__ key in ${where} is a located error`, () => {
      const base = { id: "t", source: "test", perDwelling: { primary: 0.3 }, phasing: { weights: [1], source: "test" } };
      const json =
        where === "perDwelling" ? '{"primary": 0.3, "__proto__": {"x": 1}}'
        : where === "byType" ? '{"__proto__": {"primary": 0.4}}'
        : where === "byTypeStage" ? '{"flat": {"__proto__": 0.4}}'
        : '{"__proto__": [1, 1, 1, 1, 1, 1]}';
      const part = JSON.parse(json) as unknown;
      const table = where === "perDwelling" ? { ...base, perDwelling: part } : where === "gradeShares" ? { ...base, gradeShares: part } : { ...base, byType: part };
      let err: unknown;
      try {
        defineYieldTable(table, chinaSchoolSystem);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DatasetError);
      const issues = (err as DatasetError).issues;
      expect(issues.some((i) => i.code === "reserved_id" && i.path.includes("__proto__"))).toBe(true);
    });
  }
});
