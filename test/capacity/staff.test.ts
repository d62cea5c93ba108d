import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaStaffNorms, staffDemand, type StaffNorm } from "../../src/capacity/staff.js";
import { assessCapacity, chinaSchoolSystem, sourced, type StageRecord } from "../helpers/internal.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";

const row = (area: string, stage: string, pupils: number): StageRecord => ({ area, stage, year: 2025, pupils, kind: "forecast", basis: "reported" });
const supply = { system: chinaSchoolSystem, capacity: ["preschool", "primary", "junior", "senior"].map((stage) => ({ area: "a", stage, year: 2025, places: 100000 })) };

describe("staffDemand with China's norms", () => {
  const rows = assessCapacity([row("a", "primary", 1900), row("a", "junior", 2700), row("a", "senior", 2500), row("a", "preschool", 301)], supply);
  const d = staffDemand(deepFreeze(rows), chinaStaffNorms, [{ area: "a", stage: "primary", year: 2025, staff: 90, source: "test" }, { area: "a", stage: "junior", year: 2025, staff: 200, source: "test" }]);
  const at = (s: string) => d.find((x) => x.stage === s)!;

  it("school stages: pupils / 19, 13.5, 12.5 (unified norms, 2014)", () => {
    expect(at("primary").staff).toEqual({ low: 100, high: 100 });
    expect(at("junior").staff).toEqual({ low: 200, high: 200 });
    expect(at("senior").staff).toEqual({ low: 200, high: 200 });
    expect(at("primary")).toMatchObject({ current: 90, status: "short", balance: -10, teachers: null });
    expect(at("junior")).toMatchObject({ current: 200, status: "within", balance: 0 });
    expect(at("senior")).toMatchObject({ current: null, status: "unknown", balance: null });
  });

  it("kindergartens: 2 teachers and 1 carer per class at the standard size 30, and 301 / 7 … 301 / 5 staff (2013 standard)", () => {
    // ⌈301 / 30⌉ = 11 classes
    expect(at("preschool")).toMatchObject({ classes: 11, teachers: 22, carers: 11 });
    expectClose(at("preschool").staff.low, 301 / 7);
    expectClose(at("preschool").staff.high, 301 / 5);
  });

  it("refuses bad norms and bad staff counts", () => {
    const bad: StaffNorm = { stage: "primary", kind: "pupils-per-staff", pupilsPerStaff: sourced(0, "t") };
    expect(() => staffDemand(rows, [bad])).toThrow(/positive/);
    expect(() => staffDemand(rows, [...chinaStaffNorms, chinaStaffNorms[1]!])).toThrow(/two norms/);
    expect(() => staffDemand(rows, chinaStaffNorms, [{ area: "a", stage: "primary", year: 2025, staff: Number.NaN, source: "t" }])).toThrow(/current\[0\]/);
  });

  it("property: staff scale with pupils and the status agrees with the balance", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.integer({ min: 0, max: 10000 }), (n, cur) => {
        const rs = assessCapacity([row("a", "senior", n)], supply);
        const [x] = staffDemand(rs, chinaStaffNorms, [{ area: "a", stage: "senior", year: 2025, staff: cur, source: "t" }]);
        expectClose(x!.staff.low * 12.5, n, { rel: 1e-12, abs: 1e-9 });
        expect(x!.status === "short").toBe(x!.balance! < 0);
        expect(x!.status === "above").toBe(x!.balance! > 0);
      }),
    );
  });
});
