import type { StageRecord } from "../cohort/records.js";
import { DatasetError, issue, show, type DataIssue } from "../data/issues.js";
import type { ClassSizeBand } from "../domain/schoolSystem.js";
import { note, type Note } from "../domain/notes.js";
import { sourced, type Label, type Sourced } from "../domain/sourced.js";
import { bandsForStage, indexSystem } from "../domain/systemIndex.js";
import { organiseClasses, type ClassOrganisation, type EvenSpread } from "./classes.js";
import { AssessBit, placeFlagBits } from "./flags.js";
import { eliminateFrom, stageStandard, type StandardClassSizes } from "./rules.js";
import { capacitySchedule, type CapacityInput, type CapacitySchedule, type PlacesTotal, type SectorKey } from "./schedule.js";

/** Thresholds of the place flags, each with its source. */
export interface CapacityRules {
  /**
   * Headroom (spare places as a share of places) below this is flagged `low-headroom`.
   * @defaultValue 0.05 (`defaultCapacityRules.headroomMargin`)
   */
  readonly headroomMargin?: Sourced<number>;
  /**
   * Utilisation (pupils / places) below this is flagged `surplus-risk`.
   * @defaultValue 0.8 (`defaultCapacityRules.utilisationFloor`)
   */
  readonly utilisationFloor?: Sourced<number>;
}

/**
 * The default place-flag thresholds. Neither is set by a Chinese regulation: both are placecast
 * defaults following common school place-planning conventions, to be replaced by the planner's
 * own rules (pass `headroomMargin` / `utilisationFloor` with their source).
 */
export const defaultCapacityRules: Required<CapacityRules> = Object.freeze({
  headroomMargin: sourced(
    0.05,
    "placecast default: a 5% operating margin of spare places, a common place-planning convention (e.g. English local authorities' working margin for parental choice and in-year moves); not a regulation — set your own",
  ),
  utilisationFloor: sourced(
    0.8,
    "placecast default: places less than 80% used are reported as at risk of standing empty; a planning convention, not a regulation — set your own",
  ),
});

/** Options of `assessCapacity`. */
export interface AssessOptions extends CapacityRules {
  /** Standard class sizes per stage, overriding the system's. */
  readonly standardClassSizes?: StandardClassSizes;
  /** Sectors whose places count (when the supply is given as records); all when absent. */
  readonly sectors?: readonly SectorKey[];
  /**
   * Id of the class-size band whose classes must be eliminated: classes of the band's minimum
   * or more (China: `"large"`, 56+). Stages without the band get no "no-large" figures.
   * @defaultValue the system's `eliminateBand` (China: `"large"`); none when the system has none
   */
  readonly eliminateBand?: string;
  /**
   * What to do with pupils for which no places are known: `"error"` throws a `DatasetError`
   * listing them; `"skip"` leaves them out of the assessment.
   * @defaultValue "error"
   */
  readonly missingPlaces?: "error" | "skip";
}

/** A flag on an assessment row, with its reason as a coded note (`renderNote` reads it in English and Chinese). */
export interface CapacityFlag {
  /** `shortfall`, `low-headroom`, `surplus-risk`, or a class-size band id (`oversized`, `large`, `super-large`). */
  readonly code: string;
  readonly kind: "places" | "class-size";
  /**
   * Why the flag is raised, with its figures: codes `flags.shortfall`, `flags.low-headroom`,
   * `flags.surplus-risk`, `flags.band`, `flags.band-no-classes`, and on aggregate rows
   * `flags.shortfall-in-parts`, `flags.band-in-parts`.
   */
  readonly reason: Note;
  /** The rule behind the flag: the threshold's source or the band's. */
  readonly source: string;
  /** For class-size flags: the band's minimum size and label. */
  readonly band?: { readonly min: number; readonly label: Label };
}

/** The class-organisation figures an assessment row carries, as `organiseClasses` gives them. */
type AssessedClasses = Pick<
  ClassOrganisation,
  | "classesAvailable"
  | "standardClassSize"
  | "spread"
  | "averageClassSize"
  | "largestClassSize"
  | "bandCounts"
  | "atOrAbove"
  | "classesNeeded"
  | "extraClassesForStandard"
  | "placesForStandard"
  | "classesToEliminate"
  | "extraClassesNoLarge"
  | "placesNoLarge"
>;

/**
 * Places against pupils for one stage of one area in one school year, with the class
 * organisation of `organiseClasses` (on an aggregate row from `sumAssessments`, `spread` is null
 * and `largestClassSize` is the largest of the parts).
 */
export interface Assessment extends AssessedClasses {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  /** Pupils (forecast or actual), not rounded. */
  readonly pupils: number;
  readonly kind: "actual" | "forecast";
  /** `estimate` when the pupils or the places rest on estimated figures. */
  readonly basis: "reported" | "estimate";
  readonly places: number;
  /** places − pupils; negative is a shortfall. */
  readonly surplus: number;
  /** pupils / places; null when there are no places. */
  readonly utilisation: number | null;
  /** surplus / places (a share, negative in a shortfall); null when there are no places. */
  readonly headroom: number | null;
  /** Whole pupils used for class counts (`wholePupils`). */
  readonly pupilsOrganised: number;
  /** True when some classes were derived from places (⌊places / standard⌋). */
  readonly classesDerived: boolean;
  /** The smallest class size to eliminate (56); null without the rule. */
  readonly eliminateFrom: number | null;
  /**
   * The class-organisation assumption behind the class counts, stated per row as a coded note:
   * `flags.assumption.even-spread`, `flags.assumption.no-classes`, `flags.assumption.sum`.
   */
  readonly assumption: Note;
  readonly flags: readonly CapacityFlag[];
  /** Areas summed into an aggregate row (`sumAssessments`); absent on area rows. */
  readonly parts?: readonly string[];
}

/**
 * Holds pupils against places for every area × stage × year of `pupils`: surplus, utilisation,
 * headroom, even-spread classes with band counts, the classes and places needed for the standard
 * size and for no class of 56 or more, and flags with readable reasons.
 *
 * Formulas (n pupils, P places, c classes available, s standard size, see `organiseClasses`):
 * - surplus = P − n; utilisation = n / P; headroom = (P − n) / P (null when P = 0);
 * - flags: `shortfall` when n > P; `low-headroom` when 0 ≤ headroom < margin; `surplus-risk`
 *   when utilisation < floor; one class-size flag per band of the stage (`bandsForStage`) when
 *   some class has the band's minimum or more (China: `oversized` from the stage standard + 1,
 *   46+ in primary and 51+ in junior and senior; 56+ `large` 大班额; 66+ `super-large`
 *   超大班额), or pupils have no class at all. Reasons are coded notes (`flags.…`, `renderNote`).
 * Class counts assume pupils spread as evenly as the classes allow (stated in `assumption`), on
 * pupils rounded to whole pupils for this purpose only; nothing else is rounded.
 *
 * Sources: bands and standards from the school system (GB 50099-2011, 教育部 2018 大班额 bands);
 * margin and floor from `defaultCapacityRules` unless given.
 *
 * @param pupils - stage records (`stageTotals(forecast)`), one per area × stage × year
 * @param supply - a `CapacitySchedule`, or validated records (a `Dataset`) to build one over the pupils' years
 * @returns one row per pupil row with places known, and (`notes`) the places schedule's notes
 * @throws DatasetError listing every pupil row that is invalid (negative, not finite, unknown
 *   stage, duplicate) or, unless `missingPlaces: "skip"`, has no places known
 * @throws RangeError on invalid options
 * @example
 * ```ts
 * const fc = forecast(fitModel(ds), { to: 2030 });
 * const rows = assessCapacity(stageTotals(fc), ds);
 * rows.filter((r) => r.flags.some((f) => f.code === "large")) // classes of 56+
 * ```
 */
export function assessCapacity(pupils: readonly StageRecord[], supply: CapacitySchedule | CapacityInput, options: AssessOptions = {}): AssessmentRows {
  const rules = resolveRules(options);
  const system = supply.system;
  const ix = indexSystem(system);
  const issues: DataIssue[] = [];
  // Keyed by area, stage and year in nested maps: no string key is built per row.
  const seen = new CellMap<number>();
  const valid: StageRecord[] = [];
  pupils.forEach((r, i) => {
    const where = (): string => `pupils[${i}] (area ${r.area}, stage ${r.stage}, year ${r.year})`;
    if (!ix.stageById.has(r.stage)) {
      issues.push(issue("unknown_stage", ["pupils", i, "stage"], `${where()}: stage ${show(r.stage)} is not a stage of the ${system.id} system (${ix.stageIds.join(", ")})`));
      return;
    }
    if (typeof r.pupils !== "number" || !Number.isFinite(r.pupils) || r.pupils < 0) {
      issues.push(issue("invalid_value", ["pupils", i, "pupils"], `${where()}: pupils must be a finite non-negative number, got ${show(r.pupils)}`));
      return;
    }
    if (!Number.isInteger(r.year)) {
      issues.push(issue("invalid_value", ["pupils", i, "year"], `${where()}: year must be an integer school year, got ${show(r.year)}`));
      return;
    }
    const prev = seen.get(r.area, r.stage, r.year);
    if (prev !== undefined) {
      issues.push(issue("duplicate", ["pupils", i], `${where()}: duplicates pupils[${prev}]; give one row per area, stage and year`));
      return;
    }
    seen.set(r.area, r.stage, r.year, i);
    valid.push(r);
  });
  if (issues.length) throw new DatasetError(issues);

  let schedule: CapacitySchedule;
  if ("totals" in supply) schedule = supply;
  else {
    // A loop, not Math.min(...years): a national run has ~10^5 rows, beyond the argument limit.
    let from = Infinity;
    let to = -Infinity;
    for (const r of valid) {
      if (r.year < from) from = r.year;
      if (r.year > to) to = r.year;
    }
    schedule = capacitySchedule(supply, {
      ...(valid.length ? { from, to } : {}),
      ...(options.standardClassSizes ? { standardClassSizes: options.standardClassSizes } : {}),
      ...(options.sectors ? { sectors: options.sectors } : {}),
    });
  }
  const totals = new CellMap<PlacesTotal>();
  for (const t of schedule.totals) totals.set(t.area, t.stage, t.year, t);
  const standards = options.standardClassSizes ?? schedule.standardClassSizes;
  const band = options.eliminateBand ?? system.eliminateBand?.value;
  // The rules of each stage, looked up once per stage rather than once per row.
  const stageRules = new Map<string, { bands: readonly ClassSizeBand[]; standard: number; elim: number | undefined }>();
  const rulesOf = (stage: string): { bands: readonly ClassSizeBand[]; standard: number; elim: number | undefined } => {
    let sr = stageRules.get(stage);
    if (!sr) stageRules.set(stage, (sr = { bands: bandsForStage(system, stage), standard: stageStandard(system, stage, standards).value, elim: eliminateFrom(system, stage, band) }));
    return sr;
  };

  const out: Assessment[] = [];
  valid.forEach((r) => {
    const t = totals.get(r.area, r.stage, r.year);
    if (!t) {
      if (options.missingPlaces !== "skip") {
        const i = seen.get(r.area, r.stage, r.year)!;
        issues.push(issue("missing_record", ["pupils", i], `area ${r.area}, stage ${r.stage}, year ${r.year}: pupils are given but no places are known; give a capacity record for ${r.area} ${r.stage} in or before ${r.year}, or pass missingPlaces: "skip"`));
      }
      return;
    }
    const sr = rulesOf(r.stage);
    out.push(assessOne(r, t, sr.bands, sr.standard, sr.elim, rules));
  });
  if (issues.length) throw new DatasetError(issues);
  // The schedule's notes travel with the rows (not enumerable: the rows stay a plain list to
  // compare, copy and serialise).
  Object.defineProperty(out, "notes", { value: schedule.notes, enumerable: false });
  return out as AssessmentRows;
}

/**
 * What `assessCapacity` returns: the assessment rows, carrying the notes of the places schedule
 * they were assessed against (`CapacitySchedule.notes`: planned records not scheduled, removals
 * held at 0, …) as a non-enumerable `notes` property, so that no note is lost between the
 * schedule and the caller's outputs. Copies of the list (`filter`, spread) do not carry it.
 */
export type AssessmentRows = Assessment[] & { readonly notes: readonly Note[] };

/** Values keyed by (area, stage, year) in nested maps. */
class CellMap<T> {
  private readonly m = new Map<string, Map<string, Map<number, T>>>();
  get(area: string, stage: string, year: number): T | undefined {
    return this.m.get(area)?.get(stage)?.get(year);
  }
  set(area: string, stage: string, year: number, v: T): void {
    let a = this.m.get(area);
    if (!a) this.m.set(area, (a = new Map()));
    let s = a.get(stage);
    if (!s) a.set(stage, (s = new Map()));
    s.set(year, v);
  }
}

function resolveRules(o: CapacityRules): Required<CapacityRules> {
  const margin = o.headroomMargin ?? defaultCapacityRules.headroomMargin;
  const floor = o.utilisationFloor ?? defaultCapacityRules.utilisationFloor;
  if (!(Number.isFinite(margin.value) && margin.value >= 0 && margin.value < 1)) throw new RangeError(`headroomMargin must be a share in [0, 1), got ${margin.value}`);
  if (!(Number.isFinite(floor.value) && floor.value >= 0 && floor.value <= 1)) throw new RangeError(`utilisationFloor must be a share in [0, 1], got ${floor.value}`);
  return { headroomMargin: margin, utilisationFloor: floor };
}

function assessOne(
  r: StageRecord,
  t: PlacesTotal,
  bands: readonly ClassSizeBand[],
  standard: number,
  elim: number | undefined,
  rules: Required<CapacityRules>,
): Assessment {
  const o = organiseClasses({ pupils: r.pupils, classes: t.classes, standardClassSize: standard, bands, ...(elim !== undefined ? { eliminateFrom: elim } : {}) });
  const places = t.places;
  const flags: CapacityFlag[] = [...placeFlags(r.pupils, places, rules)];
  for (const b of bands) {
    if (!o.breaches[b.id]) continue;
    flags.push(bandFlag(b, o.atOrAbove[b.id] ?? 0, o.pupils, o.classesAvailable, o.largestClassSize));
  }
  return {
    area: r.area,
    stage: r.stage,
    year: r.year,
    pupils: r.pupils,
    kind: r.kind,
    basis: r.basis === "estimate" || t.basis === "estimate" ? "estimate" : "reported",
    places,
    surplus: places - r.pupils,
    utilisation: places > 0 ? r.pupils / places : null,
    headroom: places > 0 ? (places - r.pupils) / places : null,
    pupilsOrganised: o.pupils,
    classesAvailable: o.classesAvailable,
    classesDerived: t.classesDerived,
    standardClassSize: standard,
    spread: o.spread,
    averageClassSize: o.averageClassSize,
    largestClassSize: o.largestClassSize,
    bandCounts: o.bandCounts,
    atOrAbove: o.atOrAbove,
    classesNeeded: o.classesNeeded,
    extraClassesForStandard: o.extraClassesForStandard,
    placesForStandard: o.placesForStandard,
    eliminateFrom: elim ?? null,
    classesToEliminate: o.classesToEliminate,
    extraClassesNoLarge: o.extraClassesNoLarge,
    placesNoLarge: o.placesNoLarge,
    assumption: assumptionNote(o.pupils, o.spread, o.classesAvailable, t.classesDerived, standard),
    flags,
  };
}

function placeFlags(pupils: number, places: number, rules: Required<CapacityRules>): CapacityFlag[] {
  const flags: CapacityFlag[] = [];
  const surplus = places - pupils;
  const bits = placeFlagBits(pupils, places, rules.headroomMargin.value, rules.utilisationFloor.value);
  if (bits & AssessBit.shortfall) {
    flags.push({ code: "shortfall", kind: "places", reason: note("flags.shortfall", { short: -surplus, pupils, places }), source: "surplus = places − pupils < 0" });
  } else if (bits & AssessBit.lowHeadroom) {
    flags.push({
      code: "low-headroom",
      kind: "places",
      reason: note("flags.low-headroom", { headroom: surplus / places, margin: rules.headroomMargin.value, spare: surplus, pupils }),
      source: rules.headroomMargin.source,
    });
  }
  if (bits & AssessBit.surplusRisk) {
    flags.push({
      code: "surplus-risk",
      kind: "places",
      reason: note("flags.surplus-risk", { utilisation: pupils / places, floor: rules.utilisationFloor.value, empty: surplus, places }),
      source: rules.utilisationFloor.source,
    });
  }
  return flags;
}

function bandFlag(b: ClassSizeBand, count: number, n: number, c: number, largest: number | null): CapacityFlag {
  const band = { band: b.id, labelEn: b.label.en, labelZh: b.label.zh ?? b.label.en, min: b.min, max: b.max ?? null };
  return {
    code: b.id,
    kind: "class-size",
    reason: c === 0 ? note("flags.band-no-classes", { ...band, pupils: n }) : note("flags.band", { ...band, count, classes: c, pupils: n, largest }),
    source: b.source,
    band: { min: b.min, label: b.label },
  };
}

function assumptionNote(n: number, spread: EvenSpread | null, c: number, derived: boolean, s: number): Note {
  if (!spread) return note("flags.assumption.no-classes", { pupils: n, derived, standard: s });
  return note("flags.assumption.even-spread", {
    pupils: n,
    classes: c,
    largeClasses: spread.largeClasses,
    largeSize: spread.largeSize,
    smallClasses: spread.smallClasses,
    smallSize: spread.smallSize,
    derived,
    standard: s,
  });
}

/**
 * Sums assessment rows over areas into one row per stage and year, labelled `area` (a city
 * total from its counties). The aggregate is the sum of its parts: pupils, places, surplus,
 * classes, band counts and the classes and places needed are sums; utilisation and headroom are
 * recomputed from the sums and the place flags with them; a class-size flag is raised when any
 * part has it (class sizes are not averaged across areas), with the areas named.
 *
 * @param rows - assessment rows of the areas to sum (filter them first)
 * @param area - the label of the aggregate, e.g. `"yangjiang"`
 * @throws RangeError on invalid rules
 * @example
 * ```ts
 * const city = sumAssessments(rows.filter((r) => r.area !== "yangjiang"), "yangjiang");
 * ```
 */
export function sumAssessments(rows: readonly Assessment[], area: string, rules: CapacityRules = {}): Assessment[] {
  const rr = resolveRules(rules);
  const groups = new Map<string, Assessment[]>();
  for (const r of rows) {
    const k = `${r.stage}\u0000${r.year}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const out: Assessment[] = [];
  for (const parts of groups.values()) {
    const first = parts[0]!;
    const sum = (f: (a: Assessment) => number): number => parts.reduce((s, p) => s + f(p), 0);
    const sumNull = (f: (a: Assessment) => number | null): number | null => (parts.every((p) => f(p) === null) ? null : parts.reduce((s, p) => s + (f(p) ?? 0), 0));
    const addRec = (f: (a: Assessment) => Readonly<Record<string, number>>): Record<string, number> => {
      const m: Record<string, number> = {};
      for (const p of parts) for (const [k, v] of Object.entries(f(p))) m[k] = (m[k] ?? 0) + v;
      return m;
    };
    const pupils = sum((p) => p.pupils);
    const places = sum((p) => p.places);
    const n = sum((p) => p.pupilsOrganised);
    const c = sum((p) => p.classesAvailable);
    const largest = parts.reduce<number | null>((m, p) => (p.largestClassSize === null ? m : m === null ? p.largestClassSize : Math.max(m, p.largestClassSize)), null);
    const atOrAbove = addRec((p) => p.atOrAbove);
    const flags: CapacityFlag[] = [...placeFlags(pupils, places, rr)];
    const short = parts.filter((p) => p.surplus < 0).map((p) => p.area);
    if (short.length && !flags.some((f) => f.code === "shortfall")) {
      flags.unshift({
        code: "shortfall",
        kind: "places",
        reason: note("flags.shortfall-in-parts", { areas: short, of: parts.length, short: -sum((p) => Math.min(0, p.surplus)) }),
        source: "surplus = places − pupils < 0 in some part",
      });
    }
    const bandIds: string[] = [];
    for (const p of parts) for (const f of p.flags) if (f.kind === "class-size" && !bandIds.includes(f.code)) bandIds.push(f.code);
    for (const id of bandIds) {
      const where = parts.filter((p) => p.flags.some((f) => f.code === id)).map((p) => p.area);
      const f0 = parts.flatMap((p) => p.flags).find((f) => f.code === id)!;
      flags.push({
        code: id,
        kind: "class-size",
        reason: note("flags.band-in-parts", {
          band: id,
          labelEn: f0.band?.label.en ?? id,
          labelZh: f0.band?.label.zh ?? f0.band?.label.en ?? id,
          // The parts' minimums: one number when the areas share the band's range.
          min: [...new Set(parts.flatMap((p) => p.flags.filter((f) => f.code === id && f.band).map((f) => f.band!.min)))],
          count: atOrAbove[id] ?? 0,
          areas: where,
          of: parts.length,
        }),
        source: f0.source,
        ...(f0.band ? { band: f0.band } : {}),
      });
    }
    out.push({
      area,
      stage: first.stage,
      year: first.year,
      pupils,
      kind: parts.some((p) => p.kind === "forecast") ? "forecast" : "actual",
      basis: parts.some((p) => p.basis === "estimate") ? "estimate" : "reported",
      places,
      surplus: sum((p) => p.surplus),
      utilisation: places > 0 ? pupils / places : null,
      headroom: places > 0 ? (places - pupils) / places : null,
      pupilsOrganised: n,
      classesAvailable: c,
      classesDerived: parts.some((p) => p.classesDerived),
      standardClassSize: first.standardClassSize,
      spread: null,
      averageClassSize: c > 0 ? n / c : null,
      largestClassSize: largest,
      bandCounts: addRec((p) => p.bandCounts),
      atOrAbove,
      classesNeeded: sum((p) => p.classesNeeded),
      extraClassesForStandard: sum((p) => p.extraClassesForStandard),
      placesForStandard: sum((p) => p.placesForStandard),
      eliminateFrom: first.eliminateFrom,
      classesToEliminate: sumNull((p) => p.classesToEliminate),
      extraClassesNoLarge: sumNull((p) => p.extraClassesNoLarge),
      placesNoLarge: sumNull((p) => p.placesNoLarge),
      assumption: note("flags.assumption.sum", { areas: parts.length }),
      flags,
      parts: parts.map((p) => p.area),
    });
  }
  return out;
}
