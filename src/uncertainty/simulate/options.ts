import type { CapacityInput, CapacitySchedule } from "../../capacity/schedule.js";
import type { CohortModel } from "../../cohort/model.js";
import { note, type Note } from "../../domain/notes.js";
import type { HousingForecast } from "../../housing/forecast.js";
import type { SimulatedPaths } from "./paths.js";
import type { SimulateTotals } from "./totals.js";

/** Sources of uncertainty, each on (`true`) unless switched off. */
export interface SimulationSources {
  /**
   * Progression and entry ratios (and entry levels) resampled from their history by whole years.
   * The error of history year y is the one-step-ahead error of the grade's own ratio method,
   * e_y = ln(r_y / r̂_y), r̂_y fitted to the ratios before y; errors are centred on their mean so
   * that the central forecast stays the deterministic one.
   *
   * Under `ratioErrors: "walk"` (the default) the simulated ratio h years ahead is
   * r̂(h) · exp(λ e[u_P] + ρ (e[w₁] + … + e[w_h]) + ν e[u_h]): a level error drawn once per path,
   * a random walk with one step drawn per year, and a fresh error per year. The shares λ², ρ², ν²
   * (summing to 1, so one year ahead the error has the resampled errors' spread and h years
   * ahead 1 + (h − 1) ρ² times its variance) are fitted per kind of ratio (progression, entry,
   * level) to the errors the model's own methods made 1–5 years ahead from every origin of the
   * history, pooled over areas and grades: E[e_h e_k] = L + q · min(h, k) + ε · [h = k]
   * (`errorModel.ts`); where fewer than 30 pairs of one- and two-year-ahead errors exist, the
   * growth cannot be measured and λ = ν = √½, ρ = 0 (no growth; squares summing to 1 as for a
   * fitted set). A grade uses its own errors when it has 5 or more, else those of the same grade
   * pooled over the areas with the same fill; the centred errors are scaled so that their mean
   * square is that of the raw errors (the method's mean squared one-year-ahead error, bias
   * included: `meanSquareScaled`).
   * Under `"one-step"`: r̂(h) · exp(e[u_P] + e[u_h]) at every horizon, own errors from 3.
   *
   * For each area and draw, one uniform u_P is drawn for the whole path and one u_h (and w_h)
   * per year ahead; every grade g takes the errors of rank ⌊u · n_g⌋ of its list (the same
   * history year when the lists cover the same years, so grades move together as they did in
   * that year); a list of more than 64 errors (pooled over areas) is read as exp(λ e[u_P]) ·
   * exp(ν e[u_h]), the same within rounding, so that no n² table is built. Measured on
   * rolling-origin backtests (`npm run accuracy`, docs/accuracy.md), the 80% intervals of the
   * default held 81.6–84.9% of the actual stage totals at each horizon 1–5 on US states and
   * 78.8–84.4% on Connecticut districts, the 95% intervals 91.4–94.5% and 90.7–93.0%.
   * @defaultValue true
   */
  readonly ratios?: boolean;
  /**
   * Births beyond the known years (projected by the model's births method) multiplied by
   * exp(σ Sₖ), Sₖ = z₁ + … + zₖ a Gaussian random walk over the k years past the last known
   * year, so the log error has sd σ√k. σ is the standard deviation of the year-on-year log
   * changes ln(bₜ / bₜ₋₁) of the births area's known series. One path per births area and draw,
   * shared by every area whose entry uses that area's births. Known and scenario births are
   * not perturbed.
   * @defaultValue true
   */
  readonly births?: boolean;
  /** Housing pupils (`SimulateOptions.housing`) arriving late by whole developments (`SlipOptions`). @defaultValue true */
  readonly housing?: boolean;
  /** Planned openings (`SimulateOptions.supply`) opening late by whole projects (`SlipOptions`). @defaultValue true */
  readonly places?: boolean;
}

/**
 * Delay of a project: with probability p it slips a year, then again with probability p, … up
 * to `maxYears` (a geometric delay, capped). The default p is an assumption, not a measured
 * rate: set it from local delivery records.
 */
export interface SlipOptions {
  /** Probability of each further year of delay, in [0, 1]. @defaultValue 0.25 */
  readonly probability?: number;
  /** Longest delay in years. @defaultValue 3 */
  readonly maxYears?: number;
}

/**
 * How resampled ratio errors grow with the years ahead (`SimulateOptions.ratioErrors`):
 * - `"walk"`: a level error, a random walk and a fresh error, their shares fitted to the errors
 *   the model's ratio methods made 1–5 years ahead in the history (`SimulationSources.ratios`);
 * - `"one-step"`: a level error plus a fresh error, each with the one-step errors' spread, at
 *   every horizon (the model before the growth was estimated).
 */
export type RatioErrorModel = "walk" | "one-step";

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Number of simulated paths, an integer ≥ 1. */
  readonly draws: number;
  /** Seed of the generator (`rng`); the same seed gives the same numbers, on any engine and machine. */
  readonly seed: number;
  /** Last school year simulated (inclusive), ≥ the model's base year. */
  readonly to: number;
  readonly sources?: SimulationSources;
  /** How ratio errors grow with the years ahead (`RatioErrorModel`). @defaultValue "walk" */
  readonly ratioErrors?: RatioErrorModel;
  /** Probabilities of the reported quantiles, each in [0, 1]. @defaultValue [0.1, 0.5, 0.9] */
  readonly quantiles?: readonly number[];
  /**
   * The places: a `CapacitySchedule` (`capacitySchedule(ds)`), or validated records (a `Dataset`:
   * its `capacity` and `plannedPlaces`) to build one, exactly as `assessCapacity` takes them.
   * Places follow the schedule's rules (`capacitySchedule`); planned openings after every
   * capacity record may slip (`placesSlip`), the rules then applying to the moved year. Without
   * it, no surplus is reported.
   */
  readonly supply?: CapacitySchedule | CapacityInput;
  /**
   * Housing pupils (`forecastWithHousing` of the same dataset, to `to` or later), added to the
   * cohort forecast; each project (`housingProjects`) slips as a whole (`housingSlip`).
   */
  readonly housing?: HousingForecast;
  /**
   * What slips as one housing project: each development (an area's rows without a development
   * id count as one), or each area's whole housing pipeline (a delivery programme run as one).
   * @defaultValue "development"
   */
  readonly housingProjects?: "development" | "area";
  /** Delay of housing projects. */
  readonly housingSlip?: SlipOptions;
  /** Delay of planned openings. */
  readonly placesSlip?: SlipOptions;
  /**
   * Simulate only these areas (ids of the model's cube), e.g. one share of the areas per worker
   * thread. Each area's rows are the same as in a run over all areas (its random streams are
   * keyed by its id), so the rows of disjoint subsets, concatenated in area order, equal the full
   * run's rows. An id that is not an area of the model is a RangeError. The supply and housing
   * of other areas are skipped, so one county of a national model can be simulated on its own
   * at little cost beyond its own draws.
   * @defaultValue every area
   */
  readonly areas?: readonly string[];
  /** Sums simulated per path beside the stage rows: all grades, stage groups, every containing area (`SimulateTotals`). @defaultValue stage rows only */
  readonly totals?: SimulateTotals;
  /** Keep every row's paths (`Simulation.paths`, draw-major); memory 16 bytes × draws × years per row. @defaultValue false */
  readonly paths?: boolean;
}

/** Simulated pupils (and places) of one stage of an area in one forecast year. */
export interface SimulationRow {
  readonly area: string;
  readonly stage: string;
  readonly year: number;
  /** The deterministic forecast (every source off), housing pupils on schedule included. */
  readonly forecast: number;
  /** Mean over draws. */
  readonly mean: number;
  /** Quantiles of pupils, in the order of `Simulation.quantiles`. */
  readonly pupils: readonly number[];
  /** Places on schedule (no delay): the schedule's total for the cell; absent when no places are known. */
  readonly places?: number;
  /** Quantiles of surplus = places − pupils (negative: shortfall). */
  readonly surplus?: readonly number[];
  /** Share of draws with pupils > places. */
  readonly pShortfall?: number;
  /**
   * Per class-size band of the stage (the system's bands, by id): the share of draws with a
   * class at or above the band's minimum under an even spread (`reachesBand`: ⌈n / c⌉ ≥ min, n
   * the pupils rounded to whole pupils and c the classes; n > 0 with no class counts).
   */
  readonly pBands?: Readonly<Record<string, number>>;
}

/** What `simulate` returns. */
export interface Simulation {
  readonly draws: number;
  readonly seed: number;
  readonly to: number;
  readonly quantiles: readonly number[];
  readonly sources: Required<SimulationSources>;
  /** One row per area × taught stage × forecast year (base + 1 … to), each area's sum rows (`totals`) after its stage rows, containing areas last. */
  readonly rows: readonly SimulationRow[];
  /**
   * Assumptions applied and records not simulated, as coded notes (texts in
   * `report/notes/supply.ts`): default slip probabilities (`simulate.default-slip`), places of
   * areas with nothing forecast in them (`simulate.area-not-forecast`) or of containing areas
   * whose parts a run leaves out (`simulate.parts-left-out`), and the places schedule's notes
   * when `simulate` built it from records (`schedule.*`).
   */
  readonly notes: readonly Note[];
  /** The paths of every row's cell, in row order (`SimulateOptions.paths`); absent unless asked for. */
  readonly paths?: SimulatedPaths;
}

/** A slip rule with its defaults filled in. */
export interface Slip {
  readonly probability: number;
  readonly maxYears: number;
}

/** `SimulateOptions` checked, with defaults filled in. */
export interface Resolved {
  readonly draws: number;
  readonly seed: number;
  /** The seed as an unsigned 32-bit integer (the generator's). */
  readonly seed32: number;
  readonly to: number;
  /** Years simulated after the base year. */
  readonly horizon: number;
  readonly quantiles: readonly number[];
  readonly sources: Required<SimulationSources>;
  readonly ratioErrors: RatioErrorModel;
  readonly housingSlip: Slip;
  readonly placesSlip: Slip;
}

/** The default delay rule of projects: an assumption (`SlipOptions`). */
export const DEFAULT_SLIP: Slip = Object.freeze({ probability: 0.25, maxYears: 3 });

function resolveSlip(s: SlipOptions | undefined, what: string): Slip {
  const r = { probability: s?.probability ?? DEFAULT_SLIP.probability, maxYears: s?.maxYears ?? DEFAULT_SLIP.maxYears };
  if (!(r.probability >= 0 && r.probability <= 1)) throw new RangeError(`simulate: ${what}.probability must be in [0, 1], got ${r.probability}`);
  if (!Number.isInteger(r.maxYears) || r.maxYears < 0) throw new RangeError(`simulate: ${what}.maxYears must be an integer ≥ 0, got ${r.maxYears}`);
  return r;
}

/**
 * Checks `simulate`'s options against the model and fills in the defaults.
 *
 * @throws RangeError on draws not an integer ≥ 1, a seed not finite, a `to` before the base year,
 *   quantiles outside [0, 1], slip options out of range, or a housing forecast of another base
 *   year or ending before `to`
 */
export function resolveOptions(model: CohortModel, o: SimulateOptions): Resolved {
  if (!Number.isInteger(o.draws) || o.draws < 1) throw new RangeError(`simulate: draws must be an integer ≥ 1, got ${o.draws}`);
  if (!Number.isFinite(o.seed)) throw new RangeError(`simulate: seed must be a finite number, got ${o.seed}`);
  if (!Number.isInteger(o.to) || o.to < model.baseYear) throw new RangeError(`simulate: to must be an integer school year ≥ the base year ${model.baseYear}, got ${o.to}`);
  const quantiles = [...(o.quantiles ?? [0.1, 0.5, 0.9])];
  for (const p of quantiles) if (!(p >= 0 && p <= 1)) throw new RangeError(`simulate: quantiles must be in [0, 1], got ${p}`);
  if (o.housingProjects !== undefined && o.housingProjects !== "development" && o.housingProjects !== "area") throw new RangeError(`simulate: housingProjects must be "development" or "area", got ${JSON.stringify(o.housingProjects)}`);
  if (o.ratioErrors !== undefined && o.ratioErrors !== "walk" && o.ratioErrors !== "one-step") throw new RangeError(`simulate: ratioErrors must be "walk" or "one-step", got ${JSON.stringify(o.ratioErrors)}`);
  if (o.housing) {
    if (o.housing.baseYear !== model.baseYear) throw new RangeError(`simulate: housing is a forecast from base year ${o.housing.baseYear}, the model's base year is ${model.baseYear}`);
    if (o.housing.to < o.to) throw new RangeError(`simulate: housing is forecast to ${o.housing.to}, before to (${o.to}); forecast it to ${o.to} or later`);
  }
  return {
    draws: o.draws,
    seed: o.seed,
    seed32: Math.trunc(o.seed) >>> 0,
    to: o.to,
    horizon: o.to - model.baseYear,
    quantiles,
    sources: {
      ratios: o.sources?.ratios ?? true,
      births: o.sources?.births ?? true,
      housing: o.sources?.housing ?? true,
      places: o.sources?.places ?? true,
    },
    ratioErrors: o.ratioErrors ?? "walk",
    housingSlip: resolveSlip(o.housingSlip, "housingSlip"),
    placesSlip: resolveSlip(o.placesSlip, "placesSlip"),
  };
}

/** The notes on default slip rules that a run relies on. */
export function slipNotes(o: SimulateOptions, r: Resolved, anyHousing: boolean, anyOpening: boolean): Note[] {
  const out: Note[] = [];
  if (anyHousing && o.housingSlip === undefined && r.sources.housing) out.push(note("simulate.default-slip", { what: "housing", probability: DEFAULT_SLIP.probability, maxYears: DEFAULT_SLIP.maxYears }));
  if (anyOpening && o.placesSlip === undefined && r.sources.places) out.push(note("simulate.default-slip", { what: "places", probability: DEFAULT_SLIP.probability, maxYears: DEFAULT_SLIP.maxYears }));
  return out;
}
