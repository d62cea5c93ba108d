import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, parseDataset, safeParseDataset, DatasetError } from "../../src/index.js";
import { deepFreeze } from "../helpers/expect.js";
import { syntheticInput } from "../helpers/synthetic.js";

// A small valid dataset (two areas, all grades, 2018–2020) to attach capacity records to.
const base = syntheticInput({ areas: ["a", "b"], firstYear: 2018, lastYear: 2020, pupils: () => 100 });

function parse(capacity: unknown[], plannedPlaces: unknown[] = []) {
  return safeParseDataset(deepFreeze({ ...base, capacity, plannedPlaces }), chinaSchoolSystem);
}
function messages(r: ReturnType<typeof parse>): string[] {
  return r.success ? [] : r.issues.filter((i) => i.severity === "error").map((i) => i.message);
}

describe("capacity and planned-places records", () => {
  it("parses valid records and keeps them in the dataset", () => {
    const r = parse(
      [
        { area: "a", stage: "primary", year: 2020, places: 600, classes: 14, sector: "public", provenance: "estimate", note: "test" },
        { area: "a", stage: "primary", year: 2020, places: 90, sector: "other-private" },
      ],
      [{ area: "a", stage: "primary", year: 2022, places: -45, kind: "closure", project: "old school", source: "plan" }],
    );
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.capacity).toHaveLength(2);
    expect(r.data.plannedPlaces?.[0]?.places).toBe(-45);
  });

  it("a dataset without capacity parses with empty lists", () => {
    const ds = parseDataset(deepFreeze({ ...base }), chinaSchoolSystem);
    expect(ds.capacity).toEqual([]);
    expect(ds.plannedPlaces).toEqual([]);
  });

  it("reports located errors for bad capacity records, all of them", () => {
    const r = parse([
      { area: "a", stage: "primary", year: 2020, places: -4 },
      { area: "a", stage: "junior", year: 2020, places: "120" },
      { area: "zz", stage: "primary", year: 2020, places: 10 },
      { area: "b", stage: "P1", year: 2020, places: 10 },
      { area: "b", stage: "senior", year: 2020, places: 10, sector: "public" },
      { area: "b", stage: "senior", year: 2020, places: 20, sector: "public" },
      { area: "b", stage: "junior", year: 2020, places: 20, classes: 0 },
      { area: "b", stage: "preschool", year: 2020, places: 20, sector: "state" },
      { area: "b", stage: "primary", year: 2020, places: 20, pupils: 3 },
    ]);
    expect(r.success).toBe(false);
    const m = messages(r);
    expect(m).toContain("capacity[0] (area a, stage primary, year 2020): places must be a non-negative integer (places, in pupils), got -4");
    expect(m).toContain('capacity[1] (area a, stage junior, year 2020): places must be a non-negative integer (places, in pupils), got "120" (numbers must not be given as text)');
    expect(m).toContain('capacity[2] (area zz, stage primary, year 2020): area "zz" is not in areas; add it there or correct the id');
    expect(m).toContain('capacity[3] (area b, stage P1, year 2020): stage "P1" is not a stage of the china system (preschool, primary, junior, senior)');
    expect(m).toContain("capacity[5] (area b, stage senior, year 2020, sector public): duplicates capacity[4]; give one record per area, stage, year and sector (add the places together)");
    expect(m).toContain("capacity[6] (area b, stage junior, year 2020): 20 places in 0 classes; give the number of classes, or leave classes out when unknown");
    expect(m.some((x) => x.startsWith("capacity[7] (area b, stage preschool, year 2020, sector state): sector must be"))).toBe(true);
    expect(m.some((x) => x.startsWith('capacity[8] (area b, stage primary, year 2020): unknown field "pupils"'))).toBe(true);
    expect(m).toHaveLength(8);
    if (!r.success) {
      expect(r.issues.find((i) => i.message.startsWith("capacity[0]"))?.path).toEqual(["capacity", 0, "places"]);
      expect(r.issues.find((i) => i.message.startsWith("capacity[3]"))?.code).toBe("unknown_stage");
    }
  });

  it("reports bad planned places", () => {
    const r = parse(
      [{ area: "a", stage: "primary", year: 2020, places: 600 }],
      [
        { area: "a", stage: "primary", year: 2022, places: 45, kind: "closure" },
        { area: "a", stage: "primary", year: 2022.5, places: 45 },
        { area: "a", stage: "nursery", year: 2022, places: 45 },
        { area: "a", stage: "primary", year: 2022, places: 4.5, kind: "extension" },
        { area: "a", stage: "primary", year: 2022, places: 45, kind: "rebuild" },
      ],
    );
    const m = messages(r);
    expect(m).toContain("plannedPlaces[0] (area a, stage primary, year 2022): a closure removes places, so places must be negative or zero, got 45");
    expect(m.some((x) => x.startsWith("plannedPlaces[1] (area a, stage primary, year 2022.5): year must be the integer school year"))).toBe(true);
    expect(m).toContain('plannedPlaces[2] (area a, stage nursery, year 2022): stage "nursery" is not a stage of the china system (preschool, primary, junior, senior)');
    expect(m).toContain("plannedPlaces[3] (area a, stage primary, year 2022): places must be an integer (negative for closures and removals), got 4.5");
    expect(m.some((x) => x.startsWith("plannedPlaces[4] (area a, stage primary, year 2022): kind must be"))).toBe(true);
    expect(m).toHaveLength(5);
  });

  it("parseDataset throws a DatasetError holding the capacity issues", () => {
    expect(() => parseDataset(deepFreeze({ ...base, capacity: [{ area: "a", stage: "primary", year: 2020, places: -1 }] }), chinaSchoolSystem)).toThrow(DatasetError);
  });
});
