/**
 * The benchmark configuration: sizes, horizons and the model options the naive reference
 * reproduces. Model options are given explicitly (they equal `fitModel`'s defaults at the time of
 * writing) so that the naive reference computes the same forecast even if the defaults change.
 */
export const NATIONAL_AREAS = 2844;
export const HISTORY_YEARS = 10;
export const BASE_YEAR = 2020;
/** +15 years. */
export const TO = BASE_YEAR + 15;
export const SEED = 2844;
export const DRAWS = 1000;

/** Mean of the last 3 ratios (progression and entry), births after the last known year held at the last value. */
export const MODEL_OPTIONS = {
  progression: { method: "mean", years: 3 },
  entry: { method: "mean", years: 3 },
  births: { method: "last" },
} as const;
