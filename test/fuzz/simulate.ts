import type { CohortModel } from "../../src/cohort/model.js";
import type { Dataset } from "../../src/data/dataset.js";
import { simulate, type Simulation } from "../../src/uncertainty/simulate.js";

/**
 * The one place the fuzz suite calls `simulate` (its options are changing): draws and a seed
 * to a year, with the dataset's capacity and planned places of the forecast areas.
 */
export function fuzzSimulate(model: CohortModel, ds: Dataset, o: { readonly draws: number; readonly seed: number; readonly to: number }): Simulation {
  const areas = new Set(model.cube.areas);
  const places = (ds.capacity ?? []).filter((r) => areas.has(r.area));
  const planned = (ds.plannedPlaces ?? []).filter((r) => areas.has(r.area));
  return simulate(model, { draws: o.draws, seed: o.seed, to: o.to, ...(places.length ? { places, planned } : {}) });
}
