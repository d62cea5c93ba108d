import * as z from "zod/mini";
import { zodEnglish } from "../data/zodEnglish.js";
import { DatasetError, issue, type DataIssue } from "../data/issues.js";
import type { Sector } from "../data/records/capacity.js";
import type { Label } from "../domain/sourced.js";
import type { Assessment } from "./assess.js";
import { classesInRange } from "./classes.js";
import { capacitySchedule, type CapacityInput } from "./schedule.js";

/** New places a plan promises for a stage over its period. */
export interface PlanPlacesTarget {
  readonly stage: string;
  readonly places: number;
  /** The sector of the promised places (`public` for 新增公办学位); all sectors count when absent. */
  readonly sector?: Sector;
  readonly source: string;
}

/** A plan indicator that is a count of pupils in some stages in a year (在园幼儿 11万 in 2025). */
export interface PlanPupilIndicator {
  readonly id: string;
  readonly label: Label;
  readonly stages: readonly string[];
  readonly year: number;
  readonly pupils: number;
  readonly baseline?: { readonly year: number; readonly pupils: number };
  readonly source: string;
  readonly note?: string;
}

/** A class-size goal: no class of `minClassSize` or more in `stages` by `byYear`. */
export interface PlanClassSizeGoal {
  readonly stages: readonly string[];
  readonly minClassSize: number;
  readonly byYear: number;
  readonly source: string;
}

/** A share of a stage's pupils in public provision, as the plan states it (56.2% in 2020). */
export interface PlanPublicShare {
  readonly stage: string;
  readonly year: number;
  /** A share in [0, 1]. */
  readonly share: number;
  readonly source: string;
}

/** The figures of an education plan that placecast checks against a forecast. */
export interface PlanTargets {
  readonly period: { readonly from: number; readonly to: number };
  readonly baseYear: number;
  readonly newPlaces: readonly PlanPlacesTarget[];
  readonly pupilIndicators: readonly PlanPupilIndicator[];
  readonly classSizeGoals: readonly PlanClassSizeGoal[];
  readonly publicShares: readonly PlanPublicShare[];
}

const labelSchema = z.object({ en: z.string(), zh: z.optional(z.string()) });
const planJsonSchema = z.object({
  document: z.object({ period: z.object({ from: z.int(), to: z.int() }), baseYear: z.int() }),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: labelSchema,
      stages: z.array(z.string()),
      unit: z.string(),
      baseline: z.object({ year: z.int(), persons: z.optional(z.number()) }),
      target: z.object({ year: z.int(), persons: z.optional(z.number()) }),
      source: z.string(),
      note: z.optional(z.string()),
    }),
  ),
  plannedPlaces: z.array(
    z.object({ stage: z.string(), places: z.int().check(z.nonnegative()), sector: z.optional(z.enum(["public", "inclusive-private", "other-private"])), source: z.string() }),
  ),
  classSizeGoals: z.optional(z.array(z.object({ stages: z.array(z.string()), minClassSize: z.int().check(z.gte(2)), byYear: z.optional(z.int()), source: z.string() }))),
  preschoolProvision: z.optional(z.array(z.object({ id: z.string(), year: z.int(), value: z.number(), unit: z.string(), source: z.string() }))),
});

/**
 * Reads plan figures in the shape of `seeds/yangjiang/plan.json` into `PlanTargets`:
 * indicators with a `persons` target become pupil indicators; `plannedPlaces` the places
 * targets; `classSizeGoals` with a `byYear` the class-size goals (goals without one, such as a
 * result already achieved, are not checked); the `public_kindergarten_share` provision figure
 * the preschool public share. Other fields are ignored.
 *
 * @throws DatasetError with located issues when the plan does not have that shape
 * @example
 * ```ts
 * const plan = planTargetsFromJson(JSON.parse(readFileSync("seeds/yangjiang/plan.json", "utf8")));
 * plan.newPlaces.map((p) => p.places) // [14200, 74000, 40000, 15000]
 * ```
 */
export function planTargetsFromJson(plan: unknown): PlanTargets {
  const r = planJsonSchema.safeParse(plan, { error: zodEnglish });
  if (!r.success) {
    const issues: DataIssue[] = r.error.issues.map((zi) => {
      const path = ["plan", ...zi.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
      return issue(zi.code === "invalid_type" ? "invalid_type" : "invalid_value", path, `plan.${zi.path.join(".")}: ${zi.message}`);
    });
    throw new DatasetError(issues);
  }
  const p = r.data;
  return {
    period: p.document.period,
    baseYear: p.document.baseYear,
    newPlaces: p.plannedPlaces.map((x) => ({ stage: x.stage, places: x.places, ...(x.sector ? { sector: x.sector } : {}), source: x.source })),
    pupilIndicators: p.indicators
      .filter((i) => i.target.persons !== undefined && i.stages.length > 0)
      .map((i) => ({
        id: i.id,
        label: i.name.zh !== undefined ? { en: i.name.en, zh: i.name.zh } : { en: i.name.en },
        stages: i.stages,
        year: i.target.year,
        pupils: i.target.persons!,
        ...(i.baseline.persons !== undefined ? { baseline: { year: i.baseline.year, pupils: i.baseline.persons } } : {}),
        source: i.source,
        ...(i.note ? { note: i.note } : {}),
      })),
    classSizeGoals: (p.classSizeGoals ?? []).flatMap((g) => (g.byYear === undefined ? [] : [{ stages: g.stages, minClassSize: g.minClassSize, byYear: g.byYear, source: g.source }])),
    publicShares: (p.preschoolProvision ?? [])
      .filter((x) => x.id === "public_kindergarten_share" && x.unit === "%")
      .map((x) => ({ stage: "preschool", year: x.year, share: x.value / 100, source: x.source })),
  };
}

/** Planned places of one stage against the plan's total. */
export interface PlacesCheck {
  readonly stage: string;
  readonly planTarget: number;
  /** Σ planned places of the stage (in the target's sector, or unspecified) with year in the plan period. */
  readonly planned: number;
  /** planned − planTarget. */
  readonly difference: number;
  readonly source: string;
}

/** Planned places of one area and stage against its forecast growth over the plan period. */
export interface AreaPlacesCheck {
  readonly area: string;
  readonly stage: string;
  readonly planned: number;
  /** pupils(end of period) − pupils(base year). */
  readonly pupilGrowth: number;
  /** planned − pupilGrowth: places left over (positive) or missing (negative) against the growth. */
  readonly balance: number;
  /** Surplus (places − pupils) in the base year and at the end of the period. */
  readonly surplusBase: number;
  readonly surplusEnd: number;
}

/** A pupil indicator of the plan against the forecast. */
export interface IndicatorCheck {
  readonly id: string;
  readonly label: Label;
  readonly stages: readonly string[];
  readonly year: number;
  readonly target: number;
  /** Σ forecast pupils of the stages over the areas in the year; null when the year is not assessed. */
  readonly forecast: number | null;
  /** forecast − target. */
  readonly difference: number | null;
  /** forecast at the baseline year, against the plan's baseline (a check of the base data). */
  readonly baseline?: { readonly year: number; readonly plan: number; readonly forecast: number | null };
  readonly source: string;
  readonly note?: string;
}

/** Whether classes of `minClassSize` or more are gone in an area by the goal year. */
export interface ClassSizeGoalCheck {
  readonly area: string;
  readonly stages: readonly string[];
  readonly minClassSize: number;
  readonly byYear: number;
  /** Classes of minClassSize or more per year (even spread, summed over the stages). */
  readonly classesByYear: Readonly<Record<number, number>>;
  /** Years where some class has minClassSize or more (or pupils have no class). */
  readonly breachYears: readonly number[];
  /** First assessed year with a breach; null when none. */
  readonly firstBreach: number | null;
  /** First year after the last breach, when the breach ends within the assessed years; null otherwise. */
  readonly clearsIn: number | null;
  /** No breach in the goal year (false when the goal year is not assessed). */
  readonly goneByGoal: boolean;
  readonly source: string;
}

/** The public share of a stage's places, per year, beside the plan's stated share of pupils. */
export interface PublicShareCheck {
  readonly stage: string;
  readonly year: number;
  readonly publicPlaces: number;
  readonly places: number;
  /** publicPlaces / places; null with no places. A proxy: the plan's figure is a share of pupils. */
  readonly share: number | null;
  readonly plan: PlanPublicShare;
}

/** The plan check: places, indicators, class-size goals and public shares. */
export interface PlanCheck {
  readonly places: readonly PlacesCheck[];
  readonly placesByArea: readonly AreaPlacesCheck[];
  readonly indicators: readonly IndicatorCheck[];
  readonly classSizes: readonly ClassSizeGoalCheck[];
  readonly publicShares: readonly PublicShareCheck[];
  /** Caveats in words. */
  readonly notes: readonly string[];
}

/**
 * Checks a plan against a capacity assessment of the forecast:
 * - planned places per stage (Σ `plannedPlaces` in the plan period) against the plan's totals,
 *   and per area against the forecast pupil growth over the period;
 * - the plan's pupil indicators (e.g. 2025 在园幼儿 11万) against Σ forecast pupils;
 * - per area and class-size goal, whether classes of the goal size (56+) are gone by the goal
 *   year, with the year the area first breaches and the year it clears (even-spread counts);
 * - the public share of places per year beside the plan's public share of pupils.
 *
 * Use area rows only (not `sumAssessments` output): rows with `parts` are ignored.
 *
 * @param plan - plan figures (`planTargetsFromJson`)
 * @param assessment - `assessCapacity` rows over the plan period (base year to period end)
 * @param supply - the capacity and planned records the assessment used
 * @example
 * ```ts
 * const check = checkPlan(plan, assessCapacity(stageTotals(fc), ds), ds);
 * check.classSizes.filter((c) => !c.goneByGoal).map((c) => c.area)
 * ```
 */
export function checkPlan(plan: PlanTargets, assessment: readonly Assessment[], supply: CapacityInput): PlanCheck {
  const rows = assessment.filter((r) => r.parts === undefined);
  const { from, to } = plan.period;
  const base = plan.baseYear;
  const planned = supply.plannedPlaces ?? [];
  const notes: string[] = [];
  const inPeriod = (y: number): boolean => y >= from && y <= to;

  const places: PlacesCheck[] = plan.newPlaces.map((t) => {
    const sum = planned.filter((p) => p.stage === t.stage && inPeriod(p.year) && (t.sector === undefined || p.sector === undefined || p.sector === t.sector)).reduce((s, p) => s + p.places, 0);
    return { stage: t.stage, planTarget: t.places, planned: sum, difference: sum - t.places, source: t.source };
  });

  const at = new Map<string, Assessment>();
  const byArea = new Map<string, Assessment[]>();
  let lastRowYear = to;
  for (const r of rows) {
    at.set(`${r.area}\u0000${r.stage}\u0000${r.year}`, r);
    const list = byArea.get(r.area);
    if (list) list.push(r);
    else byArea.set(r.area, [r]);
    if (r.year > lastRowYear) lastRowYear = r.year;
  }
  const areas = [...byArea.keys()];
  const plannedBy = new Map<string, number>();
  for (const p of planned) {
    if (!inPeriod(p.year)) continue;
    const k = `${p.area}\u0000${p.stage}\u0000${p.sector ?? ""}`;
    plannedBy.set(k, (plannedBy.get(k) ?? 0) + p.places);
  }
  const placesByArea: AreaPlacesCheck[] = [];
  for (const t of plan.newPlaces) {
    for (const area of areas) {
      const b = at.get(`${area}\u0000${t.stage}\u0000${base}`);
      const e = at.get(`${area}\u0000${t.stage}\u0000${to}`);
      if (!b || !e) continue;
      let pl = 0;
      for (const [k, v] of plannedBy) {
        const [pa, ps, sec] = k.split("\u0000");
        if (pa === area && ps === t.stage && (t.sector === undefined || sec === "" || sec === t.sector)) pl += v;
      }
      const growth = e.pupils - b.pupils;
      placesByArea.push({ area, stage: t.stage, planned: pl, pupilGrowth: growth, balance: pl - growth, surplusBase: b.surplus, surplusEnd: e.surplus });
    }
  }

  const sumPupils = (stages: readonly string[], year: number): number | null => {
    const rs = rows.filter((r) => r.year === year && stages.includes(r.stage));
    return rs.length ? rs.reduce((s, r) => s + r.pupils, 0) : null;
  };
  const indicators: IndicatorCheck[] = plan.pupilIndicators.map((i) => {
    const f = sumPupils(i.stages, i.year);
    return {
      id: i.id,
      label: i.label,
      stages: i.stages,
      year: i.year,
      target: i.pupils,
      forecast: f,
      difference: f === null ? null : f - i.pupils,
      ...(i.baseline ? { baseline: { year: i.baseline.year, plan: i.baseline.pupils, forecast: sumPupils(i.stages, i.baseline.year) } } : {}),
      source: i.source,
      ...(i.note ? { note: i.note } : {}),
    };
  });
  if (indicators.some((i) => i.forecast === null)) notes.push("some indicator years are outside the assessed years; their forecast is null");

  const classSizes: ClassSizeGoalCheck[] = [];
  for (const g of plan.classSizeGoals) {
    for (const area of areas) {
      const rs = (byArea.get(area) ?? []).filter((r) => g.stages.includes(r.stage));
      if (rs.length === 0) continue;
      const byYear: Record<number, number> = {};
      const breach = new Set<number>();
      for (const r of rs) {
        const n = r.spread ? classesInRange(r.spread, g.minClassSize) : 0;
        byYear[r.year] = (byYear[r.year] ?? 0) + n;
        if (n > 0 || (r.classesAvailable === 0 && r.pupilsOrganised > 0)) breach.add(r.year);
      }
      const years = [...new Set(rs.map((r) => r.year))].sort((p, q) => p - q);
      const breachYears = years.filter((y) => breach.has(y));
      const last = breachYears[breachYears.length - 1];
      const lastYear = years[years.length - 1]!;
      classSizes.push({
        area,
        stages: g.stages,
        minClassSize: g.minClassSize,
        byYear: g.byYear,
        classesByYear: byYear,
        breachYears,
        firstBreach: breachYears[0] ?? null,
        clearsIn: last !== undefined && last < lastYear ? years.find((y) => y > last)! : null,
        goneByGoal: years.includes(g.byYear) && !breach.has(g.byYear),
        source: g.source,
      });
    }
  }

  const publicShares: PublicShareCheck[] = [];
  if (plan.publicShares.length) {
    const sched = capacitySchedule(supply, { to: lastRowYear });
    for (const ps of plan.publicShares) {
      const ys = [...new Set(sched.totals.filter((t) => t.stage === ps.stage).map((t) => t.year))].sort((p, q) => p - q);
      for (const y of ys) {
        const ts = sched.totals.filter((t) => t.stage === ps.stage && t.year === y);
        const all = ts.reduce((s, t) => s + t.places, 0);
        const pub = ts.reduce((s, t) => s + (t.bySector.public ?? 0), 0);
        publicShares.push({ stage: ps.stage, year: y, publicPlaces: pub, places: all, share: all > 0 ? pub / all : null, plan: ps });
      }
    }
    notes.push("public shares are shares of places (by the capacity records' sectors); the plan states shares of pupils, so they compare only as a proxy");
  }
  return { places, placesByArea, indicators, classSizes, publicShares, notes };
}
