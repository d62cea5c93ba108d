import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, fitModel, forecast, parseDataset, pupilRecords, stageTotals } from "../helpers/internal.js";
import { expectClose } from "../helpers/expect.js";
import { syntheticInput } from "../helpers/synthetic.js";

const STAGES = ["preschool", "primary", "junior", "senior"];

/** Three counties in a city in a province (nested containers), pupils from the property's numbers. */
function forecastOf(level: number, amp: number, to: number) {
  const input = syntheticInput({
    areas: ["a", "b", "c"],
    pupils: (a, g, y) => Math.round(level + 50 * a + 7 * g + amp * Math.sin(1.3 * y + g + a)),
    births: (a, y) => Math.round(level + 30 * a + amp * Math.cos(0.7 * y + a)),
  });
  const ds = parseDataset(
    { ...input, areas: [{ id: "province" }, { id: "city", parent: "province" }, { id: "a", parent: "city" }, { id: "b", parent: "city" }, { id: "c", parent: "province" }] },
    chinaSchoolSystem,
  );
  return forecast(fitModel(ds), { to });
}

describe("stageTotals: totals at every level", () => {
  it("all grades, groups and containing areas are sums of the grade records; without options the rows of before", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 3000 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 2021, max: 2030 }), fc.subarray(STAGES, { minLength: 1 }), (level, amp, to, group) => {
        const f = forecastOf(level, amp, to);
        const plain = stageTotals(f);
        const rows = stageTotals(f, { allGrades: true, groups: { g: group }, containingAreas: true });
        // The stage rows of the forecast areas are those without options, in the same order.
        expect(rows.filter((r) => STAGES.includes(r.stage) && f.areas.includes(r.area))).toEqual(plain);
        const grades = pupilRecords(f);
        const partsOf: Record<string, string[]> = { a: ["a"], b: ["b"], c: ["c"], city: ["a", "b"], province: ["a", "b", "c"] };
        for (const [area, parts] of Object.entries(partsOf))
          for (let year = 2020; year <= to; year++)
            for (const [stage, stages] of [["all", STAGES], ["g", group], ...STAGES.map((s) => [s, [s]] as const)] as const) {
              const r = rows.filter((x) => x.area === area && x.stage === stage && x.year === year);
              expect(r).toHaveLength(1);
              const expected = grades.filter((x) => parts.includes(x.area) && stages.includes(x.stage) && x.year === year).reduce((s, x) => s + x.pupils, 0);
              expectClose(r[0]!.pupils, expected, { rel: 1e-12 });
              expect(r[0]!.kind).toBe(year === 2020 ? "actual" : "forecast");
            }
        // 5 areas × (4 stages + all + g) × years.
        expect(rows).toHaveLength(5 * 6 * (to - 2020 + 1));
      }),
      { numRuns: 15 },
    );
  });

  it("rejects a group that reuses a stage id, is empty, or names a stage not in the system", () => {
    const f = forecastOf(500, 20, 2022);
    expect(() => stageTotals(f, { groups: { junior: ["junior"] } })).toThrow(/stage id/);
    expect(() => stageTotals(f, { groups: { k12: [] } })).toThrow(/at least one/);
    expect(() => stageTotals(f, { groups: { k12: ["primary", "high"] } })).toThrow(/"high" is not a stage/);
  });
});
