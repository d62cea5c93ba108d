import type { ClassSizeBand, GradeDef, SchoolSystem, StageDef } from "./schoolSystem.js";
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
 * The class-size bands that apply to a stage.
 *
 * @example
 * ```ts
 * bandsForStage(chinaSchoolSystem, "primary").map((b) => b.id) // ["oversized", "large", "super-large"]
 * ```
 */
export function bandsForStage(system: SchoolSystem, stageId: string): readonly ClassSizeBand[] {
  return system.classSizeBands.filter((b) => !b.stages || b.stages.includes(stageId));
}

/**
 * Checks a school system definition and returns it frozen. Use it for user-defined systems.
 *
 * Checks: at least one stage; unique, non-empty stage and grade ids; integer entry ages that do
 * not decrease; the first stage enters from births; positive standard class sizes; a valid
 * cut-off date; bands with `min ≤ max`.
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
  for (const b of system.classSizeBands) {
    if (b.max !== undefined && b.max < b.min) fail(`band ${b.id}: max below min`);
    for (const st of b.stages ?? []) if (!system.stages.some((s) => s.id === st)) fail(`band ${b.id}: unknown stage ${st}`);
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
