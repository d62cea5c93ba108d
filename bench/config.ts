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

/**
 * The library's defaults as of this writing (`fitModel` with no options): progression and entry
 * ratios by simple exponential smoothing with alpha 0.5 over the whole history, births after the
 * last known year held at the last value. Given explicitly so that a change of defaults cannot
 * silently part the typed forecast from the naive one.
 */
export const MODEL_OPTIONS = {
  progression: { method: "ses", alpha: 0.5 },
  entry: { method: "ses", alpha: 0.5 },
  births: { method: "last" },
} as const;

/** The earlier default, mean of the last 3 ratios; the naive reference computes it too. */
export const MEAN_OPTIONS = {
  progression: { method: "mean", years: 3 },
  entry: { method: "mean", years: 3 },
  births: { method: "last" },
} as const;
