import type { ClassSizeBand, ClassSizeBandDef, GradeDef, SchoolSystem, StageDef } from "./schoolSystem.js";
import type { Sourced } from "./sourced.js";

/** A grade with its position in the system and its stage. */
export interface GradeInfo {
  readonly id: string;
  /** Position of the grade in the whole system, 0-based. */
  readonly index: number;
  readonly def: GradeDef;
  readonly stage: StageDef;
  /** Position of the stage in the system, 0-based. */
  readonly stageIndex: number;
  /** Position of the grade inside its stage, 0-based. */
  readonly indexInStage: number;
  /** Typical age at the start of the school year: stage entry age + position in stage. */
  readonly age: number;
  readonly standardClassSize: Sourced<number>;
}

/** Derived, ordered view of a school system, built once per system and cached. */
export interface SystemIndex {
  readonly system: SchoolSystem;
  readonly grades: readonly GradeInfo[];
  readonly gradeIds: readonly string[];
  readonly stageIds: readonly string[];
  readonly gradeById: ReadonlyMap<string, GradeInfo>;
  readonly stageById: ReadonlyMap<string, StageDef>;
  /** Grade indices of each stage, in order. */
  readonly gradesOfStage: ReadonlyMap<string, readonly number[]>;
}

const cache = new WeakMap<SchoolSystem, SystemIndex>();

/**
 * The ordered grade list and lookups of a school system.
 *
 * Grades are numbered in stage order, then grade order; a grade's age is its stage's entry age
 * plus its position in the stage.
 *
 * @example
 * ```ts
 * const ix = indexSystem(chinaSchoolSystem);
 * ix.gradeIds.length          // 15
 * ix.gradeById.get("P1")?.age // 6
 * ```
 */
export function indexSystem(system: SchoolSystem): SystemIndex {
  const hit = cache.get(system);
  if (hit) return hit;
  const grades: GradeInfo[] = [];
  const gradesOfStage = new Map<string, number[]>();
  system.stages.forEach((stage, stageIndex) => {
    const list: number[] = [];
    stage.grades.forEach((def, indexInStage) => {
      list.push(grades.length);
      grades.push({
        id: def.id,
        index: grades.length,
        def,
        stage,
        stageIndex,
        indexInStage,
        age: stage.entryAge + indexInStage,
        standardClassSize: def.standardClassSize ?? stage.standardClassSize,
      });
    });
    gradesOfStage.set(stage.id, list);
  });
  const ix: SystemIndex = {
    system,
    grades,
    gradeIds: grades.map((g) => g.id),
    stageIds: system.stages.map((s) => s.id),
    gradeById: new Map(grades.map((g) => [g.id, g])),
    stageById: new Map(system.stages.map((s) => [s.id, s])),
    gradesOfStage,
  };
  cache.set(system, ix);
  return ix;
}

/**
 * The class-size bands that apply to a stage, resolved to class sizes: a band whose `min` is
 * `"above-standard"` starts one pupil above the stage's standard class size (`standard` when
 * given, e.g. a provincial override, else the stage's `standardClassSize`), and its source adds
 * the stage, the sum and the standard's source: `"… [junior: 50 + 1 = 51; GB 50099-2011 …]"`.
 *
 * Formula: min = standard + 1 for `"above-standard"` bands, else the band's own `min`.
 * Source: DESIGN.md "Rules and their sources" (bands follow each stage's standard size).
 *
 * @param system - the school system
 * @param stageId - a stage of the system
 * @param standard - the stage's standard class size, when it is not the system's
 * @throws RangeError when the stage is not in the system
 * @example
 * ```ts
 * bandsForStage(chinaSchoolSystem, "primary").map((b) => [b.id, b.min, b.max]) // [["oversized", 46, 55], ["large", 56, 65], ["super-large", 66, undefined]]
 * bandsForStage(chinaSchoolSystem, "junior")[0]!.min // 51 (standard 50)
 * ```
 */
export function bandsForStage(system: SchoolSystem, stageId: string, standard?: number): readonly ClassSizeBand[] {
  const stage = indexSystem(system).stageById.get(stageId);
  if (!stage) throw new RangeError(`stage ${JSON.stringify(stageId)} is not a stage of the ${system.id} system`);
  if (standard === undefined) {
    let byStage = bandCache.get(system);
    if (!byStage) bandCache.set(system, (byStage = new Map()));
    const hit = byStage.get(stageId);
    if (hit) return hit;
    const out = Object.freeze(resolveBands(system.classSizeBands, stage, stage.standardClassSize.value, stage.standardClassSize.source));
    byStage.set(stageId, out);
    return out;
  }
  return resolveBands(system.classSizeBands, stage, standard, "a standard class size given for the stage");
}

const bandCache = new WeakMap<SchoolSystem, Map<string, readonly ClassSizeBand[]>>();

function resolveBands(defs: readonly ClassSizeBandDef[], stage: StageDef, standard: number, standardSource: string): ClassSizeBand[] {
  const out: ClassSizeBand[] = [];
  for (const b of defs) {
    if (b.stages && !b.stages.includes(stage.id)) continue;
    const above = b.min === "above-standard";
    out.push({
      ...b,
      min: above ? standard + 1 : (b.min as number),
      // Language-neutral: the stage, its standard + 1, and the standard's own source.
      source: above ? `${b.source} [${stage.id}: ${standard} + 1 = ${standard + 1}; ${standardSource}]` : b.source,
    });
  }
  return out;
}

/**
 * The range of a resolved band as text: `"46–55"`, or `"66+"` when it has no maximum.
 *
 * @example
 * ```ts
 * bandRange(bandsForStage(chinaSchoolSystem, "junior")[0]!) // "51–55"
 * ```
 */
export function bandRange(band: Pick<ClassSizeBand, "min" | "max">): string {
  return band.max !== undefined ? `${band.min}–${band.max}` : `${band.min}+`;
}

/**
 * Checks a school system definition and returns it frozen. Use it for user-defined systems.
 *
 * Checks: at least one stage; unique, non-empty stage and grade ids; integer entry ages that do
 * not decrease; the first stage enters from births; positive standard class sizes; a valid
 * cut-off date; unique band ids with a source, a positive integer `min` (or `"above-standard"`)
 * and `min ≤ max` in every stage they apply to; an `eliminateBand` that is one of the bands.
 *
 * @throws TypeError naming the first problem found
 * @example
 * ```ts
 * const mine = defineSchoolSystem({ ...chinaSchoolSystem, id: "china-6-3-3" });
 * ```
 */
export function defineSchoolSystem(system: SchoolSystem): SchoolSystem {
  const fail = (msg: string): never => {
    throw new TypeError(`school system ${system.id}: ${msg}`);
  };
  if (system.stages.length === 0) fail("needs at least one stage");
  const seen = new Set<string>();
  let lastAge = -Infinity;
  system.stages.forEach((s, i) => {
    if (!s.id || seen.has(s.id)) fail(`stage id "${s.id}" is empty or repeated`);
    seen.add(s.id);
    if (!Number.isInteger(s.entryAge) || s.entryAge < 0) fail(`stage ${s.id}: entryAge must be a non-negative integer`);
    if (s.entryAge < lastAge) fail(`stage ${s.id}: entry ages must not decrease`);
    lastAge = s.entryAge;
    if (i === 0 && s.entry !== "births") fail(`the first stage (${s.id}) must enter from births`);
    if (s.grades.length === 0) fail(`stage ${s.id} has no grades`);
    if (!(s.standardClassSize.value > 0)) fail(`stage ${s.id}: standard class size must be positive`);
    for (const g of s.grades) {
      if (!g.id || seen.has(g.id)) fail(`grade id "${g.id}" is empty or repeated`);
      seen.add(g.id);
      if (g.standardClassSize && !(g.standardClassSize.value > 0)) fail(`grade ${g.id}: standard class size must be positive`);
    }
  });
  const { month, day } = system.cutoff.value;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 31) {
    fail("cutoff must be a valid month (1–12) and day (1–31)");
  }
  const bandIds = new Set<string>();
  for (const b of system.classSizeBands) {
    if (!b.id || bandIds.has(b.id)) fail(`band id "${b.id}" is empty or repeated (one band per id; use min "above-standard" for a band that follows each stage's standard)`);
    bandIds.add(b.id);
    if (b.source.trim() === "") fail(`band ${b.id}: a source is required`);
    if (b.min !== "above-standard" && !(Number.isInteger(b.min) && b.min >= 1)) fail(`band ${b.id}: min must be a positive integer or "above-standard"`);
    for (const st of b.stages ?? []) if (!system.stages.some((s) => s.id === st)) fail(`band ${b.id}: unknown stage ${st}`);
    for (const s of system.stages) {
      if (b.stages && !b.stages.includes(s.id)) continue;
      const min = b.min === "above-standard" ? s.standardClassSize.value + 1 : b.min;
      if (b.max !== undefined && b.max < min) fail(`band ${b.id}: max ${b.max} is below its min ${min} in stage ${s.id}`);
    }
  }
  if (system.eliminateBand !== undefined) {
    if (!bandIds.has(system.eliminateBand.value)) fail(`eliminateBand "${system.eliminateBand.value}" is not a band of the system (${[...bandIds].join(", ")})`);
    if (system.eliminateBand.source.trim() === "") fail("eliminateBand: a source is required");
  }
  return deepFreeze(system);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
