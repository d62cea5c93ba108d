import type { PupilRecord, StageRecord } from "../cohort/records.js";
import type { BirthRecord } from "../data/records/births.js";
import type { Sector } from "../data/records/capacity.js";
import type { PopulationRecord } from "../data/records/population.js";
import { note, type Note } from "../domain/notes.js";
import type { Label } from "../domain/sourced.js";
import { indexSystem } from "../domain/systemIndex.js";
import type { Assessment } from "./assess.js";
import { classesInRange } from "./classes.js";
import { grossEnrolmentRates, retentionRates } from "./enrolmentRates.js";
import { impliedRates, type ImpliedRate } from "./impliedRates.js";
import type { Comparator, PlanLine, PlanTarget, PlanTargets } from "./planTargets.js";
import { capacitySchedule, type CapacityInput } from "./schedule.js";
import { staffDemand, type StaffCount, type StaffDemand, type StaffNorm } from "./staff.js";

export * from "./planTargets.js";

/** Whether a target is met by the forecast and the supply, not met, or cannot be checked with the data given. */
export type Verdict = "met" | "not-met" | "not-checkable";

/** Pupils of a stage in one sector (enrolment by sector), for pupil shares. */
export interface SectorPupils {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  readonly sector: Sector;
  readonly pupils: number;
}

/** One target of the plan, checked. */
export interface TargetCheck {
  readonly id: string;
  readonly kind: PlanTarget["kind"];
  readonly label: Label;
  readonly stages: readonly string[];
  /** The target year (the period's last year for places). */
  readonly year: number;
  /** The target value and how it is held (`>=` 110,000); null for targets without a number (class size, staff). */
  readonly target: { readonly value: number; readonly comparator: Comparator } | null;
  /** The value measured on the forecast and supply; null when not checkable. */
  readonly measured: number | null;
  readonly verdict: Verdict;
  /** Why, as coded notes (texts in `report/notes/plan.ts`). */
  readonly notes: readonly Note[];
  /** `estimate` when the measured value rests on estimated figures. */
  readonly basis: "reported" | "estimate" | null;
  readonly at: PlanLine;
  readonly alsoAt?: PlanLine;
  readonly attribute?: string;
}

/** Planned places of one area and stage against its forecast pupil growth over the plan period. */
export interface AreaPlacesCheck {
  readonly area: string;
  readonly stage: string;
  readonly planned: number;
  /** pupils(end of period) − pupils(base year). */
  readonly pupilGrowth: number;
  /** planned − pupilGrowth: places left over (positive) or missing (negative) against the growth. */
  readonly balance: number;
  readonly surplusBase: number;
  readonly surplusEnd: number;
}

/** One area and stage against a class-size target, year by year (even-spread counts: a lower bound). */
export interface ClassSizeCheck {
  readonly target: string;
  readonly area: string;
  readonly stage: string;
  /** The smallest class size that breaches: standard + 1 (46 primary, 51 junior) or the limit (56). */
  readonly from: number;
  /** Classes of `from` or more per year. */
  readonly classesByYear: Readonly<Record<number, number>>;
  readonly breachYears: readonly number[];
  /** First year after the last breach, when it ends within the years assessed; null otherwise. */
  readonly clearsIn: number | null;
  /** No breach in the target year (false when the year is not assessed). */
  readonly goneByTarget: boolean;
}

/** The plan check: every target with its verdict, and the tables behind them. */
export interface PlanCheck {
  readonly targets: readonly TargetCheck[];
  readonly placesByArea: readonly AreaPlacesCheck[];
  readonly classSizes: readonly ClassSizeCheck[];
  /** What each pupil target implies (with births or population of the plan's area). */
  readonly implied: readonly ImpliedRate[];
  /** Staff needed by the norms in the staff targets' years. */
  readonly staff: readonly StaffDemand[];
}

/** Options of `checkPlan`: the data some targets need. Targets whose data is missing are `not-checkable`. */
export interface CheckPlanOptions {
  /** The plan's area (a city); its pupils are the sum of the assessed areas. @defaultValue "plan" */
  readonly area?: string;
  /** Rows at the planning level (`assessAtPlanningLevel`); class sizes and staff of a stage planned above the areas are checked on them. */
  readonly planned?: readonly Assessment[];
  /** Pupils per grade of the assessed areas (actual and forecast), for the retention rate. */
  readonly grades?: readonly PupilRecord[];
  /** Births of the plan's area, for the implied rates. */
  readonly births?: readonly BirthRecord[];
  /** Persons by age of the plan's area, for gross enrolment rates (and implied rates per person). */
  readonly population?: readonly PopulationRecord[];
  /** Pupils by sector, for pupil shares. */
  readonly sectorPupils?: readonly SectorPupils[];
  /** Staffing norms (e.g. `chinaStaffNorms`) and staff in post. */
  readonly staffNorms?: readonly StaffNorm[];
  readonly staff?: readonly StaffCount[];
}

const compare = (a: number, c: Comparator, v: number): boolean => (c === ">=" ? a >= v : c === ">" ? a > v : c === "<=" ? a <= v : a === v);

/**
 * Checks every target of a plan against a forecast's capacity assessment and the supply, and says
 * for each whether it is met, not met, or not checkable with the data given, and why (coded
 * notes):
 * - `pupils`: Σ forecast pupils of the stages over the assessed areas in the year, against the
 *   target; with births, the implied rate (`impliedRates`) in the notes;
 * - `rate`: gross enrolment (pupils / persons of the ages, `grossEnrolmentRates`, needs
 *   population) or retention (J3 in t / P1 in t − 8, `retentionRates`, needs grades);
 * - `places`: Σ planned places of the stages and sector with year in the period (purchased and
 *   converted places counted as the plan counts them, 含政府购买学位数; they add no capacity);
 * - `class-size`: per planning area and stage, classes above the stage's standard (or of the
 *   limit or more) under an even spread in the target year: any → not met; none → met, as a
 *   lower bound (real classes are less even);
 * - `share`: pupils of the sectors / pupils of the stage (needs pupils by sector; the share of
 *   places is given in the note, not as the answer);
 * - `staff`: staff in post against `staffDemand` (needs norms and staff in post);
 * - `other`: not checkable (the dataset holds no such figures).
 *
 * @param plan - plan targets (`planTargetsFromJson`)
 * @param assessment - `assessCapacity` rows of the areas (not aggregates) from the base year to the period's end
 * @param supply - the capacity and planned records the assessment used
 * @param options - data some targets need
 * @example
 * ```ts
 * const check = checkPlan(planTargetsFromJson(yangjiangPlan), rows, ds, { births: ds.births, area: "yangjiang" });
 * check.targets.filter((t) => t.verdict === "not-met").map((t) => t.id)
 * ```
 */
export function checkPlan(plan: PlanTargets, assessment: readonly Assessment[], supply: CapacityInput, options: CheckPlanOptions = {}): PlanCheck {
  const rows = assessment.filter((r) => r.parts === undefined);
  const planArea = options.area ?? "plan";
  const ix = indexSystem(supply.system);
  const planned = supply.plannedPlaces ?? [];
  const { from, to } = plan.period;
  const base = plan.baseYear;

  // Pupils of the plan's area: the sum of the assessed areas per stage and year.
  const areaTotals = new Map<string, { pupils: number; estimate: boolean; forecast: boolean }>();
  for (const r of rows) {
    const k = `${r.stage}\u0000${r.year}`;
    const t = areaTotals.get(k) ?? { pupils: 0, estimate: false, forecast: false };
    areaTotals.set(k, { pupils: t.pupils + r.pupils, estimate: t.estimate || r.basis === "estimate", forecast: t.forecast || r.kind === "forecast" });
  }
  const cityPupils: StageRecord[] = [...areaTotals].map(([k, v]) => {
    const [stage, y] = k.split("\u0000") as [string, string];
    return { area: planArea, stage, year: Number(y), pupils: v.pupils, kind: v.forecast ? "forecast" : "actual", basis: v.estimate ? "estimate" : "reported" };
  });
  const sumPupils = (stages: readonly string[], year: number): { pupils: number; basis: "reported" | "estimate" } | null => {
    let n = 0;
    let est = false;
    for (const s of stages) {
      const t = areaTotals.get(`${s}\u0000${year}`);
      if (!t) return null;
      n += t.pupils;
      est ||= t.estimate;
    }
    return { pupils: n, basis: est ? "estimate" : "reported" };
  };

  const pupilTargets = plan.targets.filter((t): t is Extract<PlanTarget, { kind: "pupils" }> => t.kind === "pupils" && t.stages.every((s) => ix.stageById.has(s)));
  const implied =
    options.births || options.population
      ? impliedRates(
          pupilTargets.map((t) => ({ id: t.id, stages: t.stages, year: t.year, pupils: t.value, ...(t.baseline ? { baseline: { year: t.baseline.year, pupils: t.baseline.value } } : {}) })),
          supply.system,
          { area: planArea, births: options.births ?? [], ...(options.population ? { population: options.population } : {}), pupils: cityPupils, baseYear: base },
        )
      : [];

  const levelRows = (stage: string): readonly Assessment[] => {
    const p = (options.planned ?? []).filter((r) => r.stage === stage);
    return p.length ? p : rows.filter((r) => r.stage === stage);
  };

  const classSizes: ClassSizeCheck[] = [];
  const staff: StaffDemand[] = [];
  let schedule: ReturnType<typeof capacitySchedule> | undefined;

  const targets: TargetCheck[] = plan.targets.map((t): TargetCheck => {
    const head = {
      id: t.id,
      kind: t.kind,
      label: t.label,
      stages: t.stages,
      at: t.at,
      ...(t.alsoAt ? { alsoAt: t.alsoAt } : {}),
      ...(t.attribute ? { attribute: t.attribute } : {}),
    };
    const unknownStage = t.stages.find((s) => !ix.stageById.has(s));
    if (unknownStage !== undefined) {
      const year = t.kind === "places" ? t.period.to : t.year;
      return { ...head, year, target: "value" in t ? { value: t.value, comparator: t.comparator } : null, measured: null, verdict: "not-checkable", notes: [note("plan.unknown-stage", { stage: unknownStage })], basis: null };
    }
    switch (t.kind) {
      case "pupils": {
        const f = sumPupils(t.stages, t.year);
        const target = { value: t.value, comparator: t.comparator };
        if (!f) return { ...head, year: t.year, target, measured: null, verdict: "not-checkable", notes: [note("plan.year-not-assessed", { year: t.year })], basis: null };
        const notes: Note[] = [note("plan.pupils.forecast", { forecast: f.pupils, target: t.value, difference: f.pupils - t.value })];
        const im = implied.find((i) => i.id === t.id);
        if (im && im.target.ratio !== null && (im.observed === null || im.observed.ratio === null)) {
          notes.push(note("plan.pupils.implied-no-base", { denominator: im.denominator, ages: `${im.ages[0]}–${im.ages[im.ages.length - 1]}`, requiredRatio: im.target.ratio, missing: im.observed?.of.missing ?? [], baseYear: im.observed?.year ?? null }));
        } else if (im && im.target.ratio !== null) {
          notes.push(
            note("plan.pupils.implied", {
              denominator: im.denominator,
              ages: `${im.ages[0]}–${im.ages[im.ages.length - 1]}`,
              requiredRatio: im.target.ratio,
              observedRatio: im.observed?.ratio ?? null,
              observedYear: im.observed?.year ?? null,
              gap: im.gap,
              gapPerYear: im.gapPerYear,
            }),
          );
        }
        return { ...head, year: t.year, target, measured: f.pupils, verdict: compare(f.pupils, t.comparator, t.value) ? "met" : "not-met", notes, basis: f.basis };
      }
      case "rate": {
        const target = { value: t.value, comparator: t.comparator };
        if (t.rate === "gross-enrolment") {
          const ages = t.stages.flatMap((s) => ix.gradesOfStage.get(s)!.map((g) => ix.grades[g]!.age)).sort((p, q) => p - q);
          const pop = (options.population ?? []).filter((p) => p.area === planArea);
          const r = pop.length ? grossEnrolmentRates(cityPupils.filter((p) => p.year === t.year), pop, supply.system, { groups: [t.stages] })[0] : undefined;
          if (!r || r.rate === null) return { ...head, year: t.year, target, measured: null, verdict: "not-checkable", notes: [note("plan.rate.no-population", { area: planArea, year: t.year, ages: `${ages[0]}–${ages[ages.length - 1]}` })], basis: null };
          return { ...head, year: t.year, target, measured: r.rate, verdict: compare(r.rate, t.comparator, t.value) ? "met" : "not-met", notes: [note("plan.rate.gross", { rate: r.rate, pupils: r.pupils, persons: r.persons, population: r.population })], basis: r.basis };
        }
        const grades = t.stages.flatMap((s) => ix.gradesOfStage.get(s)!.map((g) => ix.grades[g]!.id));
        const first = grades[0]!;
        const last = grades[grades.length - 1]!;
        const k = ix.gradeById.get(last)!.index - ix.gradeById.get(first)!.index;
        const sum = new Map<string, PupilRecord>();
        for (const g of options.grades ?? []) {
          if (g.grade !== first && g.grade !== last) continue;
          if (!rows.some((r) => r.area === g.area)) continue;
          const key = `${g.grade}\u0000${g.year}`;
          const prev = sum.get(key);
          sum.set(key, prev ? { ...prev, pupils: prev.pupils + g.pupils, kind: prev.kind === "forecast" || g.kind === "forecast" ? "forecast" : "actual", basis: prev.basis === "estimate" || g.basis === "estimate" ? "estimate" : "reported" } : { ...g, area: planArea });
        }
        const r = retentionRates([...sum.values()], supply.system, first, last).find((x) => x.year === t.year);
        if (!r || r.rate === null) return { ...head, year: t.year, target, measured: null, verdict: "not-checkable", notes: [note("plan.rate.no-grades", { firstGrade: first, lastGrade: last, entryYear: t.year - k, year: t.year })], basis: null };
        return { ...head, year: t.year, target, measured: r.rate, verdict: compare(r.rate, t.comparator, t.value) ? "met" : "not-met", notes: [note("plan.rate.retention", { rate: r.rate, entrants: r.entrants, leavers: r.leavers, entryYear: r.entryYear, firstGrade: first, lastGrade: last })], basis: r.basis };
      }
      case "places": {
        let sum = 0;
        let purchased = 0;
        let unspecified = 0;
        for (const p of planned) {
          if (!t.stages.includes(p.stage) || p.year < t.period.from || p.year > t.period.to) continue;
          if (t.sector !== undefined && p.sector === undefined) {
            unspecified += p.places;
            continue;
          }
          if (t.sector !== undefined && p.sector !== t.sector) continue;
          sum += p.places;
          if ((p.kind as string | undefined) === "purchased" || (p.kind as string | undefined) === "converted") purchased += p.places;
        }
        const est = planned.some((p) => t.stages.includes(p.stage) && p.provenance === "estimate");
        const notes: Note[] = [note("plan.places.planned", { planned: sum, target: t.value, purchased, unspecified, from: t.period.from, to: t.period.to })];
        if (t.includesPurchased) notes.push(note("plan.places.includes-purchased", { purchased }));
        return { ...head, year: t.period.to, target: { value: t.value, comparator: t.comparator }, measured: sum, verdict: compare(sum, t.comparator, t.value) ? "met" : "not-met", notes, basis: est ? "estimate" : "reported" };
      }
      case "class-size": {
        const breaches: string[] = [];
        let classes = 0;
        let assessed = false;
        let est = false;
        const mins: number[] = [];
        for (const stage of t.stages) {
          const rs = levelRows(stage);
          const areas = [...new Set(rs.map((r) => r.area))];
          for (const area of areas) {
            const ar = rs.filter((r) => r.area === area).sort((p, q) => p.year - q.year);
            const min = t.limit === "standard" ? ar[0]!.standardClassSize + 1 : t.limit;
            if (!mins.includes(min)) mins.push(min);
            const byYear: Record<number, number> = {};
            const breachYears: number[] = [];
            for (const r of ar) {
              const n = r.spread ? classesInRange(r.spread, min) : 0;
              byYear[r.year] = n;
              if (n > 0 || (r.classesAvailable === 0 && r.pupilsOrganised > 0)) breachYears.push(r.year);
            }
            const last = breachYears[breachYears.length - 1];
            const lastYear = ar[ar.length - 1]!.year;
            const atTarget = ar.find((r) => r.year === t.year);
            if (atTarget) {
              assessed = true;
              est ||= atTarget.basis === "estimate";
              if (breachYears.includes(t.year)) {
                breaches.push(`${area} ${stage}`);
                classes += byYear[t.year] ?? 0;
              }
            }
            classSizes.push({
              target: t.id,
              area,
              stage,
              from: min,
              classesByYear: byYear,
              breachYears,
              clearsIn: last !== undefined && last < lastYear ? ar.find((r) => r.year > last)!.year : null,
              goneByTarget: atTarget !== undefined && !breachYears.includes(t.year),
            });
          }
        }
        if (!assessed) return { ...head, year: t.year, target: null, measured: null, verdict: "not-checkable", notes: [note("plan.year-not-assessed", { year: t.year })], basis: null };
        const from_ = mins.sort((p, q) => p - q);
        return breaches.length
          ? { ...head, year: t.year, target: null, measured: classes, verdict: "not-met", notes: [note("plan.class-size.breach", { where: breaches, classes, from: from_ })], basis: est ? "estimate" : "reported" }
          : { ...head, year: t.year, target: null, measured: 0, verdict: "met", notes: [note("plan.class-size.even-spread", { from: from_ })], basis: est ? "estimate" : "reported" };
      }
      case "share": {
        const target = { value: t.value, comparator: t.comparator };
        const sp = (options.sectorPupils ?? []).filter((p) => t.stages.includes(p.stage) && p.year === t.year && rows.some((r) => r.area === p.area));
        if (sp.length) {
          const all = sp.reduce((s, p) => s + p.pupils, 0);
          const inS = sp.filter((p) => t.sectors.includes(p.sector)).reduce((s, p) => s + p.pupils, 0);
          const share = all > 0 ? inS / all : null;
          if (share !== null) return { ...head, year: t.year, target, measured: share, verdict: compare(share, t.comparator, t.value) ? "met" : "not-met", notes: [note("plan.share.pupils", { share, pupils: inS, of: all })], basis: "reported" };
        }
        schedule ??= capacitySchedule(supply, { to: Math.max(to, t.year) });
        const ts = schedule.totals.filter((x) => t.stages.includes(x.stage) && x.year === t.year && rows.some((r) => r.area === x.area));
        const places = ts.reduce((s, x) => s + x.places, 0);
        const inS = ts.reduce((s, x) => s + t.sectors.reduce((q, sec) => q + (x.bySector[sec] ?? 0), 0), 0);
        return { ...head, year: t.year, target, measured: null, verdict: "not-checkable", notes: [note("plan.share.no-sector-pupils", { placesShare: places > 0 ? inS / places : null, year: t.year })], basis: null };
      }
      case "staff": {
        if (!options.staffNorms) return { ...head, year: t.year, target: null, measured: null, verdict: "not-checkable", notes: [note("plan.staff.no-norms", {})], basis: null };
        const ds = t.stages.flatMap((s) => staffDemand(levelRows(s).filter((r) => r.year === t.year), options.staffNorms!, options.staff ?? []));
        staff.push(...ds);
        if (ds.length === 0) return { ...head, year: t.year, target: null, measured: null, verdict: "not-checkable", notes: [note("plan.year-not-assessed", { year: t.year })], basis: null };
        const needed = ds.reduce((s, d) => s + d.staff.low, 0);
        if (ds.some((d) => d.status === "unknown")) return { ...head, year: t.year, target: null, measured: null, verdict: "not-checkable", notes: [note("plan.staff.no-current", { needed, year: t.year })], basis: null };
        const short = ds.filter((d) => d.status === "short");
        const current = ds.reduce((s, d) => s + d.current!, 0);
        return short.length
          ? { ...head, year: t.year, target: null, measured: current, verdict: "not-met", notes: [note("plan.staff.short", { where: short.map((d) => `${d.area} ${d.stage}`), short: -short.reduce((s, d) => s + d.balance!, 0), needed })], basis: "reported" }
          : { ...head, year: t.year, target: null, measured: current, verdict: "met", notes: [note("plan.staff.within", { needed, current })], basis: "reported" };
      }
      case "other":
        return { ...head, year: t.year, target: { value: t.value, comparator: t.comparator }, measured: null, verdict: "not-checkable", notes: [note("plan.not-in-data", { needs: t.needs })], basis: null };
    }
  });

  // Planned places per area against the pupil growth over the period (the places targets' stages).
  const at = new Map<string, Assessment>();
  for (const r of rows) at.set(`${r.area}\u0000${r.stage}\u0000${r.year}`, r);
  const placesByArea: AreaPlacesCheck[] = [];
  const stagesWithPlaces = [...new Set(plan.targets.flatMap((t) => (t.kind === "places" && t.stages.length === 1 ? t.stages : [])))];
  for (const stage of stagesWithPlaces) {
    for (const area of [...new Set(rows.map((r) => r.area))]) {
      const b = at.get(`${area}\u0000${stage}\u0000${base}`);
      const e = at.get(`${area}\u0000${stage}\u0000${to}`);
      if (!b || !e) continue;
      const pl = planned.filter((p) => p.area === area && p.stage === stage && p.year >= from && p.year <= to).reduce((s, p) => s + p.places, 0);
      const growth = e.pupils - b.pupils;
      placesByArea.push({ area, stage, planned: pl, pupilGrowth: growth, balance: pl - growth, surplusBase: b.surplus, surplusEnd: e.surplus });
    }
  }
  return { targets, placesByArea, classSizes, implied, staff };
}
