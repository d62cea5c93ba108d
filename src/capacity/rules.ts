import type { SchoolSystem } from "../domain/schoolSystem.js";
import type { Sourced } from "../domain/sourced.js";
import { bandsForStage, indexSystem } from "../domain/systemIndex.js";

/**
 * Standard class sizes per stage id, overriding the system's (e.g. a provincial standard
 * stricter than the national one).
 */
export type StandardClassSizes = Readonly<Record<string, Sourced<number>>>;

/**
 * The standard class size used for a stage's places and classes.
 *
 * Capacity is held per stage, not per grade, so the stage's own standard is used: the system's
 * `StageDef.standardClassSize` unless overridden. For China's preschool the grade standards are
 * 25 / 30 / 35 (小班 / 中班 / 大班) and the stage value is 30, their mean: with equal grade
 * cohorts, 30 per class over the three grades is exactly the places the grade standards give.
 *
 * @throws RangeError when the stage is not in the system
 * @example
 * ```ts
 * stageStandard(chinaSchoolSystem, "primary").value   // 45
 * stageStandard(chinaSchoolSystem, "preschool").value // 30
 * ```
 */
export function stageStandard(system: SchoolSystem, stage: string, overrides?: StandardClassSizes): Sourced<number> {
  const own = overrides && Object.prototype.hasOwnProperty.call(overrides, stage) ? overrides[stage] : undefined;
  if (own) return own;
  const def = indexSystem(system).stageById.get(stage);
  if (!def) throw new RangeError(`stage ${JSON.stringify(stage)} is not a stage of the ${system.id} system`);
  return def.standardClassSize;
}

/**
 * The smallest class size that must be eliminated in a stage: the minimum of the band with id
 * `bandId`, by default the system's `eliminateBand` (China: `"large"`, 56, so classes of 56 or
 * more must go). Undefined when the system sets no such band (the England and US systems) or the
 * band does not apply to the stage.
 *
 * @example
 * ```ts
 * eliminateFrom(chinaSchoolSystem, "junior")   // 56
 * eliminateFrom(englandSchoolSystem, "primary") // undefined
 * ```
 */
export function eliminateFrom(system: SchoolSystem, stage: string, bandId: string | undefined = system.eliminateBand?.value): number | undefined {
  if (bandId === undefined) return undefined;
  return bandsForStage(system, stage).find((b) => b.id === bandId)?.min;
}
