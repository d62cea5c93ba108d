import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessCapacity,
  capacitySchedule,
  chinaSchoolSystem,
  DatasetError,
  defaultCapacityRules,
  renderNote,
  sumAssessments,
  type Assessment,
  type CapacityRecord,
  type PlannedPlacesRecord,
  type StageRecord,
} from "../../src/index.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";
import { note } from "../../src/domain/notes.js";

const system = chinaSchoolSystem;
const pupilsRow = (area: string, stage: string, year: number, pupils: number): StageRecord => ({ area, stage, year, pupils, kind: year > 2020 ? "forecast" : "actual", basis: "reported" });

describe("capacitySchedule", () => {
  const capacity: CapacityRecord[] = [
    { area: "a", stage: "primary", year: 2020, places: 900, classes: 20, sector: "public" },
    { area: "a", stage: "primary", year: 2020, places: 100, sector: "other-private", provenance: "estimate" },
    { area: "a", stage: "senior", year: 2020, places: 500 },
  ];
  const planned: PlannedPlacesRecord[] = [
    { area: "a", stage: "primary", year: 2022, places: 450, sector: "public", kind: "new-school", project: "new" },
    { area: "a", stage: "primary", year: 2024, places: -100, sector: "public", kind: "closure" },
    { area: "a", stage: "primary", year: 2023, places: 60, sector: "inclusive-private", kind: "purchased" },
    { area: "a", stage: "primary", year: 2019, places: 45, sector: "public" },
    { area: "b", stage: "primary", year: 2022, places: 45 },
    { area: "a", stage: "senior", year: 2021, places: -600, kind: "closure" },
  ];
  const input = deepFreeze({ system, capacity, plannedPlaces: planned });
  const s = capacitySchedule(input, { from: 2019, to: 2025 });
  const total = (stage: string, year: number) => s.totals.find((t) => t.area === "a" && t.stage === stage && t.year === year);

  it("adds planned changes cumulatively from their year on", () => {
    expect(total("primary", 2019)).toBeUndefined(); // before the first capacity record: unknown
    expect(total("primary", 2020)?.places).toBe(1000); // 900 + 100
    expect(total("primary", 2021)?.places).toBe(1000);
    expect(total("primary", 2022)?.places).toBe(1450); // + 450 public
    expect(total("primary", 2023)?.places).toBe(1510); // + 60 purchased
    expect(total("primary", 2024)?.places).toBe(1410); // − 100 closure
    expect(total("primary", 2025)?.bySector).toEqual({ public: 1250, "other-private": 100, "inclusive-private": 60 });
  });

  it("adjusts known classes by whole standard classes and derives unknown ones", () => {
    const row = (sector: string, year: number) => s.rows.find((r) => r.area === "a" && r.stage === "primary" && r.sector === sector && r.year === year);
    expect(row("public", 2022)?.classes).toBe(30); // 20 + ⌊450/45⌋ = 20 + 10
    expect(row("public", 2024)?.classes).toBe(27); // 20 + ⌊350/45⌋ = 20 + 7 (7.78)
    expect(row("other-private", 2020)?.classes).toBe(2); // derived ⌊100/45⌋ = 2
    expect(row("other-private", 2020)?.classesKnown).toBe(false);
    expect(row("inclusive-private", 2023)?.classes).toBe(1); // derived ⌊60/45⌋ = 1
    expect(total("primary", 2023)?.classes).toBe(33); // 30 + 2 + 1
    expect(total("primary", 2023)?.classesDerived).toBe(true);
    expect(total("primary", 2020)?.basis).toBe("estimate"); // the private record is an estimate
  });

  it("notes what it does not schedule and holds places at 0", () => {
    expect(total("senior", 2021)?.places).toBe(0);
    expect(s.notes).toContainEqual(note("schedule.removals-exceed-places", { area: "a", stage: "senior", sector: "unspecified", year: 2021, years: [2021, 2022, 2023, 2024, 2025], removed: -600, places: 500 }));
    expect(s.notes).toContainEqual(note("schedule.planned-without-capacity", { index: 4, area: "b", stage: "primary", year: 2022, project: null, places: 45 }));
    expect(s.notes).toContainEqual(note("schedule.planned-already-counted", { index: 3, area: "a", stage: "primary", year: 2019, project: null, capacityYear: 2020 }));
  });

  it("counts only the sectors asked for", () => {
    const pub = capacitySchedule(input, { from: 2020, to: 2025, sectors: ["public"] });
    expect(pub.totals.find((t) => t.area === "a" && t.stage === "primary" && t.year === 2025)?.places).toBe(1250);
    // a stage with capacity but none in the sector: 0 public places, not unknown
    expect(pub.totals.find((t) => t.area === "a" && t.stage === "senior" && t.year === 2020)?.places).toBe(0);
  });

  it("a later capacity record supersedes earlier planned changes", () => {
    const s2 = capacitySchedule({ system, capacity: [...capacity, { area: "a", stage: "senior", year: 2023, places: 700 }], plannedPlaces: [{ area: "a", stage: "senior", year: 2022, places: 100 }, { area: "a", stage: "senior", year: 2024, places: 50 }] }, { from: 2020, to: 2024 });
    const t = (y: number) => s2.totals.find((r) => r.area === "a" && r.stage === "senior" && r.year === y)?.places;
    expect([t(2020), t(2021), t(2022), t(2023), t(2024)]).toEqual([500, 500, 600, 700, 750]);
  });
});

describe("assessCapacity: worked example", () => {
  // Area a, primary, 2020: 1,000 places in 20 public classes (900) + ⌊100/45⌋ = 2 derived private classes → 22 classes.
  const ds = deepFreeze({
    system,
    capacity: [
      { area: "a", stage: "primary", year: 2020, places: 900, classes: 20, sector: "public" },
      { area: "a", stage: "primary", year: 2020, places: 100, sector: "other-private" },
      { area: "b", stage: "primary", year: 2020, places: 1000 },
    ] satisfies CapacityRecord[],
  });

  it("computes surplus, utilisation, headroom, classes and flags", () => {
    // 1,250 pupils in 22 classes: ⌊1250/22⌋ = 56, 1250 − 22·56 = 18 → 18 classes of 57 and 4 of 56 — all 大班额.
    const [r] = assessCapacity(deepFreeze([pupilsRow("a", "primary", 2020, 1250)]), ds);
    expect(r!.surplus).toBe(-250);
    expectClose(r!.utilisation!, 1.25);
    expectClose(r!.headroom!, -0.25);
    expect(r!.classesAvailable).toBe(22);
    expect(r!.bandCounts).toEqual({ oversized: 0, large: 22, "super-large": 0 });
    expect(r!.classesNeeded).toBe(28); // ⌈1250/45⌉ = 28 (27.8)
    expect(r!.extraClassesNoLarge).toBe(1); // ⌈1250/55⌉ = 23 (22.7) − 22
    expect(r!.placesNoLarge).toBe(45);
    expect(r!.flags.map((f) => f.code)).toEqual(["shortfall", "oversized", "large"]);
    expect(renderNote(r!.flags[0]!.reason, "en")).toBe("shortfall of 250 places: 1,250 pupils for 1,000 places");
    expect(renderNote(r!.flags[0]!.reason, "zh-CN")).toBe("学位缺口 250 个：学生 1,250 人，学位 1,000 个");
    expect(renderNote(r!.flags[2]!.reason, "en")).toContain("22 of 22 classes have 56 or more pupils");
    expect(renderNote(r!.assumption, "en")).toContain("spread as evenly as 22 classes allow: 18 of 57 and 4 of 56");
    expect(r!.classesDerived).toBe(true);
  });

  it("flags low headroom and surplus risk against the default rules", () => {
    // b: 1,000 places → ⌊1000/45⌋ = 22 classes. 960 pupils: headroom 4% < 5%; 790 pupils: utilisation 79% < 80%.
    const rows = assessCapacity([pupilsRow("b", "primary", 2020, 960)], ds);
    expect(rows[0]!.flags.map((f) => f.code)).toEqual(["low-headroom"]);
    expect(renderNote(rows[0]!.flags[0]!.reason, "en")).toBe("headroom 4.0% is below the 5.0% margin: 40 spare places for 960 pupils");
    expect(rows[0]!.flags[0]!.source).toBe(defaultCapacityRules.headroomMargin.source);
    const low = assessCapacity([pupilsRow("b", "primary", 2020, 790)], ds);
    expect(low[0]!.flags.map((f) => f.code)).toEqual(["surplus-risk"]);
    expect(renderNote(low[0]!.flags[0]!.reason, "zh-CN")).toBe("学位使用率 79.0%，低于 80.0%：1,000 个学位中约 210 个可能闲置");
    const custom = assessCapacity([pupilsRow("b", "primary", 2020, 790)], ds, { utilisationFloor: { value: 0.7, source: "test rule" } });
    expect(custom[0]!.flags).toEqual([]);
  });

  it("reports pupils with no places, or skips them when asked", () => {
    expect(() => assessCapacity([pupilsRow("c", "primary", 2020, 10)], ds)).toThrow(/area c, stage primary, year 2020: pupils are given but no places are known/);
    expect(assessCapacity([pupilsRow("c", "primary", 2020, 10)], ds, { missingPlaces: "skip" })).toEqual([]);
  });

  it("refuses invalid pupil rows with located issues", () => {
    try {
      assessCapacity([pupilsRow("a", "primary", 2020, -1), pupilsRow("a", "P1", 2020, 1), pupilsRow("b", "primary", 2020, Number.NaN), pupilsRow("b", "primary", 2020, 3), pupilsRow("b", "primary", 2020, 4)], ds);
      expect.fail("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(DatasetError);
      const m = (e as DatasetError).issues.map((i) => i.message);
      expect(m).toEqual([
        "pupils[0] (area a, stage primary, year 2020): pupils must be a finite non-negative number, got -1",
        'pupils[1] (area a, stage P1, year 2020): stage "P1" is not a stage of the china system (preschool, primary, junior, senior)',
        "pupils[2] (area b, stage primary, year 2020): pupils must be a finite non-negative number, got NaN",
        "pupils[4] (area b, stage primary, year 2020): duplicates pupils[3]; give one row per area, stage and year",
      ]);
    }
  });

  it("sums areas into a city total that names the short areas", () => {
    const rows = assessCapacity([pupilsRow("a", "primary", 2020, 1100), pupilsRow("b", "primary", 2020, 700)], ds);
    const [city] = sumAssessments(rows, "city");
    expect(city!.surplus).toBe(200); // (1000 − 1100) + (1000 − 700)
    expect(city!.parts).toEqual(["a", "b"]);
    // a: 1,100 pupils in 22 classes = 50 each (oversized, 46–55); b: 700 in ⌊1000/45⌋ = 22 classes, 31–32 each.
    expect(city!.flags.map((f) => f.code)).toEqual(["shortfall", "oversized"]);
    expect(city!.bandCounts).toEqual({ oversized: 22, large: 0, "super-large": 0 });
    expect(renderNote(city!.flags[0]!.reason, "en")).toBe("no net shortfall, but 1 of 2 areas are short (a): 100 places short there");
  });
});

// ---------------------------------------------------------------------------------------------
// Laws over random supplies and pupils.

const stages = ["preschool", "primary", "junior", "senior"] as const;
const supplyArb = fc.record({
  areas: fc.array(
    fc.record({
      stage: fc.constantFrom(...stages),
      places: fc.integer({ min: 0, max: 20_000 }),
      classes: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      planned: fc.array(fc.record({ year: fc.integer({ min: 2021, max: 2025 }), places: fc.integer({ min: -2_000, max: 5_000 }) }), { maxLength: 3 }),
      pupils: fc.array(fc.double({ min: 0, max: 25_000, noNaN: true }), { minLength: 6, maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});
type Supply = typeof supplyArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Supply, extraPlaces = 0, extraPupils = 0) {
  const capacity: CapacityRecord[] = [];
  const plannedPlaces: PlannedPlacesRecord[] = [];
  const pupils: StageRecord[] = [];
  s.areas.forEach((a, i) => {
    const area = `area${i}`;
    capacity.push({ area, stage: a.stage, year: 2020, places: a.places + extraPlaces, ...(a.classes !== undefined ? { classes: a.classes } : {}) });
    for (const p of a.planned) plannedPlaces.push({ area, stage: a.stage, year: p.year, places: p.places });
    a.pupils.forEach((n, h) => pupils.push(pupilsRow(area, a.stage, 2020 + h, n + extraPupils)));
  });
  return { input: { system, capacity, plannedPlaces }, pupils };
}
const codes = (rows: readonly Assessment[], keep: readonly string[]) => new Set(rows.flatMap((r) => r.flags.filter((f) => keep.includes(f.code)).map((f) => `${r.area}|${r.year}|${f.code}`)));
const MONOTONE = ["shortfall", "oversized", "large", "super-large"];

describe("assessCapacity laws", () => {
  it("surplus = places − pupils everywhere, and inputs are not mutated", () => {
    fc.assert(
      fc.property(supplyArb, (s) => {
        const { input, pupils } = build(s);
        deepFreeze(input);
        deepFreeze(pupils);
        const rows = assessCapacity(pupils, input);
        expect(rows).toHaveLength(pupils.length);
        for (const r of rows) {
          expect(r.surplus).toBe(r.places - r.pupils);
          if (r.places > 0) expectClose(r.utilisation!, r.pupils / r.places);
          const sizes = r.spread ? r.spread.smallClasses * r.spread.smallSize + r.spread.largeClasses * r.spread.largeSize : 0;
          if (r.spread) expect(sizes).toBe(r.pupilsOrganised);
          if (r.spread) expect(r.spread.smallClasses + r.spread.largeClasses).toBe(r.classesAvailable);
        }
      }),
    );
  });

  it("aggregation over areas equals the sum of its parts", () => {
    fc.assert(
      fc.property(supplyArb, (s) => {
        const { input, pupils } = build(s);
        const rows = assessCapacity(pupils, input);
        const agg = sumAssessments(rows, "city");
        for (const t of agg) {
          const parts = rows.filter((r) => r.stage === t.stage && r.year === t.year);
          expectClose(t.pupils, parts.reduce((x, p) => x + p.pupils, 0), { rel: 1e-12, abs: 1e-9 });
          expect(t.places).toBe(parts.reduce((x, p) => x + p.places, 0));
          expectClose(t.surplus, t.places - t.pupils, { rel: 1e-12, abs: 1e-6 });
          expect(t.classesAvailable).toBe(parts.reduce((x, p) => x + p.classesAvailable, 0));
          expect(t.classesNeeded).toBe(parts.reduce((x, p) => x + p.classesNeeded, 0));
          for (const b of ["large", "super-large"]) expect(t.bandCounts[b]).toBe(parts.reduce((x, p) => x + (p.bandCounts[b] ?? 0), 0));
          const partShort = parts.some((p) => p.surplus < 0);
          expect(t.flags.some((f) => f.code === "shortfall")).toBe(partShort || t.surplus < 0);
          for (const b of ["large", "super-large"]) expect(t.flags.some((f) => f.code === b)).toBe(parts.some((p) => p.flags.some((f) => f.code === b)));
        }
      }),
    );
  });

  it("more places never adds a shortfall or class-size flag", () => {
    fc.assert(
      fc.property(supplyArb, fc.integer({ min: 1, max: 5_000 }), (s, more) => {
        const a = build(s);
        const b = build(s, more);
        const before = codes(assessCapacity(a.pupils, a.input), MONOTONE);
        const after = codes(assessCapacity(b.pupils, b.input), MONOTONE);
        for (const f of after) expect(before.has(f)).toBe(true);
      }),
    );
  });

  it("more pupils never removes a shortfall or class-size flag", () => {
    fc.assert(
      fc.property(supplyArb, fc.double({ min: 0.5, max: 5_000, noNaN: true }), (s, more) => {
        const a = build(s);
        const b = build(s, 0, more);
        const before = codes(assessCapacity(a.pupils, a.input), MONOTONE);
        const after = codes(assessCapacity(b.pupils, b.input), MONOTONE);
        for (const f of before) expect(after.has(f)).toBe(true);
      }),
    );
  });
});
