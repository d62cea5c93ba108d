import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assessCapacity, checkPlan, chinaSchoolSystem, DatasetError, fitModel, forecast, parseDataset, planTargetsFromJson, stageTotals, type CapacityRecord, type PlanTargets, type PlannedPlacesRecord, type StageRecord } from "../../src/index.js";
import { deepFreeze } from "../helpers/expect.js";
import { yangjiangInput } from "../../src/seeds.js";

const row = (area: string, stage: string, year: number, pupils: number): StageRecord => ({ area, stage, year, pupils, kind: "forecast", basis: "reported" });

describe("checkPlan: worked example", () => {
  // One area, senior: 1,000 places in 18 classes in 2020; +500 planned in 2022 (⌊500/50⌋ = 10 more classes).
  const supply = deepFreeze({
    system: chinaSchoolSystem,
    capacity: [
      { area: "a", stage: "senior", year: 2020, places: 1000, classes: 18, sector: "public" },
      { area: "a", stage: "preschool", year: 2020, places: 300, sector: "public" },
      { area: "a", stage: "preschool", year: 2020, places: 700, sector: "other-private" },
    ] satisfies CapacityRecord[],
    plannedPlaces: [
      { area: "a", stage: "senior", year: 2022, places: 500, sector: "public" },
      { area: "a", stage: "senior", year: 2026, places: 100, sector: "public" },
      { area: "a", stage: "preschool", year: 2021, places: 100, sector: "public" },
    ] satisfies PlannedPlacesRecord[],
  });
  const plan: PlanTargets = deepFreeze({
    period: { from: 2021, to: 2025 },
    baseYear: 2020,
    newPlaces: [{ stage: "senior", places: 600, sector: "public", source: "test plan" }],
    pupilIndicators: [{ id: "senior", label: { en: "senior pupils" }, stages: ["senior"], year: 2025, pupils: 1100, baseline: { year: 2020, pupils: 1000 }, source: "test plan" }],
    classSizeGoals: [{ stages: ["senior"], minClassSize: 56, byYear: 2025, source: "test plan" }],
    publicShares: [{ stage: "preschool", year: 2020, share: 0.3, source: "test plan" }],
  });
  // Senior pupils: 2020 1,000 in 18 classes (56 × 10 + 55 × 8 → 10 classes of 56+);
  // 2021 1,020 (1,020 = 18 × 56 + 12 → all 18 of 56+); 2022 1,100 in 28 classes (39–40: none);
  // 2023–2025 1,150 in 28 (41–42: none).
  const pupils = [1000, 1020, 1100, 1150, 1150, 1150].map((n, h) => row("a", "senior", 2020 + h, n));
  const rows = assessCapacity([...pupils, ...[2020, 2021, 2022, 2023, 2024, 2025].map((y) => row("a", "preschool", y, 800))], supply);
  const check = checkPlan(plan, rows, supply);

  it("sums planned places in the period against the plan", () => {
    // 2022's 500 counts; 2026's 100 is outside 2021–2025.
    expect(check.places).toEqual([{ stage: "senior", planTarget: 600, planned: 500, difference: -100, source: "test plan" }]);
    expect(check.placesByArea).toEqual([{ area: "a", stage: "senior", planned: 500, pupilGrowth: 150, balance: 350, surplusBase: 0, surplusEnd: 350 }]);
  });

  it("compares the indicator with the forecast", () => {
    expect(check.indicators[0]).toMatchObject({ target: 1100, forecast: 1150, difference: 50, baseline: { year: 2020, plan: 1000, forecast: 1000 } });
  });

  it("finds the first breach and the year it clears", () => {
    expect(check.classSizes).toHaveLength(1);
    expect(check.classSizes[0]).toMatchObject({ area: "a", firstBreach: 2020, clearsIn: 2022, goneByGoal: true, breachYears: [2020, 2021] });
    expect(check.classSizes[0]!.classesByYear).toEqual({ 2020: 10, 2021: 18, 2022: 0, 2023: 0, 2024: 0, 2025: 0 });
  });

  it("reports the public share of places", () => {
    const s = check.publicShares.find((p) => p.year === 2021)!;
    expect(s.publicPlaces).toBe(400); // 300 + 100
    expect(s.places).toBe(1100);
    expect(s.share).toBeCloseTo(400 / 1100, 12);
  });
});

describe("planTargetsFromJson", () => {
  const plan = JSON.parse(readFileSync("seeds/yangjiang/plan.json", "utf8")) as unknown;

  it("reads the Yangjiang plan's places, pupil indicators and class-size goals", () => {
    const t = planTargetsFromJson(deepFreeze(plan));
    // seeds/yangjiang/plan.json: 新增 1.42万 / 7.4万 / 4万 / 1.5万 (plan lines 315, 375, 387)
    expect(t.newPlaces.map((p) => [p.stage, p.places])).toEqual([["preschool", 14200], ["primary", 74000], ["junior", 40000], ["senior", 15000]]);
    // indicator table lines 258, 261, 266: 11万, 40.4万, 6万 in 2025
    expect(t.pupilIndicators.map((i) => [i.id, i.year, i.pupils])).toEqual([["preschool_pupils", 2025, 110000], ["compulsory_pupils", 2025, 404000], ["senior_stage_pupils", 2025, 60000]]);
    // the 2020 result (no byYear) is not a goal to check; the two 2025 goals are
    expect(t.classSizeGoals.map((g) => [g.stages.join("+"), g.minClassSize, g.byYear])).toEqual([["primary+junior", 56, 2025], ["senior", 56, 2025]]);
    expect(t.publicShares).toEqual([expect.objectContaining({ stage: "preschool", year: 2020, share: 0.562 })]);
  });

  it("refuses a plan of another shape with located issues", () => {
    expect(() => planTargetsFromJson({ document: {} })).toThrow(DatasetError);
  });
});

describe("Yangjiang seed capacity", () => {
  const cap = JSON.parse(readFileSync("seeds/yangjiang/capacity.json", "utf8")) as { capacity: CapacityRecord[]; plannedPlaces: PlannedPlacesRecord[] };
  const ds = parseDataset({ ...yangjiangInput, ...cap }, chinaSchoolSystem);

  it("parses with the seed dataset; every record is a labelled estimate", () => {
    expect(ds.capacity).toHaveLength(36); // 6 counties × (3 preschool sectors + 3 stages)
    for (const r of [...cap.capacity, ...cap.plannedPlaces]) {
      expect(r.provenance).toBe("estimate");
      expect(r.note?.length).toBeGreaterThan(0);
    }
  });

  it("allocates exactly the plan's new places and names its projects", () => {
    const plan = planTargetsFromJson(JSON.parse(readFileSync("seeds/yangjiang/plan.json", "utf8")));
    const fc = forecast(fitModel(ds), { to: 2025 });
    const check = checkPlan(plan, assessCapacity(stageTotals(fc).filter((r) => r.area !== "yangjiang"), ds), ds);
    for (const p of check.places) expect(p.difference).toBe(0);
    const projects = new Set(cap.plannedPlaces.map((p) => p.project));
    for (const name of ["阳江高级中学", "阳春市第三中学", "阳江市第一中学初中部", "阳江市江城第一小学城南校区"]) expect(projects.has(name)).toBe(true);
    // plan line 105: 56+ classes eliminated in compulsory education by 2020 — the seed keeps none
    for (const c of check.classSizes.filter((x) => x.stages.includes("primary"))) expect(c.breachYears).not.toContain(2020);
  });
});
