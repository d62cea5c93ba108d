import type { StageRecord } from "../cohort/records.js";
import type { AreaRecord } from "../data/records/areas.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { assessCapacity, type Assessment, type AssessOptions } from "./assess.js";
import type { CapacitySchedule, PlacesTotal } from "./schedule.js";

/**
 * Where a stage is planned: `area` (each area as assessed, e.g. a county), `parent` (the area
 * that contains it), or `root` (the top of its hierarchy, e.g. the city).
 */
export type PlanningLevelId = "area" | "parent" | "root";

/** The level at which some stages are planned, with the rule it comes from. */
export interface PlanningLevel {
  readonly stages: readonly string[];
  readonly level: PlanningLevelId;
  /** The regulation or plan line (普通高中以市为主, plan line 215 / 387). */
  readonly source: string;
}

/** An assessment row at its planning level: an area's own row, or a parent's own assessment. */
export type PlannedAssessment = Assessment & {
  /** The level the stage is planned at. */
  readonly level: PlanningLevelId;
  readonly levelSource: string;
};

/**
 * Assesses each stage at its planning level. Stages planned at `area` keep the rows as given.
 * For a stage planned at `parent` or `root`, the pupils, places and classes of the areas under
 * the same planning area are summed (per year), and the sum is assessed again by
 * `assessCapacity` as one area: its surplus, utilisation, class organisation (an even spread
 * over the pooled classes) and flags are its own, so a planning-level row flagged `shortfall`
 * always has surplus < 0. The areas summed are listed in `parts`.
 *
 * Stages with no planning level given are kept at `area`.
 *
 * @param rows - `assessCapacity` rows of the leaf areas (one per area × stage × year)
 * @param areas - the area records with their parents (`dataset.areas`)
 * @param levels - the planning level per stage
 * @param system - the school system of the rows
 * @param options - the assessment options used for the leaf rows (thresholds, standards)
 * @throws RangeError when a stage has two levels, or a level is not `area`, `parent` or `root`
 * @example
 * ```ts
 * const rows = assessCapacity(stageTotals(fc).filter((r) => r.area !== "yangjiang"), ds);
 * const planned = assessAtPlanningLevel(rows, ds.areas, [{ stages: ["senior"], level: "root", source: "plan line 387: 以市为主" }], ds.system);
 * planned.filter((r) => r.stage === "senior").every((r) => r.area === "yangjiang") // true
 * ```
 */
export function assessAtPlanningLevel(
  rows: readonly Assessment[],
  areas: readonly AreaRecord[],
  levels: readonly PlanningLevel[],
  system: SchoolSystem,
  options: AssessOptions = {},
): PlannedAssessment[] {
  const levelOf = new Map<string, PlanningLevel>();
  for (const l of levels) {
    if (l.level !== "area" && l.level !== "parent" && l.level !== "root") throw new RangeError(`assessAtPlanningLevel: level ${JSON.stringify(l.level)} is not area, parent or root`);
    for (const s of l.stages) {
      if (levelOf.has(s)) throw new RangeError(`assessAtPlanningLevel: stage ${s} is given two planning levels`);
      levelOf.set(s, l);
    }
  }
  const parent = new Map<string, string | undefined>(areas.map((a) => [a.id, a.parent]));
  const up = (area: string, level: PlanningLevelId): string => {
    if (level === "area") return area;
    const p = parent.get(area);
    if (level === "parent") return p ?? area;
    let top = area;
    const seen = new Set<string>([top]);
    for (let q = parent.get(top); q !== undefined && !seen.has(q); q = parent.get(q)) {
      seen.add(q);
      top = q;
    }
    return top;
  };

  const out: PlannedAssessment[] = [];
  // planning area → stage → year → rows
  const groups = new Map<string, Assessment[]>();
  for (const r of rows) {
    const l = levelOf.get(r.stage);
    const level = l?.level ?? "area";
    const target = up(r.area, level);
    if (level === "area" || target === r.area) {
      out.push({ ...r, level, levelSource: l?.source ?? "assessed as given" });
      continue;
    }
    const k = `${target}\u0000${r.stage}\u0000${r.year}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  if (groups.size === 0) return out;

  const pupils: StageRecord[] = [];
  const totals: PlacesTotal[] = [];
  const parts = new Map<string, string[]>();
  let from = Infinity;
  let to = -Infinity;
  for (const [k, g] of groups) {
    const [area, stage, ys] = k.split("\u0000") as [string, string, string];
    const year = Number(ys);
    from = Math.min(from, year);
    to = Math.max(to, year);
    let n = 0;
    let places = 0;
    let classes = 0;
    for (const r of g) {
      n += r.pupils;
      places += r.places;
      classes += r.classesAvailable;
    }
    const est = g.some((r) => r.basis === "estimate");
    pupils.push({ area, stage, year, pupils: n, kind: g.some((r) => r.kind === "forecast") ? "forecast" : "actual", basis: est ? "estimate" : "reported" });
    totals.push({ area, stage, year, places, classes, classesDerived: g.some((r) => r.classesDerived), basis: est ? "estimate" : "reported", bySector: {} });
    parts.set(k, g.map((r) => r.area));
  }
  const schedule: CapacitySchedule = { system, from, to, sectors: "all", rows: [], lines: [], totals, notes: [] }; // sums of assessed rows: no project lines (assessCapacity reads the totals)
  for (const r of assessCapacity(pupils, schedule, options)) {
    const l = levelOf.get(r.stage)!;
    out.push({ ...r, parts: parts.get(`${r.area}\u0000${r.stage}\u0000${r.year}`)!, level: l.level, levelSource: l.source });
  }
  return out;
}
