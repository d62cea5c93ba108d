import type { CohortModel } from "../../src/cohort/model.js";
import type { Dataset } from "../../src/data/dataset.js";
import { simulate, type Simulation } from "../../src/uncertainty/simulate/index.js";

/**
 * The one place the fuzz suite calls `simulate`: draws and a seed to a year, with the dataset as
 * supply (the same places schedule the assessment reads; containing areas without enrolment of
 * their own included, simulated as the sum of their parts).
 */
export function fuzzSimulate(model: CohortModel, ds: Dataset, o: { readonly draws: number; readonly seed: number; readonly to: number }): Simulation {
  return simulate(model, { draws: o.draws, seed: o.seed, to: o.to, supply: ds });
}
