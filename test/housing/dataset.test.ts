import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, safeParseDataset } from "../../src/index.js";
import housingSeed from "../../seeds/yangjiang/housing.json";
import { syntheticInput } from "../helpers/synthetic.js";
import { yangjiangInput } from "../../src/seeds.js";

const base = syntheticInput({ areas: ["a", "b"], firstYear: 2018, lastYear: 2020, pupils: () => 100 });

function parse(housing: unknown[]) {
  return safeParseDataset({ ...base, housing }, chinaSchoolSystem);
}

describe("housing records in the dataset", () => {
  it("maps a completion date to the first school year occupied with the cut-off (31 August)", () => {
    const r = parse([
      { area: "a", completionDate: "2023-08-31", dwellings: 10 },
      { area: "a", completionDate: "2023-09-01", dwellings: 20, development: "d1", dwellingType: "resettlement" },
      { area: "b", year: 2022, dwellings: 0 },
    ]);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.housing?.map((h) => h.year)).toEqual([2023, 2024, 2022]);
    expect(r.data.housing?.[1]).toMatchObject({ development: "d1", dwellingType: "resettlement", completionDate: "2023-09-01" });
  });

  it("wants exactly one of year and completionDate, with located messages", () => {
    const r = parse([
      { area: "a", year: 2023, completionDate: "2023-06-30", dwellings: 10 },
      { area: "a", dwellings: 10 },
    ]);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.path)).toEqual([
      ["housing", 0, "completionDate"],
      ["housing", 1, "year"],
    ]);
    expect(r.issues[0]!.message).toBe("housing[0] (area a, year 2023, completionDate 2023-06-30): gives both year and completionDate; give one of them (year is the first school year occupied)");
    expect(r.issues[1]!.message).toMatch(/^housing\[1\] \(area a\): gives neither year nor completionDate/);
  });

  it("refuses unknown areas, bad counts, bad dates and unknown fields", () => {
    const r = parse([
      { area: "zz", year: 2023, dwellings: 10 },
      { area: "a", year: 2023, dwellings: -4 },
      { area: "a", year: 2023, dwellings: "12" },
      { area: "a", completionDate: "2023-13-01", dwellings: 1 },
      { area: "a", year: 2023, dwellings: 1, units: 3 },
    ]);
    expect(r.success).toBe(false);
    if (r.success) return;
    const msgs = r.issues.map((i) => i.message);
    expect(msgs).toContain('housing[0] (area zz, year 2023): area "zz" is not in areas; add it there or correct the id');
    expect(msgs).toContain("housing[1] (area a, year 2023): dwellings must be a non-negative integer, got -4");
    expect(msgs).toContain('housing[2] (area a, year 2023): dwellings must be a non-negative integer, got "12" (numbers must not be given as text)');
    expect(msgs).toContain('housing[3] (area a, completionDate 2023-13-01): completionDate must be an ISO date yyyy-mm-dd, got "2023-13-01"');
    expect(msgs.some((m) => m.startsWith('housing[4] (area a, year 2023): unknown field "units"'))).toBe(true);
  });

  it("warns about housing in an area that is not forecast", () => {
    const input = { ...base, areas: [...base.areas, { id: "city" }], housing: [{ area: "city", year: 2023, dwellings: 10 }] };
    const r = safeParseDataset(input, chinaSchoolSystem);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.warnings.map((w) => w.message)).toContain("housing[0] (area city, year 2023): area city has no enrolment, so it is not forecast and its housing adds no pupils; give the housing of the areas it contains instead");
  });

  it("parses the Yangjiang housing pipeline: every record an estimate with a method note", () => {
    const r = safeParseDataset({ ...yangjiangInput, ...housingSeed }, chinaSchoolSystem);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const h = r.data.housing ?? [];
    expect(h.length).toBe(6 * 17);
    expect(h.every((x) => x.provenance === "estimate" && /^H[12]: /.test(x.note ?? ""))).toBe(true);
    const byYear = new Map<number, number>();
    for (const x of h) byYear.set(x.year, (byYear.get(x.year) ?? 0) + x.dwellings);
    // HOUSING.md: 15,000 a year 2014–2020, 14,000 in 2021 tapering to 10,000 from 2025
    expect(byYear.get(2014)).toBe(15_000);
    expect(byYear.get(2020)).toBe(15_000);
    expect(byYear.get(2021)).toBe(14_000);
    expect(byYear.get(2030)).toBe(10_000);
  });
});
