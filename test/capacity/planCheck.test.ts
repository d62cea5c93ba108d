import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessAtPlanningLevel,
  assessCapacity,
  checkPlan,
  chinaSchoolSystem,
  chinaStaffNorms,
  DatasetError,
  fitModel,
  forecast,
  parseDataset,
  planTargetsFromJson,
  pupilRecords,
  stageTotals,
  yangjiangInput,
  yangjiangPlan,
  type CapacityRecord,
  type PlanTarget,
  type PlanTargets,
  type PlannedPlacesRecord,
  type PupilRecord,
  type StageRecord,
} from "../helpers/internal.js";
import { planNoteTexts } from "../../src/report/notes/plan.js";
import { deepFreeze, expectClose } from "../helpers/expect.js";

/** Every note has an English and a Chinese text, with no parameter left unrendered. */
function expectRendered(targets: readonly { notes: readonly { code: string; params: Record<string, unknown> }[] }[]): void {
  for (const n of targets.flatMap((t) => t.notes)) {
    const t = planNoteTexts[n.code];
    expect(t, n.code).toBeDefined();
    for (const text of [t!.en(n.params as never), t!.zh(n.params as never)]) {
      expect(text, n.code).not.toMatch(/undefined|NaN|\[object/);
      expect(text.length).toBeGreaterThan(10);
    }
  }
}

const row = (area: string, stage: string, year: number, pupils: number): StageRecord => ({ area, stage, year, pupils, kind: year > 2020 ? "forecast" : "actual", basis: "reported" });
const at = { line: 1, section: "test plan", quote: "test" };
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];

describe("checkPlan: worked example, one area, every kind of target", () => {
  // Senior: 1,000 places in 18 classes in 2020, +500 planned in 2022 (⌊500/50⌋ = 10 classes), +100 in 2026 (outside).
  // Preschool: 300 public + 700 other-private places; +100 public in 2021. Primary: 900 places in 20 classes.
  const supply = deepFreeze({
    system: chinaSchoolSystem,
    capacity: [
      { area: "a", stage: "senior", year: 2020, places: 1000, classes: 18, sector: "public" },
      { area: "a", stage: "preschool", year: 2020, places: 300, sector: "public" },
      { area: "a", stage: "preschool", year: 2020, places: 700, sector: "other-private" },
      { area: "a", stage: "primary", year: 2020, places: 900, classes: 20 },
    ] satisfies CapacityRecord[],
    plannedPlaces: [
      { area: "a", stage: "senior", year: 2022, places: 500, sector: "public" },
      { area: "a", stage: "senior", year: 2026, places: 100, sector: "public" },
      { area: "a", stage: "preschool", year: 2021, places: 100, sector: "public" },
    ] satisfies PlannedPlacesRecord[],
  });
  const T = (t: Record<string, unknown>): PlanTarget => ({ label: { en: String(t.id) }, at, ...t }) as unknown as PlanTarget;
  const plan: PlanTargets = deepFreeze({
    period: { from: 2021, to: 2025 },
    baseYear: 2020,
    planningLevels: [],
    targets: [
      T({ id: "senior-pupils", kind: "pupils", stages: ["senior"], year: 2025, value: 1100, comparator: ">=", baseline: { year: 2020, value: 1000 } }),
      T({ id: "pre-pupils", kind: "pupils", stages: ["preschool"], year: 2025, value: 900, comparator: ">=" }),
      T({ id: "senior-places", kind: "places", stages: ["senior"], sector: "public", period: { from: 2021, to: 2025 }, value: 600, comparator: ">=" }),
      T({ id: "pre-places", kind: "places", stages: ["preschool"], sector: "public", period: { from: 2021, to: 2025 }, value: 100, comparator: ">=" }),
      T({ id: "primary-standard", kind: "class-size", stages: ["primary"], year: 2025, limit: "standard" }),
      T({ id: "primary-56", kind: "class-size", stages: ["primary"], year: 2025, limit: 56 }),
      T({ id: "senior-56", kind: "class-size", stages: ["senior"], year: 2025, limit: 56 }),
      T({ id: "senior-56-2020", kind: "class-size", stages: ["senior"], year: 2020, limit: 56 }),
      T({ id: "pre-ger", kind: "rate", rate: "gross-enrolment", stages: ["preschool"], year: 2025, value: 1, comparator: ">=" }),
      T({ id: "retention", kind: "rate", rate: "retention", stages: ["primary", "junior"], year: 2025, value: 0.96, comparator: ">=" }),
      T({ id: "public-share", kind: "share", stages: ["preschool"], sectors: ["public"], year: 2021, value: 0.3, comparator: ">=" }),
      T({ id: "staff", kind: "staff", stages: ["senior"], year: 2025 }),
      T({ id: "degrees", kind: "other", needs: "teacher-qualifications", stages: ["primary"], year: 2025, value: 0.65, comparator: ">=" }),
      T({ id: "college", kind: "pupils", stages: ["college"], year: 2025, value: 1, comparator: ">=" }),
    ],
  });
  // Senior 2020: 1,000 in 18 classes = 10 of 56 + 8 of 55; 2025: 1,150 in 28 classes (41–42).
  // Primary: 880 a year in 20 classes (44), 2025 920 (all 20 classes of 46: above 45, under 56).
  const pupils = [
    ...[1000, 1020, 1100, 1150, 1150, 1150].map((n, h) => row("a", "senior", 2020 + h, n)),
    ...YEARS.map((y) => row("a", "preschool", y, 800)),
    ...YEARS.map((y) => row("a", "primary", y, y === 2025 ? 920 : 880)),
  ];
  const rows = assessCapacity(pupils, supply);
  const check = checkPlan(plan, deepFreeze(rows), supply, { area: "city" });
  const v = (id: string) => check.targets.find((t) => t.id === id)!;

  it("pupils: forecast against the target", () => {
    expect(v("senior-pupils")).toMatchObject({ measured: 1150, verdict: "met", target: { value: 1100, comparator: ">=" } });
    expect(v("pre-pupils")).toMatchObject({ measured: 800, verdict: "not-met" });
    expect(v("pre-pupils").notes[0]).toEqual({ code: "plan.pupils.forecast", params: { forecast: 800, target: 900, difference: -100 } });
  });

  it("places: planned in the period and sector (2026's 100 is outside)", () => {
    expect(v("senior-places")).toMatchObject({ measured: 500, verdict: "not-met" });
    expect(v("pre-places")).toMatchObject({ measured: 100, verdict: "met" });
    expect(check.placesByArea.find((p) => p.stage === "senior")).toEqual({ area: "a", stage: "senior", planned: 500, pupilGrowth: 150, balance: 350, surplusBase: 0, surplusEnd: 350 });
  });

  it("class size: the standard (46+) catches what 56+ does not", () => {
    expect(v("primary-standard")).toMatchObject({ verdict: "not-met", measured: 20 });
    expect(v("primary-standard").notes[0]).toEqual({ code: "plan.class-size.breach", params: { where: ["a primary"], classes: 20, from: [46] } });
    expect(v("primary-56")).toMatchObject({ verdict: "met", measured: 0 });
    expect(v("primary-56").notes[0]!.code).toBe("plan.class-size.even-spread");
    expect(v("senior-56")).toMatchObject({ verdict: "met" });
    expect(v("senior-56-2020")).toMatchObject({ verdict: "not-met", measured: 10 });
    const c = check.classSizes.find((x) => x.target === "senior-56")!;
    expect(c).toMatchObject({ area: "a", from: 56, breachYears: [2020, 2021], clearsIn: 2022, goneByTarget: true });
  });

  it("rates, shares and staff are not checkable without their data, and say what they need", () => {
    expect(v("pre-ger")).toMatchObject({ verdict: "not-checkable", measured: null });
    expect(v("pre-ger").notes[0]).toEqual({ code: "plan.rate.no-population", params: { area: "city", year: 2025, ages: "3–5" } });
    expect(v("retention").notes[0]!.code).toBe("plan.rate.no-grades");
    expect(v("public-share")).toMatchObject({ verdict: "not-checkable" });
    expect(v("public-share").notes[0]!.code).toBe("plan.share.no-sector-pupils");
    expectClose(v("public-share").notes[0]!.params.placesShare as number, 400 / 1100);
    expect(v("staff").notes[0]!.code).toBe("plan.staff.no-norms");
    expect(v("degrees").notes[0]).toEqual({ code: "plan.not-in-data", params: { needs: "teacher-qualifications" } });
    expect(v("college").notes[0]).toEqual({ code: "plan.unknown-stage", params: { stage: "college" } });
  });

  it("rates, shares and staff are checked when their data is given", () => {
    const g = (grade: string, year: number, n: number): PupilRecord => ({ area: "a", year, grade, stage: "x", pupils: n, kind: "actual", basis: "reported" });
    const withData = checkPlan(plan, rows, supply, {
      area: "city",
      population: [3, 4, 5].map((age) => ({ area: "city", year: 2025, age, persons: 800 / 3 })),
      grades: [g("P1", 2017, 1000), g("J3", 2025, 950)],
      sectorPupils: [
        { area: "a", stage: "preschool", year: 2021, sector: "public", pupils: 300 },
        { area: "a", stage: "preschool", year: 2021, sector: "other-private", pupils: 500 },
      ],
      staffNorms: chinaStaffNorms,
      staff: [{ area: "a", stage: "senior", year: 2025, staff: 90, source: "test" }],
    });
    const w = (id: string) => withData.targets.find((t) => t.id === id)!;
    expect(w("pre-ger").verdict).toBe("met");
    expectClose(w("pre-ger").measured!, 1);
    expect(w("retention")).toMatchObject({ measured: 0.95, verdict: "not-met" });
    expect(w("public-share")).toMatchObject({ measured: 0.375, verdict: "met" });
    // 1,150 / 12.5 = 92 staff needed; 90 in post
    expect(w("staff")).toMatchObject({ verdict: "not-met", measured: 90 });
    expectClose(w("staff").notes[0]!.params.short as number, 2);
    expectRendered(withData.targets);
    expectRendered(check.targets);
  });

  it("property: a pupils target is met exactly when the forecast holds against it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(">=", ">", "<=", "=") as fc.Arbitrary<">=" | ">" | "<=" | "=">, (value, comparator) => {
        const p: PlanTargets = { ...plan, targets: [T({ id: "p", kind: "pupils", stages: ["senior"], year: 2025, value, comparator })] };
        const r = checkPlan(p, rows, supply).targets[0]!;
        const ok = comparator === ">=" ? 1150 >= value : comparator === ">" ? 1150 > value : comparator === "<=" ? 1150 <= value : 1150 === value;
        expect(r.verdict).toBe(ok ? "met" : "not-met");
      }),
    );
  });
});

describe("checkPlan: class-size property", () => {
  it("a class-size target is not met exactly when the largest class of the even spread breaches it (or pupils have no class)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 100 }), fc.constantFrom<"standard" | number>("standard", 56, 66), (pupils, classes, limit) => {
        const supply = { system: chinaSchoolSystem, capacity: [{ area: "a", stage: "primary", year: 2025, places: classes * 45, classes }] };
        const rows = assessCapacity([row("a", "primary", 2025, pupils)], supply);
        const p: PlanTargets = { period: { from: 2021, to: 2025 }, baseYear: 2020, planningLevels: [], targets: [{ id: "c", kind: "class-size", label: { en: "c" }, stages: ["primary"], year: 2025, limit, at }] };
        const r = checkPlan(p, rows, supply).targets[0]!;
        const min = limit === "standard" ? 46 : limit;
        const largest = Math.ceil(pupils / classes);
        expect(r.verdict).toBe(largest >= min ? "not-met" : "met");
      }),
    );
  });
});

describe("planTargetsFromJson and the Yangjiang plan", () => {
  const excerpt = new Map(
    readFileSync("seeds/yangjiang/sources/plan-excerpt.txt", "utf8")
      .split("\n")
      .filter((l) => /^\d+\t/.test(l))
      .map((l) => [Number(l.split("\t")[0]), l.slice(l.indexOf("\t") + 1)] as const),
  );
  const plan = planTargetsFromJson(deepFreeze(JSON.parse(JSON.stringify(yangjiangPlan))));

  it("quotes every target from its line of the plan (seeds/yangjiang/sources/plan-excerpt.txt)", () => {
    expect(plan.targets.length).toBe(30);
    for (const t of plan.targets) {
      for (const a of [t.at, ...(t.alsoAt ? [t.alsoAt] : [])]) {
        expect(excerpt.get(a.line), `${t.id} line ${a.line}`).toBeDefined();
        expect(excerpt.get(a.line), t.id).toContain(a.quote);
      }
    }
  });

  it("holds the plan's figures: places 1.42万 / 11.4万 / 7.4万 / 4万 / 1.5万; pupils 11万 / 40.4万 / 6万; the class-size rules", () => {
    expect(plan.targets.filter((t) => t.kind === "places").map((t) => (t.kind === "places" ? t.value : 0))).toEqual([14200, 114000, 74000, 40000, 15000]);
    expect(plan.targets.filter((t) => t.kind === "pupils").map((t) => (t.kind === "pupils" ? [t.id, t.value] : []))).toEqual([["preschool_pupils", 110000], ["compulsory_pupils", 404000], ["senior_stage_pupils", 60000]]);
    const cs = plan.targets.filter((t) => t.kind === "class-size").map((t) => (t.kind === "class-size" ? [t.stages.join("+"), t.year, t.limit] : []));
    // line 341: above the provincial standard (2025); line 387: senior 56+ (2025); line 105: compulsory 56+ gone (2020)
    expect(cs).toEqual([["primary+junior", 2025, "standard"], ["senior", 2025, 56], ["primary+junior", 2020, 56]]);
    expect(plan.planningLevels.map((l) => [l.stages.join("+"), l.level])).toEqual([["preschool+primary+junior", "area"], ["senior", "root"]]);
  });

  it("refuses a plan of another shape, and duplicate ids, with located issues", () => {
    expect(() => planTargetsFromJson({ document: {} })).toThrow(DatasetError);
    const p = JSON.parse(JSON.stringify(yangjiangPlan)) as { targets: unknown[] };
    try {
      planTargetsFromJson({ ...p, targets: [...p.targets, p.targets[0]] });
      expect.fail("no error");
    } catch (e) {
      expect((e as DatasetError).issues[0]!.path).toEqual(["plan", "targets", 30, "id"]);
    }
  });
});

describe("the Yangjiang seed against its plan", () => {
  const cap = JSON.parse(readFileSync("seeds/yangjiang/capacity.json", "utf8")) as { capacity: CapacityRecord[]; plannedPlaces: PlannedPlacesRecord[] };
  const ds = parseDataset({ ...yangjiangInput, ...cap }, chinaSchoolSystem);
  const plan = planTargetsFromJson(yangjiangPlan);
  const fc5 = forecast(fitModel(ds), { to: 2025 });
  const rows = assessCapacity(stageTotals(fc5).filter((r) => r.area !== "yangjiang"), ds);
  const planned = assessAtPlanningLevel(rows, ds.areas, plan.planningLevels, ds.system);
  const check = checkPlan(plan, rows, ds, { area: "yangjiang", planned, births: ds.births, grades: pupilRecords(fc5), staffNorms: chinaStaffNorms });
  const v = (id: string) => check.targets.find((t) => t.id === id)!;

  it("has every target with a verdict; the seed allocates exactly the plan's new places", () => {
    expect(check.targets.map((t) => t.id)).toEqual(plan.targets.map((t) => t.id));
    for (const id of ["new_public_kindergarten_places", "new_public_compulsory_places", "new_public_primary_places", "new_public_junior_places", "new_public_senior_places"]) expect(v(id)).toMatchObject({ verdict: "met", measured: (plan.targets.find((t) => t.id === id) as { value: number }).value });
  });

  it("checks compulsory class size against 45 / 50 per county and senior 56+ for the city", () => {
    expect(new Set(check.classSizes.filter((c) => c.target === "compulsory_class_size").map((c) => `${c.stage}:${c.from}`))).toEqual(new Set(["primary:46", "junior:51"]));
    expect(check.classSizes.filter((c) => c.target === "senior_class_size").map((c) => c.area)).toEqual(["yangjiang"]);
    // plan line 105: 56+ gone from compulsory classes by 2020 — the seed's 2020 places keep none
    expect(v("compulsory_no_large_classes_2020").verdict).toBe("met");
  });

  it("says the 2025 pupil targets need far more pupils per birth than observed", () => {
    const pre = check.implied.find((i) => i.id === "preschool_pupils")!;
    expectClose(pre.target.ratio!, 110000 / 59390);
    expect(v("preschool_pupils").verdict).toBe("not-met");
    expect(v("preschool_pupils").notes.map((n) => n.code)).toEqual(["plan.pupils.forecast", "plan.pupils.implied"]);
    expect(v("preschool_gross_enrolment_rate").verdict).toBe("not-checkable");
    expect(v("staff_unified_norms").notes[0]!.code).toBe("plan.staff.no-current");
    expectRendered(check.targets);
  });
});
