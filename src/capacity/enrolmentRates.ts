import type { PupilRecord, StageRecord } from "../cohort/records.js";
import type { PopulationRecord } from "../data/records/population.js";
import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";

/** Options of `grossEnrolmentRates`. */
export interface GrossRateOptions {
  /** Groups of stages to rate together (高中阶段: `["senior"]`). @defaultValue each stage alone */
  readonly groups?: readonly (readonly string[])[];
  /**
   * For years without population records of the ages: age the latest earlier record of the same
   * cohort forward (persons of age a in year t = persons of age a − k in year t − k), with no
   * migration and no deaths. Rows so made say `population: "aged-forward"`.
   * @defaultValue true
   */
  readonly ageForward?: boolean;
}

/** A gross enrolment rate: pupils of some stages over the persons of the stages' ages. */
export interface GrossRate {
  readonly area: string;
  readonly year: number;
  readonly stages: readonly string[];
  readonly ages: readonly number[];
  readonly pupils: number;
  readonly persons: number;
  /** pupils / persons; null when persons is 0. Above 1 when pupils outside the ages (or from elsewhere) attend. */
  readonly rate: number | null;
  readonly kind: "actual" | "forecast";
  /** `given`: every age from a record of that year; `aged-forward`: some from an earlier year's cohort. */
  readonly population: "given" | "aged-forward";
  /** `estimate` when the pupils or any population record used are estimates. */
  readonly basis: "reported" | "estimate";
}

/**
 * Gross enrolment rates per area and year, and their forecasts: Σ pupils of the stages /
 * Σ persons of the stages' ages (毛入园率 = 在园幼儿 / 3–5 岁人口; 高中阶段毛入学率 = 高中阶段在校生 /
 * 15–17 岁人口). The ages are those of the system's grades (entry age of each grade). Forecast
 * pupils give forecast rates; future persons come from population records of that year (a
 * projection) or, with `ageForward`, from the cohort aged forward without migration or deaths.
 * Area-years without the persons of every age are left out (no row, never a guess).
 *
 * @param pupils - stage totals (`stageTotals(forecast)`), actual and forecast
 * @param population - persons by single year of age (`dataset.population`)
 * @throws RangeError when a group names a stage the system does not have
 * @example
 * ```ts
 * const pop = [3, 4, 5].map((age) => ({ area: "a", year: 2020, age, persons: 100 }));
 * grossEnrolmentRates([{ area: "a", year: 2020, stage: "preschool", pupils: 330, kind: "actual", basis: "reported" }], pop, chinaSchoolSystem)[0].rate // 1.1
 * ```
 */
export function grossEnrolmentRates(pupils: readonly StageRecord[], population: readonly PopulationRecord[], system: SchoolSystem, options: GrossRateOptions = {}): GrossRate[] {
  const ix = indexSystem(system);
  const groups = options.groups ?? ix.stageIds.map((s) => [s]);
  const ageForward = options.ageForward ?? true;
  const agesOf = (stages: readonly string[]): number[] =>
    stages
      .flatMap((s) => {
        const gs = ix.gradesOfStage.get(s);
        if (!gs) throw new RangeError(`grossEnrolmentRates: stage ${JSON.stringify(s)} is not a stage of the ${system.id} system (${ix.stageIds.join(", ")})`);
        return gs.map((g) => ix.grades[g]!.age);
      })
      .sort((p, q) => p - q);
  // area → year → age → record
  const pop = new Map<string, Map<number, Map<number, PopulationRecord>>>();
  for (const p of population) {
    let a = pop.get(p.area);
    if (!a) pop.set(p.area, (a = new Map()));
    let y = a.get(p.year);
    if (!y) a.set(p.year, (y = new Map()));
    y.set(p.age, p);
  }
  const persons = (area: string, year: number, age: number): { rec: PopulationRecord; aged: boolean } | undefined => {
    const a = pop.get(area);
    const own = a?.get(year)?.get(age);
    if (own) return { rec: own, aged: false };
    if (!ageForward || !a) return undefined;
    let best: { rec: PopulationRecord; aged: boolean } | undefined;
    let bestYear = -Infinity;
    for (const [y, ages] of a) {
      const k = year - y;
      if (k <= 0 || age - k < 0 || y <= bestYear) continue;
      const r = ages.get(age - k);
      if (r) {
        best = { rec: r, aged: true };
        bestYear = y;
      }
    }
    return best;
  };

  const byCell = new Map<string, StageRecord>();
  const cells = new Set<string>();
  for (const r of pupils) {
    byCell.set(`${r.area}\u0000${r.year}\u0000${r.stage}`, r);
    cells.add(`${r.area}\u0000${r.year}`);
  }
  const out: GrossRate[] = [];
  for (const stages of groups) {
    const ages = agesOf(stages);
    for (const cell of cells) {
      const [area, ys] = cell.split("\u0000") as [string, string];
      const year = Number(ys);
      const rs = stages.map((s) => byCell.get(`${area}\u0000${year}\u0000${s}`));
      if (rs.some((r) => r === undefined)) continue;
      const ps = ages.map((a) => persons(area, year, a));
      if (ps.some((p) => p === undefined)) continue;
      const n = rs.reduce((s, r) => s + r!.pupils, 0);
      const d = ps.reduce((s, p) => s + p!.rec.persons, 0);
      out.push({
        area,
        year,
        stages,
        ages,
        pupils: n,
        persons: d,
        rate: d > 0 ? n / d : null,
        kind: rs.some((r) => r!.kind === "forecast") ? "forecast" : "actual",
        population: ps.some((p) => p!.aged) ? "aged-forward" : "given",
        basis: rs.some((r) => r!.basis === "estimate") || ps.some((p) => p!.rec.provenance === "estimate") ? "estimate" : "reported",
      });
    }
  }
  return out.sort((p, q) => (p.area < q.area ? -1 : p.area > q.area ? 1 : p.year - q.year));
}

/** A retention rate: a cohort's pupils in the last grade over the same cohort's pupils in the first. */
export interface RetentionRate {
  readonly area: string;
  /** School year of the last grade. */
  readonly year: number;
  readonly firstGrade: string;
  readonly lastGrade: string;
  /** School year the cohort was in the first grade. */
  readonly entryYear: number;
  readonly entrants: number;
  readonly leavers: number;
  /** leavers / entrants; null when entrants is 0. */
  readonly rate: number | null;
  readonly kind: "actual" | "forecast";
  readonly basis: "reported" | "estimate";
}

/**
 * Cohort retention per area and year: pupils of `lastGrade` in year t / pupils of `firstGrade`
 * in year t − k, where k is the number of grades between them (九年义务教育巩固率 = 初中毕业班学生数 ÷
 * 该年级入学时的学生数: J3 in t over P1 in t − 8). A proxy when the published rate counts
 * graduates and adjusts entrants for normal transfers (含正常流动生); pupils in J3 stand for its
 * graduates.
 *
 * @param grades - pupils per grade (`pupilRecords(forecast)` with the history)
 * @throws RangeError when a grade is not in the system or `lastGrade` comes before `firstGrade`
 * @example
 * ```ts
 * const g = (grade: string, year: number, pupils: number) => ({ area: "a", year, grade, stage: "x", pupils, kind: "actual" as const, basis: "reported" as const });
 * retentionRates([g("P1", 2012, 1000), g("J3", 2020, 970)], chinaSchoolSystem, "P1", "J3")[0].rate // 0.97
 * ```
 */
export function retentionRates(grades: readonly PupilRecord[], system: SchoolSystem, firstGrade: string, lastGrade: string): RetentionRate[] {
  const ix = indexSystem(system);
  const f = ix.gradeById.get(firstGrade);
  const l = ix.gradeById.get(lastGrade);
  if (!f || !l) throw new RangeError(`retentionRates: ${!f ? firstGrade : lastGrade} is not a grade of the ${system.id} system`);
  const k = l.index - f.index;
  if (k < 0) throw new RangeError(`retentionRates: ${lastGrade} comes before ${firstGrade}`);
  const first = new Map<string, PupilRecord>();
  for (const r of grades) if (r.grade === firstGrade) first.set(`${r.area}\u0000${r.year}`, r);
  const out: RetentionRate[] = [];
  for (const r of grades) {
    if (r.grade !== lastGrade) continue;
    const e = first.get(`${r.area}\u0000${r.year - k}`);
    if (!e) continue;
    out.push({
      area: r.area,
      year: r.year,
      firstGrade,
      lastGrade,
      entryYear: r.year - k,
      entrants: e.pupils,
      leavers: r.pupils,
      rate: e.pupils > 0 ? r.pupils / e.pupils : null,
      kind: r.kind === "forecast" || e.kind === "forecast" ? "forecast" : "actual",
      basis: r.basis === "estimate" || e.basis === "estimate" ? "estimate" : "reported",
    });
  }
  return out.sort((p, q) => (p.area < q.area ? -1 : p.area > q.area ? 1 : p.year - q.year));
}
